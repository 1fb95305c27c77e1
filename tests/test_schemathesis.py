"""Schemathesis against the real server: requests generated from
``/openapi.json`` for every operation (valid and invalid ones, then chains of
operations along the description's links: decide → the logged decision →
its replay), each answer checked for server errors and for conformance to
the description (status, content type, headers, schema).

The run is seeded, so CI repeats it exactly; ``OSD_FUZZ_EXAMPLES`` sets the
examples per operation (``bench/fuzz`` runs a longer one).

``positive_data_acceptance`` (every schema-valid request must be accepted) is
left out: the contract has rules that cross fields, which a schema cannot
state and the service enforces (``received_on`` not after ``as_of``; the Data
API's input is the entry point's, which depends on the path). Its mirror,
``negative_data_rejection`` (every schema-invalid request must be refused), runs.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .openapi_answers import REPORT
from .test_server import served

SEED = int(os.environ.get("OSD_FUZZ_SEED") or 20261203)
EXAMPLES = int(os.environ.get("OSD_FUZZ_EXAMPLES") or 600)
LEAST_CASES = 10_000 if EXAMPLES >= 600 else 1


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    yield from served(tmp_path_factory, "fuzz")


def test_generated_requests_find_no_server_error_and_no_answer_off_the_description(server, tmp_path):
    st = Path(sys.executable).with_name("st")
    run = subprocess.run(
        [str(st), "--config-file", str(Path(__file__).with_name("schemathesis.toml")), "run",
         f"http://127.0.0.1:{server.port}/openapi.json",
         "-H", f"Authorization: Bearer {server.keys['admin']}",
         "--checks", "all", "--exclude-checks", "positive_data_acceptance",
         "--max-examples", str(EXAMPLES), "--seed", str(SEED), "--workers", "2",
         "--generation-database", "none", "--no-color", "--output-truncate", "true",
         "--report", "junit", "--report-junit-path", str(tmp_path / "junit.xml")],
        capture_output=True, text=True, timeout=1800, cwd=tmp_path)
    summary = run.stdout[run.stdout.find("SUMMARY"):] if "SUMMARY" in run.stdout else run.stdout[-3000:]
    generated = re.search(r"(\d+) generated", run.stdout)
    cases = int(generated.group(1)) if generated else 0
    operations = re.search(r"Tested: (\d+)", run.stdout)
    REPORT.append(f"schemathesis (seed {SEED}, {EXAMPLES} examples an operation): {cases} generated cases, "
                  f"{operations.group(1) if operations else '?'} operations, exit {run.returncode}")
    assert run.returncode == 0, run.stdout[-20000:] + run.stderr[-3000:]
    assert cases >= LEAST_CASES, summary
    assert operations and int(operations.group(1)) == len(server.checker().spec_operations()), summary
    assert server.request("GET", "/readyz")[0] == 200, "the service answers after the run"
