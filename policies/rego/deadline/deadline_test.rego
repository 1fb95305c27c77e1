package osd.deadline_test

import data.osd.deadline

ask(j, event, day) := r if {
	r := deadline.result with input as {"jurisdiction": j, "event": event, "date": day, "as_of": day}
}

paths(r) := [[p.key, [l.key | some l in p.limits]] | some p in r.paths]

codes(r) := {n.code | some n in r.notes}

test_alternative_paths_each_with_their_limits_in_order if {
	r := ask("nanjing", "objection_received", "2026-11-23")
	r.outcome == "stated"
	r.relation == "alternatives"
	paths(r) == [
		["objection_by_centre", ["mark_objection", "centre_decides"]],
		["objection_by_department", ["mark_objection", "transfer_objection", "department_decides", "tell_objector"]],
	]
	[l.path | some l in r.limits] == [
		"objection_by_centre", "objection_by_centre",
		"objection_by_department", "objection_by_department", "objection_by_department", "objection_by_department",
	]
}

test_without_delay_is_not_no_limit if {
	r := ask("wuxi", "open_application_received", "2026-11-23")
	[[l.count, l.from] | some l in r.limits] == [["without_delay", "event"], ["working_days", "event"], ["without_delay", "previous"]]
}

test_nanning_falls_back_to_guangxi_with_a_note if {
	r := ask("nanning", "catalog_offline_requested", "2026-11-23")
	r.governing == "guangxi-scheduling"
	codes(r) == {"guangxi_fills_silence", "draft_not_binding", "copy_cut", "state-council-govdata-sharing"} | {n.code | some l in r.limits; n := {"code": l.note}}
	own := ask("nanning", "catalog_update_required", "2026-11-23")
	own.governing == "nanning-open"
	not "copy_cut" in codes(own)
	not "guangxi_fills_silence" in codes(own)
}

test_regional_requesters_have_their_own_data_check if {
	r := ask("guangxi", "shared_data_doubt", "2026-11-23")
	r.relation == "alternatives"
	[[l.key, l.count, l.n] | some l in r.paths[0].limits] == [["request_data_check", "working_days", 2], ["answer_data_check", "working_days", 3]]
	r.paths[0].when.requester_level == ["provincial"]
}

test_share_events_carry_the_national_regulation_from_its_date if {
	"state-council-govdata-sharing" in codes(ask("qingyang", "share_application_received", "2025-08-01"))
	not "state-council-govdata-sharing" in codes(ask("qingyang", "share_application_received", "2025-07-31"))
	not "state-council-govdata-sharing" in codes(ask("qingyang", "catalog_update_required", "2026-11-23"))
	"gansu-provincial" in codes(ask("qingyang", "catalog_update_required", "2026-11-23"))
}

test_a_silent_text_says_why if {
	r := ask("nanjing", "shared_data_doubt", "2026-11-23")
	r.outcome == "not_stated"
	"department_doubt_no_limit" in codes(r)
}

test_an_item_may_carry_a_reading_note if {
	r := ask("guangxi", "data_offline_requested", "2026-11-23")
	"advance_application_reading" in {n.code | some n in r.notes}
}

test_trial_note_for_qingyang if {
	"trial_status" in {n.code | some n in ask("qingyang", "shared_data_doubt", "2026-11-23").notes}
}

test_not_stated_and_not_applicable if {
	ask("wuxi", "catalog_update_required", "2026-11-23").outcome == "not_stated"
	r := ask("wuxi", "quality_rectification_issued", "2025-01-01")
	r.outcome == "not_applicable"
	r.basis == ["wuxi-open#27"]
}
