# METADATA
# title: Classification entry point
# description: >-
#   Answers contract §4 for one dataset under one jurisdiction
#   (data.osd.classify.result), or for many datasets at once
#   (data.osd.classify.batch: input.items, each a dataset with the
#   jurisdictions to classify it under), which lets a whole catalogue be
#   classified in few engine calls without repeating each dataset per
#   jurisdiction.
package osd.classify

result := object.union(data.osd.classify.wuxi.result, {"jurisdiction": "wuxi"}) if input.jurisdiction == "wuxi"

result := object.union(data.osd.classify.nanjing.result, {"jurisdiction": "nanjing"}) if input.jurisdiction == "nanjing"

result := object.union(data.osd.classify.qingyang.result, {"jurisdiction": "qingyang"}) if input.jurisdiction == "qingyang"

result := object.union(data.osd.classify.guangxi.result, {"jurisdiction": "guangxi"}) if input.jurisdiction == "guangxi"

result := object.union(data.osd.classify.nanning.result, {"jurisdiction": "nanning"}) if input.jurisdiction == "nanning"

batch := [r |
	some item in input.items
	some j in item.jurisdictions
	r := result with input as {"jurisdiction": j, "as_of": item.as_of, "dataset": item.dataset, "change": item.change}
]

# The batch reduced to what a catalogue row shows (classes, lawfulness,
# problems, missing fields, note codes, refs), so a large catalogue moves
# less between the engine and its caller.
rows := [compact(r) | some r in batch]

compact(r) := {
	"jurisdiction": r.jurisdiction,
	"applies": r.applies,
	"versions": r.versions,
	"open": part(r.open, ["required", "allowed", "declared", "lawful", "problems"]),
	"share": part(r.share, ["stated", "declared", "lawful", "problems"]),
	"change": change_of(r.change),
	"catalogue": part(r.catalogue, ["missing"]),
	"notes": r.notes,
	"basis": r.basis,
}

part(x, keys) := object.filter(x, keys) if is_object(x)

else := null

change_of(null) := null

change_of(c) := {"allowed": c.allowed, "requires": [t.code | some t in c.requires]} if c != null
