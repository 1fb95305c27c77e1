"""The retry rule over a real socket: 429 and 503 are retried with backoff,
waiting what Retry-After says; any other 4xx is raised at once; the same
Idempotency-Key is sent on every try. The peer here is a small HTTP server
that answers a set sequence of statuses, which the service cannot be made to
give on demand."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from osd_client import Client, InvalidRequest, TransportError, Unavailable


class Peer:
    def __init__(self, answers: list[tuple[int, dict, dict]]) -> None:
        self.answers, self.seen = list(answers), []
        peer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                peer.seen.append(dict(self.headers))
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                status, headers, body = peer.answers.pop(0)
                data = json.dumps(body).encode()
                self.send_response(status)
                for k, v in {"Content-Type": "application/json", **headers}.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args) -> None:  # noqa: ANN002
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()


def error(code: str) -> dict:
    return {"error": {"code": code, "message": code, "fields": {}, "details": []}}


def client_of(peer: Peer, waits: list[float]) -> Client:
    c = Client(peer.url, key="k", retries=3, backoff=0.2)
    c.sleep = waits.append
    return c


def test_503_and_429_are_retried_honouring_retry_after_with_one_key():
    peer = Peer([(503, {"Retry-After": "2"}, error("engine_unavailable")), (429, {}, error("too_many_requests")),
                 (200, {}, {"decision_id": "d1", "outcome": "permit"})])
    waits: list[float] = []
    try:
        assert client_of(peer, waits).decide({"jurisdiction": "wuxi"})["decision_id"] == "d1"
    finally:
        peer.close()
    assert waits[0] == 2.0 and 0.1 <= waits[1] <= 0.4
    assert len({h["Idempotency-Key"] for h in peer.seen}) == 1 and len(peer.seen) == 3


def test_other_4xx_are_never_retried():
    peer = Peer([(400, {}, error("invalid_request")), (200, {}, {})])
    waits: list[float] = []
    try:
        with pytest.raises(InvalidRequest):
            client_of(peer, waits).decide({})
    finally:
        peer.close()
    assert waits == [] and len(peer.seen) == 1


def test_after_the_last_retry_the_error_is_raised():
    peer = Peer([(503, {"Retry-After": "1"}, error("unavailable"))] * 4)
    waits: list[float] = []
    try:
        with pytest.raises(Unavailable) as gave_up:
            client_of(peer, waits).decide({})
    finally:
        peer.close()
    assert gave_up.value.code == "unavailable" and waits == [1.0, 1.0, 1.0]


def test_no_server_is_a_transport_error_after_the_retries():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    waits: list[float] = []
    c = Client(f"http://127.0.0.1:{port}", retries=2, backoff=0.01)
    c.sleep = waits.append
    with pytest.raises(TransportError):
        c.decide({})
    assert len(waits) == 2
