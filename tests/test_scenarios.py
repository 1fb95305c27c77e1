"""Every YAML scenario: decided as expected, and identically by real OPA."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from decision_service.decide import normalize
from decision_service.engine import WasmEngine
from decision_service.scenarios import check, load_scenarios, request_of

SCENARIOS = load_scenarios()
IDS = [f"{s['file']}:{s['name']}" for s in SCENARIOS]


def test_there_are_scenarios_for_every_jurisdiction():
    files = {s["file"] for s in SCENARIOS}
    assert files >= {"wuxi.yaml", "nanjing.yaml", "qingyang.yaml", "guangxi.yaml", "nanning.yaml"}


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_scenario(scenario, decider):
    decision = decider.decide(request_of(scenario))
    assert check(scenario, decision) == []


@pytest.fixture(scope="module")
def sdk_engine(bundle):
    return WasmEngine(bundle, runner="opa-py-wasm")


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_embedded_engine_equals_real_opa(scenario, decider, sdk_engine, opa_engine):
    doc = normalize(request_of(scenario))
    expected = opa_engine.evaluate(doc)
    assert decider.engine.evaluate(doc) == expected
    assert sdk_engine.evaluate(doc) == expected


def test_direct_runner_is_the_default(decider):
    assert decider.engine.name == "wasm (direct)"


def test_direct_runner_gives_each_thread_its_own_answer(decider):
    docs = [normalize(request_of(s)) for s in SCENARIOS]
    expected = [decider.engine.evaluate(d) for d in docs]
    with ThreadPoolExecutor(max_workers=8) as pool:
        for _ in range(3):
            assert list(pool.map(decider.engine.evaluate, docs)) == expected
