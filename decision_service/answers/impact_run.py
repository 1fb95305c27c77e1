"""Deciding the logged requests of a period again under a candidate bundle,
spread over processes: the main process reads the log in pages and adds the
results up (``impact.Tally``); each worker unpacks its rows, decides them with
its own copy of the candidate (a wasm runtime does not survive a fork, so
workers are spawned) and compares. A request asked many times (a portal's
catalogue page) is decided once per worker."""

from __future__ import annotations

import multiprocessing
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from ..db import log_reading
from ..db.log import unpack
from ..store.candidate import compiled_for, decider, read_archive
from .impact import ASPECTS, Tally, aspects, changes
from .repeats import Memo
from .requests import canonical

CHUNK = 250
#: Below this many decisions the work stays in this process: starting workers costs more.
IN_PROCESS_BELOW = 3000

_decider = None
#: The candidate's aspects of each request decided, by its canonical JSON.
_decided: Memo[dict] = Memo(50_000)


def _start(archive: str, compiled: str) -> None:
    global _decider
    _decider = decider(read_archive(Path(archive).read_bytes()), Path(compiled))
    _decided.clear()  # another candidate decides otherwise


def _judge(rows: list[tuple]) -> list[tuple]:
    """Each raw log row's changes under the candidate: ``(id, logged_at, jurisdiction, outcome, revision, changes)``."""
    out = []
    for decision_id, logged_at, jurisdiction, outcome, revision, request_blob, decision_blob in rows:
        logged = unpack(decision_blob)
        request = {**unpack(request_blob), "as_of": logged["as_of"], "received_on": logged["received_on"]}
        key = canonical(request)
        found = _decided.get(key) if key is not None else None
        if found is None:
            found = aspects(_decider.decide(request, decision_id=decision_id))
            if key is not None:
                _decided.put(key, found)
        out.append((decision_id, logged_at.isoformat(), jurisdiction, outcome, revision, changes(aspects(logged), found)))
    return out


def _chunks(sessions: sessionmaker[Session], since: str | None, until: str | None) -> Iterator[list[tuple]]:
    for page in log_reading.pages(sessions, since, until):
        for i in range(0, len(page), CHUNK):
            yield page[i:i + CHUNK]


def run(sessions: sessionmaker[Session], archive: bytes, since: str | None = None, until: str | None = None,
        workers: int | None = None, progress: Callable[[int, int], None] | None = None,
        changed: Callable[[tuple], None] | None = None) -> dict:
    """The impact report of ``archive`` on the decisions logged from ``since`` to
    ``until`` (dates, inclusive, UTC); ``progress(done, total)`` after each chunk,
    ``changed(row)`` for every decision whose answer would change."""
    started = time.monotonic()
    bundle = read_archive(archive)
    total = log_reading.count(sessions, since, until)
    tally = Tally()
    workers = workers or os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="osd-impact-") as work:
        compiled = compiled_for(bundle, Path(work))
        path = Path(work) / "candidate.tar.gz"
        path.write_bytes(archive)
        pool = None
        if workers > 1 and total >= IN_PROCESS_BELOW:
            pool = multiprocessing.get_context("spawn").Pool(workers, _start, (str(path), str(compiled)))
            results = pool.imap(_judge, _chunks(sessions, since, until))
        else:
            _start(str(path), str(compiled))
            results = map(_judge, _chunks(sessions, since, until))
        try:
            done = 0
            for rows in results:
                for row in rows:
                    tally.add(*row)
                    if row[5] and changed:
                        changed(row)
                done += len(rows)
                if progress:
                    progress(done, max(total, done))
        finally:
            if pool is not None:
                pool.terminate()
    return {"candidate_revision": bundle.revision, "since": since, "until": until, "aspects": ASPECTS,
            **tally.report(), "seconds": round(time.monotonic() - started, 2)}
