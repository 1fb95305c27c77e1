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
		{"jurisdiction": "nanning", "as_of": "2026-11-23", "dataset": {"contains": ["state_secret"]}, "change": null},
		{"jurisdiction": "wuxi", "as_of": "2026-11-23", "dataset": {}, "change": null},
	]
	out := classify.batch with input as {"items": items}
	[r.jurisdiction | some r in out] == ["nanning", "wuxi"]
	[r.open.required | some r in out] == ["not_open", "unconditional"]
}
