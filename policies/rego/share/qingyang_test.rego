package osd.share.qingyang_test

import data.osd.share.qingyang

base := {
	"jurisdiction": "qingyang", "action": "share", "as_of": "2026-11-23", "received_on": "2026-11-23",
	"requester": {"type": "public_service_unit", "level": "city"},
	"dataset": {"share_class": "conditional", "provider": {}},
	"purpose": "official_duty",
	"application": {"scope": "s", "reason": "r"},
}

with_class(c) := object.union(base, {"dataset": {"share_class": c}})

codes(items) := {i.code | some i in items}

test_conditional_is_answered_in_7_working_days if {
	r := qingyang.result with input as base
	r.outcome == "apply"
	r.deadline.step == "share_reply"
	[[s.count, s.n] | some s in r.timeline] == [["working_days", 7]]
	codes(r.conditions) == {"declare_scope_and_purpose"}
	codes(r.obligations) == {"no_onward_transfer", "use_within_declared_scenario"}
}

test_conditional_without_scope_or_purpose_is_incomplete if {
	r := qingyang.result with input as object.union(base, {"application": {"scope": "", "reason": null}})
	r.outcome == "incomplete"
	r.missing == ["application.reason", "application.scope"]
	r.deadline == null
}

test_unconditional_is_taken_directly if {
	r := qingyang.result with input as with_class("unconditional")
	r.outcome == "permit"
	r.channel.code == "direct_share"
}

test_not_shared_is_negotiated_without_a_limit if {
	r := qingyang.result with input as with_class("not_shared")
	r.outcome == "apply"
	r.route == "negotiation"
	r.deadline == null
	[s.key | some s in r.timeline] == ["negotiation", "coordination"]
	codes(r.remedies) == {"coordination_by_authority"}
}

test_other_unit_is_outside_sharing if {
	r := qingyang.result with input as object.union(base, {"requester": {"type": "other_unit"}})
	r.outcome == "not_applicable"
	codes(r.notes) == {"trial_status", "other_unit_not_covered", "gansu-provincial", "state-council-govdata-sharing"}
	r.obligations == []
}

test_provincial_body_stationed_in_the_city_is_noted if {
	r := qingyang.result with input as object.union(base, {"requester": {"level": "provincial"}})
	r.outcome == "apply"
	"stationed_bodies" in codes(r.notes)
}

test_no_class_is_incomplete if {
	r := qingyang.result with input as json.remove(base, ["dataset/share_class"])
	r.outcome == "incomplete"
	r.missing == ["dataset.share_class"]
	r.obligations == []
}
