"""An application on the statutory clock: the steps of its decision's timeline
as duties of the bodies the texts name, moved by what happens to it (events).

An application is a fold over its events: ``replay`` starts from the decision
and applies each event in turn, so what is stored (state, duties, next due
date) is always what the events give, and a new event is checked against the
same rules as the ones before it. The texts decide; this module keeps time.

Readings that hold for every text (each is also said in the answer's notes
where it applies):

- A step is discharged by the event its limit names (``parameters.limits[].done_by``
  beside the article); an event that discharges a step also discharges the
  open steps before it (an answer given implies the request reached the body).
- A step counted from an earlier one (``from: previous`` or a step's key)
  counts from the day that step was actually discharged, as the texts count
  from the act (审核通过的…在5个工作日内; 自收到之日起): every event recounts
  the steps after it. A step counted from the application (``from: event``)
  keeps its date whatever happens.
- 及时 and 立即 give no number of days. They are shown as due (``due_source:
  reading``): 立即 on the day the step starts, or the next working day if that
  is not one; 及时 on the next working day after it starts; with a note.
- None of the texts says whether asking for more materials (补正) stops or
  restarts a limit: the clock is not stopped, and the answer says so, naming
  the texts read.
- A refusal states what the text of its step requires (``limits[].refusal``);
  where a text requires nothing, the refusal is recorded with a note saying so.
  It ends the steps after it, except those the text still owes whatever the
  answer (``after_refusal: owed``: passing the reply on, a final review).
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field

from .calendar import Calendar
from .counting import count_steps
from .vocabulary import APPLICATION_EVENTS

#: The states an event may come in (the rest refuse it with 409).
ALLOWED = {
    "accepted": {"received"},
    "materials_requested": {"received", "accepted", "forwarded"},
    "materials_received": {"awaiting_materials"},
    "forwarded": {"received", "accepted", "forwarded", "granted", "refused"},
    "answered": {"received", "accepted", "forwarded", "awaiting_materials", "granted", "refused"},
    "data_provided": {"granted"},
    "usage_reported": {"granted", "provided"},
    "withdrawn": {"received", "accepted", "awaiting_materials", "forwarded", "granted"},
}
#: The state an event leaves (materials_received returns to the state before the request;
#: forwarded after an answer, passing it on, leaves the answer's state).
MOVES = {"accepted": "accepted", "materials_requested": "awaiting_materials", "forwarded": "forwarded",
         "data_provided": "provided", "withdrawn": "withdrawn"}
BEFORE_ANSWER = {"received", "accepted", "forwarded", "awaiting_materials"}
READING_COUNTS = ("immediately", "without_delay")
ITEM_WORDS = {"reasons": ("理由", "reasons"), "legal_basis": ("依据", "legal basis")}


class EventRefused(Exception):
    """An event the texts or the application's state do not allow: HTTP status,
    error code, message, and the fields at fault."""

    def __init__(self, status: int, code: str, message: str, fields: dict[str, list[str]]) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.fields = status, code, message, fields


@dataclass
class Projection:
    """What the events give: the state, the outcome, the duties and the notes."""

    state: str
    outcome: str | None
    duties: list[dict]
    notes: list[dict] = field(default_factory=list)
    before_materials: str | None = None


def duties_of(decision: dict) -> list[dict]:
    """The decision's timeline as duties, all owed."""
    return [{"key": s["key"], "step": s["step"], "step_en": s["step_en"], "actor": s["responsible"],
             "actor_en": s["responsible_en"], "count": s["count"], "n": s["n"], "from": s["from"],
             "direction": s["direction"], **({"not_before_day": s["not_before_day"]} if "not_before_day" in s else {}),
             "done_by": s.get("done_by"), **({"refusal": s["refusal"]} if s.get("refusal") else {}),
             **({"after_refusal": s["after_refusal"]} if s.get("after_refusal") else {}),
             "basis": s["basis"], "state": "open", "done_on": None, "done_with": None}
            for s in decision["timeline"]]


def texts_read(decision: dict) -> tuple[str, str]:
    titles = [r for r in decision["regulations"] if r["applies"]]
    return "、".join(f"《{r['title']}》" for r in titles), "; ".join(r["title_en"] for r in titles)


