# METADATA
# title: Nanjing — opening government data
# description: >-
#   南京市政务数据管理暂行办法: the three open classes (第二十四条), online access
#   to unconditionally open data (第二十六条) and the routes for conditionally
#   open data by purpose (第二十七条), with desensitisation (第二十三条).
package osd.open.nanjing

import data.osd.lib

reg := "nanjing-govdata"

p := lib.params(reg)

class := object.get(input.dataset, "open_class", null)

purpose := object.get(input, "purpose", null)

# METADATA
# title: Open class not given
# description: The dataset's open class decides the route; a request without it cannot be decided.
# custom:
#   description_zh: 数据集的开放类型决定获取途径；未提供开放类型，无法作出判断。
#   basis:
#     - nanjing-govdata#24
case := lib.case(rego.metadata.rule(), "incomplete", "none") if class == null

# METADATA
# title: Unconditionally open data is taken online
# description: Data on the unconditional open list may be taken online from the open data platform.
# custom:
#   description_zh: 无条件开放清单中的政务数据，可以从政务数据开放平台线上获取。
#   basis:
#     - nanjing-govdata#24.1
#     - nanjing-govdata#26
case := lib.case(rego.metadata.rule(), "permit", "direct") if class == "unconditional"

# METADATA
# title: Purpose needed for conditionally open data
# description: >-
#   The route for conditionally open data depends on its use (application,
#   research only, or competitive selection for commercial development).
# custom:
#   description_zh: 有条件开放数据的办理途径取决于用途（申请、仅限科研教育公益活动、商业开发须竞争性方式确定），须说明用途。
#   basis:
#     - nanjing-govdata#27
case := lib.case(rego.metadata.rule(), "incomplete", "application") if {
	class == "conditional"
	purpose == null
}

# METADATA
# title: Conditionally open data for research or other fields is applied for
# description: >-
#   Conditionally open data used for innovation, city governance, social
#   services and other fields, or for research, is applied for on the open data
#   platform; the department processes it within 15 working days.
# custom:
#   description_zh: 有条件开放清单中的政务数据用于创新发展、城市治理、社会服务等领域或科研的，在政务数据开放平台提出申请，政务部门在十五个工作日内处理。
#   basis:
#     - nanjing-govdata#24.2
#     - nanjing-govdata#27
case := lib.case(rego.metadata.rule(), "apply", "application") if {
	class == "conditional"
	not purpose in {null, "commercial"}
}

# METADATA
# title: Commercial development goes by competitive selection
# description: >-
#   Conditionally open data for commercial development is granted only to a
#   user chosen by public tender or another competitive method.
# custom:
#   description_zh: 有条件开放清单中的政务数据用于商业开发的，通过公开招标等竞争性方式确定授权开发利用对象。
#   basis:
#     - nanjing-govdata#24.2
#     - nanjing-govdata#27
case := lib.case(rego.metadata.rule(), "apply", "competitive_selection") if {
	class == "conditional"
	purpose == "commercial"
}

# METADATA
# title: Data that is not open is refused
# description: >-
#   State secrets, data whose opening is prohibited, and data whose opening may
#   endanger security or stability are not opened.
# custom:
#   description_zh: 涉及国家秘密、法律法规和国家规定禁止开放、开放后可能危及国家安全等的政务数据属于不予开放类。
#   basis:
#     - nanjing-govdata#24.3
case := lib.case(rego.metadata.rule(), "deny", "none") if class == "not_open"

missing contains "dataset.open_class" if class == null

missing contains "purpose" if {
	class == "conditional"
	purpose == null
}

# METADATA
# title: Research use is limited to non-profit activity
# custom:
#   basis:
#     - nanjing-govdata#27
conditions contains lib.term("non_profit_research_only", p.conditions.non_profit_research_only) if {
	class == "conditional"
	purpose in p.purposes.research.purposes
}

# METADATA
# title: Commercial development by competitive selection
# custom:
#   basis:
#     - nanjing-govdata#27
conditions contains lib.term("competitive_selection", p.conditions.competitive_selection) if {
	class == "conditional"
	purpose in p.purposes.commercial.purposes
}

# METADATA
# title: Duties of developers of conditionally open data
# custom:
#   basis:
#     - nanjing-govdata#27
obligations contains lib.term(key, p.obligations[key]) if {
	class == "conditional"
	purpose != null
	some key in ["use_per_law_and_agreement", "cite_source_and_date"]
}

# METADATA
# title: Desensitisation opens data withheld for secrets or privacy
# custom:
#   basis:
#     - nanjing-govdata#23
remedies contains lib.term("desensitize_and_reclassify", p.remedies.desensitize_and_reclassify) if class == "not_open"

# METADATA
# title: Processing of an application in 15 working days
# custom:
#   basis:
#     - nanjing-govdata#27
path := "open_conditional" if case.route == "application"

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
# title: The answer is due when processing is
# custom:
#   basis:
#     - nanjing-govdata#27
deadline := lib.deadline(reg, path) if {
	case.outcome == "apply"
	path != null
}

default deadline := null

# METADATA
# title: Where unconditionally open data is taken
# custom:
#   basis:
#     - nanjing-govdata#26
channel := lib.term("direct_open", p.channels.direct_open) if case.outcome == "permit"

default channel := null

notes contains lib.note(reg, "other_purposes_read_as_fields") if {
	case.route == "application"
	not purpose in p.purposes.application_fields.purposes
	not purpose in p.purposes.research.purposes
	purpose != null
}

notes contains lib.note(reg, "competitive_selection_no_limit") if case.route == "competitive_selection"

notes contains lib.note(reg, "developer_duties_scope") if class in {"unconditional", "conditional"}

notes contains lib.note(reg, "not_open_remedy") if class == "not_open"

result := lib.assemble(case, {
	"regulations": [reg],
	"conditions": conditions,
	"obligations": obligations,
	"remedies": remedies,
	"missing": missing,
	"timeline": timeline,
	"deadline": deadline,
	"path": path,
	"channel": channel,
	"notes": notes,
})
