package osd.deadline_test

import data.osd.deadline

ask(j, event, day) := r if {
	r := deadline.result with input as {"jurisdiction": j, "event": event, "date": day, "as_of": day}
}

test_stated_limits_in_order if {
	r := ask("nanjing", "objection_received", "2026-11-23")
	r.outcome == "stated"
	[l.key | some l in r.limits] == ["mark_objection", "centre_decides", "transfer_objection", "department_decides", "tell_objector"]
	r.limits[3].from == "transfer_objection"
}

test_a_step_of_the_procedure_is_a_limit if {
	r := ask("wuxi", "open_application_received", "2026-11-23")
	[[l.count, l.from] | some l in r.limits] == [["no_limit", "previous"], ["working_days", "event"], ["no_limit", "previous"]]
}

test_nanning_falls_back_to_guangxi_with_a_note if {
	r := ask("nanning", "catalog_offline_requested", "2026-11-23")
	r.governing == "guangxi-scheduling"
	{n.code | some n in r.notes} == {"guangxi_fills_silence", "draft_not_binding"}
	own := ask("nanning", "catalog_update_required", "2026-11-23")
	own.governing == "nanning-open"
	own.notes == []
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
