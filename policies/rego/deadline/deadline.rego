# METADATA
# title: Time limits attached to an event
# description: >-
#   Answers contract §5: the time limits a jurisdiction's text attaches to an
#   event (a catalogue change, an objection, a request to take data offline,
#   …), read from the events, paths and limits parameters of the
#   regulation in force on as_of: the paths that follow the event, whether
#   they are alternatives or all hold, and each path's limits in order. Where the jurisdiction's own text is
#   silent and another text fills its silences (Nanning: the Guangxi draft),
#   that text's limits are given with a note. Counting the days is the
#   calendar's work; the policy says what to count and from when.
package osd.deadline

import data.osd.lib

# The texts consulted for each jurisdiction, its own first.
sources := {
	"wuxi": ["wuxi-open"],
	"nanjing": ["nanjing-govdata"],
	"qingyang": ["qingyang-resources"],
	"guangxi": ["guangxi-scheduling"],
	"nanning": ["nanning-open", "guangxi-scheduling"],
}

own := sources[input.jurisdiction][0]

in_force := [reg | some reg in sources[input.jurisdiction]; lib.in_force(reg)]

stating := [reg | some reg in in_force; lib.params(reg).events[input.event]]

# METADATA
# title: The text that sets the limits
# description: >-
#   The first text in force on as_of that attaches limits to the event: the
#   jurisdiction's own, else the one that fills its silences.
# custom:
#   basis_from: parameters.events
governing := stating[0]

event := lib.params(governing).events[input.event]

# METADATA
# title: The paths of the event
# description: >-
#   Each procedure the governing text attaches to the event, with when it
#   applies and its limits in order (the same lib.timeline that decisions
#   use). relation says whether exactly one path applies (alternatives) or
#   all of them hold (all).
# custom:
#   basis_from: parameters.paths
paths := [path_entry(key) | some key in event.paths]

path_entry(key) := {
	"key": key,
	"text": p.text,
	"text_en": p.text_en,
	"when": p.when,
	"answer": object.get(p, "answer", null),
	"limits": lib.timeline(governing, key),
} if {
	p := lib.params(governing).paths[key]
}

# Every limit of every path, in order, each naming its path.
limits := [object.union(l, {"path": p.key}) | some p in paths; some l in p.limits]

# The reading notes the limits rest on, as a decision's timeline gives them.
notes contains n if some n in lib.limit_notes(limits)

notes contains lib.note(governing, event.note) if event.note

notes contains lib.note("nanning-open", "guangxi_fills_silence") if {
	governing != own
	input.jurisdiction == "nanning"
}

notes contains lib.note(reg, "draft_not_binding") if {
	some reg in in_force
	reg == governing
	reg == "guangxi-scheduling"
}

notes contains lib.note(own, "trial_status") if {
	own == "qingyang-resources"
	lib.in_force(own)
}

# METADATA
# title: Why a text read is silent on the event
# description: >-
#   A text in force that sets no limit for the event may say why in a note
#   (parameters.silences), e.g. an article that covers other actors.
# custom:
#   basis_from: parameters.silences
notes contains lib.note(reg, key) if {
	some reg in in_force
	not reg == governing
	key := lib.params(reg).silences[input.event]
}

notes contains lib.note("nanning-open", "copy_cut") if {
	input.jurisdiction == "nanning"
	lib.in_force(own)
	not lib.params(own).events[input.event]
}

# METADATA
# title: Deadline result
# description: >-
#   stated: the limits of the governing text; not_stated: no text in force
#   attaches a limit to this event (nothing is invented); not_applicable:
#   the jurisdiction's own text is not in force on as_of.
result := {
	"outcome": "stated",
	"regulations": sources[input.jurisdiction],
	"governing": governing,
	"versions": {reg: lib.version(reg).id | some reg in in_force},
	"relation": event.relation,
	"paths": paths,
	"limits": limits,
	"notes": lib.by_code(notes | superior),
	"basis": sort((({ref | some l in limits; some ref in l.basis} | dates) | note_basis)),
} if {
	lib.in_force(own)
	count(stating) > 0
}

result := {
	"outcome": "not_stated",
	"regulations": sources[input.jurisdiction],
	"governing": null,
	"versions": {reg: lib.version(reg).id | some reg in in_force},
	"relation": null,
	"paths": [],
	"limits": [],
	"notes": lib.by_code(notes | superior),
	"basis": sort(dates | note_basis),
} if {
	lib.in_force(own)
	count(stating) == 0
}

result := {
	"outcome": "not_applicable",
	"regulations": sources[input.jurisdiction],
	"governing": null,
	"versions": {},
	"relation": null,
	"paths": [],
	"limits": [],
	"notes": [],
	"basis": sort({ref | some v in data.regulations[own].versions; some ref in v.dates_basis}),
} if not lib.in_force(own)

# METADATA
# title: Superior rules that bear on the event
# description: >-
#   Superior rules not in the set (data.superior) that bear on this
#   jurisdiction and event and are in force on as_of: named, never encoded.
superior := {lib.superior_note(s) |
	some s in data.superior
	input.jurisdiction in s.jurisdictions
	bears_on_event(s)
	lib.superior_in_force(s)
}

bears_on_event(s) if s.deadline_events == null

bears_on_event(s) if input.event in s.deadline_events

# The articles the notes of the answer explain.
note_basis := {ref | some n in notes; some ref in n.basis}

dates := {ref | some reg in in_force; some ref in object.get(lib.version(reg), "dates_basis", [])}
