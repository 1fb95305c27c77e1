package osd.lib_test

import data.osd.lib

limits := {
	"a": {"count": "working_days", "n": 3, "from": "event", "responsible": "r", "responsible_en": "r", "basis": ["x-y#1"]},
	"b": {"count": "without_delay", "n": null, "from": "previous", "responsible": "s", "responsible_en": "s", "basis": ["x-y#2"]},
}

procedures := {"x": {"versions": [{
	"id": "v",
	"effective_from": null,
	"effective_to": null,
	"parameters": {
		"limits": limits,
		"paths": {
			"answered": {"steps": ["a", "b"], "answer": "a"},
			"unanswered": {"steps": ["b"]},
			"answer_without_days": {"steps": ["a", "b"], "answer": "b"},
		},
		"obligations": {"timed": {"text": "t", "text_en": "t", "basis": ["x-y#1"], "limit": "a"}},
	},
}]}}

superior := {
	"n": {"id": "n", "jurisdictions": ["wuxi"], "governs": ["share"], "effective_from": "2025-08-01", "note": {"zh": "z", "en": "e"}},
	"p": {"id": "p", "jurisdictions": ["wuxi"], "governs": ["open", "share"], "effective_from": null, "note": {"zh": "z", "en": "e"}},
}

fixture := {"x": {"versions": [
	{"id": "old", "effective_from": "2020-01-01", "effective_to": "2022-12-31"},
	{"id": "new", "effective_from": "2023-01-01", "effective_to": null},
]}}

test_timeline_lists_the_path_limits_in_order_with_their_keys if {
	t := lib.timeline("x", "answered") with data.regulations as procedures with input.as_of as "2026-01-01"
	[[s.key, s.count, s.regulation] | some s in t] == [["a", "working_days", "x"], ["b", "without_delay", "x"]]
}

test_deadline_is_the_answering_step_when_it_counts_days if {
	d := lib.deadline("x", "answered") with data.regulations as procedures with input.as_of as "2026-01-01"
	d.step == "a"
	d.basis == ["x-y#1"]
	not lib.deadline("x", "unanswered") with data.regulations as procedures with input.as_of as "2026-01-01"
	not lib.deadline("x", "answer_without_days") with data.regulations as procedures with input.as_of as "2026-01-01"
}

test_timed_term_reads_its_days_from_the_limit if {
	p := procedures.x.versions[0].parameters.obligations.timed
	lib.timed_term("x", "timed", p).working_days == 3 with data.regulations as procedures with input.as_of as "2026-01-01"
	lib.term("timed", p).working_days == null
}

test_superior_notes_follow_action_jurisdiction_and_date if {
	codes(lib.superior_notes("share")) == {"n", "p"} with data.superior as superior with input as {"jurisdiction": "wuxi", "as_of": "2025-08-01"}
	codes(lib.superior_notes("share")) == {"p"} with data.superior as superior with input as {"jurisdiction": "wuxi", "as_of": "2025-07-31"}
	codes(lib.superior_notes("open")) == {"p"} with data.superior as superior with input as {"jurisdiction": "wuxi", "as_of": "2026-01-01"}
	count(lib.superior_notes("share")) == 0 with data.superior as superior with input as {"jurisdiction": "nanjing", "as_of": "2026-01-01"}
}

codes(notes) := {n.code | some n in notes}

test_version_is_chosen_by_as_of if {
	lib.version("x").id == "old" with data.regulations as fixture with input.as_of as "2022-12-31"
	lib.version("x").id == "new" with data.regulations as fixture with input.as_of as "2023-01-01"
	not lib.in_force("x") with data.regulations as fixture with input.as_of as "2019-12-31"
}

test_filled_rejects_null_empty_and_false if {
	lib.filled("application.title") with input as {"application": {"title": "t"}}
	not lib.filled("application.title") with input as {"application": {"title": ""}}
	not lib.filled("application.commitment") with input as {"application": {"commitment": false}}
	not lib.filled("application.title") with input as {"application": {}}
}

test_by_code_orders_items if {
	[i.code | some i in lib.by_code({{"code": "b"}, {"code": "a"}})] == ["a", "b"]
}

test_refs_of_keeps_one_regulation if {
	lib.refs_of("a-b", ["a-b#1", "a-bc#2", "x#3"]) == ["a-b#1"]
}
