"""Impact runs as stored: made when asked for, moved on by the process that
runs them (progress, then the report or the reason it failed). A run whose
process stopped without a word is shown failed once it has been silent for
``SILENT_SECONDS``."""

from __future__ import annotations

import json

import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker

from .log import pack, unpack
from .models import ImpactRun
from .times import aware as _aware
from .times import now as _now
from .times import utc_text

SILENT_SECONDS = 120


def create(sessions: sessionmaker[Session], run_id: str, created_by: str | None, since: str | None,
           until: str | None) -> None:
    now = _now()
    with sessions.begin() as s:
        s.add(ImpactRun(id=run_id, created_by=created_by, since=since, until=until, state="running", done=0, total=0,
                        created_at=now, updated_at=now))


def _update(sessions: sessionmaker[Session], run_id: str, **values: object) -> None:
    with sessions.begin() as s:
        s.execute(sa.update(ImpactRun).where(ImpactRun.id == run_id).values(updated_at=_now(), **values))


def progress(sessions: sessionmaker[Session], run_id: str, done: int, total: int) -> None:
    _update(sessions, run_id, done=done, total=total)


def finish(sessions: sessionmaker[Session], run_id: str, report: dict) -> None:
    _update(sessions, run_id, state="done", done=report["decisions"], total=report["decisions"],
            candidate_revision=report["candidate_revision"], report=pack(json.dumps(report, ensure_ascii=False)))


def fail(sessions: sessionmaker[Session], run_id: str, error: str) -> None:
    _update(sessions, run_id, state="failed", error=error[:4000])


def shown(r: ImpactRun, full: bool = True) -> dict:
    state, error = r.state, r.error
    if state == "running" and (_now() - _aware(r.updated_at)).total_seconds() > SILENT_SECONDS:
        state, error = "failed", f"the run stopped: no progress for {SILENT_SECONDS} seconds"
    out = {"id": r.id, "state": state, "since": r.since, "until": r.until, "candidate_revision": r.candidate_revision,
           "created_by": r.created_by, "progress": {"done": r.done, "total": r.total}, "error": error,
           "created_at": utc_text(r.created_at), "updated_at": utc_text(r.updated_at),
           "links": {"self": f"/v1/admin/impact/{r.id}"}}
    if full:
        out["report"] = unpack(r.report) if r.report else None
    return out


def get(sessions: sessionmaker[Session], run_id: str) -> dict | None:
    with sessions() as s:
        r = s.get(ImpactRun, run_id)
        return shown(r) if r else None


def recent(sessions: sessionmaker[Session], limit: int = 50) -> list[dict]:
    """The newest runs first, without their reports."""
    with sessions() as s:
        rows = s.scalars(sa.select(ImpactRun).order_by(ImpactRun.created_at.desc(), ImpactRun.id).limit(limit)).all()
        return [shown(r, full=False) for r in rows]
