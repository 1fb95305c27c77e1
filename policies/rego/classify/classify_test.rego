package osd.classify_test

import data.osd.classify

test_each_jurisdiction_answers_under_its_name if {
	every j in ["wuxi", "nanjing", "qingyang", "guangxi", "nanning"] {
		r := classify.result with input as {"jurisdiction": j, "as_of": "2026-11-23", "dataset": {}, "change": null}
		r.jurisdiction == j
	}
}

test_batch_keeps_order if {
	items := [
		{"jurisdictions": ["nanning", "wuxi"], "as_of": "2026-11-23", "dataset": {"contains": ["state_secret"]}, "change": null},
		{"jurisdictions": ["wuxi"], "as_of": "2026-11-23", "dataset": {}, "change": null},
	]
	out := classify.batch with input as {"items": items}
	[r.jurisdiction | some r in out] == ["nanning", "wuxi", "wuxi"]
	[r.open.required | some r in out] == ["not_open", "not_open", "unconditional"]
}

test_rows_keep_what_a_catalogue_row_shows if {
	items := [
		{"jurisdictions": ["wuxi"], "as_of": "2026-11-23", "dataset": {}, "change": {"kind": "open", "from": "conditional", "to": "unconditional"}},
		{"jurisdictions": ["wuxi"], "as_of": "2020-01-01", "dataset": {}, "change": null},
	]
	[a, b] := classify.rows with input as {"items": items}
	a.change == {"allowed": true, "requires": ["upgrade_when_fit"]}
	object.keys(a.open) == {"required", "allowed", "declared", "lawful", "problems"}
	b.applies == false
	b.open == null
	b.change == null
}
