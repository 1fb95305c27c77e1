"""The decision log: every decision given, with its request and bundle revision.

Requests are stored with personal data masked (see ``masking``); the decision
is stored as the exact JSON text the client received (both zlib-compressed). A decision is found
again by its id, searched by date, jurisdiction and outcome, and can be
decided again under the current bundle to show what would differ.

Writes go through a ``LogWriter``: request threads hand their rows to one
writer thread per process and wait until the transaction holding them has
committed. Under load one commit carries many rows (group commit), and no
answer is sent before its row is stored, so answers and rows always match.
"""

from __future__ import annotations

import datetime as dt
import json
import queue
import threading
import zlib

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from .masking import mask_request
from .models import DecisionRecord

TABLE = DecisionRecord.__table__


def pack(text: str) -> bytes:
    """JSON text as stored: zlib at its fastest level shrinks a decision about
    fourfold, which keeps SQLite's write-ahead log, and its checkpoints, small."""
    return zlib.compress(text.encode("utf-8"), 1)


def unpack(blob: bytes) -> object:
    return json.loads(zlib.decompress(blob).decode("utf-8"))


def row(request: dict, decision: dict, decision_json: str, key_name: str | None, batch_id: str | None) -> dict:
    masked_request, masked = mask_request(request)
    return {
        "id": decision["decision_id"], "created_at": dt.datetime.now(dt.timezone.utc), "key_name": key_name,
        "batch_id": batch_id, "jurisdiction": decision["jurisdiction"], "action": decision["action"],
        "outcome": decision["outcome"], "bundle_revision": decision["bundle_revision"],
        "request": pack(json.dumps(masked_request, ensure_ascii=False)), "decision": pack(decision_json),
        "masked": ",".join(masked),
    }


class LogWriter:
    """One writer thread per process; ``write`` returns once the rows are committed."""

    def __init__(self, engine: Engine, max_rows: int = 500) -> None:
        self.engine = engine
        self.max_rows = max_rows
        self._queue: queue.Queue = queue.Queue()
        self._thread: threading.Thread | None = None
        self._pid: int | None = None
        self._lock = threading.Lock()

    def _ensure(self) -> None:
        import os

        if self._thread is None or self._pid != os.getpid() or not self._thread.is_alive():
            with self._lock:
                if self._thread is None or self._pid != os.getpid() or not self._thread.is_alive():
                    self._queue = queue.Queue()
                    self._pid = os.getpid()
                    self._thread = threading.Thread(target=self._run, name="decision-log", daemon=True)
                    self._thread.start()

    def write(self, rows: list[dict], timeout: float = 30.0) -> None:
        """Store ``rows`` in the log; raises if they could not be committed."""
        self._ensure()
        done = threading.Event()
        outcome: list[BaseException | None] = [None]
        self._queue.put((rows, done, outcome))
        if not done.wait(timeout):
            raise TimeoutError("the decision log did not commit in time")
        if outcome[0] is not None:
            raise outcome[0]

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

    def _run(self) -> None:
        sql, params = self._statement()
        conn = None
        while True:
            pending = [self._queue.get()]
            size = len(pending[0][0])
            while size < self.max_rows:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                pending.append(item)
                size += len(item[0])
            error: BaseException | None = None
            try:
                if conn is None:
                    conn = self.engine.raw_connection()
                cur = conn.cursor()
                cur.executemany(sql, [params(r) for rows, _, _ in pending for r in rows])
                conn.commit()
                cur.close()
            except Exception as exc:  # noqa: BLE001  (handed to every waiting request)
                error = exc
                try:
                    if conn is not None:
                        conn.rollback()
                        conn.close()
                except Exception:  # noqa: BLE001
                    pass
                conn = None
            for _, done, outcome in pending:
                outcome[0] = error
                done.set()


def as_dict(r: DecisionRecord) -> dict:
    return {
        "decision_id": r.id, "logged_at": r.created_at.isoformat(), "key_name": r.key_name, "batch_id": r.batch_id,
        "jurisdiction": r.jurisdiction, "action": r.action, "outcome": r.outcome,
        "bundle_revision": r.bundle_revision, "request": unpack(r.request), "decision": unpack(r.decision),
        "masked_fields": [m for m in r.masked.split(",") if m],
    }


def get(sessions: sessionmaker[Session], decision_id: str) -> dict | None:
    with sessions() as s:
        r = s.get(DecisionRecord, decision_id)
        return as_dict(r) if r else None


def search(sessions: sessionmaker[Session], *, since: str | None = None, until: str | None = None,
           jurisdiction: str | None = None, outcome: str | None = None, limit: int = 100) -> list[dict]:
    """Newest first; ``since``/``until`` are dates (YYYY-MM-DD, inclusive) in UTC."""
    q = select(DecisionRecord).order_by(DecisionRecord.created_at.desc(), DecisionRecord.id)
    if since:
        q = q.where(DecisionRecord.created_at >= dt.datetime.fromisoformat(since).replace(tzinfo=dt.timezone.utc))
    if until:
        end = dt.datetime.fromisoformat(until).replace(tzinfo=dt.timezone.utc) + dt.timedelta(days=1)
        q = q.where(DecisionRecord.created_at < end)
    if jurisdiction:
        q = q.where(DecisionRecord.jurisdiction == jurisdiction)
    if outcome:
        q = q.where(DecisionRecord.outcome == outcome)
    with sessions() as s:
        return [as_dict(r) for r in s.scalars(q.limit(limit)).all()]


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
