# METADATA
# title: Guangxi — sharing government data (draft)
# description: >-
#   广西政务数据调度管理办法（征求意见稿）: every share request is reviewed before
#   use is authorised (第二十八条); the chain of steps depends on who asks and
#   who holds the data (第二十九条 for Guangxi-level requesters, 第三十条 for
#   city-level requesters, 第三十一条 within one city, 第十六条 for county level,
#   第三十六条 for national or other provincial providers); refusals may be
#   appealed (第三十七条); use is bound by 第四十四条. A draft: every decision is
#   non-binding. Nanning's share requests are decided here too (its own text is
#   silent on sharing); an unstated region then means Nanning.
package osd.share.guangxi

import data.osd.lib

reg := "guangxi-scheduling"

p := lib.params(reg)

nanning := input.jurisdiction == "nanning"

class := object.get(input.dataset, "share_class", null)

requester_level := object.get(input.requester, "level", null)

provider := object.get(input.dataset, "provider", {})

provider_level := object.get(provider, "level", null)

requester_region := region(requester_level, object.get(input.requester, "region", null))

provider_region := region(provider_level, object.get(provider, "region", null))

# Under Nanning's jurisdiction a city or county body with no region is a
# Nanning body; a Guangxi-level or national body keeps its own (null) region.
region(level, r) := "nanning" if {
	r == null
	nanning
	level in {"city", "county"}
} else := r

# METADATA
# title: Provider or requester at Guangxi (autonomous region) level
# description: A provincial-level body of Guangxi; one of another province is not.
# custom:
#   basis:
#     - guangxi-scheduling#6.1
#     - guangxi-scheduling#6.3
regional(level, r) if {
	level == "provincial"
	r in {null, "guangxi"}
}

outside(level, _) if level == "national"

outside(level, r) if {
	level == "provincial"
	not r in {null, "guangxi"}
}

# Which procedure of the draft applies.
route := "regional" if regional(requester_level, requester_region)

route := "city_from_region" if {
	requester_level == "city"
	regional(provider_level, provider_region)
}

route := "other_city" if {
	requester_level == "city"
	provider_level == "city"
	requester_region != null
	provider_region != null
	requester_region != provider_region
}

route := "same_city" if {
	requester_level == "city"
	provider_level == "city"
	requester_region != null
	requester_region == provider_region
}

route := "county" if requester_level == "county"

route := "county" if {
	requester_level == "city"
	provider_level == "county"
}

route := "national" if {
	requester_level == "city"
	outside(provider_level, provider_region)
}

route := "outside_requester" if outside(requester_level, requester_region)

chains := {
	"regional": ["region_first_review", "region_provider_approval", "region_push"],
	"city_from_region": ["city_first_review", "city_provider_review", "city_final_review"],
	"other_city": ["other_city_review", "city_final_review"],
	"same_city": ["same_city_procedure"],
	"county": ["county_procedure"],
	"national": ["national_procedure"],
	"outside_requester": ["general_review"],
}

member if input.requester.type in {"government_department", "public_service_unit"}

# METADATA
# title: Other units are outside the draft's sharing
# description: >-
#   The draft's sharing is between government departments at each level;
#   another kind of unit is outside it.
# custom:
#   description_zh: 本办法规定的共享发生在各级政务部门之间；其他单位不在其共享范围内。
#   basis:
#     - guangxi-scheduling#6
case := lib.case(rego.metadata.rule(), "not_applicable", "none") if input.requester.type == "other_unit"

# METADATA
# title: Data a catalogue marks as not shared is refused, with appeal
# description: >-
#   The draft has no share classes; data a catalogue marks as not shared is a
#   refusal with a basis, which the requesting department may appeal.
# custom:
#   description_zh: 本办法未划分共享类型；目录标为不予共享的数据，按提供部门有依据的拒绝处理，需求部门可以申诉。
#   basis:
#     - guangxi-scheduling#29.3
#     - guangxi-scheduling#30.2
#     - guangxi-scheduling#37
case := lib.case(rego.metadata.rule(), "deny", "none") if {
	member
	class == "not_shared"
}

# METADATA
# title: Levels or regions needed to choose the procedure
# description: >-
#   The procedure depends on the level of the requesting and providing bodies
#   and, between cities, on their regions.
# custom:
#   description_zh: 办理流程取决于需求部门和提供部门的层级，以及市级部门之间是否同市。
#   basis:
#     - guangxi-scheduling#29
#     - guangxi-scheduling#30
#     - guangxi-scheduling#31
case := lib.case(rego.metadata.rule(), "incomplete", "application") if {
	member
	class != "not_shared"
	count(gaps) > 0
}

