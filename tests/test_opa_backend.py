"""Evaluation delegated to a remote OPA (``ENGINE=opa``): every scenario
passes through the real OPA server; an OPA that is down, slow, or serving
other rules gives a clear 503 within a bounded time, never a decision."""

from __future__ import annotations

import json
import socket
import threading
import time

import pytest

from adapters.opa_backend import EngineUnavailable, OpaRestEngine
from decision_service.answers.calendar import Calendar
from decision_service.answers.decide import Decider
from decision_service.store.scenarios import load_scenarios, run_scenarios


def test_every_scenario_passes_through_the_real_opa(bundle, opa_server):
    engine = OpaRestEngine(f"http://127.0.0.1:{opa_server.port}", bundle.revision)
    decider = Decider(bundle, engine, Calendar.from_file())
    results = run_scenarios(decider, load_scenarios())
    assert len(results) > 150
    assert [r.name for r in results if not r.ok] == []


def test_an_opa_serving_other_rules_is_refused(bundle, opa_server):
    engine = OpaRestEngine(f"http://127.0.0.1:{opa_server.port}", "0000000000000000")
    with pytest.raises(EngineUnavailable, match="serves bundle revision"):
        engine.evaluate({"jurisdiction": "wuxi"})


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_opa_that_is_down_fails_at_once(bundle):
    engine = OpaRestEngine(f"http://127.0.0.1:{free_port()}", bundle.revision, timeout=1.0)
    started = time.monotonic()
    with pytest.raises(EngineUnavailable, match="does not answer"):
        engine.evaluate({})
    assert time.monotonic() - started < 5


def test_an_opa_that_hangs_fails_within_the_timeout(bundle):
    """A listener that accepts and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held = []
    threading.Thread(target=lambda: [held.append(server.accept()) for _ in range(16)], daemon=True).start()
    engine = OpaRestEngine(f"http://127.0.0.1:{server.getsockname()[1]}", bundle.revision, timeout=0.5, retries=0)
    started = time.monotonic()
    with pytest.raises(EngineUnavailable):
        engine.evaluate({})
    assert time.monotonic() - started < 4
    server.close()


def test_the_service_answers_503_when_opa_is_down(tmp_path, monkeypatch):
    from decision_service.store.bundle import ROOT
    from decision_service.db import keys
    from decision_service.web import create_app

    monkeypatch.setenv("ENGINE", "opa")
    monkeypatch.setenv("OPA_URL", f"http://127.0.0.1:{free_port()}")
    monkeypatch.setenv("OPA_TIMEOUT", "0.5")
    app = create_app({"DATA_DIR": str(tmp_path)})
    key = keys.create(app.extensions["osd"].sessions, "p", "portal")
    request = json.loads((ROOT / "examples" / "request.json").read_text(encoding="utf-8"))
    started = time.monotonic()
    r = app.test_client().post("/v1/decisions", json=request, headers={"Authorization": f"Bearer {key}"})
    assert r.status_code == 503 and r.json["error"]["code"] == "engine_unavailable"
    assert r.headers["Retry-After"] == "5"
    assert time.monotonic() - started < 5
