package osd.share.nanjing_test

import data.osd.share.nanjing

base := {
	"jurisdiction": "nanjing", "action": "share", "as_of": "2026-11-23", "received_on": "2026-11-23",
	"requester": {"type": "government_department", "level": "city", "region": "nanjing"},
	"dataset": {"share_class": "unconditional", "provider": {}},
	"purpose": "official_duty",
	"access_mode": "platform",
	"application": {},
}

with_class(c) := object.union(base, {"dataset": {"share_class": c}})

provincial := object.union(base, {"requester": {"level": "provincial", "region": null}})

codes(items) := {i.code | some i in items}

test_own_department_gets_unconditional_data_through_access_rights if {
	r := nanjing.result with input as base
	r.outcome == "permit"
	r.channel.code == "direct_share"
	r.conditions == []
}

test_a_copy_of_unconditional_data_needs_an_application if {
	r := nanjing.result with input as object.union(base, {"access_mode": "copy"})
	r.outcome == "apply"
	r.deadline.step == "share_opinion"
	[[s.key, s.count, s.n] | some s in r.timeline][0] == ["share_opinion", "working_days", 15]
	codes(r.conditions) == {"sign_agreement"}
	"copy_needs_application" in codes(r.notes)
}

test_conditional_data_is_applied_for if {
	r := nanjing.result with input as with_class("conditional")
	r.outcome == "apply"
	[s.key | some s in r.timeline] == ["share_opinion", "share_determination", "grant_access"]
	"final_determination_unlimited" in codes(r.notes)
}

test_not_shared_is_refused if {
	r := nanjing.result with input as with_class("not_shared")
	r.outcome == "deny"
	"not_shared_no_remedy" in codes(r.notes)
}

test_provincial_body_is_an_other_unit_lacking_scenario_and_measures if {
	r := nanjing.result with input as provincial
	r.outcome == "incomplete"
	r.missing == ["application.scenario", "application.security_measures"]
	"other_unit_reading" in codes(r.notes)
}

test_other_unit_with_scenario_and_measures_applies_to_the_authority if {
	r := nanjing.result with input as object.union(provincial, {"application": {"scenario": "s", "security_measures": "m"}})
	r.outcome == "apply"
	[s.key | some s in r.timeline] == ["other_unit_opinion", "other_unit_determination", "other_unit_grant"]
	codes(r.conditions) == {"scenario_and_security_measures", "sign_agreement"}
}

test_body_of_another_city_is_an_other_unit if {
	r := nanjing.result with input as object.union(base, {"requester": {"region": "suzhou"}})
	r.outcome == "incomplete"
	"other_unit_reading" in codes(r.notes)
}

test_declared_other_unit_carries_no_reading_note if {
	r := nanjing.result with input as object.union(base, {"requester": {"type": "other_unit"}})
	r.outcome == "incomplete"
	not "other_unit_reading" in codes(r.notes)
}

test_no_class_is_incomplete if {
	r := nanjing.result with input as json.remove(base, ["dataset/share_class"])
	r.outcome == "incomplete"
	r.missing == ["dataset.share_class"]
}
