"""Shared fixtures: the bundle, the embedded decider, and the real OPA."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from decision_service.bundle import load_bundle
from decision_service.decide import Decider
from decision_service.engine import OpaCliEngine, opa_binary


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


@pytest.fixture(scope="session")
def postgres_url():
    """A fresh database on a real PostgreSQL that scripts/postgres starts (installing
    Debian's package when the machine has no server)."""
    import subprocess

    from decision_service.bundle import ROOT

    proc = subprocess.run([str(ROOT / "scripts" / "postgres"), "url"], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        pytest.fail(f"PostgreSQL could not be started: {proc.stderr.strip()[-800:]}")
    return proc.stdout.strip().splitlines()[-1]


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

    from decision_service.bundle import ROOT

    for part in ("regulations", "policies", "decision_service/compiled", "tests/scenarios"):
        shutil.copytree(ROOT / part, target / part)
    return target
