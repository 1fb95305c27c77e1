"""The real server: ``osd serve`` (gunicorn) on a free loopback port, spoken to
over HTTP. Answers equal the CLI's, workers share metrics, SIGHUP reloads (or
refuses) the bundle, and under load every 2xx answer has its log row, on
SQLite and on PostgreSQL."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.loadgen import run
from decision_service.store.bundle import ROOT
from decision_service.store.scenarios import load_scenarios, request_of
from decision_service.web.server import wait_ready

from .conftest import copy_bundle, workers_of
from .openapi_answers import SpecChecker

OSD = [sys.executable, "-m", "decision_service.cli"]
DECISION_REQUESTS = [request_of(s) for s in load_scenarios() if s["kind"] == "decision"]


class Server:
    def __init__(self, data: Path, source: Path, database_url: str | None = None, make_keys: bool = True,
                 env: dict[str, str] | None = None) -> None:
        self.data = data
        self._checker: SpecChecker | None = None
        self.env = {**os.environ, "OSD_DATA_DIR": str(data), "OSD_BUNDLE_SOURCE": str(source),
                    "PROMETHEUS_MULTIPROC_DIR": str(data / "metrics"), **(env or {})}
        self.env = {k: v for k, v in self.env.items() if v is not None}  # None: not set at all
        self.env.pop("DATABASE_URL", None)
        if database_url:
            self.env["DATABASE_URL"] = database_url
        self.keys = {role: self.osd("keys", "create", "--name", f"live-{role}", "--role", role).stdout.strip()
                     for role in ("portal", "reviewer", "admin")} if make_keys else {}
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.log = open(data / "server.log", "w")
        self.proc = subprocess.Popen([*OSD, "serve", "--port", str(self.port), "--workers", "2"], env=self.env,
                                     cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT)
        if wait_ready(self.port, self.proc):
            return
        self.stop()
        pytest.fail(f"the server did not start: {(data / 'server.log').read_text()[-2000:]}")

    def osd(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
        return subprocess.run([*OSD, *args], env=self.env, cwd=ROOT, input=stdin, capture_output=True, text=True,
                              check=True)

    def request(self, method: str, path: str, body: object = None, role: str | None = None,
                raw: bytes | None = None) -> tuple[int, dict | str]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Content-Type": "application/json"}
        if role:
            headers["Authorization"] = f"Bearer {self.keys[role]}"
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        try:
            conn.request(method, path, body=data, headers=headers)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server may answer (413) and close before a large body is sent; its answer is still read
        resp = conn.getresponse()
        raw_answer = resp.read()
        conn.close()
        content_type = resp.getheader("Content-Type", "")
        self.checker().check(method, path, resp.status, content_type, raw_answer)
        text = raw_answer.decode()
        return resp.status, (json.loads(text) if content_type.startswith("application/json") else text)

    def checker(self) -> SpecChecker:
        """The server's own /openapi.json, read once: every answer ``request`` gets is checked against it."""
        if self._checker is None:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            conn.request("GET", "/openapi.json")
            self._checker = SpecChecker(json.loads(conn.getresponse().read()))
            conn.close()
        return self._checker

    def revision(self) -> str:
        return self.request("GET", "/v1/bundle")[1]["revision"]

    def rows(self) -> int:
        from decision_service.db import log, make_engine, sessions

        url = self.env.get("DATABASE_URL") or f"sqlite:///{self.data / 'osd.sqlite3'}"
        return log.count(sessions(make_engine(url)))

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def served(tmp_path_factory, name: str, **kwargs: object) -> Iterator[Server]:  # noqa: ANN001
    """The body of a module's server fixture: a real server with a data folder and a bundle
    source of its own, stopped when the module is done."""
    s = Server(tmp_path_factory.mktemp(name), copy_bundle(tmp_path_factory.mktemp(f"{name}-source")), **kwargs)
    try:
        yield s
    finally:
        s.stop()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    yield from served(tmp_path_factory, "live")


def load(server: Server, seconds: float, concurrency: int) -> dict[int, int]:
    """Keep-alive clients posting decisions for ``seconds``; the count of each status."""
    bodies = [json.dumps(r).encode() for r in DECISION_REQUESTS]
    return run(server.port, server.keys["portal"], "/v1/decisions", bodies, seconds, concurrency)[1]


