"""The service as OPA's peer: OPA sidecars pull its bundle (ETag, 304) and
follow a reload; OPA clients use its Data API as if it were OPA."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest

from decision_service.answers.decide import normalize
from decision_service.store.scenarios import load_scenarios, request_of

from .test_server import served


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    yield from served(tmp_path_factory, "peer")


def test_the_bundle_endpoint_answers_304_to_its_etag(server):
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    conn.request("GET", "/v1/bundles/osd.tar.gz")
    first = conn.getresponse()
    archive = first.read()
    tag = first.getheader("ETag")
    assert first.status == 200 and archive[:2] == b"\x1f\x8b" and tag
    conn.request("GET", "/v1/bundles/osd.tar.gz", headers={"If-None-Match": tag})
    second = conn.getresponse()
    second.read()
    assert second.status == 304 and second.getheader("ETag") == tag
    conn.request("GET", "/v1/bundles/other.tar.gz")
    third = conn.getresponse()
    third.read()
    assert third.status == 404


def test_an_opa_client_uses_the_service_as_its_opa(server, decider):
    from opa_client import OpaClient

    client = OpaClient(host="127.0.0.1", port=server.port, token=server.keys["portal"], timeout=10)
    for sc in load_scenarios()[:20]:
        if sc["kind"] != "decision":
            continue
        doc = normalize(request_of(sc))
        answer = client.query_rule(doc, "osd.decision", "result")
        assert answer["result"] == decider.engine.evaluate(doc)
        assert len(answer["decision_id"]) == 36
    client.close_connection()


def test_the_data_api_needs_a_key_and_knows_its_documents(server):
    status, _ = server.request("POST", "/v1/data/osd/decision/result", {"input": {}})
    assert status == 401
    status, body = server.request("POST", "/v1/data/osd/nothing", {"input": {}}, role="portal")
    assert status == 404 and body["error"]["code"] == "not_found"
    # a contract entry point checks its input as its endpoint does
    status, body = server.request("POST", "/v1/data/osd/decision/result", {"input": {}}, role="portal")
    assert status == 400 and "input.jurisdiction" in body["error"]["fields"]
    # a raw entry point answers as OPA, an undefined document with no result, and says it is raw
    status, body = server.request("POST", "/v1/data/osd/classify/result", {"input": {}}, role="portal")
    assert status == 200 and "decision_id" in body and body["raw"] is True


def opa_config(path: Path, port: int) -> Path:
    path.write_text(json.dumps({
        "services": {"osd": {"url": f"http://127.0.0.1:{port}"}},
        "bundles": {"osd": {"service": "osd", "resource": "/v1/bundles/osd.tar.gz",
                            "polling": {"min_delay_seconds": 1, "max_delay_seconds": 2}}},
    }))
    return path


def test_an_opa_sidecar_pulls_the_bundle_and_follows_a_reload(server, opa_engine, tmp_path):
    import http.client
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        opa_port = s.getsockname()[1]
    opa = subprocess.Popen([str(opa_engine.opa), "run", "--server", "--addr", f"127.0.0.1:{opa_port}",
                            "--config-file", str(opa_config(tmp_path / "opa.json", server.port)), "--log-level", "error"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def opa_revision() -> str | None:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", opa_port, timeout=5)
            conn.request("GET", "/v1/data/system/bundles")
            body = json.loads(conn.getresponse().read())
            return body.get("result", {}).get("osd", {}).get("manifest", {}).get("revision")
        except (OSError, ValueError):
            return None

    def wait_for(revision: str) -> None:
        deadline = time.time() + 60
        while time.time() < deadline and opa_revision() != revision:
            time.sleep(0.5)
        assert opa_revision() == revision

    try:
        first = server.revision()
        wait_for(first)
        conn = http.client.HTTPConnection("127.0.0.1", opa_port, timeout=10)
        for sc in [s for s in load_scenarios() if s["kind"] == "decision"][:15]:
            doc = normalize(request_of(sc))
            conn.request("POST", "/v1/data/osd/decision/result", body=json.dumps({"input": doc}))
            theirs = json.loads(conn.getresponse().read())["result"]
            status, ours = server.request("POST", "/v1/data/osd/decision/result", {"input": doc}, role="portal")
            assert status == 200 and ours["result"] == theirs
        rego = Path(server.env["OSD_BUNDLE_SOURCE"]) / "policies" / "rego" / "open" / "wuxi.rego"
        text = rego.read_text(encoding="utf-8")
        rego.write_text(text.replace("the provider answers at once or within 10 working days of receipt.",
                                     "the provider answers at once, or within 10 working days of receipt.", 1),
                        encoding="utf-8")
        status, verdict = server.request("POST", "/v1/admin/reload", role="admin")
        assert status == 200, verdict
        assert "Rego compiled to wasm by the real OPA" in verdict["checks"]
        assert verdict["revision"] != first
        wait_for(verdict["revision"])
    finally:
        opa.terminate()
        opa.wait(timeout=10)
