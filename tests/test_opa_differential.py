"""The bundle in the real OPA server (``opa run --server``), and the embedded
engine held to it on every scenario and on over 10,000 generated requests."""

from __future__ import annotations

import http.client
import json
import random
import socket
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from decision_service import generate
from decision_service.classify import items_of
from decision_service.deadlines import inputs_of
from decision_service.decide import normalize
from decision_service.opabundle import build
from decision_service.requests import validate_classification, validate_deadline, validate_request
from decision_service.scenarios import VALIDATORS, load_scenarios, request_of

SEED = 20261122


class OpaServer:
    def __init__(self, opa, bundle_path) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.proc = subprocess.Popen([str(opa), "run", "--server", "--addr", f"127.0.0.1:{self.port}",
                                      "--bundle", str(bundle_path), "--log-level", "error"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                if self.get("/health?bundles")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        self.proc.kill()
        pytest.fail("opa run --server did not become healthy")

    def get(self, path: str) -> tuple[int, dict]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        conn.request("GET", path)
        resp = conn.getresponse()
        return resp.status, json.loads(resp.read() or b"{}")

    def query(self, conn: http.client.HTTPConnection, entrypoint: str, doc: dict) -> object:
        conn.request("POST", f"/v1/data/{entrypoint}", body=json.dumps({"input": doc}),
                     headers={"Content-Type": "application/json"})
        resp = conn.getresponse()
        body = json.loads(resp.read())
        assert resp.status == 200, body
        return body.get("result")


@pytest.fixture(scope="module")
def opa_server(bundle, opa_engine, tmp_path_factory):
    path = tmp_path_factory.mktemp("bundle") / "bundle.tar.gz"
    path.write_bytes(build(bundle))
    server = OpaServer(opa_engine.opa, path)
    yield server
    server.proc.terminate()
    server.proc.wait(timeout=10)


def test_the_bundle_is_byte_for_byte_reproducible(bundle):
    assert build(bundle) == build(bundle)


def test_opa_serves_the_bundle_with_our_revision(opa_server, bundle):
    status, body = opa_server.get("/v1/data/system/bundles")
    assert status == 200
    [(name, info)] = body["result"].items()
    assert info["manifest"]["revision"] == bundle.revision
    assert sorted(info["manifest"]["roots"]) == ["osd", "regulations"]


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
