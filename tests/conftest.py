"""Shared fixtures: the bundle, the embedded decider, and the real OPA.

Every Flask test client of every test checks each answer of the API against
the app's own ``/openapi.json`` (``openapi_answers.CheckedClient``): an
answer the description does not allow fails the test that got it."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import time
from pathlib import Path

import pytest
from flask import Flask

from decision_service.answers.decide import Decider
from decision_service.engine import OpaCliEngine, opa_binary
from decision_service.store.bundle import load_bundle

from .openapi_answers import REPORT, TOTALS, CheckedClient

Flask.test_client_class = CheckedClient


@pytest.fixture(scope="session")
def bundle():
    return load_bundle()


@pytest.fixture(scope="session")
def decider():
    return Decider.from_disk()


@pytest.fixture(scope="session")
def opa_engine(bundle, tmp_path_factory):
    opa = Path(os.environ.get("OSD_OPA") or opa_binary())
    if not opa.exists():
        pytest.fail("the real OPA is not built: run scripts/test (it runs scripts/build-opa)")
    return OpaCliEngine(bundle, opa, tmp_path_factory.mktemp("opa"))


def new_postgres_database() -> str:
    """A fresh database on a real PostgreSQL that scripts/postgres starts (installing
    Debian's package when the machine has no server)."""
    from decision_service.store.bundle import ROOT

    proc = subprocess.run([str(ROOT / "scripts" / "postgres"), "url"], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        pytest.fail(f"PostgreSQL could not be started: {proc.stderr.strip()[-800:]}")
    return proc.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="session")
def postgres_url():
    """One fresh PostgreSQL database for the session's tests."""
    return new_postgres_database()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request, tmp_path_factory):
    """Each decision-log test runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'log.sqlite3'}"
    return request.getfixturevalue("postgres_url")


def copy_bundle(target: Path) -> Path:
    """A bundle source of its own (regulations, policies, compiled policy,
    scenarios), so a test may change it and reload the service."""
    import shutil

    from decision_service.store.bundle import ROOT

    for part in ("regulations", "policies", "decision_service/engine/compiled", "tests/scenarios"):
        shutil.copytree(ROOT / part, target / part)
    return target


class OpaServer:

    def __init__(self, opa, bundle_path) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.proc = subprocess.Popen([str(opa), "run", "--server", "--addr", f"127.0.0.1:{self.port}",
                                      "--bundle", str(bundle_path), "--log-level", "error"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                if self.get("/health?bundles")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        self.proc.kill()
        pytest.fail("opa run --server did not become healthy")

    def get(self, path: str) -> tuple[int, dict]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        conn.request("GET", path)
        resp = conn.getresponse()
        return resp.status, json.loads(resp.read() or b"{}")

    def query(self, conn, entrypoint: str, doc: dict) -> object:
        conn.request("POST", f"/v1/data/{entrypoint}", body=json.dumps({"input": doc}),
                     headers={"Content-Type": "application/json"})
        resp = conn.getresponse()
        body = json.loads(resp.read())
        assert resp.status == 200, body
        return body.get("result")


@pytest.fixture(scope="session")
def opa_server(bundle, opa_engine, tmp_path_factory):
    """The real OPA as a server (``opa run --server``) with our bundle."""
    from decision_service.store.opa_archive import build

    path = tmp_path_factory.mktemp("bundle") / "bundle.tar.gz"
    path.write_bytes(build(bundle))
    server = OpaServer(opa_engine.opa, path)
    yield server
    server.proc.terminate()
    server.proc.wait(timeout=10)




@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):  # noqa: ANN001
    """Keep each test's call report on the item, so a fixture can tell it failed
    (the browser tests then save a screenshot)."""
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.rep_call = report


def pytest_terminal_summary(terminalreporter) -> None:  # noqa: ANN001
    """How many answers were checked against /openapi.json, and of how many operations."""
    if TOTALS:
        terminalreporter.write_line(f"answers checked against /openapi.json: {sum(TOTALS.values())} "
                                    f"({len(TOTALS)} operations)")
    for line in REPORT:
        terminalreporter.write_line(line)


def write_in_threads(writer, rows: list[dict], threads: int) -> list[str]:  # noqa: ANN001
    """Each row written alone by one of ``threads`` threads, as a server's request
    threads write them; the errors raised, as text."""
    import threading

    errors: list[str] = []

    def work(part: list[dict]) -> None:
        for r in part:
            try:
                writer.write([r])
            except Exception as exc:
                errors.append(repr(exc))

    running = [threading.Thread(target=work, args=(rows[i::threads],)) for i in range(threads)]
    for t in running:
        t.start()
    for t in running:
        t.join()
    return errors


def command_line(pid: str) -> bytes:
    """A process's command line as /proc holds it (empty once it is gone)."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read()
    except OSError:
        return b""


def workers_of(master: int) -> list[str]:
    """The worker processes of a server's master, oldest first: its children forked with
    its own command line (not the log committer or a periodic job it started)."""
    children = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout.split()
    return [c for c in children if command_line(c) == command_line(str(master))]
