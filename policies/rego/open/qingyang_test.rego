package osd.open.qingyang_test

import data.osd.open.qingyang

base := {
	"jurisdiction": "qingyang", "action": "open", "as_of": "2026-11-23", "received_on": "2026-11-23",
	"requester": {"type": "natural_person"},
	"dataset": {"open_class": "conditional", "provider": {}},
	"application": {},
}

with_class(c) := object.union(base, {"dataset": {"open_class": c}})

codes(items) := {i.code | some i in items}

test_conditional_is_answered_in_15_working_days_then_opened_without_limit if {
	r := qingyang.result with input as base
	r.outcome == "apply"
	r.deadline.step == "open_reply"
	[[s.count, s.n] | some s in r.timeline] == [["working_days", 15], ["no_limit", null]]
	codes(r.notes) == {"trial_status", "open_release_unlimited", "gansu-provincial", "reply_counted_from_application"}
}

test_unconditional_is_taken_from_the_platform if {
	r := qingyang.result with input as with_class("unconditional")
	r.outcome == "permit"
	r.channel.code == "direct_open"
	r.timeline == []
}

test_not_open_is_denied_and_the_text_gives_no_remedy if {
	r := qingyang.result with input as with_class("not_open")
	r.outcome == "deny"
	r.remedies == []
	"not_open_no_remedy" in codes(r.notes)
}

test_no_class_is_incomplete if {
	r := qingyang.result with input as json.remove(base, ["dataset/open_class"])
	r.outcome == "incomplete"
	r.missing == ["dataset.open_class"]
}
