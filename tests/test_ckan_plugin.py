"""The CKAN plug-in's own tests (adapters/ckan, CKAN's pytest plug-in and factories)
in CKAN 2.12's own virtual environment, against a real CKAN with its real PostgreSQL,
Solr (CKAN's schema) and Redis, and the real decision service this test starts; every
test must run (none skipped) and pass. A real ``ckan run`` then answers with the
plug-in loaded. About 2 minutes (1 of them setting CKAN up on a fresh machine)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from decision_service.store.bundle import ROOT

from . import junit
from .openapi_answers import REPORT
from .test_server import served

CKAN_TESTS = ROOT / "adapters" / "ckan" / "ckanext" / "osd" / "tests"


def _script(*args: str, env: dict | None = None) -> str:
    run = subprocess.run([str(ROOT / "scripts" / args[0]), *args[1:]], cwd=ROOT, capture_output=True, text=True,
                         env=env or os.environ, timeout=1200)
    assert run.returncode == 0, (run.stdout + run.stderr)[-4000:]
    lines = run.stdout.strip().splitlines()
    return lines[-1] if lines else ""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    yield from served(tmp_path_factory, "ckan")


@pytest.fixture(scope="module")
def site(server, tmp_path_factory):
    """A CKAN site's ini, as README's five steps make it, with the services it names started."""
    venv = Path(_script("ckan", "setup"))
    schema = next((venv / "lib").glob("python*/site-packages/ckan/config/solr/schema.xml"))
    solr = _script("solr", "start", str(_free_port()), env={**os.environ, "CKAN_SCHEMA": str(schema)})
    folder = tmp_path_factory.mktemp("ckan-site")
    ini = folder / "ckan.ini"
    ckan = str(venv / "bin" / "ckan")
    subprocess.run([ckan, "generate", "config", str(ini)], check=True, capture_output=True)
    settings = {"sqlalchemy.url": _script("postgres", "url"), "solr_url": solr, "ckan.redis.url": _script("redis", "url"),
                "ckan.site_url": "http://127.0.0.1:5000", "ckan.storage_path": str(folder / "storage"),
                "ckan.plugins": "osd", "ckanext.osd.url": f"http://127.0.0.1:{server.port}",
                "ckanext.osd.key": server.keys["portal"], "ckanext.osd.jurisdiction": "wuxi",
                "ckanext.osd.timeout": "5"}
    subprocess.run([ckan, "config-tool", str(ini), *(f"{k}={v}" for k, v in settings.items())], check=True,
                   capture_output=True)
    for step in (["db", "init"], ["db", "upgrade", "-p", "osd"]):
        run = subprocess.run([ckan, "-c", str(ini), *step], capture_output=True, text=True)
        assert run.returncode == 0, run.stderr[-3000:]
    yield venv, ini
    _script("solr", "stop")


def test_the_ckan_plugin_passes_its_tests_in_a_real_ckan(site):
    venv, ini = site
    report = ini.parent / "junit.xml"
    run = subprocess.run([str(venv / "bin" / "python"), "-m", "pytest", f"--ckan-ini={ini}", str(CKAN_TESTS), "-q",
                          "-p", "no:cacheprovider", f"--junitxml={report}", "-W", "ignore::DeprecationWarning"],
                         cwd=ROOT / "adapters" / "ckan", capture_output=True, text=True, timeout=1800)
    assert run.returncode == 0, (run.stdout + run.stderr)[-8000:]
    totals = junit.totals([report])
    REPORT.append(f"ckan plug-in (CKAN 2.12, real PostgreSQL, Solr, Redis, service): {totals['tests']} tests, "
                  f"{totals['skipped']} skipped")
    assert totals["tests"] >= 20 and totals["skipped"] == totals["failures"] == totals["errors"] == 0, totals


def test_a_real_ckan_server_starts_with_the_plugin(site):
    venv, ini = site
    port = _free_port()
    proc = subprocess.Popen([str(venv / "bin" / "ckan"), "-c", str(ini), "run", "-H", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        status = None
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/3/action/status_show", timeout=5) as r:
                    status = json.loads(r.read())["result"]
                    break
            except OSError:
                assert proc.poll() is None, proc.stderr.read().decode()[-3000:]
                time.sleep(0.5)
        assert status and "osd" in status["extensions"] and status["ckan_version"].startswith("2.12")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
