"""The decision log's writer: group commit, every answer's rows committed before it is sent.

The rows themselves are made by ``log.row``; this module only stores them,
many requests' rows in one transaction under load.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time

from sqlalchemy import Engine

from .committer import connect, message, read_answer
from .log import TABLE

#: Rows in one INSERT on SQLite (its statements take up to 32,766 values).
SQLITE_ROWS = 1000


class LogRefused(Exception):
    """The log committer could not commit a request's rows (its text says why)."""


class _Pending:
    """Rows one request waits on (bound as the driver takes them), and how their commit ended."""

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
    Under ``osd serve`` the workers hand their rows to one committer process
    (``db/committer.py``), whose own writer commits them all; this group commit
    is then its path, and the workers' when it cannot be reached.
    """

    def __init__(self, engine: Engine, max_rows: int = 500, committer: str | None = None) -> None:
        """``committer``: the socket of the server's log committer (``db/committer.py``),
        which commits every worker's rows; without one, or when it cannot be reached,
        this writer commits to the database itself."""
        self.engine = engine
        self.max_rows = max_rows
        self.committer = committer
        self._sqlite = engine.dialect.name == "sqlite"
        database = engine.url.database if self._sqlite else None
        self._lock_path = f"{database}.write-lock" if database and database != ":memory:" else None
        self._sql, self._params, columns = self._statement()
        #: The multi-row INSERT of ``_insert``: its head, and one row's placeholders.
        self._insert_head = f"INSERT INTO {TABLE.name} ({', '.join(columns)}) VALUES "
        self._row_marks = "(" + ", ".join("?" * len(columns)) + ")"
        self._reset()

    def _reset(self) -> None:
        """Fresh state for this process (a forked child must not share its parent's connection)."""
        self._pid = os.getpid()
        self._cond = threading.Condition()
        self._pending: list[_Pending] = []
        self._writing = False
        self._conn = None
        self._lock_fd: int | None = None
        self._local = threading.local()  # each thread's connection to the committer

    def write(self, rows: list[dict], timeout: float = 30.0) -> None:
        """Store ``rows`` in the log; raises if they could not be committed."""
        if self._pid != os.getpid():
            self._reset()
        bound = [self._params(r) for r in rows]  # by each request, so a commit only writes
        if self.committer and self._through_committer(bound, timeout):
            return
        error = self.store(bound, timeout)
        if error is not None:
            raise error

    def _through_committer(self, bound: list, timeout: float) -> bool:
        """True when the committer committed the rows; raises what it refused them
        for; False when it cannot be reached, and then the rows are not stored by it
        or, if they were, storing them again is refused by their ids."""
        sock = getattr(self._local, "sock", None)
        try:
            if sock is None:
                sock = self._local.sock = connect(self.committer, timeout)
            sock.sendall(message(bound))
            refused = read_answer(sock)
        except OSError:
            if sock is not None:
                sock.close()
            self._local.sock = None
            return False
        if refused is not None:
            raise LogRefused(refused)
        return True

    def store(self, bound: list, timeout: float = 30.0) -> BaseException | None:
        """Commit rows already bound, in a group commit with the other threads'; the
        error that refused them, if any."""
        mine = _Pending(bound)
        deadline = time.monotonic() + timeout
        with self._cond:
            self._pending.append(mine)
        while True:
            with self._cond:
                while self._writing and not mine.done:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        return TimeoutError("the decision log did not commit in time")
                    self._cond.wait(left)
                if mine.done:
                    break
                self._writing = True
            self._lead()
            with self._cond:
                self._writing = False
                self._cond.notify_all()
        return mine.error

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

        return str(compiled), params, keys

    def _insert(self, cur, rows: list) -> None:  # noqa: ANN001
        """Insert and commit ``rows``. On SQLite one multi-row INSERT in autocommit
        mode is one call into SQLite that writes, commits and syncs, where
        ``executemany`` and ``commit`` make a call per row and one more, each
        followed by a wait for Python's GIL while the file lock, which the other
        workers wait on, is held. More rows than one statement takes are
        inserted in chunks inside one transaction."""
        if not self._sqlite:
            cur.executemany(self._sql, rows)
            self._conn.commit()
            return
        chunks = [rows[i:i + SQLITE_ROWS] for i in range(0, len(rows), SQLITE_ROWS)]
        if len(chunks) > 1:
            cur.execute("BEGIN")
        for chunk in chunks:
            cur.execute(self._insert_head + ", ".join([self._row_marks] * len(chunk)), [v for r in chunk for v in r])
        if len(chunks) > 1:
            cur.execute("COMMIT")

    def _take(self) -> list[_Pending]:
        """The pending requests, oldest first, up to ``max_rows`` rows (at least one request)."""
        taken: list[_Pending] = []
        size = 0
        with self._cond:
            while self._pending and (not taken or size + len(self._pending[0].rows) <= self.max_rows):
                taken.append(self._pending.pop(0))
                size += len(taken[-1].rows)
        return taken

    def _lead(self) -> None:
        """One commit: the write lock first, then everything pending at that moment
        (up to ``max_rows``), so what arrived while another worker held the file
        goes in this commit rather than waiting for the next. The error, if any, is
        every taken request's to raise."""
        taken: list[_Pending] = []
        try:
            if self._conn is None:
                self._conn = self.engine.raw_connection()
                if self._sqlite:
                    self._conn.driver_connection.isolation_level = None  # autocommit: see _insert
            if self._lock_path and self._lock_fd is None:
                self._lock_fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o600)
            if self._lock_fd is not None:
                fcntl.flock(self._lock_fd, fcntl.LOCK_EX)
            try:
                taken = self._take()
                cur = self._conn.cursor()
                self._insert(cur, [params for item in taken for params in item.rows])
                cur.close()
            finally:
                if self._lock_fd is not None:
                    fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            error = None
        except Exception as exc:  # handed to every waiting request
            try:
                if self._conn is not None:
                    self._conn.rollback()
                    self._conn.close()
            except Exception:
                pass
            self._conn = None
            error = exc
            taken = taken or self._take()  # failed before taking: those waiting hear of it
        with self._cond:
            for item in taken:
                item.error, item.done = error, True
