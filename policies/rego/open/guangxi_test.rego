package osd.open.guangxi_test

import data.osd.open.guangxi

base := {
	"jurisdiction": "guangxi", "action": "open", "as_of": "2026-11-23", "received_on": "2026-11-23",
	"requester": {"type": "legal_person"},
	"dataset": {"open_class": "conditional", "provider": {}},
	"application": {},
}

with_class(c) := object.union(base, {"dataset": {"open_class": c}})

codes(items) := {i.code | some i in items}

test_application_is_reviewed_in_3_then_opened_within_5 if {
	r := guangxi.result with input as base
	r.outcome == "apply"
	r.deadline.step == "open_review"
	[[s.key, s.n, s.from] | some s in r.timeline] == [["open_review", 3, "event"], ["open_release", 5, "previous"]]
	codes(r.conditions) == {"complete_application"}
	codes(r.obligations) == {"confirm_and_file"}
	"draft_not_binding" in codes(r.notes)
}

test_company_has_no_coordination_remedy_on_the_literal_reading if {
	r := guangxi.result with input as base
	r.remedies == []
	"coordination_literal" in codes(r.notes)
}

test_natural_person_may_seek_coordination if {
	r := guangxi.result with input as object.union(base, {"requester": {"type": "natural_person"}})
	codes(r.remedies) == {"coordination_by_authority"}
}

test_unconditional_is_taken_from_the_open_platform if {
	r := guangxi.result with input as with_class("unconditional")
	r.outcome == "permit"
	r.channel.code == "direct_open"
}

test_not_open_is_denied if {
	r := guangxi.result with input as with_class("not_open")
	r.outcome == "deny"
	"not_open_no_remedy" in codes(r.notes)
}

test_no_type_is_incomplete if {
	r := guangxi.result with input as json.remove(base, ["dataset/open_class"])
	r.outcome == "incomplete"
	r.missing == ["dataset.open_class"]
}
