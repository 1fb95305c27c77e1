# METADATA
# title: Nanjing — classifying government data for opening and sharing
# description: >-
#   南京市政务数据管理暂行办法: the open classes (第二十四条) with data to be
#   opened after desensitisation (第二十三条), the share classes and what a
#   restriction needs (第二十一条), and catalogue updates (第十八条). The text
#   names no catalogue fields of its own (第十六条 refers to national and
#   provincial requirements).
package osd.classify.nanjing

import data.osd.classify.lib as clib
import data.osd.lib

reg := "nanjing-govdata"

p := lib.params(reg)

parts := {"open": clib.open_part(p.classification.open), "share": clib.share_part(p.classification.share)}

term(key) := lib.timed_term(reg, key, p.change_terms[key])

restricted := {"open": {"conditional", "not_open"}, "share": {"conditional", "not_shared"}}

restriction_rule := {
	"open": object.get(p.classification.open, "restriction_needs_legal_basis", null),
	"share": object.get(p.classification.share, "restriction_needs_legal_basis", null),
}

restriction_term := {"open": "legal_basis_for_restriction", "share": "reasons_and_basis_for_share_restriction"}

problems := [x | some x in [clib.basis_problem(restriction_rule[input.change.kind], input.change.to)]; x != null]

requires contains term(restriction_term[input.change.kind]) if input.change.to in restricted[input.change.kind]

requires contains term("update_catalogue")

requires contains term("open_after_desensitisation") if {
	input.change.kind == "open"
	parts.open.rule == "shall_open"
}

# METADATA
# title: No change of class
# description: The class stays as it is.
# custom:
#   description_zh: 类型不变。
#   basis:
#     - nanjing-govdata#21
#     - nanjing-govdata#24
change := clib.change_result(rego.metadata.rule(), true, [], []) if clib.same_class

# METADATA
# title: A change of open class
# description: >-
#   The new open class must be one the text allows for this data; conditional
#   opening and not opening need a legal basis; data involving trade secrets
#   or privacy must be opened once desensitised; the catalogue is updated and
#   reported within 15 working days.
# custom:
#   description_zh: 调整后的开放类型须符合本办法对该数据的规定；有条件开放或者不予开放的，应当有法律、法规或者国家有关规定作为依据；涉及商业秘密、个人隐私的数据经脱敏处理后符合开放条件的应当开放；并在十五个工作日内更新目录、报送主管部门。
#   basis:
#     - nanjing-govdata#18.4
#     - nanjing-govdata#23
#     - nanjing-govdata#24
change := clib.change_result(
	rego.metadata.rule(),
	clib.unless_problems(problems, clib.target_allowed(parts.open)),
	lib.by_code(requires),
	problems,
) if {
	input.change.kind == "open"
	not clib.same_class
}

# METADATA
# title: A change of share class
# description: >-
#   Any share class may be chosen by the provider, but conditional sharing
#   and not sharing need stated reasons and a legal basis; the catalogue is
#   updated and reported within 15 working days.
# custom:
#   description_zh: 提供单位可以调整共享类型，但列入有条件共享类和不予共享类的，应当说明理由并提供法律、法规和国家有关规定作为依据；并在十五个工作日内更新目录、报送主管部门。
#   basis:
#     - nanjing-govdata#18.4
#     - nanjing-govdata#21
change := clib.change_result(rego.metadata.rule(), clib.unless_problems(problems, true), lib.by_code(requires), problems) if {
	input.change.kind == "share"
	not clib.same_class
}

default change := null

notes contains clib.note(reg, "no_catalogue_fields")

notes contains clib.note(reg, "work_secret_not_addressed") if "work_secret" in clib.features

notes contains clib.note(reg, "share_class_by_provider")

notes contains clib.note(reg, "class_change_is_catalogue_change") if clib.changing

notes contains clib.note(reg, "residual_unconditional") if parts.open.rule == "residual"

result := clib.assemble([reg], p, change, notes) if lib.in_force(reg)

else := clib.not_in_force([reg])
