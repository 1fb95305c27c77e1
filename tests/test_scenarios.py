"""Every YAML scenario: decided as expected, and identically by real OPA."""

from __future__ import annotations

import pytest

from decision_service.decide import normalize
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


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_embedded_engine_equals_real_opa(scenario, decider, opa_engine):
    doc = normalize(request_of(scenario))
    assert decider.engine.evaluate(doc) == opa_engine.evaluate(doc)
