package osd.classify.guangxi_test

import data.osd.classify.guangxi

result(ds, ch) := r if {
	r := guangxi.result with input as {"jurisdiction": "guangxi", "as_of": "2026-11-23", "dataset": ds, "change": ch}
}

test_state_secret_is_not_open_and_other_data_is_undetermined if {
	result({"contains": ["state_secret"]}, null).open.required == "not_open"
	r := result({}, null)
	r.open.determined == false
	"no_open_criteria" in {n.code | some n in r.notes}
}

test_changes if {
	a := result({}, {"kind": "open", "from": "unconditional", "to": "conditional"}).change
	a.allowed == null
	a.requires[0].working_days == null
	result({}, {"kind": "share", "from": "conditional", "to": "not_shared"}).change.allowed == null
	result({}, {"kind": "open", "from": "not_open", "to": "not_open"}).change.allowed == true
}
