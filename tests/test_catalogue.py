"""Whole catalogues: CSV rows, the fast row check, and the compact rows path."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest

from decision_service.answers.catalogue import classify_csv_rows, request_of_row, rows_of
from decision_service.answers.classify import Classifier
from decision_service.answers.requests import RequestError, validate_classification

def _bench_module(name: str):
    """A bench script as a module, without putting bench/ on the path (its http.py
    would shadow the standard library)."""
    import importlib.util

    path = Path(__file__).resolve().parent.parent / "bench" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"bench_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


generate = _bench_module("classify").generate


def rows_of_csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def as_json_request(row: dict) -> dict:
    """The same row as a client would send it to the JSON interface."""
    dataset = {k: (row.get(k) or None) for k in ("id", "title", "legal_basis", "declared_open_class", "declared_share_class")}
    for flag in ("desensitized", "rights_holder_consent", "prohibited_by_law", "security_risk", "needs_limits"):
        dataset[flag] = row[flag] == "true"
    dataset["contains"] = [c for c in (row.get("contains") or "").split(";") if c]
    entry = {k.split(".", 1)[1]: v for k, v in row.items() if k.startswith("catalogue.")}
    dataset["catalogue"] = entry or None
    return {"dataset": dataset}


def test_the_fast_row_check_builds_what_the_schema_builds():
    for row in rows_of_csv(generate(300, seed=7)):
        assert request_of_row(row, 2) == validate_classification(as_json_request(row))


@pytest.mark.parametrize("column,value,field", [
    ("contains", "state_secret;gossip", "contains"),
    ("declared_open_class", "open", "declared_open_class"),
    ("needs_limits", "maybe", "needs_limits"),
    ("as_of", "2026-02-30", "as_of"),
    ("jurisdiction", "shanghai", "jurisdiction"),
    ("bogus", "x", "bogus"),
])
def test_a_bad_row_names_its_line_and_field(column, value, field):
    row = rows_of_csv(generate(1, seed=3))[0]
    row[column] = value
    with pytest.raises(RequestError) as err:
        request_of_row(row, 5)
    assert list(err.value.fields) == [f"line 5.{field}"]


def test_compact_rows_equal_the_rows_of_full_answers(decider):
    text = generate(120, seed=11)
    fast = list(classify_csv_rows(text, workers=1))
    requests = [request_of_row(row, n) for n, row in enumerate(rows_of_csv(text), start=2)]
    full = [row for answer in Classifier(decider).classify_many(requests) for row in rows_of(answer)]
    assert len(fast) == len(full) == 600
    for a, b in zip(fast, full):
        assert a == b


def test_classify_csv_end_to_end(tmp_path):
    import subprocess

    path = tmp_path / "catalogue.csv"
    path.write_text(generate(40, seed=5), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "decision_service.cli", "classify", str(path), "--workers", "2"],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    out = rows_of_csv(proc.stdout)
    assert len(out) == 200
    assert {r["jurisdiction"] for r in out} == {"wuxi", "nanjing", "qingyang", "guangxi", "nanning"}
    assert "classified 40 datasets, 200 results" in proc.stderr


def test_a_bad_row_writes_nothing_and_exits_2(tmp_path):
    import subprocess

    text = generate(30, seed=5).splitlines()
    text[20] = text[20].replace("ds-000019", "ds-000019", 1).replace(",false,", ",perhaps,", 1)
    path = tmp_path / "catalogue.csv"
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "decision_service.cli", "classify", str(path)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "line 21" in json.loads(proc.stderr)["error"]["message"]
