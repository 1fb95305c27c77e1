package osd.share.guangxi_test

import data.osd.share.guangxi

base := {
	"jurisdiction": "guangxi", "action": "share", "as_of": "2026-11-23", "received_on": "2026-11-23",
	"requester": {"type": "government_department", "level": "city", "region": "liuzhou"},
	"dataset": {"provider": {"level": "provincial"}},
	"purpose": "official_duty",
	"application": {},
}

levels(req, prov) := object.union(base, {"requester": req, "dataset": {"provider": prov}})

keys(r) := [s.key | some s in r.timeline]

codes(items) := {i.code | some i in items}

test_city_asking_the_region_goes_through_three_reviews if {
	r := guangxi.result with input as base
	r.outcome == "apply"
	keys(r) == ["city_first_review", "city_provider_review", "city_final_review", "report_usage"]
	r.path == "share_city_from_region"
	r.deadline.step == "city_final_review"
	codes(r.obligations) == {"use_within_declared_scenario", "no_onward_transfer", "report_usage_feedback"}
	codes(r.remedies) == {"appeal"}
}

test_regional_requester_goes_through_the_regional_chain if {
	r := guangxi.result with input as levels({"level": "provincial", "region": null}, {"level": "provincial"})
	keys(r) == ["region_first_review", "region_provider_approval", "region_push"]
	not "report_usage_feedback" in codes(r.obligations)
}

test_city_asking_another_city if {
	r := guangxi.result with input as levels({"level": "city", "region": "liuzhou"}, {"level": "city", "region": "guilin"})
	keys(r) == ["other_city_review", "city_final_review", "report_usage"]
	r.deadline.step == "city_final_review"
	"other_city_reviewer" in codes(r.notes)
}

test_same_city_procedure_has_no_stated_limit if {
	r := guangxi.result with input as levels({"level": "city", "region": "liuzhou"}, {"level": "city", "region": "liuzhou"})
	keys(r) == ["respond_to_request", "same_city_procedure"]
	r.deadline == null
	"procedure_not_stated" in codes(r.notes)
}

test_county_requester if {
	r := guangxi.result with input as levels({"level": "county", "region": "x"}, {"level": "city"})
	keys(r) == ["respond_to_request", "county_procedure"]
}

test_city_asking_a_county if {
	r := guangxi.result with input as levels({"level": "city"}, {"level": "county"})
	keys(r) == ["respond_to_request", "county_procedure"]
}

test_city_asking_a_national_provider if {
	r := guangxi.result with input as levels({"level": "city"}, {"level": "national"})
	keys(r) == ["national_procedure"]
}

test_city_asking_another_province if {
	r := guangxi.result with input as levels({"level": "city"}, {"level": "provincial", "region": "yunnan"})
	keys(r) == ["national_procedure"]
}

test_regional_or_county_requester_asking_a_national_provider_goes_through_the_bureau if {
	r := guangxi.result with input as levels({"level": "provincial", "region": null}, {"level": "national"})
	keys(r) == ["national_procedure"]
	c := guangxi.result with input as levels({"level": "county", "region": "x"}, {"level": "provincial", "region": "yunnan"})
	keys(c) == ["national_procedure"]
}

test_national_requester_gets_the_general_review if {
	r := guangxi.result with input as levels({"level": "national", "region": null}, {"level": "city"})
	keys(r) == ["respond_to_request", "general_review"]
}

test_city_to_city_without_regions_is_incomplete if {
	r := guangxi.result with input as levels({"level": "city", "region": null}, {"level": "city"})
	r.outcome == "incomplete"
	r.missing == ["dataset.provider.region", "requester.region"]
}

test_without_levels_is_incomplete if {
	r := guangxi.result with input as object.union(json.remove(base, ["requester/level"]), {"dataset": {"provider": {}}})
	r.outcome == "incomplete"
	r.missing == ["requester.level"]
}

test_under_nanning_city_bodies_without_region_are_in_nanning if {
	r := guangxi.result with input as object.union(levels({"level": "city", "region": null}, {"level": "city"}), {"jurisdiction": "nanning"})
	keys(r) == ["respond_to_request", "same_city_procedure"]
	r.regulations == ["guangxi-scheduling", "nanning-open"]
	"share_not_in_nanning" in codes(r.notes)
}

test_not_shared_is_refused_with_appeal if {
	r := guangxi.result with input as object.union(base, {"dataset": {"share_class": "not_shared"}})
	r.outcome == "deny"
	codes(r.remedies) == {"appeal"}
	r.timeline == []
}

test_other_unit_is_outside_the_draft if {
	r := guangxi.result with input as object.union(base, {"requester": {"type": "other_unit"}})
	r.outcome == "not_applicable"
	r.remedies == []
}

test_public_service_unit_is_noted if {
	r := guangxi.result with input as object.union(base, {"requester": {"type": "public_service_unit"}})
	r.outcome == "apply"
	"public_service_units" in codes(r.notes)
}
