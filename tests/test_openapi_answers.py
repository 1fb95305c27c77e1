"""The API description tells the truth: every YAML scenario answered over HTTP,
every public page, every logged decision and replay, and the errors of bad
input validate against ``/openapi.json`` (the checking client fails on any
answer its operation does not describe)."""

from __future__ import annotations

import json

import pytest

from decision_service.db import keys
from decision_service.store.bundle import JURISDICTIONS, ROOT
from decision_service.store.scenarios import load_scenarios, request_of
from decision_service.web import create_app

from .conftest import copy_bundle
from .openapi_answers import SpecMismatch, checked

SCENARIOS = load_scenarios()
ENDPOINT = {"decision": "/v1/decisions", "classification": "/v1/classifications", "deadline": "/v1/deadlines"}
EXAMPLE = json.loads((ROOT / "examples" / "request.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    data = tmp_path_factory.mktemp("data")
    source = copy_bundle(tmp_path_factory.mktemp("source"))
    return checked(create_app({"DATA_DIR": str(data), "BUNDLE_SOURCE": str(source), "KEY_CACHE_SECONDS": 0}))


@pytest.fixture(scope="module")
def client(app):
    return app.test_client()


@pytest.fixture(scope="module")
def admin(app):
    return {"Authorization": f"Bearer {keys.create(app.extensions['osd'].sessions, 'spec-admin', 'admin')}"}


def test_the_description_is_openapi_3(client):
    from openapi_spec_validator import validate

    validate(client.get("/openapi.json").json)


@pytest.mark.parametrize("kind", sorted(ENDPOINT))
def test_every_scenario_answer_matches_the_description(client, admin, kind):
    scenarios = [s for s in SCENARIOS if s["kind"] == kind]
    assert scenarios
    for s in scenarios:
        r = client.post(ENDPOINT[kind], json=request_of(s), headers=admin)
        assert r.status_code == 200, (s["name"], r.json)


def test_batches_comparisons_and_the_log_match_the_description(client, admin):
    batch = client.post("/v1/decisions:batch", json={"requests": [EXAMPLE, dict(EXAMPLE, jurisdiction="nanjing")]},
                        headers=admin)
    assert batch.status_code == 200
    decision_id = batch.json["decisions"][0]["decision_id"]
    assert client.get(f"/v1/decisions/{decision_id}", headers=admin).status_code == 200
    assert client.post(f"/v1/decisions/{decision_id}/replay", headers=admin).status_code == 200
    assert client.get("/v1/decisions?jurisdiction=wuxi&limit=5", headers=admin).status_code == 200
    compare = dict({k: v for k, v in EXAMPLE.items() if k != "jurisdiction"}, jurisdictions=list(JURISDICTIONS))
    assert client.post("/v1/compare", json=compare, headers=admin).status_code == 200
    assert client.post("/v1/compare?format=csv", json=compare, headers=admin).status_code == 200
    for path in ("osd/decision/result", "osd/classify/result"):
        assert client.post(f"/v1/data/{path}", json={"input": EXAMPLE}, headers=admin).status_code == 200


def test_every_public_page_matches_the_description(app, client):
    assert client.get("/v1/jurisdictions").status_code == 200
    for view in ("", "?as_of=2026-01-01"):
        assert client.get(f"/v1/matrix{view}").status_code == 200
    for reg_id, reg in app.extensions["osd"].current().bundle.regulations.items():
        assert client.get(f"/v1/regulations/{reg_id}").status_code == 200
        for article in reg["articles"]:
            assert client.get(f"/v1/regulations/{reg_id}/articles/{article['number']}").status_code == 200
    for path in ("/healthz", "/readyz", "/v1/bundle"):
        assert client.get(path).status_code == 200


@pytest.mark.parametrize("method, path, body, status", [
    ("POST", "/v1/decisions", {"jurisdiction": "wuxi"}, 400),
    ("POST", "/v1/decisions", {"jurisdiction": "Wuxi", "action": "open", "as_of": "2026-02-30"}, 400),
    ("POST", "/v1/decisions", "[", 400),
    ("POST", "/v1/classifications", {"jurisdiction": "wuxi", "dataset": [], "extra": 1}, 400),
    ("POST", "/v1/deadlines", {"jurisdiction": "wuxi", "event": "nope", "date": "2026-W47-1"}, 400),
    ("POST", "/v1/decisions:batch", {"requests": []}, 400),
    ("GET", "/v1/regulations/nowhere", None, 404),
    ("GET", "/v1/regulations/wuxi-open/articles/999", None, 404),
    ("GET", "/v1/decisions/00000000-0000-0000-0000-000000000000", None, 404),
    ("GET", "/v1/matrix?as_of=2026-02-30", None, 400),
])
def test_errors_match_the_error_schema(client, admin, method, path, body, status):
    data = body if isinstance(body, str) else json.dumps(body) if body is not None else None
    r = client.open(path, method=method, data=data, headers=admin, content_type="application/json")
    assert r.status_code == status
    assert set(r.json["error"]) >= {"code", "message", "fields"}


def test_no_key_and_the_wrong_key_match_the_description(app, client):
    portal = keys.create(app.extensions["osd"].sessions, "spec-portal", "portal")
    assert client.post("/v1/decisions", json=EXAMPLE).status_code == 401
    assert client.get("/v1/decisions", headers={"Authorization": f"Bearer {portal}"}).status_code == 403


def test_the_checker_refuses_an_answer_the_description_does_not_allow(app):
    """The checking client is itself tested: a wrong type and an undocumented status fail."""
    from .openapi_answers import _checker_for

    checker = _checker_for(app)
    decision = app.extensions["osd"].current().decider.decide(EXAMPLE)
    checker.check_document("POST", "/v1/decisions", 200, decision)
    with pytest.raises(SpecMismatch, match="outcome"):
        checker.check_document("POST", "/v1/decisions", 200, dict(decision, outcome="maybe"))
    with pytest.raises(SpecMismatch, match="error"):
        checker.check_document("POST", "/v1/decisions", 400, {"message": "flask-smorest's shape"})
    with pytest.raises(SpecMismatch, match="not documented"):
        checker.check_document("GET", "/v1/jurisdictions", 418, {})


def _holds(spec: dict, schema: dict, pointer: list[str]) -> bool:
    """Whether every answer ``schema`` allows has something at ``pointer``: each
    property on the way is required, each array index is within minItems, and
    every alternative of a oneOf or anyOf holds it."""
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    if not pointer:
        return True
    for alternatives in ("oneOf", "anyOf"):
        if alternatives in schema:
            return all(_holds(spec, s, pointer) for s in schema[alternatives])
    if "allOf" in schema and any(_holds(spec, s, pointer) for s in schema["allOf"]):
        return True
    head, rest = pointer[0], pointer[1:]
    if schema.get("type") == "array" and head.isdigit():
        return int(head) < schema.get("minItems", 0) and _holds(spec, schema.get("items", {}), rest)
    if head in schema.get("required", []) and head in schema.get("properties", {}):
        return _holds(spec, schema["properties"][head], rest)
    return False


def test_every_link_leads_from_what_every_answer_holds(client):
    """A link whose value an answer may lack breaks a client (and a stateful
    test) that follows it: each link's ``$response.body#`` pointer must be
    required all the way down the 200 answer's schema."""
    spec = client.get("/openapi.json").json
    links = [(op["operationId"], name, expression, op["responses"]["200"]["content"]["application/json"]["schema"])
             for ops in spec["paths"].values() for method, op in ops.items() if method != "parameters"
             for name, link in op.get("responses", {}).get("200", {}).get("links", {}).items()
             for expression in link["parameters"].values()]
    assert {op for op, *_ in links} >= {"post_v1_decisions", "get_v1_decisions_decision_id"}
    for op, name, expression, schema in links:
        assert expression.startswith("$response.body#/"), (op, name, expression)
        assert _holds(spec, schema, expression.split("#/", 1)[1].split("/")), (op, name, expression)
    batch = next(op for ops in spec["paths"].values() for op in ops.values()
                 if isinstance(op, dict) and op.get("operationId") == "post_v1_decisions_batch")
    schema = batch["responses"]["200"]["content"]["application/json"]["schema"]
    assert not _holds(spec, schema, ["decisions", "0", "decision_id"]), "a batch's first entry may be a refusal"
