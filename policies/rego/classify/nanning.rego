# METADATA
# title: Nanning — classifying public data for opening
# description: >-
#   南宁市公共数据开放管理办法 as received: data not involving state or work
#   secrets, trade secrets or privacy should in principle be opened (第四条),
#   the catalogue's fields (第十六条, cut) and its updates (第十五条). The copy
#   names no share classes and no procedure for changing a class.
package osd.classify.nanning

import data.osd.classify.lib as clib
import data.osd.lib

reg := "nanning-open"

p := lib.params(reg)

parts := {"open": clib.open_part(p.classification.open), "share": clib.share_part(null)}

# METADATA
# title: No change of class
# description: The class stays as it is.
# custom:
#   description_zh: 类型不变。
#   basis:
#     - nanning-open#4.1
change := clib.change_result(rego.metadata.rule(), true, [], []) if clib.same_class

# METADATA
# title: A change of open class
# description: >-
#   The new open class must fit the principle of 第四条; the copy as received
#   sets no procedure for changing a class.
# custom:
#   description_zh: 调整后的开放类型须符合第四条的原则；现存文本未规定调整程序。
#   basis:
#     - nanning-open#4.1
change := clib.change_result(rego.metadata.rule(), clib.target_allowed(parts.open), [], []) if {
	input.change.kind == "open"
	not clib.same_class
}

# METADATA
# title: No share classes in the Nanning copy
# description: The copy as received governs opening only and names no share classes.
# custom:
#   description_zh: 现存南宁文本只规定开放，没有共享类型。
#   basis:
#     - nanning-open#3
change := clib.change_result(rego.metadata.rule(), null, [], []) if {
	input.change.kind == "share"
	not clib.same_class
}

default change := null

notes contains clib.note(reg, key) if some key in ["copy_cut", "date_unknown", "class_in_principle"]

notes contains clib.note(reg, "change_procedure_not_stated") if clib.changing

notes contains clib.note(reg, "desensitisation_not_addressed") if count(parts.open.unaddressed) > 0

result := clib.assemble([reg], p, change, notes) if lib.in_force(reg)

else := clib.not_in_force([reg])
