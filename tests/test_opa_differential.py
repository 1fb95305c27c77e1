"""The bundle in the real OPA server (``opa run --server``), and the embedded
engine held to it on every scenario and on over 10,000 generated requests."""

from __future__ import annotations

import http.client
import json
import random
from concurrent.futures import ThreadPoolExecutor

from tests import generate
from decision_service.answers.classify import items_of
from decision_service.answers.deadlines import inputs_of
from decision_service.answers.decide import normalize
from decision_service.store.opa_archive import build
from decision_service.answers.requests import validate_classification, validate_deadline, validate_request
from decision_service.store.scenarios import VALIDATORS, load_scenarios, request_of

SEED = 20261122


def test_the_bundle_is_byte_for_byte_reproducible(bundle):
    assert build(bundle) == build(bundle)


def test_opa_serves_the_bundle_with_our_revision(opa_server, bundle):
    status, body = opa_server.get("/v1/data/system/bundles")
    assert status == 200
    [(name, info)] = body["result"].items()
    assert info["manifest"]["revision"] == bundle.revision
    assert sorted(info["manifest"]["roots"]) == ["osd", "regulations", "superior"]


def policy_inputs() -> list[tuple[str, dict, str]]:
    """(what, input, entrypoint): every scenario, then the generated requests."""
    out = []
    for sc in load_scenarios():
        req = VALIDATORS[sc["kind"]](request_of(sc))
        if sc["kind"] == "classification":
            out += [(sc["name"], d, "osd/classify/result") for d in items_of(req)]
        elif sc["kind"] == "deadline":
            out += [(sc["name"], d, "osd/deadline/result") for d in inputs_of(req)]
        else:
            out.append((sc["name"], normalize(req), "osd/decision/result"))
    rnd = random.Random(SEED)
    for n in range(10_000):
        out.append((f"generated decision {n}", normalize(validate_request(generate.decision_request(rnd))),
                    "osd/decision/result"))
    for n in range(1_500):
        req = validate_classification(generate.classification_request(rnd))
        out += [(f"generated classification {n}", d, "osd/classify/result") for d in items_of(req)]
    for n in range(1_000):
        req = validate_deadline(generate.deadline_request(rnd))
        out += [(f"generated deadline {n}", d, "osd/deadline/result") for d in inputs_of(req)]
    return out


def test_the_embedded_engine_equals_the_opa_server(opa_server, decider):
    cases = policy_inputs()
    assert len(cases) > 12_000

    def check(chunk: list[tuple[str, dict, str]]) -> list[str]:
        conn = http.client.HTTPConnection("127.0.0.1", opa_server.port, timeout=30)
        problems = []
        for what, doc, entrypoint in chunk:
            theirs = opa_server.query(conn, entrypoint, doc)
            ours = decider.engine.evaluate(doc, entrypoint)
            if ours != theirs:
                problems.append(f"{what}: {entrypoint} differs for input {json.dumps(doc, ensure_ascii=False)}")
        conn.close()
        return problems

    chunks = [cases[i::8] for i in range(8)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        problems = [p for found in pool.map(check, chunks) for p in found]
    assert problems == [], "\n".join(problems[:5])
