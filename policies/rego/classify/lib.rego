# METADATA
# title: Shared helpers of the classification packages
# description: >-
#   Reads a dataset's features (what it contains and the flags set on it) and
#   applies a jurisdiction's classification parameters (grounds for not
#   opening, the class for data whose use must be limited, the residual class,
#   restrictions that need a legal basis) as its text states them. Where a
#   text is silent on a feature present in the dataset, the class is left
#   undetermined rather than guessed.
package osd.classify.lib

import data.osd.lib

bool_flags := ["desensitized", "rights_holder_consent", "prohibited_by_law", "security_risk", "needs_limits"]

# The dataset's features: the kinds of content it holds and the flags set true.
features := {f | some f in object.get(input.dataset, "contains", [])} | {f |
	some f in bool_flags
	input.dataset[f] == true
}

declared(kind) := object.get(input.dataset, concat("", ["declared_", kind, "_class"]), null)

has_legal_basis if not object.get(input.dataset, "legal_basis", null) in {null, ""}

all_share := ["unconditional", "conditional", "not_shared"]

active(c) := [g | some g in c.grounds; applies(g)]

applies(g) if {
	some f in g.flags
	f in features
}

lifted(g) if {
	some f in object.get(g, "lifted_by", [])
	f in features
}

unlifted(c) := [g | some g in active(c); not lifted(g)]

lifted_grounds(c) := [g | some g in active(c); lifted(g)]

# Features the text does not address that would change the class.
undetermined_by(c) := {f |
	some f in c.silent
	f in features
	not f in {"desensitized", "rights_holder_consent"}
}

# Processing or consent the text does not address, where a ground is active.
unaddressed(c) := {f |
	count(active(c)) > 0
	some f in c.silent
	f in {"desensitized", "rights_holder_consent"}
	f in features
}

limited(c) if {
	c.limits != null
	"needs_limits" in features
}

refs(gs) := {ref | some g in gs; some ref in g.basis}

# METADATA
# title: Open class a text requires or allows
# description: >-
#   In order: a ground for not opening that is not lifted (not_open is
#   required); grounds lifted by processing or consent (the text's classes,
#   narrowed to conditional where use must be limited; may_open keeps not_open
#   allowed, shall_open does not); a feature the text does not address
#   (undetermined); data whose use must be limited (the text's limits class);
#   otherwise the text's residual class, or undetermined where it has none.
# custom:
#   basis_from: parameters.classification.open
open_class(c) := {
	"required": "not_open", "allowed": ["not_open"], "determined": true, "rule": "ground",
	"grounds": [g.code | some g in unlifted(c)], "basis": refs(unlifted(c)),
} if {
	count(unlifted(c)) > 0
} else := lifted_class(c) if {
	count(lifted_grounds(c)) > 0
	count(undetermined_by(c)) == 0
} else := {
	"required": null, "allowed": null, "determined": false, "rule": "silent",
	"grounds": [], "basis": refs(active(c)),
} if {
	count(undetermined_by(c)) > 0
} else := {
	"required": c.limits.class, "allowed": [c.limits.class], "determined": true, "rule": "limits",
	"grounds": [], "basis": {r | some r in c.limits.basis},
} if {
	limited(c)
} else := {
	"required": single(c.residual.classes), "allowed": c.residual.classes, "determined": true, "rule": "residual",
	"grounds": [], "basis": {r | some r in c.residual.basis},
} if {
	c.residual != null
} else := {"required": null, "allowed": null, "determined": false, "rule": "not_stated", "grounds": [], "basis": set()}

lifted_class(c) := {
	"required": required, "allowed": array.concat(classes, may_keep(g)), "determined": true, "rule": g.when_lifted,
	"grounds": [x.code | some x in lifted_grounds(c)], "basis": refs(lifted_grounds(c)),
} if {
	g := lifted_grounds(c)[0]
	classes := [k | some k in g.lifted_classes; fits_limits(c, k)]
	required := lifted_required(g, classes)
}

lifted_required(g, classes) := classes[0] if {
	g.when_lifted == "shall_open"
	count(classes) == 1
} else := null

fits_limits(c, _) if not limited(c)

fits_limits(c, k) if {
	limited(c)
	k == c.limits.class
}

may_keep(g) := ["not_open"] if g.when_lifted == "may_open"

else := []

single(classes) := classes[0] if count(classes) == 1

else := null

# METADATA
# title: A restriction that needs a legal basis has none
# description: >-
#   Where a text requires a legal basis for a restricted class, that class
#   declared (or chosen by a change) with no legal_basis given is a problem.
# custom:
#   basis_from: parameters.classification.*.restriction_needs_legal_basis
basis_problem(rule, class) := "restriction_without_legal_basis" if {
	rule != null
	class in rule.classes
	not has_legal_basis
} else := null

not_allowed(oc, decl) := "class_not_allowed" if {
	oc.determined
	decl != null
	not decl in oc.allowed
} else := null

# METADATA
# title: Whether a declared class is lawful
# description: >-
#   false when a problem is found; null when no class is declared or the
#   text leaves the class undetermined; otherwise true.
verdict(_, _, problems) := false if count(problems) > 0

verdict(decl, determined, problems) := null if {
	count(problems) == 0
	not determined
} else := null if {
	count(problems) == 0
	decl == null
}

