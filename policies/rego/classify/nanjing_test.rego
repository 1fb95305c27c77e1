package osd.classify.nanjing_test

import data.osd.classify.nanjing

result(ds, ch) := r if {
	r := nanjing.result with input as {"jurisdiction": "nanjing", "as_of": "2026-11-23", "dataset": ds, "change": ch}
}

codes(terms) := {t.code | some t in terms}

test_desensitised_privacy_must_be_opened if {
	r := result({"contains": ["personal_info"], "desensitized": true}, {"kind": "open", "from": "not_open", "to": "conditional"})
	r.open.rule == "shall_open"
	r.change.problems == ["restriction_without_legal_basis"]
	r.change.allowed == false
	codes(r.change.requires) == {"legal_basis_for_restriction", "open_after_desensitisation", "update_catalogue"}
}

test_share_restriction_needs_reasons_and_basis if {
	r := result({"declared_share_class": "conditional", "legal_basis": "规定"}, {"kind": "share", "from": "unconditional", "to": "conditional"})
	r.share.lawful == true
	r.change.allowed == true
	codes(r.change.requires) == {"reasons_and_basis_for_share_restriction", "update_catalogue"}
}

test_share_widening_needs_only_the_catalogue_update if {
	r := result({}, {"kind": "share", "from": "not_shared", "to": "unconditional"})
	codes(r.change.requires) == {"update_catalogue"}
}

test_no_change if {
	result({}, {"kind": "share", "from": "conditional", "to": "conditional"}).change.allowed == true
}

test_work_secret_note if {
	r := result({"contains": ["work_secret"]}, null)
	"work_secret_not_addressed" in {n.code | some n in r.notes}
	r.open.determined == false
}

test_the_residual_class_carries_its_reading if {
	"residual_unconditional" in {n.code | some n in result({}, null).notes}
	not "residual_unconditional" in {n.code | some n in result({"needs_limits": true}, null).notes}
}

test_out_of_force if {
	r := nanjing.result with input as {"jurisdiction": "nanjing", "as_of": "2019-09-19", "dataset": {}, "change": null}
	r.applies == false
}
