package osd.classify.lib_test

import data.osd.classify.lib as clib

params := {
	"grounds": [
		{"code": "secret", "flags": ["state_secret"], "basis": ["x#1"]},
		{"code": "privacy", "flags": ["personal_info", "trade_secret"], "lifted_by": ["desensitized"], "when_lifted": "shall_open", "lifted_classes": ["unconditional", "conditional"], "basis": ["x#2"]},
	],
	"limits": {"class": "conditional", "basis": ["x#3"]},
	"residual": {"classes": ["unconditional"], "basis": ["x#4"]},
	"restriction_needs_legal_basis": {"classes": ["conditional", "not_open"], "basis": ["x#5"]},
	"silent": ["work_secret", "rights_holder_consent"],
}

open_of(ds) := o if {
	o := clib.open_part(params) with input as {"dataset": ds}
}

test_an_unlifted_ground_requires_not_open if {
	o := open_of({"contains": ["state_secret", "personal_info"], "desensitized": true})
	o.required == "not_open"
	o.grounds == ["secret"]
	o.basis == ["x#1"]
}

test_a_ground_matching_two_flags_counts_once if {
	o := open_of({"contains": ["personal_info", "trade_secret"]})
	o.grounds == ["privacy"]
}

test_shall_open_narrows_to_conditional_where_use_is_limited if {
	o := open_of({"contains": ["personal_info"], "desensitized": true, "needs_limits": true})
	o.rule == "shall_open"
	o.allowed == ["conditional"]
	o.required == "conditional"
}

test_a_silent_feature_leaves_the_class_undetermined if {
	o := open_of({"contains": ["work_secret"], "declared_open_class": "unconditional"})
	o.determined == false
	o.lawful == null
}

test_consent_the_text_does_not_address_is_reported if {
	o := open_of({"contains": ["personal_info"], "rights_holder_consent": true})
	o.required == "not_open"
	o.unaddressed == ["rights_holder_consent"]
}

test_limits_then_residual if {
	open_of({"needs_limits": true}).required == "conditional"
	open_of({}).required == "unconditional"
}

test_a_restriction_without_a_legal_basis_is_unlawful if {
	o := open_of({"needs_limits": true, "declared_open_class": "conditional"})
	o.problems == ["restriction_without_legal_basis"]
	o.lawful == false
	"x#5" in o.basis
	p := open_of({"needs_limits": true, "declared_open_class": "conditional", "legal_basis": "law"})
	p.lawful == true
}

test_no_declared_class_is_neither_lawful_nor_unlawful if {
	open_of({}).lawful == null
}

test_no_residual_and_no_limits_is_not_stated if {
	o := clib.open_part({"grounds": [], "limits": null, "residual": null, "silent": []}) with input as {"dataset": {"needs_limits": true}}
	o.rule == "not_stated"
	o.determined == false
}

test_share_not_stated_and_stated if {
	s := clib.share_part(null) with input as {"dataset": {"declared_share_class": "not_shared"}}
	s.stated == false
	t := clib.share_part({"restriction_needs_legal_basis": {"classes": ["not_shared"], "basis": ["x#6"]}}) with input as {"dataset": {"declared_share_class": "not_shared"}}
	t.lawful == false
	t.basis == ["x#6"]
}

test_catalogue_is_checked_only_when_given if {
	cat := {"fields": [{"code": "name"}, {"code": "format"}], "list_open": true, "basis": ["x#7"]}
	unchecked := clib.catalogue_part(cat) with input as {"dataset": {}}
	unchecked.checked == false
	checked := clib.catalogue_part(cat) with input as {"dataset": {"catalogue": {"name": "n", "format": ""}}}
	checked.missing == ["format"]
}

test_a_change_with_problems_is_not_allowed if {
	clib.unless_problems(["p"], true) == false
	clib.unless_problems([], null) == null
}
