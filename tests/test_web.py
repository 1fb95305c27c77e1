"""The web app through Flask's test client: every endpoint, keys and roles,
the decision log, reload, and HTTP answering exactly as the CLI does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from decision_service.store.bundle import ROOT
from decision_service.db import keys
from decision_service.store.scenarios import load_scenarios, request_of
from decision_service.web import create_app

from .conftest import copy_bundle

EXAMPLE = json.loads((ROOT / "examples" / "request.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    data = tmp_path_factory.mktemp("data")
    source = copy_bundle(tmp_path_factory.mktemp("source"))
    return create_app({"DATA_DIR": str(data), "BUNDLE_SOURCE": str(source), "KEY_CACHE_SECONDS": 0})


@pytest.fixture(scope="module")
def client(app):
    return app.test_client()


@pytest.fixture(scope="module")
def key(app):
    """A key of each role."""
    sessions = app.extensions["osd"].sessions
    return {role: keys.create(sessions, f"test-{role}", role) for role in ("portal", "reviewer", "admin")}


def auth(k: str) -> dict:
    return {"Authorization": f"Bearer {k}"}


def test_a_decision_needs_a_portal_key(client, key):
    assert client.post("/v1/decisions", json=EXAMPLE).status_code == 401
    assert client.post("/v1/decisions", json=EXAMPLE, headers=auth("osd_nonsense")).status_code == 401
    r = client.post("/v1/decisions", json=EXAMPLE, headers=auth(key["reviewer"]))
    assert r.status_code == 403 and r.json["error"]["code"] == "forbidden"
    r = client.post("/v1/decisions", json=EXAMPLE, headers={"X-API-Key": key["portal"]})
    assert r.status_code == 200 and r.json["deadline"]["due"] == "2026-12-07"
    assert client.post("/v1/decisions", json=EXAMPLE, headers=auth(key["admin"])).status_code == 200


def test_a_revoked_key_is_refused(app, client):
    sessions = app.extensions["osd"].sessions
    k = keys.create(sessions, "soon-revoked", "portal")
    assert client.post("/v1/decisions", json=EXAMPLE, headers=auth(k)).status_code == 200
    assert keys.revoke(sessions, "soon-revoked")
    assert client.post("/v1/decisions", json=EXAMPLE, headers=auth(k)).status_code == 401


def test_keys_are_stored_as_hashes(app, key):
    from sqlalchemy import text

    with app.extensions["osd"].engine.connect() as conn:
        stored = [row[0] for row in conn.execute(text("select key_hash from api_keys"))]
    assert key["portal"] not in stored and keys.digest(key["portal"]) in stored


def test_http_answers_exactly_as_the_cli_on_every_scenario(client, key, decider):
    for sc in load_scenarios():
        if sc["kind"] != "decision":
            continue
        request = request_of(sc)
        http = client.post("/v1/decisions", json=request, headers=auth(key["portal"])).json
        cli = decider.decide(request)
        assert {k: v for k, v in http.items() if k != "decision_id"} == \
               {k: v for k, v in cli.items() if k != "decision_id"}, sc["name"]


def test_classifications_and_deadlines_answer_as_the_library(client, key, decider):
    from decision_service.answers.classify import Classifier
    from decision_service.answers.deadlines import Deadlines
    from decision_service.answers.requests import validate_classification, validate_deadline

    creq = {"as_of": "2026-11-23", "dataset": {"contains": ["personal_info"], "desensitized": True}}
    r = client.post("/v1/classifications", json=creq, headers=auth(key["portal"]))
    assert r.status_code == 200
    lib = Classifier(decider).classify(validate_classification(creq))
    assert [x["open"] for x in r.json["results"]] == [x["open"] for x in lib["results"]]
    dreq = {"jurisdiction": "nanjing", "event": "objection_received", "date": "2026-09-29"}
    r = client.post("/v1/deadlines", json=dreq, headers=auth(key["portal"]))
    assert r.status_code == 200 and r.json == Deadlines(decider).deadlines(validate_deadline(dreq))


def test_batch_decides_in_order_and_logs_every_decision(client, key):
    reqs = [dict(EXAMPLE, jurisdiction=j) for j in ("wuxi", "nanjing", "qingyang")]
    r = client.post("/v1/decisions:batch", json={"requests": reqs}, headers=auth(key["portal"]))
    assert r.status_code == 200
    body = r.json
    assert [d["jurisdiction"] for d in body["decisions"]] == ["wuxi", "nanjing", "qingyang"]
    seen: list[dict] = []
    for d in body["decisions"]:
        logged = client.get(f"/v1/decisions/{d['decision_id']}", headers=auth(key["reviewer"])).json
        echo = {k: d.pop(k) for k in ("index", "id", "dataset_id")}
        assert echo == {"index": len(seen), "id": None, "dataset_id": "wx-transport-001"}
        seen.append(d)
        assert logged["batch_id"] == body["batch_id"] and logged["decision"] == d


def test_batch_limit_and_item_errors(app, client, key):
    limit = app.config["BATCH_LIMIT"]
    r = client.post("/v1/decisions:batch", json={"requests": [EXAMPLE] * (limit + 1)}, headers=auth(key["portal"]))
    assert r.status_code == 400 and "requests" in r.json["error"]["fields"]
    bad = [EXAMPLE, dict(EXAMPLE, action="sell")]
    r = client.post("/v1/decisions:batch", json={"requests": bad, "atomic": True}, headers=auth(key["portal"]))
    assert r.status_code == 400 and list(r.json["error"]["fields"]) == ["requests.1.action"]
    r = client.post("/v1/decisions:batch", json={"requests": bad}, headers=auth(key["portal"]))
    assert r.status_code == 200 and r.json["summary"] == {"decided": 1, "refused": 1}
    assert list(r.json["decisions"][1]["error"]["fields"]) == ["action"]


def test_the_log_masks_free_text_and_replays(client, key):
    req = json.loads(json.dumps(EXAMPLE))
    req["application"]["reason"] = "张三 身份证 110101199003071234 手机 13800138000"
    d = client.post("/v1/decisions", json=req, headers=auth(key["portal"])).json
    assert client.get(f"/v1/decisions/{d['decision_id']}", headers=auth(key["portal"])).status_code == 403
    logged = client.get(f"/v1/decisions/{d['decision_id']}", headers=auth(key["reviewer"])).json
    stored = json.dumps(logged["request"], ensure_ascii=False)
    assert "110101199003071234" not in stored and "13800138000" not in stored and "张三" not in stored
    assert "application.reason" in logged["masked_fields"]
    replay = client.post(f"/v1/decisions/{d['decision_id']}/replay", headers=auth(key["reviewer"])).json
    assert replay["same"] is True and replay["differences"] == []
    found = client.get("/v1/decisions?jurisdiction=wuxi&outcome=apply&limit=5", headers=auth(key["reviewer"])).json
    assert found and all(x["jurisdiction"] == "wuxi" and x["outcome"] == "apply" for x in found)
    assert client.get("/v1/decisions/nope", headers=auth(key["reviewer"])).status_code == 404


def test_public_read_only_endpoints(client):
    assert client.get("/healthz").json == {"status": "ok"}
    assert client.get("/readyz").json["status"] == "ready"
    assert client.get("/v1/jurisdictions").json[0]["id"] == "nanning"
    reg = client.get("/v1/regulations/wuxi-open").json
    assert reg["document_number"] == "锡政规〔2024〕7号" and len(reg["articles"]) == 27
    art = client.get("/v1/regulations/wuxi-open/articles/15").json
    assert "10个工作日内答复" in art["text"] and art["rules"]
    assert client.get("/v1/regulations/wuxi-open/articles/1").json["out_of_scope"]
    assert client.get("/v1/regulations/shanghai-open").status_code == 404
    assert client.get("/v1/regulations/wuxi-open/articles/99").status_code == 404
    bundle = client.get("/v1/bundle").json
    assert len(bundle["revision"]) == 16 and bundle["loaded_at"]
    matrix = client.get("/v1/matrix?as_of=2026-11-23").json
    assert matrix["topics"][0]["topic"] == "text and status"
    assert client.get("/v1/matrix?format=csv").mimetype == "text/csv"


def test_compare_over_http(client, key):
    req = {k: v for k, v in EXAMPLE.items() if k != "jurisdiction"}
    r = client.post("/v1/compare", json=req, headers=auth(key["portal"]))
    assert r.status_code == 200 and len(r.json["decisions"]) == 5
    # every decision of a comparison is logged, as any other decision
    for d in r.json["decisions"]:
        assert client.get(f"/v1/decisions/{d['decision_id']}", headers=auth(key["reviewer"])).status_code == 200
    md = client.post("/v1/compare?format=markdown", json=req, headers=auth(key["portal"]))
    assert md.mimetype == "text/markdown" and "| topic |" in md.get_data(as_text=True)


def test_openapi_and_docs_describe_every_endpoint(client):
    spec = client.get("/openapi.json").json
    assert spec["openapi"].startswith("3.")
    paths = set(spec["paths"])
    assert {"/v1/decisions", "/v1/decisions:batch", "/v1/decisions/{decision_id}", "/v1/compare", "/v1/matrix",
            "/v1/classifications", "/v1/deadlines", "/v1/jurisdictions", "/v1/regulations/{reg_id}",
            "/v1/regulations/{reg_id}/articles/{number}", "/v1/bundle", "/healthz", "/readyz", "/metrics",
            "/v1/admin/reload"} <= paths
    assert "DecisionRequest" in spec["components"]["schemas"] and "Decision" in spec["components"]["schemas"]
    assert spec["paths"]["/v1/decisions"]["post"]["security"] == [{"ApiKey": []}]
    html = client.get("/docs").get_data(as_text=True)
    assert "/v1/decisions:batch" in html


def test_metrics_count_requests_by_endpoint_and_outcome(client, key):
    client.post("/v1/decisions", json=EXAMPLE, headers=auth(key["portal"]))
    text = client.get("/metrics").get_data(as_text=True)
    assert 'osd_http_requests_total{endpoint="/v1/decisions",method="POST",outcome="apply",status="200"}' in text
    assert "osd_http_request_seconds_bucket" in text and "osd_decisions_total" in text


def test_every_answer_carries_a_request_id(client):
    r = client.get("/healthz", headers={"X-Request-Id": "abc-123"})
    assert r.headers["X-Request-Id"] == "abc-123"
    assert len(client.get("/healthz").headers["X-Request-Id"]) == 36


def test_reload_rejects_a_broken_bundle_and_accepts_a_good_one(app, client, key):
    source = Path(app.config["BUNDLE_SOURCE"])
    serving = client.get("/v1/bundle").json["revision"]
    assert client.post("/v1/admin/reload", headers=auth(key["portal"])).status_code == 403
    path = source / "regulations" / "wuxi-open.yaml"
    good = path.read_text(encoding="utf-8")
    try:
        path.write_text(good.replace("document_number:", "document_numbr:", 1), encoding="utf-8")
        r = client.post("/v1/admin/reload", headers=auth(key["admin"]))
        assert r.status_code == 409 and r.json["error"]["code"] == "bundle_rejected"
        assert "wuxi-open.yaml" in r.json["error"]["message"] and r.json["serving"] == serving
        path.write_text(good.replace("count: working_days\n          n: 10\n", "count: working_days\n          n: 11\n", 1), encoding="utf-8")
        r = client.post("/v1/admin/reload", headers=auth(key["admin"]))
        assert r.status_code == 409 and "scenarios fail" in r.json["error"]["message"]
        assert client.get("/v1/bundle").json["revision"] == serving
        path.write_text(good.replace("copy: web page of the Wuxi government", "copy: the web page of the Wuxi government", 1),
                        encoding="utf-8")
        r = client.post("/v1/admin/reload", headers=auth(key["admin"]))
        assert r.status_code == 200 and r.json["accepted"] and r.json["revision"] != serving
        assert client.get("/v1/bundle").json["revision"] == r.json["revision"]
    finally:
        path.write_text(good, encoding="utf-8")


def test_reload_refuses_a_broken_scenario_file_and_leaves_nothing_behind(app, client, key):
    source = Path(app.config["BUNDLE_SOURCE"])
    bundles = Path(app.config["DATA_DIR"]) / "bundles"
    serving = client.get("/v1/bundle").json["revision"]
    broken = source / "tests" / "scenarios" / "broken.yaml"
    broken.write_text("scenarios:\n  - name: [unclosed\n", encoding="utf-8")
    try:
        r = client.post("/v1/admin/reload", headers=auth(key["admin"]))
        assert r.status_code == 409 and r.json["error"]["code"] == "bundle_rejected"
        assert "broken.yaml" in r.json["error"]["message"] and r.json["serving"] == serving
        assert [p.name for p in bundles.iterdir() if p.name.startswith("osd-bundle-")] == []
    finally:
        broken.unlink()


def test_every_operation_has_a_unique_id_and_the_docs_list_only_methods(client):
    spec = client.get("/openapi.json").json
    ids = [op["operationId"] for ops in spec["paths"].values() for m, op in ops.items() if m != "parameters"]
    assert len(ids) == len(set(ids)) and "post_v1_decisions_batch" in ids and "post_v1_decisions" in ids
    page = client.get("/docs").get_data(as_text=True)
    assert ">PARAMETERS<" not in page and ">POST<" in page
