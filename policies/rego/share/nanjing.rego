# METADATA
# title: Nanjing — sharing government data
# description: >-
#   南京市政务数据管理暂行办法: the three share classes (第二十一条) and the
#   routes of 第二十二条 for the city's own departments (access rights, or an
#   application with an opinion in 15 working days) and for other units.
package osd.share.nanjing

import data.osd.lib

reg := "nanjing-govdata"

p := lib.params(reg)

class := object.get(input.dataset, "share_class", null)

copy if input.access_mode == "copy"

# METADATA
# title: Other unit
# description: >-
#   A body that is not one of Nanjing's own government departments: an
#   other_unit, a national or provincial body, or a body of another place.
# custom:
#   basis:
#     - nanjing-govdata#3
#     - nanjing-govdata#22
other_unit if input.requester.type == "other_unit"

other_unit if input.requester.level in {"national", "provincial"}

other_unit if not object.get(input.requester, "region", null) in {null, "nanjing"}

own_department if not other_unit

# METADATA
# title: Share class not given
# description: The dataset's share class decides the route; a request without it cannot be decided.
# custom:
#   description_zh: 数据集的共享类型决定办理途径；未提供共享类型，无法作出判断。
#   basis:
#     - nanjing-govdata#21
case := lib.case(rego.metadata.rule(), "incomplete", "none") if class == null

# METADATA
# title: Unconditionally shared data through access rights
# description: >-
#   A Nanjing government department needing unconditionally shared data for
#   its duties obtains access rights through the sharing and exchange platform.
# custom:
#   description_zh: 政务部门因履职需要使用无条件共享类政务数据的，通过市政务数据共享交换平台获得访问权限。
#   basis:
#     - nanjing-govdata#21.1
#     - nanjing-govdata#22
case := lib.case(rego.metadata.rule(), "permit", "direct") if {
	own_department
	class == "unconditional"
	not copy
}

# METADATA
# title: Conditionally shared data, or a copy, is applied for
# description: >-
#   For conditionally shared data, or for a copy or another way of calling the
#   data, the department applies on the platform; the big data centre and the
#   provider give an opinion within 15 working days and the city authority
#   decides.
# custom:
#   description_zh: 使用有条件共享类政务数据，或者需要采用数据拷贝以及其他调用方式的，在市政务数据共享交换平台提交申请；市大数据中心会同提供数据的单位在十五个工作日内提出意见并报市政务数据行政主管部门确定后反馈。
#   basis:
#     - nanjing-govdata#21.2
#     - nanjing-govdata#22
case := lib.case(rego.metadata.rule(), "apply", "application") if {
	own_department
	own_application
}

own_application if class == "conditional"

own_application if {
	class == "unconditional"
	copy
}

# METADATA
# title: Other units apply to the city authority
# description: >-
#   Another unit needing Nanjing's government data for its duties applies to
#   the city government data authority with its scenario and security
#   measures; the authority and the provider give an opinion within 15 working
#   days and the city government decides.
# custom:
#   description_zh: 其他单位因履职需要使用本市政务数据的，向市政务数据行政主管部门提交申请，并提供应用场景和安全保障措施；主管部门会同提供数据的单位在十五个工作日内提出意见并报市人民政府确定后反馈。
#   basis:
#     - nanjing-govdata#22
case := lib.case(rego.metadata.rule(), "apply", "application") if {
	other_unit
	class in {"unconditional", "conditional"}
	count(gaps) == 0
}

# METADATA
# title: Other unit's application lacks its scenario or security measures
# description: An application by another unit must state its scenario and its security measures.
# custom:
#   description_zh: 其他单位的申请须提供应用场景和安全保障措施。
#   basis:
#     - nanjing-govdata#22
case := lib.case(rego.metadata.rule(), "incomplete", "application") if {
	other_unit
	class in {"unconditional", "conditional"}
	count(gaps) > 0
}

# METADATA
# title: Data that is not shared is refused
# description: >-
#   Data not fit to be shared with other departments is not shared; the
#   provider must give its reasons and legal basis.
# custom:
#   description_zh: 不宜提供给其他部门共享使用的政务数据属于不予共享类，提供单位应当说明理由并提供依据。
#   basis:
#     - nanjing-govdata#21.3
#     - nanjing-govdata#21
case := lib.case(rego.metadata.rule(), "deny", "none") if class == "not_shared"

# METADATA
# title: What an other unit's application lacks
# custom:
#   basis:
#     - nanjing-govdata#22
gaps contains m.field if {
	some m in p.materials.other_unit_application
	not lib.filled(m.field)
}

missing contains "dataset.share_class" if class == null

missing contains gap if {
	other_unit
	class in {"unconditional", "conditional"}
	some gap in gaps
}

# METADATA
# title: Agreement and supervision after sharing is granted
# custom:
#   basis:
#     - nanjing-govdata#22
conditions contains lib.term("sign_agreement", p.conditions.sign_agreement) if {
	own_department
	own_application
}

# METADATA
# title: Other unit's scenario, security measures and agreement
# custom:
#   basis:
#     - nanjing-govdata#22
conditions contains lib.term(key, p.conditions[key]) if {
	other_unit
	class in {"unconditional", "conditional"}
	some key in ["scenario_and_security_measures", "other_unit_agreement"]
}

# METADATA
# scope: document
# title: Opinion in 15 working days, then the determination
# custom:
#   basis:
#     - nanjing-govdata#22
path := "share_department" if {
	case.outcome == "apply"
	own_department
}

path := "share_other_unit" if {
	case.outcome == "apply"
	other_unit
}

default path := null

# METADATA
# title: The limits of the procedure, in order
# description: >-
#   The path's limits (parameters.paths, parameters.limits), each citing its
#   article: the same limits the deadline event lists.
# custom:
#   basis_from: parameters.limits
timeline := lib.timeline(reg, path) if path != null

default timeline := []

# METADATA
# title: The answer is due with the opinion
# custom:
#   basis:
#     - nanjing-govdata#22
deadline := lib.deadline(reg, path) if path != null

default deadline := null

# METADATA
# title: Where unconditionally shared data is taken
# custom:
#   basis:
#     - nanjing-govdata#22
channel := lib.term("direct_share", p.channels.direct_share) if case.outcome == "permit"

default channel := null

notes contains lib.note(reg, "final_determination_unlimited") if case.outcome == "apply"

notes contains lib.note(reg, "copy_needs_application") if {
	class == "unconditional"
	copy
	own_department
}

notes contains lib.note(reg, "other_unit_reading") if {
	other_unit
	input.requester.type != "other_unit"
}

notes contains lib.note(reg, "not_shared_no_remedy") if class == "not_shared"

result := lib.assemble(case, {
	"regulations": [reg],
	"conditions": conditions,
	"obligations": set(),
	"remedies": set(),
	"missing": missing,
	"timeline": timeline,
	"deadline": deadline,
	"path": path,
	"channel": channel,
	"notes": notes,
})
