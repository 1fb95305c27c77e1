"""Applications as stored: one row each with its decision, its events in order,
and its duties as the events leave them (rewritten with every event), so that
lists by due date, body and state are queries and not replays.

An event is stored only if the application still is as it was read
(``version``): of two events recorded at once on one application, the second
is refused with ``Conflict`` and may be sent again. Nothing is acknowledged
before its transaction has committed.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Callable, Iterator

import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker

from . import webhooks
from .log import pack, unpack
from .models import ApplicationDuty, ApplicationEvent, ApplicationRecord
from .times import now as _now
from .times import utc_text as _utc

#: What an event makes known to the application's webhooks: from the event as
#: recorded and the moment, the notices (type, dedupe key, body) to write with it.
Notices = Callable[[dict, str], list[tuple[str, str, bytes]]]

#: Where the applications without a due date sort: after every dated one.
UNDATED = dt.date(9999, 12, 31)


class Conflict(Exception):
    """The application changed between reading and writing it."""


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _duty_rows(application_id: str, duties: list[dict]) -> list[dict]:
    return [{"application_id": application_id, "position": i, "key": d["key"], "actor": d["actor"][:200],
             "actor_en": d["actor_en"][:200], "state": d["state"], "due": _day(d["due"])}
            for i, d in enumerate(duties)]


def create(sessions: sessionmaker[Session], row: dict, decision_text: bytes, projection: dict) -> None:
    """Store a new application (``row``: its columns but the decision and the
    projection) with its duties. ``decision_text``: packed as the log packs it."""
    now = _now()
    with sessions.begin() as s:
        s.execute(sa.insert(ApplicationRecord), [{**row, "received_on": _day(row["received_on"]),
                                                   "next_due": _day(row["next_due"]), "version": 1,
                                                   "decision": decision_text, "projection": _packed(projection),
                                                   "created_at": now, "updated_at": now}])
        s.execute(sa.insert(ApplicationDuty), _duty_rows(row["id"], projection["duties"]))


def _packed(value: dict) -> bytes:
    return pack(json.dumps(value, ensure_ascii=False))


def load(sessions: sessionmaker[Session], application_id: str) -> dict | None:
    """The application's row (decision unpacked) and its events in order, or None."""
    with sessions() as s:
        r = s.get(ApplicationRecord, application_id)
        if r is None:
            return None
        events = s.scalars(sa.select(ApplicationEvent).where(ApplicationEvent.application_id == application_id)
                           .order_by(ApplicationEvent.seq)).all()
        return {**_columns(r), "decision": unpack(r.decision), "projection": unpack(r.projection),
                "events": [_event(e) for e in events]}


def _columns(r: ApplicationRecord) -> dict:
    return {"id": r.id, "holder": r.holder, "reference": r.reference, "decision_id": r.decision_id,
            "jurisdiction": r.jurisdiction, "action": r.action, "path": r.path,
            "received_on": r.received_on.isoformat(), "state": r.state,
            "next_due": r.next_due.isoformat() if r.next_due else None, "version": r.version,
            "created_at": _utc(r.created_at), "updated_at": _utc(r.updated_at)}


def _event(e: ApplicationEvent) -> dict:
    return {**unpack(e.body), "id": e.id, "seq": e.seq, "recorded_at": _utc(e.recorded_at), "recorded_by": e.recorded_by}


