# METADATA
# title: Qingyang — sharing public data resources
# description: >-
#   庆阳市公共数据资源管理办法（试行）: sharing between administrative bodies and
#   public service units (第十五条), the three share classes and their routes
#   (第十六条), the user's statement and duties (第十七条), and bodies stationed
#   in the city (第三十六条).
package osd.share.qingyang

import data.osd.lib

reg := "qingyang-resources"

p := lib.params(reg)

class := object.get(input.dataset, "share_class", null)

stationed if input.requester.level in {"national", "provincial"}

# METADATA
# title: Other units are outside sharing
# description: >-
#   Sharing happens only between administrative bodies and public service
#   units; another kind of unit is outside these measures' sharing rules.
# custom:
#   description_zh: 本办法的共享只在各行政机关和公共服务单位之间进行；其他单位不在共享范围内。
#   basis:
#     - qingyang-resources#2
#     - qingyang-resources#15
case := lib.case(rego.metadata.rule(), "not_applicable", "none") if input.requester.type == "other_unit"

# METADATA
# title: Share class not given
# description: The dataset's share class decides the route; a request without it cannot be decided.
# custom:
#   description_zh: 数据集的共享类型决定办理途径；未提供共享类型，无法作出判断。
#   basis:
#     - qingyang-resources#16
case := lib.case(rego.metadata.rule(), "incomplete", "none") if {
	member
	class == null
}

member if input.requester.type != "other_unit"

# METADATA
# title: Unconditionally shared data is taken directly
# description: Unconditionally shared data may be taken directly from the big data platform.
# custom:
#   description_zh: 无条件共享类公共数据资源可通过大数据平台直接获取。
#   basis:
#     - qingyang-resources#15
#     - qingyang-resources#16.1
case := lib.case(rego.metadata.rule(), "permit", "direct") if {
	member
	class == "unconditional"
}

# METADATA
# title: Conditionally shared data is applied for
# description: >-
#   The user applies to the provider through the big data platform, stating
#   the exact scope and purpose of use; the provider answers within 7 working
#   days and must give reasons for a refusal.
# custom:
#   description_zh: 使用单位通过大数据平台向数据提供单位提出申请，明确数据使用的具体范围和使用用途；提供单位在七个工作日内答复，不予共享的应说明理由。
#   basis:
#     - qingyang-resources#16.2
#     - qingyang-resources#17
case := lib.case(rego.metadata.rule(), "apply", "application") if {
	member
	class == "conditional"
	count(gaps) == 0
}

# METADATA
# title: Application without scope or purpose of use
# description: An application must state the exact scope and the purpose of use.
# custom:
#   description_zh: 申请须明确数据使用的具体范围和使用用途。
#   basis:
#     - qingyang-resources#17
case := lib.case(rego.metadata.rule(), "incomplete", "application") if {
	member
	class == "conditional"
	count(gaps) > 0
}

# METADATA
# title: Data that is not shared is negotiated for
# description: >-
#   Data that is not shared may still be obtained where the user truly needs it
#   for its duties: user and provider negotiate, and the big data centre
#   coordinates if they cannot agree.
# custom:
#   description_zh: 不予共享类数据，使用单位因履行职责确需使用的，由使用单位与提供单位协商解决，协商未果的由市大数据中心与提供单位协调。
#   basis:
#     - qingyang-resources#16.3
case := lib.case(rego.metadata.rule(), "apply", "negotiation") if {
	member
	class == "not_shared"
}

# METADATA
# title: What a share application lacks
# custom:
#   basis:
#     - qingyang-resources#17
gaps contains m.field if {
	some m in p.materials.share_application
	not lib.filled(m.field)
}

missing contains "dataset.share_class" if {
	member
	class == null
}

missing contains gap if {
	member
	class == "conditional"
	some gap in gaps
}

# METADATA
# title: State the scope and purpose of use
# custom:
#   basis:
#     - qingyang-resources#17
conditions contains lib.term("declare_scope_and_purpose", p.conditions.declare_scope_and_purpose) if {
	member
	class == "conditional"
}

# METADATA
# title: Duties of every user of shared data
# custom:
#   basis:
#     - qingyang-resources#17
obligations contains lib.term(key, p.obligations[key]) if {
	member
	class != null
	some key in ["no_onward_transfer", "use_within_declared_scenario"]
}

# METADATA
# title: Coordination by the big data centre when negotiation fails
# custom:
#   basis:
#     - qingyang-resources#16.3
remedies contains lib.term("coordination_by_authority", p.remedies.coordination_by_authority) if {
	member
	class == "not_shared"
}

# METADATA
# scope: document
# title: Answer in 7 working days, or negotiation and coordination without a limit
# custom:
#   basis:
#     - qingyang-resources#16.2
#     - qingyang-resources#16.3
path := "share_conditional" if case.route == "application"

path := "share_not_shared" if case.route == "negotiation"

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
# title: The answer is due in 7 working days
# custom:
#   basis:
#     - qingyang-resources#16.2
deadline := lib.deadline(reg, path) if {
	case.outcome == "apply"
	path != null
}

default deadline := null

# METADATA
# title: Where unconditionally shared data is taken
# custom:
#   basis:
#     - qingyang-resources#16.1
channel := lib.term("direct_share", p.channels.direct_share) if case.outcome == "permit"

default channel := null

notes contains lib.note(reg, "trial_status")

notes contains lib.note(reg, "not_shared_by_negotiation") if case.route == "negotiation"

notes contains lib.note(reg, "stationed_bodies") if {
	member
	stationed
}

notes contains lib.note(reg, "other_unit_not_covered") if input.requester.type == "other_unit"

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
