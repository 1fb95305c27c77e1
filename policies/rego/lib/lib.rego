# METADATA
# title: Shared helpers of the decision packages
# description: >-
#   Version selection by input.as_of, parameter lookup in data.regulations, and
#   the building blocks of a decision (cases from rule METADATA, terms, timelines,
#   notes). Dates are ISO 8601 strings, so string order is date order and no
#   time built-in is needed (none is used in decisions).
package osd.lib

# METADATA
# title: Version in force
# description: >-
#   The version of a regulation whose window contains input.as_of. An open end
#   (null) counts as unbounded: a draft or an undated copy decides on any date.
version(reg) := v if {
	some v in data.regulations[reg].versions
	starts_by(v, input.as_of)
	ends_after(v, input.as_of)
}

starts_by(v, _) if v.effective_from == null

starts_by(v, day) if v.effective_from <= day

ends_after(v, _) if v.effective_to == null

ends_after(v, day) if day <= v.effective_to

in_force(reg) if version(reg)

params(reg) := version(reg).parameters

# METADATA
# title: Case
# description: >-
#   The outcome and route a rule decides, with the articles named in that
#   rule's METADATA (custom.basis) and its explanation (description and
#   custom.description_zh), so that the basis of a decision is read from the
#   rule that made it.
case(meta, outcome, route) := {
	"outcome": outcome,
	"route": route,
	"rule": meta.title,
	"basis": meta.custom.basis,
	"why": {"zh": meta.custom.description_zh, "en": meta.description},
}

# A condition, obligation or remedy from a parameter entry.
term(key, p) := {
	"code": object.get(p, "code", key),
	"text": p.text,
	"text_en": p.text_en,
	"basis": p.basis,
	"working_days": null,
}

# METADATA
# title: Term timed by a limit
# description: >-
#   A term whose duty the text limits in days (its parameter names the limit,
#   parameters.limits[p.limit]): working_days is read from that limit, so
#   the number is kept once.
timed_term(reg, key, p) := object.union(term(key, p), {"working_days": params(reg).limits[p.limit].n}) if {
	params(reg).limits[p.limit].count == "working_days"
} else := term(key, p)

# METADATA
# title: Timeline of a procedure
# description: >-
#   The limits of a path (parameters.paths[path].steps) in order, each with
#   its key and its regulation: the very limits the deadline events list, so
#   a decision's timeline and a deadline answer cannot differ. Counting them
#   on the calendar is the service's work.
timeline(reg, path) := [limit(reg, key) | some key in params(reg).paths[path].steps]

# A limit of the version in force, with its key and regulation.
limit(reg, key) := object.union(params(reg).limits[key], {"key": key, "regulation": reg})

# METADATA
# title: Deadline of a procedure
# description: >-
#   The step of the path that gives the requester the answer
#   (parameters.paths[path].answer), where the text counts it in days; a
#   path without such a step has no deadline (none is invented).
deadline(reg, path) := {
	"step": key,
	"responsible": s.responsible,
	"responsible_en": s.responsible_en,
	"basis": s.basis,
} if {
	key := params(reg).paths[path].answer
	s := params(reg).limits[key]
	s.count in {"working_days", "calendar_days"}
}

# METADATA
# title: Superior rules not in the set
# description: >-
#   A note for each superior rule (data.superior) that bears on the
#   jurisdiction and the action and is in force on as_of (a rule with no
#   known date always): named, never encoded.
superior_notes(action) := {superior_note(s) |
	some s in data.superior
	input.jurisdiction in s.jurisdictions
	action in s.governs
	superior_in_force(s)
}

superior_note(s) := {
	"code": s.id,
	"kind": "superior",
	"zh": s.note.zh,
	"en": s.note.en,
	"basis": [],
	"regulation": s.id,
}

superior_in_force(s) if s.effective_from == null

superior_in_force(s) if s.effective_from <= input.as_of

# A reading note of a regulation (data.regulations[reg].notes[key]).
note(reg, key) := object.union(data.regulations[reg].notes[key], {"code": key, "regulation": reg})

# METADATA
# title: Assemble
# description: >-
#   The policy result of one jurisdiction: the case, its terms, timeline and
#   notes, and the union of every article they rest on, including the
#   articles that put each applied version in force on as_of.
assemble(c, parts) := {
	"outcome": c.outcome,
	"route": c.route,
	"rule": c.rule,
	"why": c.why,
	"regulations": parts.regulations,
	"versions": {reg: version(reg).id | some reg in parts.regulations; in_force(reg)},
	"conditions": by_code(parts.conditions),
	"obligations": by_code(parts.obligations),
	"remedies": by_code(parts.remedies),
	"missing": sort(parts.missing),
	"channel": object.get(parts, "channel", null),
	"deadline": parts.deadline,
	"timeline": parts.timeline,
	"path": object.get(parts, "path", null),
	"notes": by_code(((parts.notes | superior_notes(input.action)) | limit_notes(parts.timeline))),
	"basis": sort(all_basis(c, parts)),
}

# The reading notes the limits of a timeline rest on (parameters.limits[_].note).
limit_notes(timeline) := {note(s.regulation, s.note) | some s in timeline; s.note}

all_basis(c, parts) := ({ref |
	some ref in c.basis
} | {ref |
	some reg in parts.regulations
	some ref in object.get(version(reg), "dates_basis", [])
}) | {ref |
	some key in ["conditions", "obligations", "remedies", "notes", "timeline"]
	some item in parts[key]
	some ref in item.basis
}

# Items in the order of their codes, so that every engine lists them alike.
by_code(items) := [item |
	some code in sort({i.code | some i in items})
	some item in items
	item.code == code
]

# The refs of a rule's METADATA basis that belong to one regulation.
refs_of(reg, refs) := [ref | some ref in refs; startswith(ref, concat("", [reg, "#"]))]

# METADATA
# title: Field filled in
# description: >-
#   A two-part input path (e.g. application.title) holds a value that is not
#   null, an empty string or false.
filled(field) if {
	parts := split(field, ".")
	value := input[parts[0]][parts[1]]
	not value in {null, "", false}
}
