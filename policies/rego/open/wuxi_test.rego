package osd.open.wuxi_test

import data.osd.open.wuxi

base := {
	"jurisdiction": "wuxi", "action": "open", "as_of": "2026-11-23", "received_on": "2026-11-23",
	"requester": {"type": "legal_person", "real_name_verified": true, "agreement_accepted": true},
	"dataset": {"open_class": "conditional", "provider": {}},
	"access_mode": "platform",
	"application": {
		"title": "t", "reason": "r", "request_type": "dataset", "usage_period": {"from": "2026-12-01", "to": "2027-11-30"},
		"output_form": "o", "scenario": "s", "commitment": true,
	},
}

test_conditional_complete_is_apply_in_10_working_days if {
	r := wuxi.result with input as base
	r.outcome == "apply"
	r.route == "application"
	r.deadline.step == "reply_application"
	[[s.key, s.count, s.n] | some s in r.timeline] == [
		["forward_application", "without_delay", null],
		["reply_application", "working_days", 10],
		["open_data", "without_delay", null],
	]
	"wuxi-open#15.3" in r.basis
}

test_missing_commitment_is_incomplete if {
	r := wuxi.result with input as object.union(base, {"application": object.union(base.application, {"commitment": false})})
	r.outcome == "incomplete"
	r.missing == ["application.commitment"]
	r.deadline == null
}

test_unconditional_is_permit_without_registration if {
	r := wuxi.result with input as object.union(base, {"dataset": {"open_class": "unconditional"}, "requester": {"type": "natural_person"}})
	r.outcome == "permit"
	r.route == "direct"
	count(r.conditions) == 0
}

test_not_open_is_deny_with_remedies if {
	r := wuxi.result with input as object.union(base, {"dataset": {"open_class": "not_open"}})
	r.outcome == "deny"
	{c.code | some c in r.remedies} == {"desensitize_and_reclassify", "rights_holder_consent", "feedback_channel"}
}

test_unregistered_requester_without_agreement_is_incomplete if {
	r := wuxi.result with input as object.union(base, {"requester": {"real_name_verified": false, "agreement_accepted": null}})
	r.outcome == "incomplete"
	r.missing == ["requester.agreement_accepted", "requester.real_name_verified"]
}

test_no_class_is_incomplete if {
	r := wuxi.result with input as json.remove(base, ["dataset/open_class"])
	r.outcome == "incomplete"
	r.route == "none"
	r.missing == ["dataset.open_class"]
}
