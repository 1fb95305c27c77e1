"""The impact of a candidate bundle, on the real server's log in SQLite and in
PostgreSQL: a candidate that changes one Wuxi limit (15(三): 10 working days
to answer becomes 12) finds exactly the logged decisions whose answer rests on
that step, each with its due dates moved as the calendar counts 12 days and
nothing else changed; the CLI (in process and over two workers) and
``POST /v1/admin/impact`` give the same report."""

from __future__ import annotations

import datetime as dt
import http.client
import json
import subprocess
import time
from pathlib import Path

import pytest

from decision_service.answers.calendar import Calendar
from decision_service.store.bundle import load_bundle
from decision_service.store.opa_archive import build
from decision_service.store.scenarios import load_scenarios, request_of

from .conftest import copy_bundle
from .test_applications import fresh_database
from .test_server import OSD, ROOT, Server

WUXI_REPLY = """          count: working_days
          n: 10
          from: event
          direction: after
          note: count_from_platform_receipt
          basis: [wuxi-open#15.3]"""


def candidate(folder: Path, days: int) -> Path:
    """An archive of this checkout's bundle with Wuxi's reply_application limit set to ``days``."""
    source = copy_bundle(folder)
    path = source / "regulations" / "wuxi-open.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(WUXI_REPLY) == 1
    path.write_text(text.replace(WUXI_REPLY, WUXI_REPLY.replace("n: 10", f"n: {days}")), encoding="utf-8")
    archive = folder / "candidate.tar.gz"
    archive.write_bytes(build(load_bundle(source)))
    return archive


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def logged(request, tmp_path_factory):
    """A server whose log holds every decision scenario's answer, with the answers."""
    data = tmp_path_factory.mktemp(f"impact-{request.param}")
    s = Server(data, copy_bundle(tmp_path_factory.mktemp("impact-source")), fresh_database(request.param, data))
    answers = []
    for scenario in load_scenarios():
        if scenario["kind"] == "decision":
            status, answer = s.request("POST", "/v1/decisions", request_of(scenario), role="portal")
            assert status == 200, answer
            answers.append(answer)
    yield s, answers
    s.stop()


def reply_step(decision: dict) -> dict | None:
    return next((st for st in decision["timeline"] if st["key"] == "reply_application" and st["due"]), None)


def impact(server, archive: Path, *args: str) -> tuple[dict, list[dict], str]:
    listed = archive.with_suffix(".changed.jsonl")
    proc = subprocess.run([*OSD, "log", "impact", "--bundle", str(archive), "--format", "json", "--changed",
                           str(listed), *args], env=server.env, cwd=ROOT, capture_output=True, text=True, check=True)
    lines = [json.loads(line) for line in listed.read_text(encoding="utf-8").splitlines()]
    return json.loads(proc.stdout), lines, proc.stderr


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_changed_wuxi_limit_finds_exactly_the_decisions_that_rest_on_it(logged, tmp_path, workers):
    server, answers = logged
    affected = {a["decision_id"]: reply_step(a) for a in answers if reply_step(a)}
    assert len(affected) >= 3 and {a["jurisdiction"] for a in answers} >= {"wuxi", "guangxi", "nanjing"}
    report, changed, bar = impact(server, candidate(tmp_path, 12), "--workers", workers)
    assert {c["decision_id"] for c in changed} == set(affected)
    assert report["decisions"] >= len(answers) and report["changed"] == len(affected)
    assert "decisions" in bar and f"{report['decisions']:,}/{report['decisions']:,}" in bar  # the progress bar
    calendar = Calendar.from_file()
    for c in changed:
        step = affected[c["decision_id"]]
        assert [x["aspect"] for x in c["changes"]] == ["due"], c
        (due,) = c["changes"]
        moved = calendar.add_working_days(dt.date.fromisoformat(step["start"]), 12).due.isoformat()
        assert due["logged"]["reply_application"] == step["due"] and due["candidate"]["reply_application"] == moved
        assert due["candidate"].get("deadline") in (None, moved)
    groups = {(g["jurisdiction"], g["outcome"]): g for g in report["groups"]}
    assert sum(g["changed"] for g in groups.values()) == len(affected)
    assert all(g["changed"] == 0 for (j, _), g in groups.items() if j != "wuxi")
    assert groups[("wuxi", "apply")]["by_aspect"] == {"due": len(affected)}
    assert groups[("wuxi", "apply")]["examples"][0]["decision_id"] in affected


def test_the_served_bundle_as_candidate_changes_nothing(logged, tmp_path):
    server, answers = logged
    archive = tmp_path / "same.tar.gz"
    archive.write_bytes(build(load_bundle()))
    report, changed, _ = impact(server, archive)
    assert report["changed"] == 0 and changed == [] and report["decisions"] >= len(answers)
    assert report["candidate_revision"] == server.revision()


def test_the_period_limits_the_decisions_read(logged, tmp_path):
    server, _ = logged
    report, changed, _ = impact(server, candidate(tmp_path, 12), "--until", "2020-01-01")
    assert report["decisions"] == 0 and changed == []


def upload(server, archive: bytes, query: str = "", role: str = "admin",
           content_type: str = "application/gzip") -> tuple[int, dict]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    conn.request("POST", "/v1/admin/impact" + query, body=archive,
                 headers={"Content-Type": content_type, "Authorization": f"Bearer {server.keys[role]}"})
    resp = conn.getresponse()
    raw = resp.read()
    conn.close()
    server.checker().check("POST", "/v1/admin/impact" + query, resp.status, resp.getheader("Content-Type", ""), raw)
    return resp.status, json.loads(raw)


def test_the_service_runs_the_candidate_and_keeps_the_report(logged, tmp_path):
    server, answers = logged
    archive = candidate(tmp_path, 12)
    expected, _, _ = impact(server, archive)
    status, run = upload(server, archive.read_bytes())
    assert status == 202 and run["state"] == "running", run
    deadline = time.monotonic() + 120
    while run["state"] == "running" and time.monotonic() < deadline:
        time.sleep(0.5)
        status, run = server.request("GET", f"/v1/admin/impact/{run['id']}", role="reviewer")
        assert status == 200
    assert run["state"] == "done", run
    report = run["report"]
    assert (report["changed"], report["groups"]) == (expected["changed"], expected["groups"])
    assert run["progress"] == {"done": report["decisions"], "total": report["decisions"]}
    status, runs = server.request("GET", "/v1/admin/impact", role="reviewer")
    assert run["id"] in {r["id"] for r in runs["runs"]}
    assert not list((server.data / "impact").glob("*.tar.gz"))  # the upload is not kept once read


@pytest.mark.parametrize(("body", "query", "role", "content_type", "status", "field"), [
    (b"not a bundle", "", "admin", "application/gzip", 400, "(body)"),
    (b"", "?since=2026-13-01", "admin", "application/gzip", 400, "since"),
    (b"", "?since=2026-12-02&until=2026-12-01", "admin", "application/gzip", 400, "until"),
    (b"{}", "", "admin", "application/json", 415, "Content-Type"),
    (b"", "", "reviewer", "application/gzip", 403, "Authorization"),
])
def test_a_bad_impact_request_names_its_field(logged, body, query, role, content_type, status, field):
    server, _ = logged
    got, answer = upload(server, body, query, role, content_type)
    assert got == status and field in answer["error"]["fields"], answer
