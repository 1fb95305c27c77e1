"""An application as the API answers it: its state, its duties with their due
dates, the next duty with the working days left (negative when late), its
events, and the notes that say where a date is a reading and not the text's.

``today`` is a parameter everywhere: the working days left depend on the day
the answer is given, and tests give it."""

from __future__ import annotations

import dataclasses
import datetime as dt

from .applications import Projection, first_owed, next_duty, reading_notes
from .calendar import Calendar

DUTY_FIELDS = ("key", "step", "step_en", "actor", "actor_en", "count", "n", "from", "direction", "start", "due",
               "due_source", "calendar_confirmed", "basis", "state", "done_on", "done_with", "done_by", "refusal", "after_refusal")


def projection_dict(p: Projection) -> dict:
    return dataclasses.asdict(p)


def projection_of(stored: dict) -> Projection:
    return Projection(**stored)


def next_due(p: Projection) -> str | None:
    """The next duty's due date, as stored for lists by due date."""
    duty = first_owed(p.duties)
    return duty["due"] if duty else None


def render(app: dict, calendar: Calendar, today: dt.date, full: bool = False) -> dict:
    """``app``: a stored application (db.applications.load or listing)."""
    decision, p = app["decision"], app["projection"]
    duties = [{k: d[k] for k in DUTY_FIELDS if k in d} for d in p["duties"]]
    out = {
        "id": app["id"], "reference": app["reference"], "jurisdiction": app["jurisdiction"], "action": app["action"],
        "path": app["path"], "received_on": app["received_on"], "state": p["state"], "outcome": p["outcome"],
        "decision_id": app["decision_id"], "binding": decision["binding"],
        "next": next_duty(calendar, p["duties"], today), "today": today.isoformat(), "duties": duties,
        "notes": p["notes"] + reading_notes(p["duties"], decision),
        "created_at": app["created_at"], "updated_at": app["updated_at"],
        "links": {"self": f"/v1/applications/{app['id']}", "events": f"/v1/applications/{app['id']}/events",
                  "decision": f"/v1/decisions/{app['decision_id']}"},
    }
    if full:
        out["events"] = app["events"]
        out["decision"] = decision
    return out
