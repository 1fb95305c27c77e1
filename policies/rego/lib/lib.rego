# METADATA
# title: Shared helpers of the decision packages
# description: >-
#   Version selection by input.as_of, parameter lookup in data.regulations, and
#   the building blocks of a decision (cases from rule METADATA, terms, steps,
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
	"working_days": object.get(p, "working_days", null),
}

# A step of a timeline from a parameter entry.
step(key, p) := {
	"key": key,
	"step": p.step,
	"step_en": p.step_en,
	"responsible": p.responsible,
	"responsible_en": p.responsible_en,
	"working_days": p.working_days,
	"from": object.get(p, "from", "previous"),
	"basis": p.basis,
}

# METADATA
# title: Chain of steps
# description: >-
#   Each step gets total_working_days, counted from received_on: the sum of
#   its own limit and those before it back to the last step that restarts the
#   count (from received_on). A step with no limit, or after one, has none.
chain(steps) := [with_total(steps, i) | some i, _ in steps]

with_total(steps, i) := object.union(steps[i], {"total_working_days": total}) if {
	span := array.slice(steps, restart(steps, i), i + 1)
	every s in span {
		is_number(s.working_days)
	}
	total := sum([s.working_days | some s in span])
} else := object.union(steps[i], {"total_working_days": null})

restart(steps, i) := max({j |
	some j, s in steps
	j <= i
	s.from == "received_on"
} | {0})

# The deadline is the step that gives the requester an answer.
deadline(s) := {
	"step": s.key,
	"working_days": s.total_working_days,
	"responsible": s.responsible,
	"responsible_en": s.responsible_en,
	"basis": s.basis,
}

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
	"notes": by_code(parts.notes),
	"basis": sort(all_basis(c, parts)),
}

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

# The step at position i of a timeline (undefined when there is none); an
# iteration rather than an index, so that the optimiser's inlined empty
# default still type-checks.
step_at(steps, i) := s if {
	some j, s in steps
	j == i
}
