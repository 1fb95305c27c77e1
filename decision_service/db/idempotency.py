"""Answers kept by Idempotency-Key (the IETF httpapi draft's header): a POST
retried with the same key and the same request gets the first answer again,
and is neither decided nor logged twice; the same key with another request
is refused.

The first request reserves the key before it is answered (a row with no
status), so two copies sent at once cannot both be decided: the second sees
the reservation and is told to retry. A failure of the service (5xx) frees
the key; any other answer is kept. Keys are kept per API key holder for at
least ``HOURS`` hours, then purged with the decision log.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from .log import pack_bytes, unpack_bytes
from .models import IdempotentAnswer

HOURS = 24


@dataclass(frozen=True)
class Seen:
    """What a key already holds: another request's hash, an answer in progress, or an answer."""

    request_hash: str
    status: int | None
    content_type: str | None
    body: bytes | None


def reserve(sessions: sessionmaker[Session], holder: str, key: str, request_hash: str) -> Seen | None:
    """Reserve ``key`` for this request; None when reserved, else what the key already holds."""
    now = dt.datetime.now(dt.timezone.utc)
    try:
        with sessions.begin() as s:
            s.add(IdempotentAnswer(holder=holder, key=key, request_hash=request_hash, created_at=now))
        return None
    except IntegrityError:
        with sessions() as s:
            row = s.get(IdempotentAnswer, (holder, key))
            if row is None:  # freed between the two statements: try once more
                return reserve(sessions, holder, key, request_hash)
            body = unpack_bytes(row.body) if row.body is not None else None
            return Seen(row.request_hash, row.status, row.content_type, body)


def keep(sessions: sessionmaker[Session], holder: str, key: str, status: int, content_type: str, body: bytes) -> None:
    """Store the answer for the key's retries."""
    with sessions.begin() as s:
        row = s.get(IdempotentAnswer, (holder, key))
        if row is not None:
            row.status, row.content_type, row.body = status, content_type, pack_bytes(body)


def free(sessions: sessionmaker[Session], holder: str, key: str) -> None:
    """Let the key be used again (the service failed on its request)."""
    with sessions.begin() as s:
        s.execute(delete(IdempotentAnswer).where(IdempotentAnswer.holder == holder, IdempotentAnswer.key == key))


def purge(sessions: sessionmaker[Session], now: dt.datetime | None = None) -> int:
    """Delete keys older than ``HOURS``; how many went."""
    cutoff = (now or dt.datetime.now(dt.timezone.utc)) - dt.timedelta(hours=HOURS)
    with sessions.begin() as s:
        return s.execute(delete(IdempotentAnswer).where(IdempotentAnswer.created_at < cutoff)).rowcount