class Clock:
    """Counts an application's duties on one calendar."""

    def __init__(self, calendar: Calendar) -> None:
        self.calendar = calendar

    def start(self, decision: dict) -> Projection:
        p = Projection("received", None, duties_of(decision))
        self.recount(p, dt.date.fromisoformat(decision["received_on"]))
        return p

    def replay(self, decision: dict, events: list[dict], today: dt.date) -> Projection:
        p = self.start(decision)
        for n, event in enumerate(events):
            self.apply(p, decision, event, today, events[n - 1]["on"] if n else None)
        return p

    def recount(self, p: Projection, received_on: dt.date) -> None:
        """Every step's start and due date from the application's day and the days steps were done."""
        done = {d["key"]: dt.date.fromisoformat(d["done_on"]) for d in p.duties if d["state"] == "done"}
        counted, _ = count_steps(self.calendar, received_on, p.duties, done)
        for duty, c in zip(p.duties, counted):
            duty.update(start=c["start"], due=c["due"], due_source="text" if c["due"] else None,
                        calendar_confirmed=c["calendar_confirmed"])
            if not c["due"] and c["start"] and duty["count"] in READING_COUNTS:
                duty["due"], duty["calendar_confirmed"] = self.reading_due(duty["count"], c["start"])
                duty["due_source"] = "reading"

    def reading_due(self, count: str, start: str) -> tuple[str, bool]:
        """The day a 立即 or 及时 step is shown as due (see the module's readings)."""
        day = dt.date.fromisoformat(start)
        if count == "immediately" and self.calendar.is_workday(day):
            return day.isoformat(), self.calendar.known(day.year)
        counted = self.calendar.add_working_days(day, 1)
        return counted.due.isoformat(), counted.confirmed

    def apply(self, p: Projection, decision: dict, event: dict, today: dt.date, last_on: str | None = None) -> None:
        """Apply one event to ``p`` or raise ``EventRefused`` (``p`` unchanged then);
        ``last_on``: the day of the application's last event (events come in order)."""
        kind = event["type"]
        if kind not in APPLICATION_EVENTS:
            raise EventRefused(400, "invalid_request", f"type: Must be one of: {', '.join(APPLICATION_EVENTS)}.",
                               {"type": [f"Must be one of: {', '.join(APPLICATION_EVENTS)}."]})
        if last_on and event["on"] < last_on:
            raise EventRefused(400, "invalid_request", f"on: Before the last event ({last_on}).",
                               {"on": [f"Before the last event ({last_on}): events are recorded in the order they happened."]})
        if p.state not in ALLOWED[kind]:
            why = f"an application that is {p.state} cannot be {kind}"
            raise EventRefused(409, "event_not_allowed", f"type: {why}.", {"type": [why]})
        on = dt.date.fromisoformat(event["on"])
        received = dt.date.fromisoformat(decision["received_on"])
        if on < received or on > today:
            why = f"must lie between the day the application was received ({received}) and today ({today})"
            raise EventRefused(400, "invalid_request", f"on: {why}.", {"on": [why]})
        work = copy.deepcopy(p)
        if kind in ("forwarded", "answered", "data_provided", "usage_reported", "accepted"):
            self._discharge(work, decision, event)
        if kind == "materials_requested":
            work.before_materials = work.state
            self._note(work, decision, "materials_clock_runs")
        if kind == "materials_received":
            work.state = work.before_materials or "accepted"
        elif kind == "answered":
            work.state = work.outcome = event["outcome"]
        elif kind in MOVES and not (kind == "forwarded" and work.state not in BEFORE_ANSWER):
            work.state = MOVES[kind]
        if kind == "withdrawn" or (kind == "answered" and event["outcome"] == "refused"):
            for duty in work.duties:
                if duty["state"] == "open" and (kind == "withdrawn" or duty.get("after_refusal") != "owed"):
                    duty["state"] = "ended"
        self.recount(work, received)
        p.__dict__.update(work.__dict__)

    def _discharge(self, p: Projection, decision: dict, event: dict) -> None:
        """Mark the step the event discharges, and the open steps before it, done."""
        kind, named = event["type"], event.get("step")
        refusing = kind == "answered" and event.get("outcome") == "refused"
        open_duties = [i for i, d in enumerate(p.duties) if d["state"] == "open"]
        if named is not None:
            index = next((i for i in open_duties if p.duties[i]["key"] == named), None)
            if index is None or not (refusing or p.duties[index]["done_by"] == kind):
                owed = [p.duties[i]["key"] for i in open_duties if refusing or p.duties[i]["done_by"] == kind]
                why = f"no open step {named} that a {kind} event discharges; open: {', '.join(owed) or 'none'}"
                raise EventRefused(409, "event_not_allowed", f"step: {why}.", {"step": [why]})
        else:
            index = next((i for i in open_duties if p.duties[i]["done_by"] == kind), None)
        if index is None:
            if kind in ("forwarded", "usage_reported") or (kind == "answered" and p.outcome is not None):
                why = f"the procedure has no open step that a {kind} event discharges"
                raise EventRefused(409, "event_not_allowed", f"type: {why}.", {"type": [why]})
            return  # accepted, answered or data_provided with no step of its own: the state moves only
        if refusing:
            self._check_refusal(p, decision, p.duties[index], event)
        for i in open_duties:
            if i <= index:
                p.duties[i].update(state="done", done_on=event["on"], done_with=kind)

    def _check_refusal(self, p: Projection, decision: dict, duty: dict, event: dict) -> None:
        rule = duty.get("refusal")
        if rule is None:
            self._note(p, decision, "refusal_contents_not_stated", step=duty["key"])
            return
        given = [item for item in rule["must_state"] if (event.get(item) or "").strip()]
        if rule["which"] == "all" and len(given) == len(rule["must_state"]) or rule["which"] == "any" and given:
            return
        missing = [item for item in rule["must_state"] if item not in given]
        why = f"{rule['text_en']} ({', '.join(rule['basis'])}: {rule['quote']})"
        fields = {item: [why] for item in (missing if rule["which"] == "all" else rule["must_state"])}
        raise EventRefused(400, "refusal_incomplete", f"{next(iter(fields))}: {why}", fields)

    def _note(self, p: Projection, decision: dict, code: str, step: str | None = None) -> None:
        if any(n["code"] == code and n.get("step") == step for n in p.notes):
            return
        read_zh, read_en = texts_read(decision)
        words = NOTES[code]
        p.notes.append({"code": code, "kind": "silent", "zh": words[0].format(read=read_zh),
                        "en": words[1].format(read=read_en), "basis": [], **({"step": step} if step else {})})


