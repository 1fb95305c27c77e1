package osd.open.nanjing_test

import data.osd.open.nanjing

base := {
	"jurisdiction": "nanjing", "action": "open", "as_of": "2026-11-23", "received_on": "2026-11-23",
	"requester": {"type": "legal_person"},
	"dataset": {"open_class": "conditional", "provider": {}},
	"purpose": "city_governance",
	"application": {},
}

with_purpose(p) := object.union(base, {"purpose": p})

with_class(c) := object.union(base, {"dataset": {"open_class": c}})

codes(items) := {i.code | some i in items}

test_unconditional_is_taken_online if {
	r := nanjing.result with input as with_class("unconditional")
	r.outcome == "permit"
	r.channel.code == "direct_open"
	r.basis == ["nanjing-govdata#24.1", "nanjing-govdata#26", "nanjing-govdata#27", "nanjing-govdata#42"]
}

test_governance_use_is_an_application_in_15_working_days if {
	r := nanjing.result with input as base
	r.outcome == "apply"
	r.route == "application"
	r.deadline.step == "open_process"
	codes(r.obligations) == {"use_per_law_and_agreement", "cite_source_and_date"}
	count(r.conditions) == 0
}

test_research_is_limited_to_non_profit if {
	r := nanjing.result with input as with_purpose("research")
	r.outcome == "apply"
	codes(r.conditions) == {"non_profit_research_only"}
}

test_commercial_goes_by_competitive_selection_without_limit if {
	r := nanjing.result with input as with_purpose("commercial")
	r.route == "competitive_selection"
	r.deadline == null
	r.timeline == []
	codes(r.conditions) == {"competitive_selection"}
	"competitive_selection_no_limit" in codes(r.notes)
}

test_conditional_without_purpose_is_incomplete if {
	r := nanjing.result with input as object.remove(base, ["purpose"])
	r.outcome == "incomplete"
	r.missing == ["purpose"]
	count(r.obligations) == 0
}

test_a_purpose_outside_the_listed_fields_carries_the_reading_note if {
	r := nanjing.result with input as with_purpose("other")
	r.outcome == "apply"
	"other_purposes_read_as_fields" in codes(r.notes)
}

test_not_open_is_denied_with_desensitisation if {
	r := nanjing.result with input as with_class("not_open")
	r.outcome == "deny"
	codes(r.remedies) == {"desensitize_and_reclassify"}
	"nanjing-govdata#23" in r.basis
}

test_no_class_is_incomplete if {
	r := nanjing.result with input as json.remove(base, ["dataset/open_class"])
	r.outcome == "incomplete"
	r.missing == ["dataset.open_class"]
}