verdict(decl, true, problems) if {
	count(problems) == 0
	decl != null
}

non_null(items) := [x | some x in items; x != null]

restriction_refs(rule, problems) := {r | some r in rule.basis} if {
	rule != null
	"restriction_without_legal_basis" in problems
} else := set()

# The open part of a classification result.
open_part(c) := {
	"required": oc.required,
	"allowed": oc.allowed,
	"determined": oc.determined,
	"rule": oc.rule,
	"grounds": oc.grounds,
	"declared": decl,
	"problems": problems,
	"lawful": verdict(decl, oc.determined, problems),
	"unaddressed": sort(unaddressed(c)),
	"basis": sort(oc.basis | restriction_refs(object.get(c, "restriction_needs_legal_basis", null), problems)),
} if {
	oc := open_class(c)
	decl := declared("open")
	problems := non_null([not_allowed(oc, decl), basis_problem(object.get(c, "restriction_needs_legal_basis", null), decl)])
}

# The share part: the texts define share classes by who may use the data,
# which the provider judges; they state only what a restriction needs.
share_part(c) := {
	"stated": false, "required": null, "allowed": null, "determined": false, "rule": "not_stated",
	"declared": declared("share"), "problems": [], "lawful": null, "basis": [],
} if {
	c == null
} else := {
	"stated": true,
	"required": null,
	"allowed": all_share,
	"determined": true,
	"rule": "provider_judgement",
	"declared": decl,
	"problems": problems,
	"lawful": verdict(decl, true, problems),
	"basis": sort({r | some r in object.get(c, "principle", {"basis": []}).basis} | restriction_refs(object.get(c, "restriction_needs_legal_basis", null), problems)),
} if {
	decl := declared("share")
	problems := non_null([basis_problem(object.get(c, "restriction_needs_legal_basis", null), decl)])
}

# METADATA
# title: Change of class
# description: >-
#   A change decided by the rule whose METADATA is meta: whether it is
#   allowed (null where the text does not say), what must be done, and the
#   articles of that rule.
change_result(meta, allowed, requires, problems) := {
	"kind": input.change.kind,
	"from": input.change.from,
	"to": input.change.to,
	"allowed": allowed,
	"rule": meta.title,
	"why": {"zh": meta.custom.description_zh, "en": meta.description},
	"requires": requires,
	"problems": problems,
	"basis": sort({r | some r in meta.custom.basis} | {r | some t in requires; some r in t.basis}),
}

changing if input.change != null

same_class if {
	changing
	input.change.from == input.change.to
}

# Whether the target class is among those the text allows for this dataset
# (null where the text leaves the class undetermined).
target_allowed(part) := input.change.to in part.allowed if part.determined

else := null

# A catalogue entry checked against the fields a text names.
catalogue_part(cat) := {"checked": false, "stated": count(cat.fields) > 0, "required_fields": [f.code | some f in cat.fields], "missing": [], "list_open": cat.list_open, "basis": cat.basis} if {
	object.get(input.dataset, "catalogue", null) == null
} else := {
	"checked": true,
	"stated": count(cat.fields) > 0,
	"required_fields": [f.code | some f in cat.fields],
	"missing": [f.code | some f in cat.fields; not entry_filled(f.code)],
	"list_open": cat.list_open,
	"basis": cat.basis,
}

entry_filled(code) if not object.get(input.dataset.catalogue, code, null) in {null, ""}

# A reading note by reference; its text is looked up by whoever shows it, so
# a catalogue of many rows does not carry the same paragraphs on every row.
note(reg, key) := {"code": key, "regulation": reg}

sort_notes(notes) := [{"code": k[0], "regulation": k[1]} | some k in sort({[x.code, x.regulation] | some x in notes})]

note_refs(notes) := {r | some n in notes; some r in data.regulations[n.regulation].notes[n.code].basis}

# The classification result of one jurisdiction.
assemble(regs, p, change, notes) := {
	"applies": true,
	"regulations": regs,
	"versions": {r: lib.version(r).id | some r in regs; lib.in_force(r)},
	"open": open,
	"share": share,
	"change": change,
	"catalogue": catalogue,
	"notes": sort_notes(notes),
	"basis": sort(((((({r | some r in open.basis} | {r | some r in share.basis}) | {r | some r in catalogue.basis}) | change_refs(change)) | note_refs(notes)) | dates(regs))),
} if {
	open := open_part(p.classification.open)
	share := share_part(p.classification.share)
	catalogue := catalogue_part(p.catalogue)
}

change_refs(null) := set()

change_refs(change) := {r | some r in change.basis} if change != null

dates(regs) := {ref | some r in regs; lib.in_force(r); some ref in object.get(lib.version(r), "dates_basis", [])}

# The result where the text is not in force on as_of.
not_in_force(regs) := {
	"applies": false,
	"regulations": regs,
	"versions": {},
	"open": null,
	"share": null,
	"change": null,
	"catalogue": null,
	"notes": [],
	"basis": sort({ref | some r in regs; some v in data.regulations[r].versions; some ref in v.dates_basis}),
}

# A change is not allowed where a problem is found; otherwise as given.
unless_problems(problems, _) := false if count(problems) > 0

unless_problems(problems, allowed) := allowed if count(problems) == 0
