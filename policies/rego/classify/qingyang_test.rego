package osd.classify.qingyang_test

import data.osd.classify.qingyang

result(ds, ch) := r if {
	r := qingyang.result with input as {"jurisdiction": "qingyang", "as_of": "2026-11-23", "dataset": ds, "change": ch}
}

notes(r) := {n.code | some n in r.notes}

test_privacy_is_not_open_and_desensitisation_is_not_addressed if {
	r := result({"contains": ["personal_info"], "desensitized": true}, null)
	r.open.required == "not_open"
	notes(r) == {"trial_status", "desensitisation_not_addressed"}
}

test_silent_features_are_noted if {
	r := result({"contains": ["work_secret"], "security_risk": true}, null)
	{"work_secret_not_addressed", "security_risk_not_addressed"} & notes(r) == {"work_secret_not_addressed", "security_risk_not_addressed"}
}

test_not_shared_needs_a_basis if {
	r := result({}, {"kind": "share", "from": "conditional", "to": "not_shared"})
	r.change.allowed == false
	{t.code | some t in r.change.requires} == {"legal_basis_for_not_shared", "update_catalogue"}
}

test_open_change_and_no_change if {
	result({}, {"kind": "open", "from": "conditional", "to": "unconditional"}).change.allowed == true
	result({}, {"kind": "open", "from": "conditional", "to": "conditional"}).change.requires == []
}

test_out_of_force if {
	r := qingyang.result with input as {"jurisdiction": "qingyang", "as_of": "2021-03-29", "dataset": {}, "change": null}
	r.applies == false
}