NOTES = {
    "materials_clock_runs": (
        "已查阅{read}：文本没有规定要求补正材料是否中止或重新计算期限，本服务不中止计时。",
        "Texts read: {read}. None says whether asking for more materials (补正) stops or restarts the time limit, "
        "so the clock is not stopped."),
    "refusal_contents_not_stated": (
        "已查阅{read}：文本没有规定该步骤不予提供时须说明的内容，答复按所给内容记录。",
        "Texts read: {read}. None says what a refusal at this step must state; it is recorded as given."),
}


def reading_notes(duties: list[dict], decision: dict) -> list[dict]:
    """A note for each 及时 / 立即 duty shown with a date the text does not give."""
    read_zh, read_en = texts_read(decision)
    out = []
    for d in duties:
        if d.get("due_source") == "reading":
            word_zh, word_en = ("立即", "at once (立即)") if d["count"] == "immediately" else ("及时", "without delay (及时)")
            when_zh = "当日（非工作日的顺延至下一个工作日）" if d["count"] == "immediately" else "下一个工作日"
            when_en = "that day (or the next working day)" if d["count"] == "immediately" else "the next working day"
            out.append({"code": "no_number_reading", "kind": "interpretation", "step": d["key"], "basis": d["basis"],
                        "zh": f"{read_zh}对“{d['step']}”只规定“{word_zh}”，没有天数；本服务显示为起算后{when_zh}到期，这不是文本规定的期限。",
                        "en": f"{read_en} says only {word_en} for “{d['step_en']}”, with no number of days; it is shown "
                              f"as due {when_en} after it starts, which is not a limit the text sets."})
    return out


def first_owed(duties: list[dict]) -> dict | None:
    """The open duty due first, or the first open one when none has a date; it
    does not depend on the day, so lists store its due date."""
    owed = [d for d in duties if d["state"] == "open"]
    dated = [d for d in owed if d["due"]]
    return min(dated, key=lambda d: d["due"]) if dated else (owed[0] if owed else None)


def next_duty(calendar: Calendar, duties: list[dict], today: dt.date) -> dict | None:
    """``first_owed`` with the working days left from ``today`` (negative when late)."""
    duty = first_owed(duties)
    if duty is None:
        return None
    out = {k: duty[k] for k in ("key", "step", "step_en", "actor", "actor_en", "count", "due", "due_source", "basis")}
    if duty["due"]:
        left = calendar.working_days_left(today, dt.date.fromisoformat(duty["due"]))
        out.update(working_days_left=left.n, overdue=left.n < 0,
                   calendar_confirmed=duty["calendar_confirmed"] and left.confirmed)
    else:
        out.update(working_days_left=None, overdue=False, calendar_confirmed=duty["calendar_confirmed"])
    return out
