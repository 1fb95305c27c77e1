"""What the web app serves from: the accepted bundle's snapshot (decider,
classifier, deadlines), the database, the key ring, and reload.

Every worker serves ``<data>/bundles/current``. A reload (``POST
/v1/admin/reload`` or SIGHUP to the server) accepts the bundle on disk only if
it passes every check (see ``decision_service.bundles``); each worker notices
the new name on its next request and switches, so all workers serve the same
revision and a rejected bundle changes nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from ..answers.classify import Classifier
from ..answers.deadlines import Deadlines
from ..answers.decide import Decider
from ..answers.repeats import Memo
from ..db import make_engine, sessions, upgrade
from ..db.keys import KeyRing
from ..db.log_writer import LogWriter
from ..db.masking import masking_key
from ..store.activation import Verdict, accept, current_revision, load_snapshot, snapshots_dir
from ..store.bundle import ROOT, Bundle

log = logging.getLogger("osd.bundle")


@dataclass
class Snapshot:
    revision: str
    bundle: Bundle
    decider: Decider
    classifier: Classifier
    deadlines: Deadlines
    loaded_at: str


class Service:
    def __init__(self, data_dir: Path, database_url: str | None, key_cache_seconds: float = 5.0,
                 source: Path = ROOT) -> None:
        self.data_dir = data_dir
        self.source = source
        self.engine = make_engine(database_url)
        upgrade(self.engine)
        self.sessions = sessions(self.engine)
        # The server's log committer (web/server.py) commits every worker's rows to SQLite.
        self.log_writer = LogWriter(self.engine, committer=os.environ.get("OSD_LOG_COMMITTER")
                                    if self.engine.dialect.name == "sqlite" else None)
        self.masking_key = masking_key(data_dir)
        self.keys = KeyRing(self.sessions, key_cache_seconds)
        #: Decision requests read before, by their exact body: the request checked, and its
        #: log part (masked under this service's key), so a repeated body is read once.
        self.read_requests: Memo[tuple[dict, tuple]] = Memo(4096)
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._pointer_mtime: int | None = None
        self._pointer_path = snapshots_dir(data_dir) / "current"
        if current_revision(data_dir) is None:
            verdict = accept(data_dir, source)
            if not verdict.accepted:
                raise RuntimeError(f"the bundle on disk is not acceptable: {verdict.reason}")
            log.info("bundle %s accepted at start: %s", verdict.revision, "; ".join(verdict.checks))
        self.current()

    def current(self) -> Snapshot:
        """The snapshot to serve, switching when ``current`` names another revision
        (one ``stat`` a request tells whether it did)."""
        mtime = os.stat(self._pointer_path).st_mtime_ns
        if self._snapshot is not None and mtime == self._pointer_mtime:
            return self._snapshot
        with self._lock:
            mtime = os.stat(self._pointer_path).st_mtime_ns
            revision = current_revision(self.data_dir)
            if self._snapshot is None or self._snapshot.revision != revision:
                bundle, decider = load_snapshot(self.data_dir, revision)
                self._snapshot = Snapshot(revision, bundle, decider, Classifier(decider), Deadlines(decider),
                                          dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))
                log.info("serving bundle %s", revision)
            self._pointer_mtime = mtime
            return self._snapshot

    def reload(self) -> Verdict:
        verdict = accept(self.data_dir, self.source)
        if verdict.accepted:
            log.info("bundle %s accepted: %s", verdict.revision, "; ".join(verdict.checks))
            self.current()
        else:
            log.warning("bundle rejected, still serving %s: %s", self.current().revision, verdict.reason)
        return verdict
