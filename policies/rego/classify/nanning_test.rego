package osd.classify.nanning_test

import data.osd.classify.nanning

result(ds, ch) := r if {
	r := nanning.result with input as {"jurisdiction": "nanning", "as_of": "2026-11-23", "dataset": ds, "change": ch}
}

notes(r) := {n.code | some n in r.notes}

test_secrets_are_kept_out_and_other_data_should_be_opened if {
	result({"contains": ["trade_secret"]}, null).open.required == "not_open"
	result({}, null).open.allowed == ["unconditional", "conditional"]
	{"copy_cut", "date_unknown", "class_in_principle"} & notes(result({}, null)) == {"copy_cut", "date_unknown", "class_in_principle"}
}

test_changes if {
	r := result({}, {"kind": "open", "from": "conditional", "to": "unconditional"})
	r.change.allowed == true
	"change_procedure_not_stated" in notes(r)
	result({}, {"kind": "share", "from": "conditional", "to": "unconditional"}).change.allowed == null
	result({}, {"kind": "share", "from": "conditional", "to": "conditional"}).change.allowed == true
}

test_desensitisation_note if {
	"desensitisation_not_addressed" in notes(result({"contains": ["personal_info"], "desensitized": true}, null))
}
