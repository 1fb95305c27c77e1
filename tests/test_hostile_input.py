"""Hostile input never hurts: strings that are not text, deep nesting, huge
numbers and far dates are refused with a 400 naming the field, before any
engine sees them, and the engine's pool of instances never shrinks."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from decision_service.answers.json_shape import MAX_DEPTH, problems
from decision_service.db import keys
from decision_service.engine.wasm import WasmError, WasmModule, WasmPool
from decision_service.store.bundle import ROOT
from decision_service.web import create_app

EXAMPLE = json.loads((ROOT / "examples" / "request.json").read_text(encoding="utf-8"))
SURROGATE = '"\\ud800"'  # valid JSON, not Unicode text


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    app = create_app({"DATA_DIR": str(tmp_path_factory.mktemp("data")), "KEY_CACHE_SECONDS": 0})
    c = app.test_client()
    c.app = app
    c.headers = {"Authorization": f"Bearer {keys.create(app.extensions['osd'].sessions, 'hostile', 'portal')}",
                 "Content-Type": "application/json"}
    return c


def with_surrogate(path: list[str]) -> bytes:
    """The example request with a lone surrogate placed at ``path``."""
    doc = json.loads(json.dumps(EXAMPLE))
    node = doc
    for key in path[:-1]:
        node = node.setdefault(key, {})
    node[path[-1]] = "__S__"
    return json.dumps(doc).replace('"__S__"', SURROGATE).encode()


@pytest.mark.parametrize("path", [["application", "title"], ["dataset", "id"], ["requester", "region"], ["jurisdiction"]])
def test_a_lone_surrogate_is_refused_naming_its_field(client, path):
    r = client.post("/v1/decisions", data=with_surrogate(path), headers=client.headers)
    assert r.status_code == 400, r.get_data(as_text=True)[:300]
    assert r.json["error"]["code"] == "invalid_request"
    assert ".".join(path) in r.json["error"]["fields"]


def test_surrogates_everywhere_leave_the_service_deciding(client):
    bodies = {
        "/v1/decisions": with_surrogate(["application", "reason"]),
        "/v1/decisions:batch": b'{"requests": [' + with_surrogate(["dataset", "id"]) + b"]}",
        "/v1/classifications": b'{"jurisdiction": "wuxi", "dataset": {"catalogue": {"name": ' + SURROGATE.encode() + b"}}}",
        "/v1/deadlines": b'{"jurisdiction": "wuxi", "event": "objection_received", "date": "2026-11-23", "x": '
                         + SURROGATE.encode() + b"}",
        "/v1/compare": b'{"action": "open", "dataset": {"id": ' + SURROGATE.encode() + b"}}",
    }
    for _ in range(5):  # more than the pool's instances, several times over
        for path, body in bodies.items():
            r = client.post(path, data=body, headers=client.headers)
            assert r.status_code == 400, (path, r.get_data(as_text=True)[:300])
    r = client.post("/v1/decisions", json=EXAMPLE, headers=client.headers)
    assert r.status_code == 200 and r.json["outcome"] == "apply"
    assert client.get("/readyz").status_code == 200


def test_deep_nesting_and_huge_integers_are_400(client):
    deep = b'{"jurisdiction": "wuxi", "x": ' + b"[" * 50 + b"]" * 50 + b"}"
    r = client.post("/v1/decisions", data=deep, headers=client.headers)
    assert r.status_code == 400 and r.json["error"]["fields"] == {"x" + "[0]" * 32: ["nested deeper than 32 levels"]}
    for levels in (1000, 100_000):
        deeper = b'{"x": ' + b"[" * levels + b"]" * levels + b"}"
        r = client.post("/v1/decisions", data=deeper, headers=client.headers)
        assert r.status_code == 400 and r.json["error"]["code"] in ("invalid_json", "invalid_request")
    huge = b'{"jurisdiction": "wuxi", "x": ' + b"9" * 5000 + b"}"
    r = client.post("/v1/decisions", data=huge, headers=client.headers)
    assert r.status_code == 400 and r.json["error"]["code"] == "invalid_json"


@pytest.mark.parametrize("path, body, field", [
    ("/v1/decisions", {**EXAMPLE, "received_on": "9999-12-20"}, "received_on"),
    ("/v1/decisions", {**EXAMPLE, "as_of": "9999-12-31"}, "as_of"),
    ("/v1/deadlines", {"jurisdiction": "wuxi", "event": "quality_rectification_issued", "date": "9999-12-31"}, "date"),
    ("/v1/deadlines", {"jurisdiction": "guangxi", "event": "data_offline_requested", "date": "2026-06-15",
                       "done": {"approve_data_offline": "9999-12-31"}}, "done.approve_data_offline.value"),
    ("/v1/decisions", {**EXAMPLE, "as_of": "1899-12-31"}, "as_of"),
])
def test_far_dates_are_out_of_range_not_an_overflow(client, path, body, field):
    r = client.post(path, json=body, headers=client.headers)
    assert r.status_code == 400, r.get_data(as_text=True)[:300]
    fields = r.json["error"]["fields"]
    assert any(k.startswith(field.split(".")[0]) for k in fields), fields
    assert "Out of range" in json.dumps(fields)


def test_the_shape_check_finds_keys_values_and_depth():
    doc = json.loads('{"a": {"\\udc00": 1, "b": ["ok", "\\ud800"]}}')
    assert problems(doc) == {"a.\\udc00": ["the field name is not Unicode text: a lone surrogate (\\ud800–\\udfff) cannot be encoded"],
                             "a.b[1]": ["not Unicode text: a lone surrogate (\\ud800–\\udfff) cannot be encoded"]}
    nested: object = "x"
    for _ in range(MAX_DEPTH + 1):
        nested = [nested]
    assert list(problems({"v": nested}).values()) == [[f"nested deeper than {MAX_DEPTH} levels"]]
    assert problems(EXAMPLE) == {}


def test_the_pool_keeps_every_instance_through_bad_input():
    module = WasmModule.from_file(ROOT / "decision_service" / "engine" / "compiled" / "policy.wasm")
    from decision_service.store.bundle import load_bundle

    pool = WasmPool(module, load_bundle().data, size=1)
    entry = module.entrypoints["osd/deadline/result"]
    for _ in range(3):
        with pytest.raises(WasmError):
            pool.evaluate({"jurisdiction": "\ud800"}, entry)
    assert pool.ready(0.1)
    result = pool.evaluate({"jurisdiction": "wuxi", "event": "objection_received", "date": "2026-11-23",
                            "as_of": "2026-11-23"}, entry)
    assert result[0]["result"]["outcome"] == "stated"


def test_readiness_fails_when_no_instance_can_be_had():
    module = WasmModule.from_file(ROOT / "decision_service" / "engine" / "compiled" / "policy.wasm")
    pool = WasmPool(module, {"regulations": {}, "superior": {}}, size=1)
    held = pool._borrow()
    assert not pool.ready(0.1)
    pool._idle.put(held)
    assert pool.ready(0.1)


def test_the_cli_refuses_a_surrogate_with_exit_2():
    proc = subprocess.run([sys.executable, "-m", "decision_service.cli", "decide", "-"],
                          input=with_surrogate(["application", "title"]).decode(), capture_output=True, text=True)
    assert proc.returncode == 2
    assert json.loads(proc.stderr)["error"]["fields"]["application.title"]


@pytest.mark.parametrize("field, value", [("as_of", "2026-W47-1"), ("as_of", "２０２６-11-23"), ("received_on", "2026-330")])
def test_only_yyyy_mm_dd_in_ascii_digits_is_a_date(client, field, value):
    r = client.post("/v1/decisions", json={**EXAMPLE, field: value}, headers=client.headers)
    assert r.status_code == 400 and r.json["error"]["fields"][field] == ["Not a date (YYYY-MM-DD)."]


def test_numbers_and_dates_in_queries_and_pages_are_strict(client):
    reviewer = keys.create(client.app.extensions["osd"].sessions, "hostile-reviewer", "reviewer")
    auth = {"Authorization": f"Bearer {reviewer}"}
    for limit in ("１２", "12.0", "0", "1001", "²"):
        r = client.get(f"/v1/decisions?limit={limit}", headers=auth)
        assert r.status_code == 400 and "limit" in r.json["error"]["fields"], limit
    assert client.get("/v1/decisions?limit=12", headers=auth).status_code == 200
    assert client.get("/v1/decisions?since=2026-W47-1", headers=auth).status_code == 400
    for page in ("/matrix?as_of=2026-02-30", "/matrix?as_of=2026-W47-1", "/regulations/wuxi-open?as_of=20261122"):
        assert client.get(page).status_code == 400, page
    assert client.get("/matrix?as_of=2026-02-28").status_code == 200


@pytest.mark.parametrize("path, doc, field", [
    ("/v1/data/osd/decision/result", {**EXAMPLE, "as_of": "2026-02-30"}, "input.as_of"),
    ("/v1/data/osd/decision/result", {**EXAMPLE, "action": "sell"}, "input.action"),
    ("/v1/data/osd/deadline/result", {"jurisdiction": "wuxi", "event": "flood", "date": "2026-11-23"}, "input.event"),
])
def test_the_data_api_checks_contract_input(client, path, doc, field):
    r = client.post(path, json={"input": doc}, headers=client.headers)
    assert r.status_code == 400 and field in r.json["error"]["fields"], r.get_data(as_text=True)[:300]


def test_the_data_api_refuses_bad_shapes_and_marks_raw_results(client):
    body = b'{"input": {"jurisdiction": "wuxi", "x": ' + SURROGATE.encode() + b"}}"
    r = client.post("/v1/data/osd/classify/result", data=body, headers=client.headers)
    assert r.status_code == 400 and "input.x" in r.json["error"]["fields"]
    from decision_service.answers.decide import normalize

    ok = client.post("/v1/data/osd/decision/result", json={"input": normalize(EXAMPLE)}, headers=client.headers)
    assert ok.status_code == 200 and ok.json["result"]["outcome"] == "apply" and "raw" not in ok.json


@pytest.mark.parametrize("given, meant", [("Wuxi", "wuxi"), ("无锡", "wuxi"), ("wuxi-open", "wuxi"), ("广西", "guangxi")])
def test_a_near_miss_is_told_the_code_it_means(client, given, meant):
    r = client.post("/v1/decisions", json={**EXAMPLE, "jurisdiction": given}, headers=client.headers)
    assert r.status_code == 400 and f"means '{meant}'" in r.json["error"]["fields"]["jurisdiction"][0]
    r = client.post("/v1/deadlines", json={"jurisdictions": [given], "event": "objection_received", "date": "2026-11-23"},
                    headers=client.headers)
    assert r.status_code == 400 and f"means '{meant}'" in json.dumps(r.json, ensure_ascii=False)


def test_received_later_than_as_of_is_refused(client):
    r = client.post("/v1/decisions", json={**EXAMPLE, "as_of": "2026-11-20", "received_on": "2026-11-23"},
                    headers=client.headers)
    assert r.status_code == 400 and "received_on" in r.json["error"]["fields"]


def test_a_401_names_its_scheme(client):
    r = client.post("/v1/decisions", json=EXAMPLE)
    assert r.status_code == 401 and r.headers["WWW-Authenticate"] == 'Bearer realm="osd"'
