# METADATA
# title: Decision entry point
# description: >-
#   Answers contract §1 for one request: first the gates that make a request
#   not_applicable (text out of force, a share request by someone who is not a
#   government body, an action the jurisdiction's text does not govern), then
#   the package of the jurisdiction and action.
package osd.decision

import data.osd.lib

# The regulations each jurisdiction and action rests on, governing text first.
# Nanning's text governs opening only; for sharing the Guangxi draft governs
# and the Nanning text is listed beside it (its silence is part of the answer).
regulations := {
	"nanning": {"open": ["nanning-open", "guangxi-scheduling"], "share": ["guangxi-scheduling", "nanning-open"]},
	"qingyang": {"open": ["qingyang-resources"], "share": ["qingyang-resources"]},
	"wuxi": {"open": ["wuxi-open"], "share": ["wuxi-open"]},
	"nanjing": {"open": ["nanjing-govdata"], "share": ["nanjing-govdata"]},
	"guangxi": {"open": ["guangxi-scheduling"], "share": ["guangxi-scheduling"]},
}

applied := regulations[input.jurisdiction][input.action]

governing := applied[0]

government_types := {"government_department", "public_service_unit", "other_unit"}

# A gate decided by the rule whose METADATA is meta: its priority comes from
# custom.priority, its basis is given (the articles of the applied texts).
gate(meta, basis, notes) := object.union(lib.case(meta, "not_applicable", "none"), {
	"priority": meta.custom.priority,
	"basis": basis,
	"notes": notes,
})

# The refs of a rule's METADATA basis that belong to the applied regulations.
applied_basis(meta) := {ref | some reg in applied; some ref in lib.refs_of(reg, meta.custom.basis)}

# METADATA
# title: Governing text not in force on as_of
# description: >-
#   The governing regulation has no version whose window contains as_of (not
#   yet in force, or expired), so no encoded text governs the request.
# custom:
#   description_zh: 适用的规定在该日期（as_of）不在施行期内（尚未施行或已经失效），没有已编码的规定可以适用。
#   priority: 1
#   basis: []
#   basis_from: versions.dates_basis
gates contains gate(
	rego.metadata.rule(),
	{ref | some v in data.regulations[governing].versions; some ref in v.dates_basis},
	set(),
) if {
	not lib.in_force(governing)
}

# METADATA
# title: Share request by someone who is not a government body
# description: >-
#   Sharing is between government bodies (or public service units) for their
#   duties. A natural person, a company or another organisation asks for data
#   through opening instead.
# custom:
#   description_zh: 共享只发生在政务部门（或公共服务单位）之间、用于履行职责；自然人、企业和其他组织应通过开放途径获取数据。
#   priority: 2
#   basis:
#     - nanjing-govdata#41.1
#     - qingyang-resources#15
#     - guangxi-scheduling#6
gates contains gate(rego.metadata.rule(), applied_basis(rego.metadata.rule()), set()) if {
	input.action == "share"
	not input.requester.type in government_types
	not wuxi_share
}

# METADATA
# title: Share request for a purpose other than official duty
# description: >-
#   Sharing serves the duties of the requesting body; a share request for
#   another purpose is not sharing, and opening is the route to ask by.
# custom:
#   description_zh: 共享是为了履行职责使用数据；以其他目的提出的共享请求不属于共享，应通过开放途径提出。
#   priority: 3
#   basis:
#     - nanjing-govdata#41.1
#     - qingyang-resources#17
#     - guangxi-scheduling#44
gates contains gate(rego.metadata.rule(), applied_basis(rego.metadata.rule()), set()) if {
	input.action == "share"
	input.requester.type in government_types
	not object.get(input, "purpose", null) in {null, "official_duty"}
	not wuxi_share
}

# METADATA
# title: Wuxi's text does not govern sharing
# description: >-
#   The Wuxi rules govern opening only; sharing between bodies falls under
#   Wuxi and Jiangsu measures that are not in this set.
# custom:
#   description_zh: 无锡细则只规定公共数据开放；部门之间的共享由不在本服务收录范围内的无锡市、江苏省规定调整。
#   priority: 2
#   basis:
#     - wuxi-open#2
#     - wuxi-open#3
gates contains gate(
	rego.metadata.rule(),
	applied_basis(rego.metadata.rule()),
	{lib.note("wuxi-open", "share_not_governed")},
) if {
	wuxi_share
	lib.in_force("wuxi-open")
}

wuxi_share if {
	input.jurisdiction == "wuxi"
	input.action == "share"
}

first_gate := g if {
	top := min({g.priority | some g in gates})
	some g in gates
	g.priority == top
}

gated := lib.assemble(first_gate, {
	"regulations": applied,
	"conditions": set(),
	"obligations": set(),
	"remedies": set(),
	"missing": set(),
	"deadline": null,
	"timeline": [],
	"notes": first_gate.notes,
})

# METADATA
# title: Policy result
# description: >-
#   The gated answer where a gate applies, otherwise the answer of the package
#   for the jurisdiction and action.
result := gated if count(gates) > 0

result := governed if count(gates) == 0

governed := data.osd.open.wuxi.result if {
	input.jurisdiction == "wuxi"
	input.action == "open"
}

governed := data.osd.open.nanjing.result if {
	input.jurisdiction == "nanjing"
	input.action == "open"
}

governed := data.osd.share.nanjing.result if {
	input.jurisdiction == "nanjing"
	input.action == "share"
}

governed := data.osd.open.qingyang.result if {
	input.jurisdiction == "qingyang"
	input.action == "open"
}

governed := data.osd.share.qingyang.result if {
	input.jurisdiction == "qingyang"
	input.action == "share"
}

governed := data.osd.open.guangxi.result if {
	input.jurisdiction == "guangxi"
	input.action == "open"
}

governed := data.osd.open.nanning.result if {
	input.jurisdiction == "nanning"
	input.action == "open"
}

governed := data.osd.share.guangxi.result if {
	input.jurisdiction in {"guangxi", "nanning"}
	input.action == "share"
}
