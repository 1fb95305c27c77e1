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
