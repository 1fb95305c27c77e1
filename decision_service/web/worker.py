"""gunicorn's threaded worker, made to hold against slow and dead clients.

gunicorn's ``gthread`` worker hands a connection to a thread as soon as bytes
arrive, and the thread then blocks reading the rest of the request: a few
clients that send half their headers, or half a body, one byte at a time,
hold every thread of a worker, and nobody else is answered. This worker
reads each request whole on the worker's event loop first, without a thread
(``Pending``): the head within ``HEAD_SECONDS``, the body within
``BODY_SECONDS``; only a complete request reaches a thread, which then parses
it from memory. What cannot be a request is answered there and then, as the
contract's JSON error, and the connection closed: 408 for a client too slow,
413 for a body over the limit (chunked bodies included), 414 and 431 for a
request line or headers over gunicorn's limits, 400 for framing that is not
HTTP/1.1. Errors gunicorn's own parser raises are written as JSON too.

When the master dies (``kill -9``), the kernel ends each worker with it
(``PR_SET_PDEATHSIG``), so no orphan keeps the port: a new server can bind at
once.
"""

from __future__ import annotations

import ctypes
import json
import logging
import os
import re
import selectors
import signal
import socket
import time
from collections import deque
from functools import partial

from gunicorn import util
from gunicorn.workers.gthread import TConn, ThreadWorker

#: Seconds a client has to send its request line and headers, and its body;
#: seconds a refused client's remaining bytes are read before the connection closes.
HEAD_SECONDS = float(os.environ.get("OSD_REQUEST_HEAD_SECONDS") or 10)
BODY_SECONDS = float(os.environ.get("OSD_REQUEST_BODY_SECONDS") or 30)
DRAIN_SECONDS = 2.0

REASONS = {400: ("Bad Request", "bad_request"), 408: ("Request Timeout", "request_timeout"),
           413: ("Payload Too Large", "payload_too_large"), 414: ("URI Too Long", "uri_too_long"),
           417: ("Expectation Failed", "expectation_failed"),
           431: ("Request Header Fields Too Large", "header_fields_too_large"), 403: ("Forbidden", "forbidden"),
           500: ("Internal Server Error", "internal_error"), 501: ("Not Implemented", "not_implemented")}


def error_response(status: int, message: str) -> bytes:
    """A whole HTTP response carrying the contract's error body, closing the connection.
    The refusal gets its line in the access log too: the app never saw the request."""
    reason, code = REASONS.get(status, ("Error", "error"))
    logging.getLogger("osd.access").info(json.dumps({
        "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "request_id": None, "method": None, "path": None,
        "endpoint": "(refused before the app)", "status": status, "outcome": code, "ms": None, "key": None,
        "remote": None}))
    body = json.dumps({"error": {"code": code, "message": message, "fields": {}, "details": []}}, ensure_ascii=False).encode()
    head = (f"HTTP/1.1 {status} {reason}\r\nConnection: close\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n")
    return head.encode("latin-1") + body


def write_json_error(sock, status_int: int, reason: str, mesg: str) -> None:  # noqa: ANN001
    """gunicorn's ``util.write_error`` with the contract's JSON instead of HTML."""
    util.write_nonblock(sock, error_response(status_int, mesg or reason))


class Pending:
    """One request being read: complete when the head and the whole body are in."""

    def __init__(self, max_line: int, max_field: int, max_fields: int, max_body: int) -> None:
        self.data = bytearray()
        self.limits = (max_line, max_field, max_fields, max_body)
        self.deadline = time.monotonic() + HEAD_SECONDS
        self.head_end: int | None = None
        self.headers: dict[str, str] = {}
        #: Where the chunked body's next size line starts, and the body's size so far.
        self.chunk_at, self.chunked_total = 0, 0

    def feed(self, chunk: bytes) -> int | None:
        """Add bytes: 0 when the request is complete, None while more is needed,
        else the status to refuse it with."""
        self.data += chunk
        max_line, max_field, max_fields, max_body = self.limits
        if self.head_end is None:
            end = self.data.find(b"\r\n\r\n")
            head = self.data if end < 0 else self.data[:end]
            lines = head.split(b"\r\n")
            if len(lines[0]) > max_line:
                return 414
            if any(len(line) > max_field for line in lines[1:]) or len(lines) - 1 > max_fields:
                return 431
            if end < 0:
                return None
            self.head_end = end + 4
            self.chunk_at = self.head_end
            self.deadline = time.monotonic() + BODY_SECONDS
            for line in bytes(head).decode("latin-1").split("\r\n")[1:]:
                name, _, value = line.partition(":")
                self.headers[name.strip().lower()] = value.strip()
        return self._body_complete(max_body)

    def _body_complete(self, max_body: int) -> int | None:
        headers = self.headers
        body = len(self.data) - self.head_end
        if "chunked" in headers.get("transfer-encoding", "").lower():
            return self._chunks_complete(max_body)
        length = headers.get("content-length")
        if length is None:
            return 0
        if not re.fullmatch(r"[0-9]{1,15}", length):
            return 400
        if int(length) > max_body:
            return 413
        return 0 if body >= int(length) else None

    def _chunks_complete(self, max_body: int) -> int | None:
        """Walk the chunks from where the last call stopped, so each byte is read once."""
        while True:
            line_end = self.data.find(b"\r\n", self.chunk_at)
            if line_end < 0:
                return None
            size = bytes(self.data[self.chunk_at:line_end]).split(b";")[0].strip()
            try:
                n = int(size, 16)
            except ValueError:
                return 400
            if n == 0:  # the last chunk, then optional trailers and an empty line
                return 0 if self.data.find(b"\r\n\r\n", line_end) >= 0 else None
            if self.chunked_total + n > max_body:
                return 413
            following = line_end + 2 + n + 2
            if following > len(self.data):
                return None
            self.chunked_total += n
            self.chunk_at = following


