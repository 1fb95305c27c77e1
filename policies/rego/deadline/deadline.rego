# METADATA
# title: Time limits attached to an event
# description: >-
#   Answers contract §5: the time limits a jurisdiction's text attaches to an
#   event (a catalogue change, an objection, a request to take data offline,
#   …), read from the events parameters of the regulation in force on as_of,
#   in the order the text sets them. Where the jurisdiction's own text is
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

# A limit from an event item: written out, or a step of the application
# procedure referred to by its key.
limit(reg, item) := {
	"key": item.key,
	"text": item.text,
	"text_en": item.text_en,
	"responsible": item.responsible,
	"responsible_en": item.responsible_en,
	"count": item.count,
	"n": item.n,
	"from": item.from,
	"basis": item.basis,
	"regulation": reg,
} if not item.step

limit(reg, item) := {
	"key": item.step,
	"text": s.step,
	"text_en": s.step_en,
	"responsible": s.responsible,
	"responsible_en": s.responsible_en,
	"count": step_count(s),
	"n": s.working_days,
	"from": step_from(s),
	"basis": s.basis,
	"regulation": reg,
} if {
	s := lib.params(reg).steps[item.step]
}

step_count(s) := "working_days" if s.working_days != null

else := "no_limit"

step_from(s) := "event" if object.get(s, "from", "previous") == "received_on"

else := "previous"

limits := [limit(governing, item) | some item in lib.params(governing).events[input.event]]

notes contains lib.note("nanning-open", "guangxi_fills_silence") if {
	governing != own
	input.jurisdiction == "nanning"
}

notes contains lib.note(reg, "draft_not_binding") if {
	some reg in in_force
	reg == governing
	reg == "guangxi-scheduling"
}

notes contains lib.note(governing, item.note) if {
	some item in lib.params(governing).events[input.event]
	item.note
}

notes contains lib.note(own, "trial_status") if {
	own == "qingyang-resources"
	lib.in_force(own)
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
	"limits": limits,
	"notes": lib.by_code(notes),
	"basis": sort({ref | some l in limits; some ref in l.basis} | dates),
} if {
	lib.in_force(own)
	count(stating) > 0
}

result := {
	"outcome": "not_stated",
	"regulations": sources[input.jurisdiction],
	"governing": null,
	"versions": {reg: lib.version(reg).id | some reg in in_force},
	"limits": [],
	"notes": lib.by_code(notes),
	"basis": sort(dates),
} if {
	lib.in_force(own)
	count(stating) == 0
}

result := {
	"outcome": "not_applicable",
	"regulations": sources[input.jurisdiction],
	"governing": null,
	"versions": {},
	"limits": [],
	"notes": [],
	"basis": sort({ref | some v in data.regulations[own].versions; some ref in v.dates_basis}),
} if not lib.in_force(own)

dates := {ref | some reg in in_force; some ref in object.get(lib.version(reg), "dates_basis", [])}
