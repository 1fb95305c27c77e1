package osd.lib_test

import data.osd.lib

steps := [
	{"key": "a", "working_days": 3, "from": "previous"},
	{"key": "b", "working_days": 5, "from": "previous"},
	{"key": "c", "working_days": 2, "from": "received_on"},
	{"key": "d", "working_days": null, "from": "previous"},
	{"key": "e", "working_days": 4, "from": "previous"},
]

fixture := {"x": {"versions": [
	{"id": "old", "effective_from": "2020-01-01", "effective_to": "2022-12-31"},
	{"id": "new", "effective_from": "2023-01-01", "effective_to": null},
]}}

test_chain_adds_limits_and_restarts_at_received_on if {
	[s.total_working_days | some s in lib.chain(steps)] == [3, 8, 2, null, null]
}

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

test_step_at_is_undefined_past_the_end if {
	lib.step_at(steps, 4).key == "e"
	not lib.step_at(steps, 5)
}
