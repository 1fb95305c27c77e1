package osd.open.nanning_test

import data.osd.open.nanning

base := {
	"jurisdiction": "nanning", "action": "open", "as_of": "2026-11-23", "received_on": "2026-11-23",
	"requester": {"type": "natural_person"},
	"dataset": {"open_class": "conditional", "provider": {}},
	"application": {},
}

with_class(c) := object.union(base, {"dataset": {"open_class": c}})

codes(items) := {i.code | some i in items}

test_conditional_uses_guangxi_limits_and_cites_both if {
	r := nanning.result with input as base
	r.outcome == "apply"
	r.regulations == ["nanning-open", "guangxi-scheduling"]
	r.deadline.step == "open_review"
	"nanning-open#7.2" in r.basis
	"guangxi-scheduling#33" in r.basis
	{"copy_cut", "guangxi_fills_silence", "draft_not_binding"} & codes(r.notes) == {"copy_cut", "guangxi_fills_silence", "draft_not_binding"}
	codes(r.remedies) == {"coordination_by_authority"}
}

test_unconditional_is_opened_on_both_platforms if {
	r := nanning.result with input as with_class("unconditional")
	r.outcome == "permit"
	r.channel.code == "platforms"
	"unconditional_class_from_guangxi" in codes(r.notes)
}

test_not_open_is_denied_without_a_remedy if {
	r := nanning.result with input as with_class("not_open")
	r.outcome == "deny"
	r.remedies == []
	"nanning-open#3" in r.basis
}

test_no_class_is_incomplete if {
	r := nanning.result with input as json.remove(base, ["dataset/open_class"])
	r.outcome == "incomplete"
	r.missing == ["dataset.open_class"]
	r.channel == null
}
