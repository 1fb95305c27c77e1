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

# METADATA
# title: Which procedure of the draft applies
# description: >-
#   A requester outside Guangxi goes through the general review (第二十八条);
#   a Guangxi requester of any level asking for a national or other
#   province's data goes through the Bureau (第三十六条: 各级大数据主管部门初审通过后);
#   otherwise the requester's level chooses: 第二十九条 for Guangxi-level
#   requesters, 第三十条 for city requesters of a Guangxi-level or another
#   city's provider, 第三十一条 within one city, 第十六条 for county level.
# custom:
#   basis:
#     - guangxi-scheduling#16
#     - guangxi-scheduling#28
#     - guangxi-scheduling#29
#     - guangxi-scheduling#30
#     - guangxi-scheduling#31
#     - guangxi-scheduling#36
route := "outside_requester" if {
	outside(requester_level, requester_region)
} else := "national" if {
	outside(provider_level, provider_region)
} else := "regional" if {
	regional(requester_level, requester_region)
} else := "city_from_region" if {
	requester_level == "city"
	regional(provider_level, provider_region)
} else := "other_city" if {
	requester_level == "city"
	provider_level == "city"
	requester_region != null
	provider_region != null
	requester_region != provider_region
} else := "same_city" if {
	requester_level == "city"
	provider_level == "city"
	requester_region != null
	requester_region == provider_region
} else := "county" if {
	requester_level == "county"
} else := "county" if {
	requester_level == "city"
	provider_level == "county"
}

# The procedure (parameters.paths) of each route.
paths := {
	"regional": "share_regional",
	"city_from_region": "share_city_from_region",
	"other_city": "share_other_city",
	"same_city": "share_same_city",
	"county": "share_county",
	"national": "share_national",
	"outside_requester": "share_outside_requester",
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
obligations contains lib.timed_term(reg, "report_usage_feedback", p.obligations.report_usage_feedback) if {
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
path := paths[route] if case.outcome == "apply"

default path := null

# METADATA
# title: The limits of the procedure, in order
# description: >-
#   The path's limits (parameters.paths, parameters.limits), each citing its
#   article: the same limits the deadline event lists.
# custom:
#   basis_from: parameters.limits
timeline := lib.timeline(reg, path) if path != null

default timeline := []

# METADATA
# title: The answer is due when the step that answers the requester is
# custom:
#   basis:
#     - guangxi-scheduling#29
#     - guangxi-scheduling#30
deadline := lib.deadline(reg, path) if path != null

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
	"path": path,
	"channel": null,
	"notes": notes,
})
