# METADATA
# title: Qingyang — opening public data resources
# description: >-
#   庆阳市公共数据资源管理办法（试行）: the three open classes (第二十二条) and
#   how citizens and organisations get open data (第二十四条).
package osd.open.qingyang

import data.osd.lib

reg := "qingyang-resources"

p := lib.params(reg)

class := object.get(input.dataset, "open_class", null)

# METADATA
# title: Open class not given
# description: The dataset's open class decides the route; a request without it cannot be decided.
# custom:
#   description_zh: 数据集的开放类型决定获取途径；未提供开放类型，无法作出判断。
#   basis:
#     - qingyang-resources#22
case := lib.case(rego.metadata.rule(), "incomplete", "none") if class == null

# METADATA
# title: Unconditionally open data is taken online
# description: >-
#   Data on the unconditional list may be queried, downloaded or otherwise
#   lawfully used from the big data platform.
# custom:
#   description_zh: 无条件开放清单中的公共数据资源，可以从大数据平台在线查询、下载或者以其他合法方式使用。
#   basis:
#     - qingyang-resources#22.1
#     - qingyang-resources#24.1
case := lib.case(rego.metadata.rule(), "permit", "direct") if class == "unconditional"

# METADATA
# title: Conditionally open data is applied for
# description: >-
#   Data on the conditional list is applied for on the big data platform; the
#   body holding it answers within 15 working days and, if it can be opened,
#   authorises the big data centre to open it.
# custom:
#   description_zh: 有条件开放清单中的公共数据资源在大数据平台提出申请，各行政机关和公共服务单位在十五个工作日内答复；可以开放的，授权市大数据中心通过大数据平台开放。
#   basis:
#     - qingyang-resources#22.2
#     - qingyang-resources#24.2
case := lib.case(rego.metadata.rule(), "apply", "application") if class == "conditional"

# METADATA
# title: Data that is not open is refused
# description: >-
#   Data involving state secrets, trade secrets or personal privacy, or that the
#   law forbids opening, is not opened.
# custom:
#   description_zh: 涉及国家秘密、商业秘密、个人隐私，或者法律、法规规定不得开放的公共数据资源，属于不予开放类。
#   basis:
#     - qingyang-resources#22.3
case := lib.case(rego.metadata.rule(), "deny", "none") if class == "not_open"

missing contains "dataset.open_class" if class == null

# METADATA
# title: Answer in 15 working days, then opening by the big data centre
# custom:
#   basis:
#     - qingyang-resources#24.2
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
# title: The answer is due in 15 working days
# custom:
#   basis:
#     - qingyang-resources#24.2
deadline := lib.deadline(reg, path) if path != null

default deadline := null

# METADATA
# title: Where unconditionally open data is taken
# custom:
#   basis:
#     - qingyang-resources#24.1
channel := lib.term("direct_open", p.channels.direct_open) if case.outcome == "permit"

default channel := null

notes contains lib.note(reg, "trial_status")

notes contains lib.note(reg, "open_release_unlimited") if case.outcome == "apply"

notes contains lib.note(reg, "not_open_no_remedy") if class == "not_open"

result := lib.assemble(case, {
	"regulations": [reg],
	"conditions": set(),
	"obligations": set(),
	"remedies": set(),
	"missing": missing,
	"timeline": timeline,
	"deadline": deadline,
	"path": path,
	"channel": channel,
	"notes": notes,
})
