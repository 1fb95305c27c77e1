# METADATA
# title: Nanning — opening public data
# description: >-
#   南宁市公共数据开放管理办法 as received (cut in 第十六条): opening through the
#   Nanning data middle platform and the Guangxi open platform (第十一条), review
#   of conditional applications by the department (第七条) and approval organised
#   by the Big Data Development Bureau (第五条). The surviving text sets no limit,
#   condition or remedy, so those come from the Guangxi draft, whose package
#   this one reuses; both regulations are cited.
package osd.open.nanning

import data.osd.lib
import data.osd.open.guangxi

reg := "nanning-open"

class := guangxi.class

# METADATA
# title: Open class not given
# description: The dataset's open class decides the route; a request without it cannot be decided.
# custom:
#   description_zh: 数据集的开放类型决定获取途径；未提供开放类型，无法作出判断。
#   basis:
#     - nanning-open#16
#     - guangxi-scheduling#32
case := lib.case(rego.metadata.rule(), "incomplete", "none") if class == null

# METADATA
# title: Unconditionally open data is taken from the platforms
# description: >-
#   Unconditionally open data is opened through the Nanning data middle
#   platform and the Guangxi public data open platform.
# custom:
#   description_zh: 无条件开放的数据，通过南宁市数据中台和自治区公共数据开放平台开放获取。
#   basis:
#     - nanning-open#4.1
#     - nanning-open#11
#     - guangxi-scheduling#32
case := lib.case(rego.metadata.rule(), "permit", "direct") if class == "unconditional"

# METADATA
# title: Conditionally open data is applied for
# description: >-
#   The department holding the data reviews the application and the Big Data
#   Development Bureau organises the approval; the Nanning copy sets no limit,
#   so the Guangxi draft's 3 working days for review and 5 for opening apply.
# custom:
#   description_zh: 有条件开放数据的申请由本部门本单位审核，市大数据发展局组织审批；南宁文本（现存部分）未规定期限，按广西征求意见稿3个工作日内审核、5个工作日内开放。
#   basis:
#     - nanning-open#5.4
#     - nanning-open#7.2
#     - nanning-open#11
#     - guangxi-scheduling#33
case := lib.case(rego.metadata.rule(), "apply", "application") if class == "conditional"

# METADATA
# title: Data that is not open is refused
# description: >-
#   Data involving state or work secrets, trade secrets or privacy is not
#   opened; the Nanning copy gives no remedy.
# custom:
#   description_zh: 涉及国家秘密、工作秘密、商业秘密和个人隐私的数据不予开放；南宁文本（现存部分）未规定救济途径。
#   basis:
#     - nanning-open#3
#     - nanning-open#4.1
#     - guangxi-scheduling#32
case := lib.case(rego.metadata.rule(), "deny", "none") if class == "not_open"

# METADATA
# title: Where the data is opened
# custom:
#   basis:
#     - nanning-open#11
channel := lib.term("platforms", lib.params(reg).channels.platforms) if class == "unconditional"

default channel := null

notes contains lib.note(reg, key) if some key in ["copy_cut", "date_unknown", "guangxi_fills_silence"]

notes contains lib.note(reg, "unconditional_class_from_guangxi") if class in {"unconditional", "not_open"}

notes contains n if some n in guangxi.notes

result := lib.assemble(case, {
	"regulations": [reg, guangxi.reg],
	"conditions": guangxi.conditions,
	"obligations": guangxi.obligations,
	"remedies": guangxi.remedies,
	"missing": guangxi.missing,
	"timeline": guangxi.timeline,
	"deadline": guangxi.deadline,
	"path": guangxi.path,
	"channel": channel,
	"notes": notes,
})
