"""One process that commits the decision-log rows of every worker of a server (SQLite).

Workers writing one SQLite file commit one after the other: each takes the file
lock, writes, syncs and lets go, and while one holds it the other's requests wait
with their rows, often with both cores idle. The server's master starts this
process before its workers (``web/server.py``); a worker's ``LogWriter`` sends
each group of rows here over a Unix socket and waits for the word that they are
committed. This process reads what every connection has sent, commits it all in
one transaction with one sync, and answers each sender; if that commit fails,
each sender's rows are committed on their own, so a bad row refuses only its own
request. A worker that cannot reach it writes the file itself, as before, under
the same file lock; a row is never stored twice (its id is the primary key).

A message is four bytes of length (big-endian) and the rows as ``marshal`` data:
a list of tuples of text, bytes and nulls, the parameters as the driver takes
them. An answer is one byte (0 committed, 1 refused), four bytes of length and
the refusal's text. The socket is in Linux's abstract namespace (``@name``: no
file to leave behind) and takes connections from the service's own user only.

    python -m decision_service.db.committer @NAME [DATABASE_URL]
"""

from __future__ import annotations

import marshal
import os
import selectors
import socket
import struct
import sys
import time
from collections.abc import Callable

HEADER = struct.Struct(">I")


def address(name: str) -> str:
    """The socket address of a name as the environment holds it: ``@x`` is ``x`` in
    the abstract namespace (an environment variable cannot hold its leading NUL)."""
    return "\0" + name[1:] if name.startswith("@") else name


def connect(name: str, timeout: float) -> socket.socket:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        sock.connect(address(name))
    except OSError:
        sock.close()
        raise
    return sock


def listening(name: str, seconds: float, running: Callable[[], bool] = lambda: True) -> bool:
    """Whether a committer takes connections on ``name`` within ``seconds``; False at
    once when ``running()`` says the process that should listen has ended."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and running():
        try:
            connect(name, 1).close()
            return True
        except OSError:
            time.sleep(0.02)
    return False


def _same_user(conn: socket.socket) -> bool:
    """Whether the peer runs as this process's user (SO_PEERCRED: pid, uid, gid)."""
    creds = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    return struct.unpack("3i", creds)[1] == os.getuid()


def message(rows: list[tuple]) -> bytes:
    body = marshal.dumps(rows)
    return HEADER.pack(len(body)) + body


def answer(error: BaseException | None) -> bytes:
    text = b"" if error is None else f"{type(error).__name__}: {error}".encode("utf-8", "replace")
    return (b"\x01" if error is not None else b"\x00") + HEADER.pack(len(text)) + text


def read_exactly(sock: socket.socket, n: int) -> bytes:
    """``n`` bytes from a blocking socket; ConnectionError if it closes first."""
    data = bytearray()
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise ConnectionError("the log committer closed the connection")
        data += chunk
    return bytes(data)


def read_answer(sock: socket.socket) -> str | None:
    """The committer's word on one message: None when committed, else why not."""
    status = read_exactly(sock, 1)
    text = read_exactly(sock, HEADER.unpack(read_exactly(sock, HEADER.size))[0]).decode("utf-8", "replace")
    return None if status == b"\x00" else text


def _complete(buffer: bytearray) -> list[list[tuple]]:
    """The whole messages at the front of ``buffer``, taken out of it."""
    out = []
    while len(buffer) >= HEADER.size:
        size = HEADER.unpack_from(buffer)[0]
        if len(buffer) < HEADER.size + size:
            break
        out.append(marshal.loads(bytes(buffer[HEADER.size:HEADER.size + size])))
        del buffer[:HEADER.size + size]
    return out


def serve(name: str, url: str | None = None) -> None:
    """Listen on ``name`` and commit what arrives until the parent (the master) is gone."""
    from . import make_engine
    from .log_writer import LogWriter

    writer = LogWriter(make_engine(url))
    parent = os.getppid()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old = os.umask(0o177)  # a file socket (a name without @) is the user's alone
    try:
        listener.bind(address(name))
    finally:
        os.umask(old)
    listener.listen(256)
    listener.setblocking(False)
    poller = selectors.DefaultSelector()
    poller.register(listener, selectors.EVENT_READ)
    buffers: dict[socket.socket, bytearray] = {}
    while os.getppid() == parent:
        ready: list[tuple[socket.socket, list[tuple]]] = []
        for key, _ in poller.select(timeout=1.0):
            if key.fileobj is listener:
                try:
                    conn, _ = listener.accept()
                except OSError:
                    continue
                if not _same_user(conn):
                    conn.close()
                    continue
                conn.setblocking(False)
                buffers[conn] = bytearray()
                poller.register(conn, selectors.EVENT_READ)
                continue
            conn = key.fileobj
            try:
                data = conn.recv(1 << 20)
            except (BlockingIOError, InterruptedError):
                continue
            except OSError:
                data = b""
            if not data:
                poller.unregister(conn)
                buffers.pop(conn, None)
                conn.close()
                continue
            buffers[conn] += data
            ready += [(conn, rows) for rows in _complete(buffers[conn])]
        if ready:
            _commit(writer, ready)


def _commit(writer, ready: list[tuple[socket.socket, list[tuple]]]) -> None:  # noqa: ANN001
    """Everything that arrived in one commit; if that is refused, each message on its own."""
    error = writer.store([r for _, rows in ready for r in rows])
    if error is None:
        results = [(conn, None) for conn, _ in ready]
    elif len(ready) == 1:
        results = [(ready[0][0], error)]
    else:
        results = [(conn, writer.store(rows)) for conn, rows in ready]
    for conn, err in results:
        try:
            conn.sendall(answer(err))
        except OSError:
            pass  # the worker went away; it writes its rows itself or its client retries


def main() -> None:
    from ..web.worker import die_with_parent

    die_with_parent()
    serve(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)


if __name__ == "__main__":
    main()
