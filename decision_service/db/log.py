"""The decision log: every decision given, with its request and bundle revision.

Requests are stored with personal data masked (see ``masking``); the decision
is stored as the exact JSON text the client received (both compressed). A decision is found
again by its id, searched by date, jurisdiction and outcome, and can be
decided again under the current bundle to show what would differ.

Writes go through a ``LogWriter`` (``log_writer``): a request waits until the
transaction holding its rows has committed. Under load one commit carries many
rows (group commit), and no answer is sent before its row is stored, so
answers and rows always match.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import threading
import zlib

import zstandard
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from .masking import mask_request, mask_text
from .models import DecisionRecord
from .times import aware

TABLE = DecisionRecord.__table__


ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
_local = threading.local()


def pack(text: str) -> bytes:
    """JSON text as stored, Zstandard-compressed at level 1: a decision shrinks
    about fourfold, which keeps SQLite's write-ahead log and its checkpoints
    small, in a third of the time zlib takes for the same size. A compressor
    is kept per thread (one may not be used by two threads at once)."""
    return pack_bytes(text.encode("utf-8"))


def pack_bytes(data: bytes) -> bytes:
    """Bytes as stored, compressed as ``pack`` compresses text."""
    packer = getattr(_local, "packer", None)
    if packer is None:
        packer = _local.packer = zstandard.ZstdCompressor(level=1)
    return packer.compress(data)


def unpack_bytes(blob: bytes) -> bytes:
    return zstandard.ZstdDecompressor().decompress(blob)


def unpack(blob: bytes) -> object:
    """The JSON a row holds: Zstandard frames, or zlib for rows written before Zstandard was used."""
    raw = zstandard.ZstdDecompressor().decompress(blob) if blob[:4] == ZSTD_MAGIC else zlib.decompress(blob)
    return json.loads(raw.decode("utf-8"))


def request_part(request: dict, masking_key: bytes) -> tuple[bytes, str, dict[str, str]]:
    """The request as a row keeps it, packed, personal data masked (``masking``) under
    ``masking_key``; the masked paths; and the marks the decision's text is masked with.
    It depends on the request alone, so a repeated request may bring it along."""
    masked_request, masked, marks = mask_request(request, masking_key)
    return pack(json.dumps(masked_request, ensure_ascii=False)), ",".join(masked), marks


def row(request: dict, decision: dict, decision_json: str, key_name: str | None, batch_id: str | None,
        masking_key: bytes, part: tuple[bytes, str, dict[str, str]] | None = None) -> dict:
    """A log row: the request and the decision with personal data masked under ``masking_key``
    (``part``: the request's ``request_part``, when it is at hand)."""
    packed, masked, marks = part or request_part(request, masking_key)
    if marks:
        decision_json = mask_text(decision_json, marks)
    return {
        "id": decision["decision_id"], "created_at": dt.datetime.now(dt.timezone.utc), "key_name": key_name,
        "batch_id": batch_id, "jurisdiction": decision["jurisdiction"], "action": decision["action"],
        "outcome": decision["outcome"], "bundle_revision": decision["bundle_revision"],
        "request": packed, "decision": pack(decision_json), "masked": masked,
    }


def as_dict(r: DecisionRecord) -> dict:
    return {
        "decision_id": r.id, "logged_at": aware(r.created_at).isoformat(), "key_name": r.key_name, "batch_id": r.batch_id,
        "jurisdiction": r.jurisdiction, "action": r.action, "outcome": r.outcome,
        "bundle_revision": r.bundle_revision, "request": unpack(r.request), "decision": unpack(r.decision),
        "masked_fields": [m for m in r.masked.split(",") if m],
    }


def get(sessions: sessionmaker[Session], decision_id: str) -> dict | None:
    with sessions() as s:
        r = s.get(DecisionRecord, decision_id)
        return as_dict(r) if r else None


def in_period(q, since: str | None, until: str | None):  # noqa: ANN001, ANN201 (a SQLAlchemy statement)
    """``q`` narrowed to the decisions logged from ``since`` to ``until``: dates (YYYY-MM-DD, inclusive) in UTC."""
    if since:
        q = q.where(DecisionRecord.created_at >= dt.datetime.fromisoformat(since).replace(tzinfo=dt.timezone.utc))
    if until:
        end = dt.datetime.fromisoformat(until).replace(tzinfo=dt.timezone.utc) + dt.timedelta(days=1)
        q = q.where(DecisionRecord.created_at < end)
    return q


def search(sessions: sessionmaker[Session], *, since: str | None = None, until: str | None = None,
           jurisdiction: str | None = None, outcome: str | None = None, limit: int = 100) -> list[dict]:
    """Newest first; ``since``/``until`` as ``in_period`` reads them."""
    q = in_period(select(DecisionRecord).order_by(DecisionRecord.created_at.desc(), DecisionRecord.id), since, until)
    if jurisdiction:
        q = q.where(DecisionRecord.jurisdiction == jurisdiction)
    if outcome:
        q = q.where(DecisionRecord.outcome == outcome)
    with sessions() as s:
        return [as_dict(r) for r in s.scalars(q.limit(limit)).all()]


#: Days a decision is kept when ``OSD_LOG_RETENTION_DAYS`` does not say (see docs/personal-data.md).
RETENTION_DAYS = 365


def retention_days() -> int:
    """The retention setting: ``OSD_LOG_RETENTION_DAYS`` (a whole number of days, at least 1), else 365."""
    given = os.environ.get("OSD_LOG_RETENTION_DAYS", "").strip()
    if not given:
        return RETENTION_DAYS
    if not re.fullmatch(r"[0-9]{1,6}", given) or int(given) < 1:
        raise ValueError(f"OSD_LOG_RETENTION_DAYS must be a whole number of days, at least 1, not {given!r}")
    return int(given)


def purge(sessions: sessionmaker[Session], days: int, dry_run: bool = False,
          now: dt.datetime | None = None) -> dict:
    """Delete the decisions logged more than ``days`` days before ``now`` (and
    expired workbench sign-ins and idempotency keys); with ``dry_run`` count them only."""
    from sqlalchemy import delete

    from .models import SignIn

    now = now or dt.datetime.now(dt.timezone.utc)
    cutoff = now - dt.timedelta(days=days)
    old = DecisionRecord.created_at < cutoff
    with sessions.begin() as s:
        found = s.scalar(select(func.count()).select_from(DecisionRecord).where(old)) or 0
        expired = s.scalar(select(func.count()).select_from(SignIn).where(SignIn.expires_at < now)) or 0
        if not dry_run:
            s.execute(delete(DecisionRecord).where(old))
            s.execute(delete(SignIn).where(SignIn.expires_at < now))
    if not dry_run:
        from . import idempotency

        idempotency.purge(sessions, now)
    return {"cutoff": cutoff.isoformat(timespec="seconds"), "days": days, "decisions": found,
            "signins": expired, "deleted": not dry_run}


def count(sessions: sessionmaker[Session]) -> int:
    with sessions() as s:
        return s.scalar(select(func.count()).select_from(DecisionRecord)) or 0


VOLATILE = {"decision_id", "bundle_revision"}


def differences(old: object, new: object, path: str = "") -> list[dict]:
    """Where two decisions differ (ids and revisions aside), field by field."""
    out: list[dict] = []
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(set(old) | set(new)):
            if not path and key in VOLATILE:
                continue
            out += differences(old.get(key), new.get(key), f"{path}.{key}" if path else key)
    elif old != new:
        out.append({"path": path, "logged": old, "now": new})
    return out