# METADATA
# title: Share request is reviewed before use is authorised
# description: >-
#   The requesting department files its request online on the sharing and
#   exchange platform; use is authorised after review, in the steps and limits
#   the draft sets for this pair of bodies.
# custom:
#   description_zh: 数据需求部门在数据共享交换平台在线提交申请，经审核通过后授权使用；审核步骤和期限按需求部门与提供部门的层级确定。
#   basis:
#     - guangxi-scheduling#28
case := lib.case(rego.metadata.rule(), "apply", "application") if {
	member
	class != "not_shared"
	count(gaps) == 0
}

# METADATA
# scope: document
# title: What is needed to choose the procedure
# custom:
#   basis:
#     - guangxi-scheduling#29
#     - guangxi-scheduling#30
#     - guangxi-scheduling#31
gaps contains "requester.level" if requester_level == null

gaps contains "dataset.provider.level" if {
	requester_level == "city"
	provider_level == null
}

gaps contains "requester.region" if {
	requester_level == "city"
	provider_level == "city"
	requester_region == null
}

gaps contains "dataset.provider.region" if {
	requester_level == "city"
	provider_level == "city"
	provider_region == null
}

missing contains gap if {
	member
	class != "not_shared"
	some gap in gaps
}

# METADATA
# title: File the request online
# custom:
#   basis:
#     - guangxi-scheduling#28
#     - guangxi-scheduling#29.3
conditions contains lib.term("complete_application", p.conditions.complete_application) if case.route == "application"

# METADATA
# title: Use within the authorisation, no onward transfer
# custom:
#   basis:
#     - guangxi-scheduling#44
obligations contains lib.term(key, p.obligations[key]) if {
	case.route == "application"
	some key in ["use_within_declared_scenario", "no_onward_transfer"]
}

# METADATA
# title: City requesters report use and evaluation
# custom:
#   basis:
#     - guangxi-scheduling#30.4
obligations contains lib.term("report_usage_feedback", p.obligations.report_usage_feedback) if {
	case.route == "application"
	route in {"city_from_region", "other_city"}
}

# METADATA
# title: Appeal against a refusal
# custom:
#   basis:
#     - guangxi-scheduling#37
remedies contains lib.term("appeal", p.remedies.appeal) if case.outcome in {"apply", "deny"}

# METADATA
# title: The chain of reviews for this pair of bodies
# custom:
#   basis:
#     - guangxi-scheduling#16
#     - guangxi-scheduling#28
#     - guangxi-scheduling#29
#     - guangxi-scheduling#30
#     - guangxi-scheduling#31
#     - guangxi-scheduling#36
timeline := lib.chain([lib.step(key, p.steps[key]) | some key in chains[route]]) if case.outcome == "apply"

default timeline := []

# METADATA
# title: The answer is due when the last review with a limit is
# custom:
#   basis:
#     - guangxi-scheduling#29
#     - guangxi-scheduling#30
deadline := lib.deadline(last) if {
	case.outcome == "apply"
	last := lib.step_at(timeline, count(timeline) - 1)
	last.working_days != null
}

default deadline := null

notes contains lib.note(reg, "draft_not_binding")

notes contains lib.note(reg, "no_share_classes") if member

notes contains lib.note(reg, "chain_counting") if {
	case.outcome == "apply"
	count(timeline) > 1
}

notes contains lib.note(reg, "other_city_reviewer") if {
	case.outcome == "apply"
	route == "other_city"
}

notes contains lib.note(reg, "procedure_not_stated") if {
	case.outcome == "apply"
	deadline == null
}

notes contains lib.note(reg, "public_service_units") if input.requester.type == "public_service_unit"

notes contains lib.note("nanning-open", key) if {
	nanning
	some key in ["share_not_in_nanning", "guangxi_fills_silence", "date_unknown"]
}

regulations := ["guangxi-scheduling", "nanning-open"] if nanning

default regulations := ["guangxi-scheduling"]

result := lib.assemble(case, {
	"regulations": regulations,
	"conditions": conditions,
	"obligations": obligations,
	"remedies": remedies,
	"missing": missing,
	"timeline": timeline,
	"deadline": deadline,
	"channel": null,
	"notes": notes,
})