def test_http_and_the_cli_decide_every_scenario_alike(server):
    lines = "\n".join(json.dumps(r, ensure_ascii=False) for r in DECISION_REQUESTS)
    cli = [json.loads(x) for x in server.osd("decide", "-", stdin=lines).stdout.splitlines()]
    assert len(cli) == len(DECISION_REQUESTS)
    for req, by_cli in zip(DECISION_REQUESTS, cli):
        status, by_http = server.request("POST", "/v1/decisions", req, role="portal")
        assert status == 200
        assert {k: v for k, v in by_http.items() if k != "decision_id"} == \
               {k: v for k, v in by_cli.items() if k != "decision_id"}


def test_errors_over_the_wire(server):
    status, body = server.request("POST", "/v1/decisions", raw=b"{oops", role="portal")
    assert status == 400 and body["error"]["code"] == "invalid_json"
    status, body = server.request("POST", "/v1/decisions", raw=b'{"x": "' + b"a" * (3 * 1024 * 1024) + b'"}', role="portal")
    assert status == 413 and body["error"]["code"] == "payload_too_large"
    assert server.request("POST", "/v1/decisions", request_of(load_scenarios()[0]))[0] == 401
    assert server.request("GET", "/v1/nowhere")[0] == 404


def test_metrics_add_up_the_workers(server):
    for _ in range(6):
        server.request("GET", "/v1/jurisdictions")
    status, text = server.request("GET", "/metrics")
    assert status == 200
    line = next(x for x in text.splitlines()
                if x.startswith('osd_http_requests_total{endpoint="/v1/jurisdictions",method="GET"'))
    assert float(line.rsplit(" ", 1)[1]) >= 6


def test_sighup_accepts_a_good_bundle_and_refuses_a_broken_one(server):
    workers = set(workers_of(server.proc.pid))
    source = Path(server.env["OSD_BUNDLE_SOURCE"])
    path = source / "regulations" / "nanjing-govdata.yaml"
    good = path.read_text(encoding="utf-8")
    before = server.revision()
    try:
        path.write_text(good.replace("issuer_en:", "issuer_en: ", 1).replace("document_number:", "document_number: ", 1)
                        .replace("copy:", "copy: a", 1), encoding="utf-8")
        server.proc.send_signal(signal.SIGHUP)
        deadline = time.time() + 90
        while time.time() < deadline and server.revision() == before:
            time.sleep(0.5)
        after = server.revision()
        assert after != before
        path.write_text(good.replace("scenarios:", "scenarios:", 1).replace("id: nanjing-govdata", "id: nanjing-gov", 1),
                        encoding="utf-8")
        server.proc.send_signal(signal.SIGHUP)
        time.sleep(8)
        assert server.request("GET", "/readyz")[0] == 200
        assert server.revision() == after
        assert "bundle rejected" in (server.data / "server.log").read_text()
        # neither the accepted nor the rejected bundle restarted a worker: they switch snapshots themselves
        assert set(workers_of(server.proc.pid)) == workers
    finally:
        path.write_text(good, encoding="utf-8")


def test_under_load_every_answer_has_its_log_row(server):
    before = server.rows()
    counts = load(server, seconds=8, concurrency=32)
    ok = sum(v for k, v in counts.items() if 200 <= k < 300)
    assert ok > 0 and set(counts) == {200}
    assert server.rows() - before == ok


def test_the_log_on_postgresql_under_load(tmp_path_factory, postgres_url):
    s = Server(tmp_path_factory.mktemp("live-pg"), copy_bundle(tmp_path_factory.mktemp("source-pg")), postgres_url)
    try:
        status, d = s.request("POST", "/v1/decisions", DECISION_REQUESTS[0], role="portal")
        assert status == 200
        status, logged = s.request("GET", f"/v1/decisions/{d['decision_id']}", role="reviewer")
        assert status == 200 and logged["decision"] == d
        before = s.rows()
        counts = load(s, seconds=5, concurrency=16)
        ok = sum(v for k, v in counts.items() if 200 <= k < 300)
        assert ok > 0 and s.rows() - before == ok
    finally:
        s.stop()


def test_a_fresh_data_folder_starts_with_two_workers(tmp_path_factory):
    """Nothing made beforehand: the workers must not race to create the tables."""
    s = Server(tmp_path_factory.mktemp("fresh"), copy_bundle(tmp_path_factory.mktemp("source-fresh")), make_keys=False)
    try:
        status, body = s.request("GET", "/readyz")
        assert status == 200 and body["status"] == "ready"
        assert "Worker failed to boot" not in (s.data / "server.log").read_text()
    finally:
        s.stop()
