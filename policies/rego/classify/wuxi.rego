# METADATA
# title: Wuxi — classifying public data for opening
# description: >-
#   无锡市公共数据开放实施细则: the three open classes by what data is
#   (第七条), the dynamic adjustment of classes (第八条) and the fields of the
#   open catalogue (第十一条). The rules do not govern sharing, so no share
#   class is given.
package osd.classify.wuxi

import data.osd.classify.lib as clib
import data.osd.lib

reg := "wuxi-open"

p := lib.params(reg)

parts := {"open": clib.open_part(p.classification.open), "share": clib.share_part(null)}

terms := p.change_terms

term(key) := lib.timed_term(reg, key, terms[key])

# METADATA
# title: No change of class
# description: The class stays as it is.
# custom:
#   description_zh: 开放类型不变。
#   basis:
#     - wuxi-open#7
change := clib.change_result(rego.metadata.rule(), true, [], []) if clib.same_class

# METADATA
# title: Not open data may move to an open class once processed or with consent
# description: >-
#   Data that is not open may be listed as unconditionally or conditionally
#   open once lawfully processed or with the rights holder's consent; without
#   either the ground for not opening remains.
# custom:
#   description_zh: 不予开放类公共数据经依法处理后，或者相关权利人同意开放的，可以列入无条件开放类或者有条件开放类；否则不予开放的理由仍然存在。
#   basis:
#     - wuxi-open#8.1
change := clib.change_result(rego.metadata.rule(), clib.target_allowed(parts.open), [], []) if {
	input.change.kind == "open"
	input.change.from == "not_open"
	input.change.to in {"conditional", "unconditional"}
}

# METADATA
# title: Conditionally open data moves to the unconditional class when it fits
# description: >-
#   Conditionally open data that an evaluation finds fit for unconditional
#   opening must be moved to the unconditional class without delay.
# custom:
#   description_zh: 有条件开放类公共数据经评估符合无条件开放条件的，应当及时转为无条件开放类。
#   basis:
#     - wuxi-open#8.2
change := clib.change_result(rego.metadata.rule(), clib.target_allowed(parts.open), [term("upgrade_when_fit")], []) if {
	input.change.kind == "open"
	input.change.from == "conditional"
	input.change.to == "unconditional"
}

# METADATA
# title: Unconditionally open data is restricted only for a real need, with a filing
# description: >-
#   A provider may not move unconditionally open data to a more restricted
#   class on its own motion; where security management or a like need truly
#   requires it, the change is filed with the competent department at the
#   same level. A change with no stated need is not allowed.
# custom:
#   description_zh: 公共数据开放主体不得擅自将无条件开放类公共数据转化为有条件开放类、不予开放类；确因安全管理等需要转化的，应当向同级公共数据开放主管部门备案。未说明需要的转化不被允许。
#   basis:
#     - wuxi-open#8.3
change := clib.change_result(rego.metadata.rule(), need_stated, [term("file_with_competent_department")], need_problems) if {
	input.change.kind == "open"
	input.change.from == "unconditional"
	input.change.to in {"conditional", "not_open"}
}

need_stated if {
	not object.get(input.change, "need", null) in {null, ""}
} else := false

need_problems := [] if need_stated

else := ["no_need_stated"]

# METADATA
# title: Conditionally open data moves to not open on review
# description: >-
#   Providers review their data periodically and adjust its class to the
#   facts; conditionally open data may become not open where the text's
#   grounds for not opening apply.
# custom:
#   description_zh: 公共数据开放主体定期评估审查，根据实际情况及时调整开放类型；有条件开放类数据符合不予开放情形的，可以调整为不予开放类。
#   basis:
#     - wuxi-open#8
change := clib.change_result(rego.metadata.rule(), clib.target_allowed(parts.open), [term("periodic_review")], []) if {
	input.change.kind == "open"
	input.change.from == "conditional"
	input.change.to == "not_open"
}

# METADATA
# title: The Wuxi rules have no share classes
# description: The rules govern opening only; a change of share class is not governed by them.
# custom:
#   description_zh: 无锡细则只规定开放，不规定共享类型的调整。
#   basis:
#     - wuxi-open#2
change := clib.change_result(rego.metadata.rule(), null, [], []) if {
	input.change.kind == "share"
	not clib.same_class
}

default change := null

notes contains clib.note(reg, "share_not_governed")

notes contains clib.note(reg, "confidential_reading") if {
	some f in ["state_secret", "work_secret", "trade_secret", "personal_info"]
	f in clib.features
}

notes contains clib.note(reg, "security_risk_not_a_ground") if "security_risk" in clib.features

result := clib.assemble([reg], p, change, notes) if lib.in_force(reg)

else := clib.not_in_force([reg])