class BufferedThreadWorker(ThreadWorker):
    """The threaded worker with requests read whole before a thread takes them."""

    def init_process(self) -> None:
        die_with_parent()
        if os.getppid() != self.ppid:  # the master died before the line above
            os._exit(0)
        util.write_error = write_json_error
        self.max_body = int(os.environ.get("OSD_MAX_CONTENT_LENGTH") or 2 * 1024 * 1024)
        self.buffering: deque[TConn] = deque()
        self.draining: deque[TConn] = deque()
        super().init_process()

    def accept(self, listener) -> None:  # noqa: ANN001
        try:
            sock, addr = listener.accept()
        except OSError:  # nothing to accept after all (EAGAIN), or the client left first
            return
        self.nr_conns += 1
        self._read_whole(TConn(self.cfg, sock, addr, listener.getsockname()))

    def on_client_socket_readable(self, conn: TConn, client) -> None:  # noqa: ANN001
        self.poller.unregister(client)
        self.keepalived_conns.remove(conn)
        self._read_whole(conn)

    def _read_whole(self, conn: TConn) -> None:
        cfg = self.cfg
        conn.pending = Pending(cfg.limit_request_line or 1 << 20, cfg.limit_request_field_size or 1 << 20,
                               cfg.limit_request_fields or 1 << 10, self.max_body)
        conn.sock.setblocking(False)
        self.buffering.append(conn)
        self.poller.register(conn.sock, selectors.EVENT_READ, partial(self._on_bytes, conn))
        self._on_bytes(conn, conn.sock)  # bytes may be there already

    def _on_bytes(self, conn: TConn, sock) -> None:  # noqa: ANN001
        try:
            chunk = sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            chunk = b""
        if not chunk:
            self._drop(conn)
            return
        status = conn.pending.feed(chunk)
        if status is None:
            return
        if status:
            self._refuse(conn, status)
            return
        self._forget(conn)
        data = bytes(conn.pending.data)
        conn.pending = None
        conn.init()
        conn.parser.unreader.unread(data)
        conn.data_ready = True
        self.enqueue_req(conn)

    def _forget(self, conn: TConn) -> None:
        try:
            self.poller.unregister(conn.sock)
        except (KeyError, ValueError, OSError):
            pass
        try:
            self.buffering.remove(conn)
        except ValueError:
            pass

    def _drop(self, conn: TConn) -> None:
        self._forget(conn)
        self.nr_conns -= 1
        conn.close()

    def _refuse(self, conn: TConn, status: int) -> None:
        """Answer with the error, then read and discard what the client still
        sends for a moment before closing: closing on unread bytes would reset
        the connection, and the client might never see the answer."""
        messages = {408: "the request did not arrive in time", 413: "the body is larger than the limit",
                    414: "the request line is too long", 431: "the headers are too large",
                    400: "the request is not HTTP/1.1"}
        self._forget(conn)
        try:
            conn.sock.send(error_response(status, messages.get(status, "refused")))
            conn.sock.shutdown(socket.SHUT_WR)
        except OSError:
            self.nr_conns -= 1
            conn.close()
            return
        conn.pending.deadline = time.monotonic() + DRAIN_SECONDS
        self.draining.append(conn)
        self.poller.register(conn.sock, selectors.EVENT_READ, partial(self._on_drain, conn))

    def _on_drain(self, conn: TConn, sock) -> None:  # noqa: ANN001
        try:
            if sock.recv(65536):
                return
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            pass
        self._end_drain(conn)

    def _end_drain(self, conn: TConn) -> None:
        try:
            self.poller.unregister(conn.sock)
        except (KeyError, ValueError, OSError):
            pass
        if conn in self.draining:
            self.draining.remove(conn)
        self.nr_conns -= 1
        conn.close()

    def murder_pending(self) -> None:
        super().murder_pending()
        now = time.monotonic()
        for conn in [c for c in self.buffering if c.pending.deadline < now]:
            self._refuse(conn, 408)
        for conn in [c for c in self.draining if c.pending.deadline < now]:
            self._end_drain(conn)


def die_with_parent() -> None:
    """Ask Linux to send SIGKILL to this process when its parent (the master) dies."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: gunicorn's own parent check still ends the worker
