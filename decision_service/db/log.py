"""The decision log: every decision given, with its request and bundle revision.

Requests are stored with personal data masked (see ``masking``); the decision
is stored as the exact JSON text the client received (both compressed). A decision is found
again by its id, searched by date, jurisdiction and outcome, and can be
decided again under the current bundle to show what would differ.

Writes go through a ``LogWriter``: a request waits until the transaction
holding its rows has committed. Under load one commit carries many rows
(group commit), and no answer is sent before its row is stored, so answers
and rows always match.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import re
import threading
import time
import zlib

import zstandard
from sqlalchemy import Engine, func, select
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


class _Pending:
    """Rows one request waits on, and how their commit ended."""

    __slots__ = ("done", "error", "rows")

    def __init__(self, rows: list[dict]) -> None:
        self.rows = rows
        self.done = False
        self.error: BaseException | None = None


class LogWriter:
    """Group commit, led by the request threads themselves.

    A request adds its rows to the pending list. If no commit is under way it
    becomes the leader: it takes everything pending (up to ``max_rows``) and
    commits it in one transaction while later requests wait; when that commit
    ends, every waiter whose rows it held returns (or raises the commit's
    error) and the next waiter leads. Alone, a request simply writes its own
    row, with no hand-off to another thread; under load one commit carries
    many rows. ``write`` returns only once the rows are committed, so no
    answer is sent before its row is stored.

    On SQLite the workers of one server are processes writing one file.
    SQLite makes a writer that finds the file locked sleep and retry (1 ms,
    2 ms, 5 ms, ...), which shows as tail latency; a blocking file lock taken
    around each commit queues the workers instead, and wakes the next at once.
    """

    def __init__(self, engine: Engine, max_rows: int = 500) -> None:
        self.engine = engine
        self.max_rows = max_rows
        database = engine.url.database if engine.dialect.name == "sqlite" else None
        self._lock_path = f"{database}.write-lock" if database and database != ":memory:" else None
        self._sql, self._params = self._statement()
        self._reset()

    def _reset(self) -> None:
        """Fresh state for this process (a forked child must not share its parent's connection)."""
        self._pid = os.getpid()
        self._cond = threading.Condition()
        self._pending: list[_Pending] = []
        self._writing = False
        self._conn = None
        self._lock_fd: int | None = None

    def write(self, rows: list[dict], timeout: float = 30.0) -> None:
        """Store ``rows`` in the log; raises if they could not be committed."""
        if self._pid != os.getpid():
            self._reset()
        mine = _Pending(rows)
        deadline = time.monotonic() + timeout
        with self._cond:
            self._pending.append(mine)
        while True:
            with self._cond:
                while self._writing and not mine.done:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise TimeoutError("the decision log did not commit in time")
                    self._cond.wait(left)
                if mine.done:
                    break
                self._writing = True
                taken, size = [], 0
                while self._pending and (not taken or size + len(self._pending[0].rows) <= self.max_rows):
                    item = self._pending.pop(0)
                    taken.append(item)
                    size += len(item.rows)
            error = self._commit([r for item in taken for r in item.rows])
            with self._cond:
                for item in taken:
                    item.error, item.done = error, True
                self._writing = False
                self._cond.notify_all()
        if mine.error is not None:
            raise mine.error

    def _statement(self):
        """The INSERT as the driver takes it, with each column's bind processing,
        so the writer can skip SQLAlchemy's per-call work and use the DBAPI directly."""
        dialect = self.engine.dialect
        compiled = TABLE.insert().compile(dialect=dialect)
        keys = list(compiled.positiontup) if compiled.positional else [c.name for c in TABLE.columns]
        processors = {c.name: c.type._cached_bind_processor(dialect) for c in TABLE.columns}

        def params(r: dict):
            values = {k: (processors[k](r.get(k)) if processors[k] else r.get(k)) for k in keys}
            return tuple(values[k] for k in keys) if compiled.positional else values

        return str(compiled), params

    def _commit(self, rows: list[dict]) -> BaseException | None:
        """Insert ``rows`` in one transaction; the error, if any, for every waiter to raise."""
        try:
            if self._conn is None:
                self._conn = self.engine.raw_connection()
            if self._lock_path and self._lock_fd is None:
                self._lock_fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o600)
            params = [self._params(r) for r in rows]  # before the lock: the other workers wait only on the write
            if self._lock_fd is not None:
                fcntl.flock(self._lock_fd, fcntl.LOCK_EX)
            try:
                cur = self._conn.cursor()
                cur.executemany(self._sql, params)
                self._conn.commit()
                cur.close()
            finally:
                if self._lock_fd is not None:
                    fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            return None
        except Exception as exc:  # handed to every waiting request
            try:
                if self._conn is not None:
                    self._conn.rollback()
                    self._conn.close()
            except Exception:
                pass
            self._conn = None
            return exc


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
