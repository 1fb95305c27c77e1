"""The log committer: one process committing the rows of every worker of a server to
SQLite, a refused row refusing only its request, and workers writing the file
themselves when it cannot be reached."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import uuid

import pytest

from decision_service.answers.requests import validate_request
from decision_service.db import log, make_engine, sessions, upgrade
from decision_service.db.committer import connect, listening
from decision_service.db.log_writer import LogRefused, LogWriter
from decision_service.store.bundle import ROOT

from .conftest import write_in_threads

KEY = b"test-masking-key"
EXAMPLE = validate_request(json.loads((ROOT / "examples" / "request.json").read_text(encoding="utf-8")))


@pytest.fixture
def database(tmp_path):
    url = f"sqlite:///{tmp_path / 'log.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    return url, engine, sessions(engine)


def start(url: str) -> tuple[subprocess.Popen, str]:
    name = f"@osd-test-{uuid.uuid4().hex}"
    proc = subprocess.Popen([sys.executable, "-m", "decision_service.db.committer", name, url], cwd=ROOT)
    if not listening(name, 30, lambda: proc.poll() is None):
        proc.kill()
        raise AssertionError("the committer did not listen")
    return proc, name


def rows(decider, n: int) -> list[dict]:
    d = decider.decide(EXAMPLE)
    text = json.dumps(d, ensure_ascii=False)
    return [log.row(EXAMPLE, dict(d, decision_id=str(uuid.uuid4())), text, None, None, KEY) for _ in range(n)]


def test_rows_of_many_threads_are_committed_by_the_committer(database, decider):
    url, engine, s = database
    proc, name = start(url)
    try:
        writer = LogWriter(engine, committer=name)
        todo = rows(decider, 200)
        assert write_in_threads(writer, todo, 8) == []
        assert log.count(s) == 200
        assert writer._conn is None  # the worker never wrote the file itself
        assert log.get(s, todo[7]["id"])["decision_id"] == todo[7]["id"]
    finally:
        proc.kill()


def test_a_refused_row_refuses_its_request_only(database, decider):
    url, engine, s = database
    proc, name = start(url)
    try:
        writer = LogWriter(engine, committer=name)
        first, second = rows(decider, 2)
        writer.write([first])
        with pytest.raises(LogRefused, match="UNIQUE"):
            writer.write([first])  # its id is logged already
        writer.write([second])
        assert log.count(s) == 2
    finally:
        proc.kill()


def test_without_the_committer_a_worker_commits_itself(database, decider):
    url, engine, s = database
    proc, name = start(url)
    writer = LogWriter(engine, committer=name)
    before, after = rows(decider, 2)
    writer.write([before])
    proc.kill()
    proc.wait()
    writer.write([after])  # the connection is gone: the writer stores the row itself
    assert writer._conn is not None
    assert log.count(s) == 2


def test_the_committer_ends_with_its_parent(database):
    url, _, _ = database
    name = f"@osd-test-{uuid.uuid4().hex}"
    code = ("import subprocess, sys, time; "
            f"p = subprocess.Popen([sys.executable, '-m', 'decision_service.db.committer', {name!r}, {url!r}]); "
            "print(p.pid, flush=True); time.sleep(60)")
    parent = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    child = int(parent.stdout.readline())
    assert listening(name, 30)
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{child}/status") as f:
                if "State:\tZ" in f.read():
                    break
        except FileNotFoundError:
            break
        time.sleep(0.05)
    else:
        raise AssertionError("the committer outlived its parent")
    with pytest.raises(OSError):
        connect(name, 1)
