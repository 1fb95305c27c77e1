"""The Java client's own tests (adapters/java, JUnit) run by Maven against the real
server this test starts; every test must run (none skipped) and pass."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from decision_service.store.bundle import ROOT

from . import junit
from .openapi_answers import REPORT
from .test_server import served

JAVA = ROOT / "adapters" / "java"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    yield from served(tmp_path_factory, "java")


def test_the_java_client_passes_its_tests_against_the_real_server(server):
    mvn = shutil.which("mvn")
    assert mvn, "Maven (mvn) is needed for the Java client's tests"
    env = {**os.environ, "OSD_TEST_URL": f"http://127.0.0.1:{server.port}", "OSD_TEST_KEY": server.keys["portal"]}
    run = subprocess.run([mvn, "-B", "-q", "clean", "test"], cwd=JAVA, env=env, capture_output=True, text=True, timeout=1200)
    assert run.returncode == 0, (run.stdout + run.stderr)[-6000:]
    totals = junit.totals(Path(JAVA / "target" / "surefire-reports").glob("TEST-*.xml"))
    REPORT.append(f"java client (JUnit against the real server): {totals['tests']} tests, {totals['skipped']} skipped")
    assert totals["tests"] >= 13 and totals["skipped"] == totals["failures"] == totals["errors"] == 0, totals
