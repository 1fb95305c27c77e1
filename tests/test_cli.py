"""The ``osd`` command line as a user runs it: exit codes, output, errors."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from decision_service.store.bundle import ROOT

OSD = [sys.executable, "-m", "decision_service.cli"]


def osd(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*OSD, *args], input=stdin, capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ}, check=False)


def test_decide_answers_the_contract_example():
    proc = osd("decide", "examples/request.json")
    assert proc.returncode == 0, proc.stderr
    d = json.loads(proc.stdout)
    assert (d["outcome"], d["deadline"]["due"]) == ("apply", "2026-12-07")


def test_decide_json_lines_keeps_order():
    lines = [json.dumps({"jurisdiction": j, "action": "open", "as_of": "2026-11-23",
                         "requester": {"type": "natural_person"}, "dataset": {"open_class": "unconditional"}})
             for j in ("wuxi", "nanjing", "qingyang", "guangxi", "nanning")]
    proc = osd("decide", "-", stdin="\n".join(lines) + "\n")
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(x) for x in proc.stdout.splitlines()]
    assert [d["jurisdiction"] for d in out] == ["wuxi", "nanjing", "qingyang", "guangxi", "nanning"]
    assert {d["outcome"] for d in out} == {"permit"}


def test_decide_bad_input_exits_2_naming_the_field():
    proc = osd("decide", "-", stdin='{"jurisdiction": "shanghai", "action": "open", "requester": {"type": "x"}, "dataset": {}}')
    assert proc.returncode == 2
    err = json.loads(proc.stderr)["error"]
    assert err["code"] == "invalid_request"
    assert {"jurisdiction", "requester.type"} <= set(err["fields"])
    assert proc.stdout == ""


@pytest.mark.opa
def test_osd_test_runs_rego_and_scenarios_with_a_summary(opa_engine):
    proc = osd("test", "--opa", str(opa_engine.opa))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    summary = proc.stdout.strip().splitlines()[-1]
    assert summary.startswith("rego: ") and " 0 failed, coverage " in summary
    assert summary.endswith(" 0 failed") and "scenarios: " in summary


def test_osd_test_reports_a_reviewers_failing_scenario(tmp_path: Path):
    (tmp_path / "mine.yaml").write_text(
        "scenarios:\n"
        "  - name: I expect a permit\n"
        "    articles: [wuxi-open#14]\n"
        "    request: {jurisdiction: wuxi, action: open, as_of: 2026-11-23,"
        " requester: {type: legal_person}, dataset: {open_class: not_open}}\n"
        "    expect: {outcome: permit}\n"
        "  - name: a typo in the request\n"
        "    request: {jurisdiction: wuxi, action: open, requestor: {type: legal_person}, dataset: {}}\n"
        "    expect: {outcome: permit}\n",
        encoding="utf-8",
    )
    proc = osd("test", "--scenarios-only", str(tmp_path))
    assert proc.returncode == 1
    assert "FAIL scenario mine.yaml: I expect a permit" in proc.stdout
    assert "outcome: expected 'permit', got 'deny'" in proc.stdout
    assert "tests wuxi-open#14, but the answer does not rest on it" in proc.stdout
    assert "requestor: Unknown field." in proc.stdout and "requester: Missing data for required field." in proc.stdout
    assert proc.stdout.strip().endswith("scenarios: 0 passed, 2 failed")


def test_osd_test_with_no_scenarios_fails(tmp_path: Path):
    proc = osd("test", "--scenarios-only", str(tmp_path))
    assert proc.returncode == 1


def test_osd_test_rejects_an_unreadable_scenario_file(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("scenarios: [{name: x}]\n", encoding="utf-8")
    proc = osd("test", "--scenarios-only", str(bad))
    assert proc.returncode == 2
    assert "needs name, request and expect" in json.loads(proc.stderr)["error"]["message"]


def test_rules_shows_an_article_with_its_rules_and_tests():
    proc = osd("rules", "wuxi", "--article", "15", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    [art] = json.loads(proc.stdout)
    assert art["ref"] == "wuxi-open#15" and art["status"] == "encoded"
    assert "应当自收到申请之日起10个工作日内答复" in art["text"]
    assert any(r["path"] == "data.osd.open.wuxi.case" for r in art["rules"])
    assert "wuxi.yaml: National Day crossing" in art["tested_by"]


def test_rules_shows_the_reason_an_article_is_out_of_scope():
    proc = osd("rules", "nanjing", "--article", "38")
    assert proc.returncode == 0
    assert "out_of_scope" in proc.stdout and "out of scope: liability" in proc.stdout


def test_rules_rejects_an_unknown_jurisdiction():
    proc = osd("rules", "shanghai")
    assert proc.returncode == 2
    assert "jurisdiction" in json.loads(proc.stderr)["error"]["fields"]


def test_coverage_accounts_for_every_article_of_every_seed():
    proc = osd("coverage", "--format", "json")
    assert proc.returncode == 0, proc.stdout
    doc = json.loads(proc.stdout)
    counts = {reg: len(rows) for reg, rows in doc.items()}
    assert counts == {"guangxi-scheduling": 51, "nanjing-govdata": 42, "nanning-open": 16,
                      "qingyang-resources": 37, "wuxi-open": 27}
    assert {row["status"] for rows in doc.values() for row in rows} == {"encoded", "out_of_scope"}


def test_sources_check_matches_the_seeds():
    proc = osd("sources", "check")
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout.count("matches the seed") == 5


COMPARE_REQUEST = json.dumps({
    "action": "open", "as_of": "2026-11-23",
    "requester": {"type": "legal_person", "real_name_verified": True, "agreement_accepted": True},
    "dataset": {"open_class": "conditional"}, "purpose": "research",
    "application": {"title": "t", "reason": "r", "request_type": "dataset", "output_form": "o", "scenario": "s",
                    "usage_period": {"from": "2026-12-01", "to": "2027-11-30"}, "commitment": True},
})


def test_compare_decides_under_every_jurisdiction_like_decide():
    proc = osd("compare", "-", "--format", "json", stdin=COMPARE_REQUEST)
    assert proc.returncode == 0, proc.stderr
    decisions = json.loads(proc.stdout)["decisions"]
    assert [d["jurisdiction"] for d in decisions] == ["nanning", "qingyang", "wuxi", "nanjing", "guangxi"]
    due = {d["jurisdiction"]: d["deadline"]["due"] for d in decisions}
    assert due == {"nanning": "2026-11-26", "qingyang": "2026-12-14", "wuxi": "2026-12-07",
                   "nanjing": "2026-12-14", "guangxi": "2026-11-26"}
    single = json.loads(osd("decide", "-", stdin=json.dumps({**json.loads(COMPARE_REQUEST), "jurisdiction": "wuxi"})).stdout)
    wuxi = next(d for d in decisions if d["jurisdiction"] == "wuxi")
    assert {k: v for k, v in wuxi.items() if k != "decision_id"} == {k: v for k, v in single.items() if k != "decision_id"}


def test_compare_csv_marks_the_rows_that_differ():
    proc = osd("compare", "-", "--format", "csv", stdin=json.dumps({**json.loads(COMPARE_REQUEST), "jurisdictions": ["wuxi", "nanjing"]}))
    assert proc.returncode == 0, proc.stderr
    rows = {r["topic"]: r for r in csv.DictReader(io.StringIO(proc.stdout))}
    assert rows["outcome"]["differs"] == "no"
    assert rows["deadline"]["differs"] == "yes"
    assert rows["deadline"]["wuxi"] == "10 working days → 2026-12-07"
    assert rows["conditions"]["nanjing"] == "non_profit_research_only"


def test_compare_rejects_an_unknown_jurisdiction():
    proc = osd("compare", "-", stdin=json.dumps({**json.loads(COMPARE_REQUEST), "jurisdictions": ["shanghai"]}))
    assert proc.returncode == 2
    assert "jurisdictions" in json.loads(proc.stderr)["error"]["fields"]


def test_matrix_cites_every_stated_cell_and_marks_silence():
    proc = osd("matrix", "--as-of", "2026-11-23", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    topics = {t["topic"]: t["cells"] for t in json.loads(proc.stdout)["topics"]}
    assert topics["share classes"]["wuxi"]["value"] == "not stated"
    assert topics["open application: limits"]["nanning"]["filled_by"] == "guangxi-scheduling"
    assert "15 个工作日" in topics["event: catalog_update_required"]["nanjing"]["value"]
    # 及时 is a duty without a number of days, never "no limit"
    assert topics["open application: limits"]["wuxi"]["value"].startswith("市公共数据开放平台：及时")
    assert "或：【" in topics["event: objection_received"]["nanjing"]["value"]
    from decision_service.answers.requests import EVENTS

    for event in set(EVENTS) - {"open_application_received", "share_application_received"}:
        assert f"event: {event}" in topics
    assert "政务数据共享条例" in topics["superior rules not in this set"]["qingyang"]["value"]
    for cells in topics.values():
        for cell in cells.values():
            # a stated cell cites its articles, or the superior rule it names
            assert cell["basis"] or cell.get("superior") or cell["value"].startswith("not stated") or "assumed" in cell["value"]
    early = {t["topic"]: t["cells"] for t in json.loads(osd("matrix", "--as-of", "2025-07-31", "--format", "json").stdout)["topics"]}
    assert "政务数据共享条例" not in early["superior rules not in this set"]["qingyang"]["value"]
    md = osd("matrix", "--as-of", "2026-11-23", "--format", "markdown").stdout
    assert "| topic | nanning | qingyang | wuxi | nanjing | guangxi |" in md


def test_deadline_from_flags():
    proc = osd("deadline", "--event", "platform_maintenance_planned", "--date", "2026-10-12", "--jurisdiction", "nanning")
    assert proc.returncode == 0, proc.stderr
    [r] = json.loads(proc.stdout)["results"]
    assert r["limits"][0]["due"] == "2026-10-09"


def test_deadline_bad_input_exits_2():
    proc = osd("deadline", "--event", "flood", "--date", "2026-02-30")
    assert proc.returncode == 2
    assert set(json.loads(proc.stderr)["error"]["fields"]) == {"event", "date"}


def test_classify_json_names_the_lawful_class():
    request = {"jurisdiction": "nanjing", "as_of": "2026-11-23",
               "dataset": {"contains": ["personal_info"], "desensitized": True, "declared_open_class": "not_open"}}
    proc = osd("classify", "-", stdin=json.dumps(request))
    assert proc.returncode == 0, proc.stderr
    [r] = json.loads(proc.stdout)["results"]
    assert r["open"]["allowed"] == ["unconditional", "conditional"]
    assert r["open"]["lawful"] is False
    assert r["explanation"]["zh"].startswith("开放类型可以是")
