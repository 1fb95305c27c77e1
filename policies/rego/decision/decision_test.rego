package osd.decision_test

import data.osd.decision

share := {
	"jurisdiction": "nanjing", "action": "share", "as_of": "2026-11-23", "received_on": "2026-11-23",
	"requester": {"type": "government_department", "level": "city", "region": "nanjing"},
	"dataset": {"share_class": "unconditional", "provider": {}},
	"purpose": "official_duty",
	"application": {},
}

open := {
	"jurisdiction": "wuxi", "action": "open", "as_of": "2026-11-23", "received_on": "2026-11-23",
	"requester": {"type": "natural_person"},
	"dataset": {"open_class": "unconditional", "provider": {}},
	"application": {},
}

test_wuxi_before_it_took_effect_is_not_applicable_citing_its_dates if {
	r := decision.result with input as object.union(open, {"as_of": "2025-02-14"})
	r.outcome == "not_applicable"
	r.rule == "Governing text not in force on as_of"
	r.basis == ["wuxi-open#27"]
	r.versions == {}
}

test_wuxi_on_its_first_day_decides if {
	r := decision.result with input as object.union(open, {"as_of": "2025-02-15"})
	r.outcome == "permit"
	r.versions == {"wuxi-open": "2025"}
}

test_wuxi_after_its_last_day_is_not_applicable if {
	r := decision.result with input as object.union(open, {"as_of": "2030-02-15"})
	r.outcome == "not_applicable"
}

test_nanjing_before_2019_09_20_is_not_applicable if {
	r := decision.result with input as object.union(share, {"as_of": "2019-09-19"})
	r.outcome == "not_applicable"
}

test_share_by_a_company_is_not_applicable_citing_only_applied_texts if {
	r := decision.result with input as object.union(share, {"requester": {"type": "legal_person"}})
	r.outcome == "not_applicable"
	r.rule == "Share request by someone who is not a government body"
	r.basis == ["nanjing-govdata#41.1", "nanjing-govdata#42"]
}

test_share_for_another_purpose_is_not_applicable if {
	r := decision.result with input as object.union(share, {"purpose": "commercial"})
	r.outcome == "not_applicable"
	r.rule == "Share request for a purpose other than official duty"
}

test_share_without_a_purpose_is_read_as_official_duty if {
	r := decision.result with input as object.remove(share, ["purpose"])
	r.outcome == "permit"
}

test_out_of_force_comes_before_the_requester_gate if {
	r := decision.result with input as object.union(share, {"as_of": "2019-01-01", "requester": {"type": "legal_person"}})
	r.rule == "Governing text not in force on as_of"
}

test_wuxi_share_is_not_governed_with_its_note if {
	r := decision.result with input as object.union(share, {"jurisdiction": "wuxi", "requester": {"type": "legal_person"}})
	r.outcome == "not_applicable"
	r.rule == "Wuxi's text does not govern sharing"
	[n.code | some n in r.notes] == ["jiangsu-provincial", "share_not_governed", "state-council-govdata-sharing"]
	r.basis == ["wuxi-open#1", "wuxi-open#2", "wuxi-open#27", "wuxi-open#3"]
}

test_nanning_share_is_decided_by_guangxi_and_cites_both if {
	r := decision.result with input as object.union(share, {
		"jurisdiction": "nanning",
		"requester": {"type": "government_department", "level": "city"},
		"dataset": {"provider": {"level": "city"}},
	})
	r.outcome == "apply"
	r.regulations == ["guangxi-scheduling", "nanning-open"]
	r.versions == {"guangxi-scheduling": "draft", "nanning-open": "as-received"}
}

test_every_jurisdiction_and_action_has_a_result if {
	every j in ["wuxi", "nanjing", "qingyang", "guangxi", "nanning"] {
		every a in ["open", "share"] {
			r := decision.result with input as object.union(share, {"jurisdiction": j, "action": a})
			r.outcome in {"permit", "apply", "deny", "incomplete", "not_applicable"}
		}
	}
}
