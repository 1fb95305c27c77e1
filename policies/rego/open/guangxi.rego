# METADATA
# title: Guangxi — opening government data (draft)
# description: >-
#   广西政务数据调度管理办法（征求意见稿）: the three open types (第三十二条), the
#   review of applications in 3 working days and opening in 5 (第三十三条), and
#   the confirmation and filing after approval (第三十四条). A draft: every
#   decision is marked non-binding. Nanning's package reuses these terms where
#   the Nanning text is silent.
package osd.open.guangxi

import data.osd.lib

reg := "guangxi-scheduling"

p := lib.params(reg)

class := object.get(input.dataset, "open_class", null)

# METADATA
# title: Open type not given
# description: The dataset's open type decides the route; a request without it cannot be decided.
# custom:
#   description_zh: 数据的开放类型决定获取途径；未提供开放类型，无法作出判断。
#   basis:
#     - guangxi-scheduling#32
case := lib.case(rego.metadata.rule(), "incomplete", "none") if class == null

# METADATA
# title: Unconditionally open data is taken from the open platform
# description: Unconditionally open data is taken from the Guangxi public data open platform.
# custom:
#   description_zh: 无条件开放的政务数据，通过自治区公共数据开放平台获取。
#   basis:
#     - guangxi-scheduling#32
case := lib.case(rego.metadata.rule(), "permit", "direct") if class == "unconditional"

# METADATA
# title: Data open on application is applied for
# description: >-
#   An application form is filed on the Guangxi open platform; the provider
#   reviews it within 3 working days of receipt and opens the data within 5
#   working days of approval; a refusal must state its basis or reasons.
# custom:
#   description_zh: 依申请开放的政务数据，通过自治区公共数据开放平台提交申请表；数据提供部门自收到起3个工作日内完成审核，审核通过的在5个工作日内开放所需数据，未通过的必须提供依据或理由。
#   basis:
#     - guangxi-scheduling#32
#     - guangxi-scheduling#33
case := lib.case(rego.metadata.rule(), "apply", "application") if class == "conditional"

# METADATA
# title: Data that is not open is refused
# description: Data whose type is "not open" is not opened.
# custom:
#   description_zh: 开放类型为“不开放”的政务数据不予开放。
#   basis:
#     - guangxi-scheduling#32
case := lib.case(rego.metadata.rule(), "deny", "none") if class == "not_open"

missing contains "dataset.open_class" if class == null

# METADATA
# title: File the application form
# custom:
#   basis:
#     - guangxi-scheduling#32
conditions contains lib.term("open_application_form", p.conditions.open_application_form) if class == "conditional"

# METADATA
# title: Confirm and file the opened data
# custom:
#   basis:
#     - guangxi-scheduling#34
obligations contains lib.term("confirm_and_file", p.obligations.confirm_and_file) if class == "conditional"

# METADATA
# title: Coordination after a refusal, for natural persons and unincorporated organisations
# description: Read literally, art. 33(2) names natural persons and unincorporated organisations only.
# custom:
#   basis:
#     - guangxi-scheduling#33
remedies contains lib.term("coordination_by_authority", p.remedies.coordination_by_authority) if {
	class == "conditional"
	input.requester.type in {"natural_person", "unincorporated_org"}
}

# METADATA
# title: Review in 3 working days, then opening in 5 (paths.open_on_application)
# custom:
#   basis:
#     - guangxi-scheduling#33
path := "open_on_application" if class == "conditional"

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
# title: The answer is due when the path's answering step is
# custom:
#   basis_from: parameters.paths
deadline := lib.deadline(reg, path) if path != null

default deadline := null

# METADATA
# title: Where unconditionally open data is taken
# custom:
#   basis:
#     - guangxi-scheduling#32
channel := lib.term("direct_open", p.channels.direct_open) if class == "unconditional"

default channel := null

notes contains lib.note(reg, "draft_not_binding")

notes contains lib.note(reg, "coordination_literal") if class == "conditional"

notes contains lib.note(reg, "not_open_no_remedy") if class == "not_open"

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
