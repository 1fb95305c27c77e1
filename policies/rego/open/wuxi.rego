# METADATA
# title: Wuxi — opening public data
# description: >-
#   无锡市公共数据开放实施细则: the three open classes (第七条), direct access to
#   unconditionally open data (第十四条) and the application procedure for
#   conditionally open data (第十五条), with the user's duties (第十七条).
package osd.open.wuxi

import data.osd.lib

reg := "wuxi-open"

p := lib.params(reg)

class := object.get(input.dataset, "open_class", null)

# METADATA
# title: Open class not given
# description: >-
#   The dataset's open class decides the route; a request without it cannot be
#   decided.
# custom:
#   description_zh: 数据集的开放类型决定获取途径；未提供开放类型，无法作出判断。
#   basis:
#     - wuxi-open#7
case := lib.case(rego.metadata.rule(), "incomplete", "none") if class == null

# METADATA
# title: Unconditionally open data is taken directly
# description: >-
#   Data listed as unconditionally open may be downloaded, or called through
#   the interface, on the city open data platform, without an application.
# custom:
#   description_zh: 列入开放目录的无条件开放类数据，可以在市公共数据开放平台直接下载或通过接口调用获取，无需申请。
#   basis:
#     - wuxi-open#7.3
#     - wuxi-open#14
case := lib.case(rego.metadata.rule(), "permit", "direct") if class == "unconditional"

# METADATA
# title: Conditionally open data is applied for on the platform
# description: >-
#   Data listed as conditionally open is obtained through an application on
#   the city platform, which forwards a complete application to the provider;
#   the provider answers at once or within 10 working days of receipt.
# custom:
#   description_zh: 有条件开放类数据须在市公共数据开放平台提出需求申请；平台将材料齐全的申请流转给开放主体，开放主体能够立即答复的立即答复，否则自收到申请之日起10个工作日内答复。
#   basis:
#     - wuxi-open#7.2
#     - wuxi-open#15
#     - wuxi-open#15.3
case := lib.case(rego.metadata.rule(), "apply", "application") if {
	class == "conditional"
	count(gaps) == 0
}

# METADATA
# title: Application lacking materials is not forwarded
# description: >-
#   An application for conditionally open data that lacks registration, the
#   usage agreement or any of the listed materials is not forwarded to the
#   provider until it is complete.
# custom:
#   description_zh: 有条件开放类数据的申请缺少实名注册、利用协议确认或所列材料的，平台不予流转，补齐后方可办理。
#   basis:
#     - wuxi-open#6
#     - wuxi-open#15.1
#     - wuxi-open#15.2
case := lib.case(rego.metadata.rule(), "incomplete", "application") if {
	class == "conditional"
	count(gaps) > 0
}

# METADATA
# title: Data that is not open is refused
# description: >-
#   Data that must be kept confidential or may not be opened by law is not
#   open; it may become open once lawfully processed or with the rights
#   holder's consent.
# custom:
#   description_zh: 依法应当保密或者法律、法规、规章规定不得开放的数据属于不予开放类；经依法处理或者相关权利人同意后，可以列入开放类。
#   basis:
#     - wuxi-open#7.1
#     - wuxi-open#8.1
case := lib.case(rego.metadata.rule(), "deny", "none") if class == "not_open"

# METADATA
# scope: document
# title: What a conditional application lacks
# description: >-
#   Real-name registration (第六条), acceptance of the usage agreement and each
#   material listed in 第十五条第（一）项, as input field paths.
# custom:
#   basis:
#     - wuxi-open#6
#     - wuxi-open#15.1
gaps contains "requester.real_name_verified" if not input.requester.real_name_verified == true

gaps contains "requester.agreement_accepted" if not input.requester.agreement_accepted == true

gaps contains m.field if {
	some m in p.materials.open_application
	not lib.filled(m.field)
}

missing contains "dataset.open_class" if class == null

missing contains gap if {
	class == "conditional"
	some gap in gaps
}

# METADATA
# title: Conditions of a conditional application
# custom:
#   basis:
#     - wuxi-open#6
#     - wuxi-open#15.1
conditions contains lib.term(key, p.conditions[key]) if {
	class == "conditional"
	some key in ["real_name_registration", "accept_usage_agreement", "complete_application"]
}

# METADATA
# title: Duties of every user of open data
# custom:
#   basis:
#     - wuxi-open#17
obligations contains lib.term(key, p.obligations[key]) if {
	class in {"unconditional", "conditional"}
	some key in ["protect_privacy_and_ip", "report_security_issues"]
}

# METADATA
# title: Use only in the declared scenario
# custom:
#   basis:
#     - wuxi-open#15.4
obligations contains lib.term("use_within_declared_scenario", p.obligations.use_within_declared_scenario) if {
	class == "conditional"
}

# METADATA
# title: Ways open after a refusal of data that is not open
# custom:
#   basis:
#     - wuxi-open#8.1
#     - wuxi-open#15.1
remedies contains lib.term(key, p.remedies[key]) if {
	class == "not_open"
	some key in ["desensitize_and_reclassify", "rights_holder_consent", "feedback_channel"]
}

# METADATA
# title: Procedure of a conditional application
# description: >-
#   Forwarding without delay, the reply within 10 working days of receipt (at
#   once where it can), then the opening without delay (paths.open_conditional).
# custom:
#   basis:
#     - wuxi-open#15.2
#     - wuxi-open#15.3
path := "open_conditional" if case.outcome == "apply"

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
#     - wuxi-open#14
channel := lib.term("direct", p.channels.direct) if case.outcome == "permit"

default channel := null

notes contains lib.note(reg, "real_name_for_conditional_only") if class in {"unconditional", "conditional"}

notes contains lib.note(reg, "count_from_platform_receipt") if case.outcome == "apply"

notes contains lib.note(reg, "not_open_outside_catalogue") if class == "not_open"

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
