"""Every YAML scenario: answered as expected, and identically by real OPA."""

from __future__ import annotations

import json
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from decision_service.answers.classify import group_of, items_of
from decision_service.answers.deadlines import inputs_of as deadline_inputs
from decision_service.answers.decide import normalize
from decision_service.engine import WasmEngine
from decision_service.store.scenarios import VALIDATORS, load_scenarios, request_of, run_scenarios

SCENARIOS = load_scenarios()
IDS = [f"{s['file']}:{s['name']}" for s in SCENARIOS]
JURISDICTIONS = ("wuxi", "nanjing", "qingyang", "guangxi", "nanning")


def test_at_least_twelve_decision_and_eight_classification_and_deadline_scenarios_per_jurisdiction():
    counts = Counter()
    for s in SCENARIOS:
        j = s["request"].get("jurisdiction") or s["file"].split("/")[-1].removesuffix(".yaml")
        counts[(s["kind"], j)] += 1
    short = {(k, j): counts[(k, j)] for k, least in (("decision", 12), ("classification", 8), ("deadline", 8))
             for j in JURISDICTIONS if counts[(k, j)] < least}
    assert short == {}


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_scenario(scenario, decider):
    [result] = run_scenarios(decider, [scenario])
    assert result.problems == []


def policy_inputs(scenario: dict) -> list[tuple[dict, str]]:
    """What the engine is asked for a scenario, with the entry point."""
    request = VALIDATORS[scenario["kind"]](request_of(scenario))
    if scenario["kind"] == "classification":
        return [(item, "osd/classify/result") for item in items_of(request)]
    if scenario["kind"] == "deadline":
        return [(doc, "osd/deadline/result") for doc in deadline_inputs(request)]
    return [(normalize(request), "osd/decision/result")]


@pytest.fixture(scope="module")
def sdk_engine(bundle):
    return WasmEngine(bundle, runner="opa-py-wasm")


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_embedded_engine_equals_real_opa(scenario, decider, sdk_engine, opa_engine):
    for doc, entrypoint in policy_inputs(scenario):
        expected = opa_engine.evaluate(doc, entrypoint)
        assert decider.engine.evaluate(doc, entrypoint) == expected
        assert sdk_engine.evaluate(doc, entrypoint) == expected


def test_the_batch_entry_point_equals_one_item_at_a_time(decider):
    requests = [VALIDATORS["classification"](request_of(s)) for s in SCENARIOS if s["kind"] == "classification"]
    assert requests, "no classification scenarios"
    groups = [group_of({**r, "jurisdiction": None}) for r in requests]
    one_by_one = [decider.engine.evaluate(i, "osd/classify/result") for r in requests
                  for i in items_of({**r, "jurisdiction": None})]
    assert decider.engine.evaluate({"items": groups}, "osd/classify/batch") == one_by_one


def test_direct_runner_is_the_default(decider):
    assert decider.engine.name == "wasm (direct)"


def test_direct_runner_gives_each_thread_its_own_answer(decider):
    docs = [normalize(request_of(s)) for s in SCENARIOS if s["kind"] == "decision"]
    expected = [decider.engine.evaluate(d) for d in docs]
    with ThreadPoolExecutor(max_workers=8) as pool:
        for _ in range(3):
            assert list(pool.map(decider.engine.evaluate, docs)) == expected


def test_direct_runner_grows_memory_for_a_large_input(decider, sdk_engine):
    """An input larger than a new instance's free linear memory is still written
    and evaluated (the memory grows, and its new base address is used)."""
    from decision_service.engine.wasm import WasmInstance

    pool = decider.engine._pool
    instance = WasmInstance(pool.module, pool.data_json)
    size = instance.memory.data_len(instance.store)
    free = size - instance.base
    doc = normalize(request_of(next(s for s in SCENARIOS if s["kind"] == "decision")))
    doc["application"] = {**doc["application"], "reason": "理由" * (free // 3)}
    raw = json.dumps(doc, ensure_ascii=False).encode()
    assert free < len(raw) < 1_000_000  # larger than the free memory; within the SDK's input limit
    results = instance.evaluate(raw, decider.engine._entrypoints["osd/decision/result"])
    assert instance.memory.data_len(instance.store) > size
    assert results[0]["result"] == sdk_engine.evaluate(doc)


def test_direct_runner_reports_an_abort_and_goes_on(decider):
    """A guest abort (here: an entry point the module does not have) is raised as
    the policy's abort, through the engine as EngineError; the pool goes on answering."""
    from decision_service.engine import EngineError
    from decision_service.engine.wasm import WasmError

    pool = decider.engine._pool
    instance = pool._borrow()
    with pytest.raises(WasmError, match="aborted"):
        instance.evaluate(b"{}", 999)
    pool._idle.put(instance)
    decider.engine._entrypoints["broken"] = 999
    try:
        with pytest.raises(EngineError, match="aborted"):
            decider.engine.evaluate({}, "broken")
    finally:
        del decider.engine._entrypoints["broken"]
    doc = normalize(request_of(next(s for s in SCENARIOS if s["kind"] == "decision")))
    with ThreadPoolExecutor(max_workers=4) as threads:
        answers = list(threads.map(decider.engine.evaluate, [doc] * 8))
    assert all(a == answers[0] for a in answers) and answers[0]["outcome"]
