"""The decision log read whole over a period, oldest first, in pages of raw
rows (the request and the decision still packed), for work that re-decides
every logged request (``answers.impact``): unpacking is left to whoever
decides, so it can be spread over processes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker

from .log import in_period
from .models import DecisionRecord

COLUMNS = (DecisionRecord.id, DecisionRecord.created_at, DecisionRecord.jurisdiction, DecisionRecord.outcome,
           DecisionRecord.bundle_revision, DecisionRecord.request, DecisionRecord.decision)


def count(sessions: sessionmaker[Session], since: str | None = None, until: str | None = None) -> int:
    with sessions() as s:
        return s.scalar(in_period(sa.select(sa.func.count()).select_from(DecisionRecord), since, until)) or 0


def pages(sessions: sessionmaker[Session], since: str | None = None, until: str | None = None,
          size: int = 2000) -> Iterator[list[tuple]]:
    """Pages of ``(id, created_at, jurisdiction, outcome, revision, request, decision)``, oldest first."""
    after: tuple[dt.datetime, str] | None = None
    while True:
        q = in_period(sa.select(*COLUMNS), since, until).order_by(DecisionRecord.created_at, DecisionRecord.id)
        if after is not None:
            q = q.where(sa.tuple_(DecisionRecord.created_at, DecisionRecord.id)
                        > sa.tuple_(sa.literal(after[0], DecisionRecord.created_at.type), sa.literal(after[1])))
        with sessions() as s:
            rows = [tuple(r) for r in s.execute(q.limit(size)).all()]
        if not rows:
            return
        yield rows
        if len(rows) < size:
            return
        after = (rows[-1][1], rows[-1][0])
