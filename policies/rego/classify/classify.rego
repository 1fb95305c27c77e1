# METADATA
# title: Classification entry point
# description: >-
#   Answers contract §4 for one dataset under one jurisdiction
#   (data.osd.classify.result), or for many items at once
#   (data.osd.classify.batch, input.items), which lets a whole catalogue be
#   classified in few engine calls.
package osd.classify

result := object.union(data.osd.classify.wuxi.result, {"jurisdiction": "wuxi"}) if input.jurisdiction == "wuxi"

result := object.union(data.osd.classify.nanjing.result, {"jurisdiction": "nanjing"}) if input.jurisdiction == "nanjing"

result := object.union(data.osd.classify.qingyang.result, {"jurisdiction": "qingyang"}) if input.jurisdiction == "qingyang"

result := object.union(data.osd.classify.guangxi.result, {"jurisdiction": "guangxi"}) if input.jurisdiction == "guangxi"

result := object.union(data.osd.classify.nanning.result, {"jurisdiction": "nanning"}) if input.jurisdiction == "nanning"

batch := [r | some item in input.items; r := result with input as item]
