package osd.classify.wuxi_test

import data.osd.classify.wuxi

item(ds, change) := {"jurisdiction": "wuxi", "as_of": "2026-11-23", "dataset": ds, "change": change}

change(from, to, need) := {"kind": "open", "from": from, "to": to, "need": need}

result(ds, ch) := r if {
	r := wuxi.result with input as item(ds, ch)
}

test_state_secret_is_not_open if {
	r := result({"contains": ["state_secret"]}, null)
	r.open.required == "not_open"
	"confidential_reading" in {n.code | some n in r.notes}
	r.share.stated == false
	r.change == null
	"wuxi-open#27" in r.basis
}

test_same_class_is_no_change if {
	result({}, change("conditional", "conditional", null)).change.allowed == true
}

test_upgrade_and_downgrade if {
	result({}, change("conditional", "unconditional", null)).change.allowed == true
	result({}, change("unconditional", "not_open", null)).change.problems == ["no_need_stated"]
	result({}, change("unconditional", "not_open", "安全")).change.allowed == true
	result({"contains": ["personal_info"]}, change("conditional", "not_open", null)).change.allowed == true
	result({}, change("conditional", "not_open", null)).change.allowed == false
}

test_not_open_to_open_needs_processing_or_consent if {
	result({"contains": ["trade_secret"], "rights_holder_consent": true}, change("not_open", "unconditional", null)).change.allowed == true
	result({"contains": ["trade_secret"]}, change("not_open", "unconditional", null)).change.allowed == false
}

test_share_change_is_not_governed if {
	c := result({}, {"kind": "share", "from": "conditional", "to": "not_shared"}).change
	c.allowed == null
}

test_security_risk_note if {
	r := result({"security_risk": true}, null)
	"security_risk_not_a_ground" in {n.code | some n in r.notes}
}

test_out_of_force if {
	r := wuxi.result with input as {"jurisdiction": "wuxi", "as_of": "2030-02-15", "dataset": {}, "change": null}
	r.applies == false
	r.basis == ["wuxi-open#27"]
}
