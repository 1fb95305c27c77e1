"""The real server under attack: slow clients, oversized and malformed
requests, and the death of its master. Others are answered within a second
throughout, every refusal is the contract's JSON error, and a new server can
take the port at once."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import threading
import time

import pytest

from .conftest import command_line, copy_bundle, workers_of
from .test_server import DECISION_REQUESTS, Server


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("attacked"), copy_bundle(tmp_path_factory.mktemp("source-attacked")),
               env={"OSD_REQUEST_HEAD_SECONDS": "3", "OSD_REQUEST_BODY_SECONDS": "3"})
    yield s
    s.stop()


def raw(port: int, data: bytes, wait: float = 5.0) -> bytes:
    """Send ``data`` as it is and read the answer until the server closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as s:
        try:
            s.sendall(data)
        except OSError:
            pass
        out = b""
        try:
            while chunk := s.recv(65536):
                out += chunk
        except (TimeoutError, ConnectionResetError):
            pass
    return out


def error_of(answer: bytes) -> tuple[int, dict]:
    head, _, body = answer.partition(b"\r\n\r\n")
    assert b"Content-Type: application/json" in head, head
    return int(head.split(b" ")[1]), json.loads(body)["error"]


def timed(server: Server, method: str, path: str, body: object = None, role: str | None = None) -> tuple[int, float]:
    started = time.monotonic()
    status, _ = server.request(method, path, body, role=role)
    return status, time.monotonic() - started


def test_slow_clients_leave_the_service_answering_others_within_a_second(server):
    slow: list[socket.socket] = []
    for _ in range(16):  # half the headers, then a byte a second
        s = socket.create_connection(("127.0.0.1", server.port))
        s.sendall(b"POST /v1/decisions HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        slow.append(s)
    for _ in range(8):  # the whole head, half the body
        s = socket.create_connection(("127.0.0.1", server.port))
        s.sendall(b"POST /v1/decisions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  b"Content-Length: 100000\r\n\r\n{\"jurisdiction\": \"")
        slow.append(s)
    stop = threading.Event()

    def trickle() -> None:
        while not stop.wait(0.5):
            for s in slow:
                try:
                    s.send(b"a")
                except OSError:
                    pass

    threading.Thread(target=trickle, daemon=True).start()
    try:
        worst = 0.0
        for n in range(12):
            status, seconds = timed(server, "GET", "/healthz")
            assert status == 200
            status, more = timed(server, "POST", "/v1/decisions", DECISION_REQUESTS[n], role="portal")
            assert status == 200
            worst = max(worst, seconds, more)
        assert worst < 1.0, worst
        # the slow clients are cut off with 408 once their time is up
        time.sleep(3.5)
        answer = b""
        slow[0].settimeout(2)
        try:
            while chunk := slow[0].recv(4096):
                answer += chunk
        except (TimeoutError, ConnectionResetError):
            pass
        assert error_of(answer)[0] == 408
    finally:
        stop.set()
        for s in slow:
            s.close()


def test_a_chunked_body_over_the_limit_is_413_not_cut(server):
    body = b"".join(b"%x\r\n%s\r\n" % (65536, b"a" * 65536) for _ in range(48)) + b"0\r\n\r\n"
    status, err = error_of(raw(server.port, b"POST /v1/decisions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                            b"Transfer-Encoding: chunked\r\n\r\n" + body))
    assert status == 413 and err["code"] == "payload_too_large"
    logged = [json.loads(line) for line in (server.data / "server.log").read_text().splitlines() if line.startswith('{"time"')]
    assert any(e["status"] == 413 and e["outcome"] == "payload_too_large" for e in logged), "a refusal is in the access log"
    small = json.dumps(DECISION_REQUESTS[0]).encode()
    answer = raw(server.port, b"POST /v1/decisions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                              b"Authorization: Bearer " + server.keys["portal"].encode() + b"\r\nConnection: close\r\n"
                              b"Transfer-Encoding: chunked\r\n\r\n" + b"%x\r\n%s\r\n0\r\n\r\n" % (len(small), small))
    assert answer.startswith(b"HTTP/1.1 200")


@pytest.mark.parametrize("request_bytes, status, code", [
    (b"GET /" + b"a" * 5000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414, "uri_too_long"),
    (b"GET / HTTP/1.1\r\nHost: x\r\nX-A: " + b"a" * 9000 + b"\r\n\r\n", 431, "header_fields_too_large"),
    (b"GARBAGE\r\n\r\n", 400, "bad_request"),
    (b"POST /v1/decisions HTTP/1.1\r\nHost: x\r\nContent-Length: x1\r\n\r\n", 400, "bad_request"),
])
def test_errors_of_the_http_layer_are_json(server, request_bytes, status, code):
    got, err = error_of(raw(server.port, request_bytes))
    assert (got, err["code"]) == (status, code)


def test_workers_die_with_their_master_and_the_port_is_free_at_once(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("killed"), copy_bundle(tmp_path_factory.mktemp("source-killed")), make_keys=False)
    workers = workers_of(s.proc.pid)
    children = subprocess.run(["pgrep", "-P", str(s.proc.pid)], capture_output=True, text=True).stdout.split()
    committer = [c for c in children if b"decision_service.db.committer" in command_line(c)]
    assert len(workers) == 2
    assert len(committer) == 1
    os.kill(s.proc.pid, signal.SIGKILL)
    s.proc.wait(timeout=10)
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline and any(_alive(w) for w in workers + committer):
        time.sleep(0.05)
    assert not any(_alive(w) for w in workers + committer)
    # what the next server does at start: bind with SO_REUSEADDR, within a second
    # (orphaned workers used to hold the port for about 20 s)
    deadline = time.monotonic() + 1.0
    while True:
        with socket.socket() as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(("127.0.0.1", s.port))
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"port {s.port} still held a second after the master died")
        time.sleep(0.05)
    s.log.close()


def _alive(pid: str) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ")[1][0] != "Z"
    except OSError:
        return False