def record_event(sessions: sessionmaker[Session], application_id: str, version: int, event: dict,
                 projection: dict, next_due: str | None, recorded_by: str | None, holder: str | None = None,
                 notices: Notices | None = None) -> dict:
    """Store ``event`` and what it leaves (the projection: state and duties; the
    next due date) if the application is still at ``version``; else raise ``Conflict``.
    The notices ``notices`` gives go to ``holder``'s webhooks in the same transaction."""
    now = _now()
    with sessions.begin() as s:
        moved = s.execute(sa.update(ApplicationRecord)
                          .where(ApplicationRecord.id == application_id, ApplicationRecord.version == version)
                          .values(state=projection["state"], next_due=_day(next_due), version=version + 1,
                                  projection=_packed(projection), updated_at=now))
        if moved.rowcount != 1:
            raise Conflict(application_id)
        seq = (s.scalar(sa.select(sa.func.max(ApplicationEvent.seq))
                        .where(ApplicationEvent.application_id == application_id)) or 0) + 1
        body = {k: v for k, v in event.items() if k not in ("id", "seq", "recorded_at", "recorded_by")}
        s.execute(sa.insert(ApplicationEvent), [{
            "application_id": application_id, "seq": seq, "id": event["id"], "type": event["type"],
            "on": _day(event["on"]), "recorded_at": now, "recorded_by": recorded_by,
            "body": pack(json.dumps(body, ensure_ascii=False))}])
        s.execute(sa.delete(ApplicationDuty).where(ApplicationDuty.application_id == application_id))
        s.execute(sa.insert(ApplicationDuty), _duty_rows(application_id, projection["duties"]))
        recorded = {**event, "seq": seq, "recorded_at": _utc(now), "recorded_by": recorded_by}
        for kind, dedupe, text in (notices(recorded, _utc(now)) if notices else []):
            webhooks.enqueue(s, holder, kind, application_id, dedupe, text, now)
    return recorded


def _names(column: sa.ColumnElement, column_en: sa.ColumnElement, actor: str) -> sa.ColumnElement:
    """The body's name (Chinese, or English in any case) contains ``actor``, taken literally."""
    literal = actor.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return sa.or_(column.like(f"%{literal}%", escape="\\"),
                  sa.func.lower(column_en).like(f"%{literal.lower()}%", escape="\\"))


def encode_cursor(next_due: str | None, application_id: str) -> str:
    return base64.urlsafe_b64encode(json.dumps([next_due, application_id]).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[dt.date, str] | None:
    """The position a cursor names, or None for one this service did not give."""
    try:
        due, application_id = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        return (_day(due) or UNDATED), str(application_id)
    except (ValueError, TypeError):
        return None


def listing(sessions: sessionmaker[Session], *, holder: str | None = None, state: str | None = None,
            jurisdiction: str | None = None, due_before: dt.date | None = None, overdue_on: dt.date | None = None,
            actor: str | None = None, after: tuple[dt.date, str] | None = None, limit: int = 100) -> list[dict]:
    """Applications by next due date (undated last), then id; each filter narrows.
    ``holder`` keeps one portal key's own; ``actor`` keeps those where a body whose
    name (Chinese or English) contains it owes an open duty; ``overdue_on`` those
    whose next duty was due before that day."""
    due = sa.func.coalesce(ApplicationRecord.next_due, UNDATED)
    q = sa.select(ApplicationRecord).order_by(due, ApplicationRecord.id)
    if holder is not None:
        q = q.where(ApplicationRecord.holder == holder)
    if state:
        q = q.where(ApplicationRecord.state == state)
    if jurisdiction:
        q = q.where(ApplicationRecord.jurisdiction == jurisdiction)
    if due_before:
        q = q.where(ApplicationRecord.next_due <= due_before)
    if overdue_on:
        q = q.where(ApplicationRecord.next_due < overdue_on)
    if actor:
        q = q.where(sa.exists().where(ApplicationDuty.application_id == ApplicationRecord.id,
                                      ApplicationDuty.state == "open",
                                      _names(ApplicationDuty.actor, ApplicationDuty.actor_en, actor)))
    if after:
        q = q.where(sa.tuple_(due, ApplicationRecord.id) > sa.tuple_(sa.literal(after[0], sa.Date), sa.literal(after[1])))
    with sessions() as s:
        return [{**_columns(r), "decision": unpack(r.decision), "projection": unpack(r.projection)}
                for r in s.scalars(q.limit(limit)).all()]


def pages(sessions: sessionmaker[Session], size: int = 500, **filters: object) -> Iterator[list[dict]]:
    """Every application ``listing`` gives for ``filters``, a page of ``size`` at a time."""
    after = None
    while True:
        page = listing(sessions, after=after, limit=size, **filters)
        if page:
            yield page
        if len(page) < size:
            return
        after = (_day(page[-1]["next_due"]) or UNDATED, page[-1]["id"])
