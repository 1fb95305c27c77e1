# METADATA
# title: Qingyang — classifying public data resources for opening and sharing
# description: >-
#   庆阳市公共数据资源管理办法（试行）: the open classes (第二十二条), the share
#   classes and the basis that not sharing needs (第十六条), the catalogue's
#   elements and its updates (第八条).
package osd.classify.qingyang

import data.osd.classify.lib as clib
import data.osd.lib

reg := "qingyang-resources"

p := lib.params(reg)

parts := {"open": clib.open_part(p.classification.open), "share": clib.share_part(p.classification.share)}

term(key) := lib.timed_term(reg, key, p.change_terms[key])

share_rule := object.get(p.classification.share, "restriction_needs_legal_basis", null)

share_problems := [x | some x in [clib.basis_problem(share_rule, input.change.to)]; x != null]

# METADATA
# title: No change of class
# description: The class stays as it is.
# custom:
#   description_zh: 类型不变。
#   basis:
#     - qingyang-resources#16
#     - qingyang-resources#22
change := clib.change_result(rego.metadata.rule(), true, [], []) if clib.same_class

# METADATA
# title: A change of open class
# description: >-
#   The new open class must be one the text allows for this data; the text
#   sets no procedure for the change beyond updating the catalogue and
#   reporting it to the big data centre within 15 working days.
# custom:
#   description_zh: 调整后的开放类型须符合本办法对该数据的规定；本办法未规定调整程序，只要求在十五个工作日内更新目录并报送市大数据中心。
#   basis:
#     - qingyang-resources#8.4
#     - qingyang-resources#22
change := clib.change_result(rego.metadata.rule(), clib.target_allowed(parts.open), [term("update_catalogue")], []) if {
	input.change.kind == "open"
	not clib.same_class
}

# METADATA
# title: A change of share class
# description: >-
#   Data may be made not shared only where a law, regulation, rule, policy or
#   other basis shows it cannot be shared; the catalogue is updated and
#   reported within 15 working days.
# custom:
#   description_zh: 只有法律法规、规章政策或其他依据表明不能共享的，才能列为不予共享类；并在十五个工作日内更新目录、报送市大数据中心。
#   basis:
#     - qingyang-resources#8.4
#     - qingyang-resources#16.3
change := clib.change_result(rego.metadata.rule(), clib.unless_problems(share_problems, true), lib.by_code(share_requires), share_problems) if {
	input.change.kind == "share"
	not clib.same_class
}

share_requires contains term("update_catalogue")

share_requires contains term("legal_basis_for_not_shared") if input.change.to == "not_shared"

default change := null

notes contains clib.note(reg, "trial_status")

notes contains clib.note(reg, key) if {
	some key in ["work_secret_not_addressed", "security_risk_not_addressed"]
	flag := trim_suffix(key, "_not_addressed")
	flag in clib.features
}

notes contains clib.note(reg, "desensitisation_not_addressed") if count(parts.open.unaddressed) > 0

notes contains clib.note(reg, "class_change_is_catalogue_change") if clib.changing

notes contains clib.note(reg, "residual_unconditional") if parts.open.rule == "residual"

result := clib.assemble([reg], p, change, notes) if lib.in_force(reg)

else := clib.not_in_force([reg])
