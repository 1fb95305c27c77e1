# METADATA
# title: Guangxi — classifying government data for opening (draft)
# description: >-
#   广西政务数据调度管理办法（征求意见稿）: three open types without criteria,
#   bound only by the State Secrets Law and the Government Information
#   Disclosure Regulations (第三十二条); no share classes; changes of a
#   published catalogue need the approval of the big data authority at the
#   same level (第二十一条). A draft: never binding.
package osd.classify.guangxi

import data.osd.classify.lib as clib
import data.osd.lib

reg := "guangxi-scheduling"

p := lib.params(reg)

parts := {"open": clib.open_part(p.classification.open), "share": clib.share_part(null)}

# METADATA
# title: No change of class
# description: The class stays as it is.
# custom:
#   description_zh: 类型不变。
#   basis:
#     - guangxi-scheduling#32
change := clib.change_result(rego.metadata.rule(), true, [], []) if clib.same_class

# METADATA
# title: A change of open type is a change of the published catalogue
# description: >-
#   The draft sets no criteria for the open types beyond the secrecy and
#   disclosure laws; a change of a published catalogue entry needs an
#   application through the same-level sharing platform and the same-level
#   big data authority's approval, answered within 3 working days.
# custom:
#   description_zh: 本办法对开放类型没有规定划分标准（除须遵守保守国家秘密法、政府信息公开条例外）；变更已发布的目录，须通过本级数据共享交换平台提交申请，经本级大数据主管部门审核同意，主管部门在3个工作日内回复。
#   basis:
#     - guangxi-scheduling#21
#     - guangxi-scheduling#32
change := clib.change_result(
	rego.metadata.rule(),
	clib.target_allowed(parts.open),
	[lib.term("catalogue_change_approval", p.change_terms.catalogue_change_approval)],
	[],
) if {
	input.change.kind == "open"
	not clib.same_class
}

# METADATA
# title: The draft has no share classes
# description: Every share request is reviewed; the draft defines no share classes to change.
# custom:
#   description_zh: 本办法未划分共享类型，每一项共享申请都经审核。
#   basis:
#     - guangxi-scheduling#28
change := clib.change_result(rego.metadata.rule(), null, [], []) if {
	input.change.kind == "share"
	not clib.same_class
}

default change := null

notes contains clib.note(reg, "draft_not_binding")

notes contains clib.note(reg, "no_open_criteria") if not parts.open.determined

notes contains clib.note(reg, "no_share_classes")

notes contains clib.note(reg, "no_catalogue_fields")

result := clib.assemble([reg], p, change, notes) if lib.in_force(reg)

else := clib.not_in_force([reg])
