"""Errors a portal can act on: a machine code for each refused field, and the
messages in Chinese or English as Accept-Language asks."""

from __future__ import annotations

import json
import re

import pytest

from decision_service.answers import field_errors
from decision_service.db import keys
from decision_service.store.bundle import ROOT
from decision_service.web import create_app

from .test_errors import DROP, changed

EXAMPLE = json.loads((ROOT / "examples" / "request.json").read_text(encoding="utf-8"))
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    app = create_app({"DATA_DIR": str(tmp_path_factory.mktemp("data")), "KEY_CACHE_SECONDS": 0})
    key = keys.create(app.extensions["osd"].sessions, "messages", "portal")
    c = app.test_client()
    c.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    return c


@pytest.mark.parametrize("doc, field, code", [
    (changed(requester__type=DROP), "requester.type", "required"),
    (changed(requester=None), "requester", "null"),
    (changed(colour="red"), "colour", "unknown"),
    (changed(action="publish"), "action", "enum"),
    (changed(jurisdiction="无锡"), "jurisdiction", "enum"),
    (changed(as_of=20261123), "as_of", "type"),
    (changed(requester__real_name_verified="yes"), "requester.real_name_verified", "type"),
    (changed(as_of="2026-02-30"), "as_of", "format"),
    (changed(as_of="2026-W47-1"), "as_of", "format"),
    (changed(received_on="9999-12-31", as_of="9999-12-31"), "received_on", "range"),
    (changed(requester__region=""), "requester.region", "length"),
    (changed(received_on="2026-11-24"), "received_on", "order"),
    (changed(dataset__id="\ud800"), "dataset.id", "encoding"),
])
def test_each_refused_field_has_its_code(client, doc, field, code):
    r = client.post("/v1/decisions", data=json.dumps(doc), content_type="application/json")
    assert r.status_code == 400
    details = {d["field"]: d["code"] for d in r.json["error"]["details"]}
    assert details.get(field) == code, r.json["error"]
    assert set(r.json["error"]["fields"]) == set(details), "details and the contract's fields name the same fields"


def test_json_nested_too_deep_is_a_depth_error(client):
    r = client.post("/v1/decisions", data="[" * 5000 + "]" * 5000, content_type="application/json")
    assert r.status_code == 400 and r.json["error"]["code"] == "invalid_json"
    assert [d["code"] for d in r.json["error"]["details"]] == ["depth"]


@pytest.mark.parametrize("header", ["zh-CN", "zh", "zh-Hans-CN,zh;q=0.9,en;q=0.5", "en;q=0.3, zh;q=0.8"])
def test_chinese_when_asked(client, header):
    r = client.post("/v1/decisions", json=changed(action="publish", as_of="2026-02-30"),
                    headers={"Accept-Language": header})
    assert r.headers["Content-Language"] == "zh" and "Accept-Language" in r.headers["Vary"]
    error = r.json["error"]
    assert CJK.search(error["message"]) and error["message"].startswith(("action：", "as_of："))
    assert all(CJK.search(d["message"]) for d in error["details"]), error["details"]
    assert all(CJK.search(m) for reasons in error["fields"].values() for m in reasons)
    assert {d["code"] for d in error["details"]} == {"enum", "format"}, "codes do not depend on the language"


@pytest.mark.parametrize("header", [None, "en-GB", "fr", "en, zh;q=0.5", "*"])
def test_english_otherwise(client, header):
    headers = {"Accept-Language": header} if header else {}
    r = client.post("/v1/decisions", json=changed(action="publish"), headers=headers)
    assert r.headers["Content-Language"] == "en"
    assert r.json["error"]["message"] == "action: Must be one of: open, share."


def test_the_near_miss_hint_is_kept_in_chinese(client):
    r = client.post("/v1/decisions", json=changed(jurisdiction="无锡"), headers={"Accept-Language": "zh"})
    assert "'无锡' 应为 'wuxi'" in r.json["error"]["message"]


@pytest.mark.parametrize("method, path, status, words", [
    ("POST", "/v1/decisions", 401, "API 密钥"),
    ("GET", "/v1/nowhere", 404, "找不到"),
    ("GET", "/v1/regulations/nowhere", 404, "找不到"),
    ("DELETE", "/v1/matrix", 405, "不接受"),
])
def test_other_errors_in_chinese(client, method, path, status, words):
    environ = {"HTTP_AUTHORIZATION": ""} if status == 401 else {}
    r = client.open(path, method=method, json=EXAMPLE if method == "POST" else None,
                    headers={"Accept-Language": "zh-CN"}, environ_overrides=environ)
    assert r.status_code == status and words in r.json["error"]["message"], r.json


def test_every_reason_the_request_schemas_give_is_recognised():
    """The reasons marshmallow and the project's checks word: none falls back to ``invalid``."""
    reasons = ["Missing data for required field.", "Field may not be null.", "Unknown field.",
               "Must be one of: open, share.", "Not a valid string.", "Not a valid integer.", "Not a valid boolean.",
               "Not a valid list.", "Not a valid mapping type.", "Invalid type.", "Invalid input type.",
               "Not a date (YYYY-MM-DD).", "Not a step key.", "not an object",
               "Out of range: a date from 1900-01-01 to 2199-12-31.",
               "Must be greater than or equal to 1 and less than or equal to 1000.", "a number too long to read",
               "Shorter than minimum length 1.", "Longer than maximum length 200.", "Length must be between 1 and 64.",
               "Later than as_of: the rules in force on the day of receipt apply.", "'from' is after 'to'.",
               "Give jurisdiction or jurisdictions, not both.",
               "not Unicode text: a lone surrogate (\\ud800–\\udfff) cannot be encoded", "nested deeper than 64 levels"]
    for reason in reasons:
        code, zh = field_errors.explain(reason)
        assert code != "invalid" and zh and CJK.search(zh), reason
    assert field_errors.explain("something new") == ("invalid", None)


@pytest.mark.parametrize("method, path, body, content_type, headers", [
    ("POST", "/v1/decisions", EXAMPLE, "application/json", {"Authorization": ""}),
    ("POST", "/v1/decisions", "x", "text/plain", {}),
    ("POST", "/v1/decisions", '{"jurisdiction": ', "application/json", {}),
    ("GET", "/v1/regulations/nowhere", None, None, {}),
    ("POST", "/v1/decisions", EXAMPLE, "application/json", {"Idempotency-Key": "has space"}),
])
def test_every_reason_is_in_chinese_when_asked(client, method, path, body, content_type, headers):
    data = json.dumps(body) if isinstance(body, dict) else body
    environ = {"HTTP_AUTHORIZATION": ""} if headers.get("Authorization") == "" else {}
    r = client.open(path, method=method, data=data, content_type=content_type, environ_overrides=environ,
                    headers={"Accept-Language": "zh", **{k: v for k, v in headers.items() if k != "Authorization"}})
    error = r.json["error"]
    assert r.status_code >= 400 and error["details"], error
    assert all(CJK.search(d["message"]) for d in error["details"]), error["details"]
    assert all(CJK.search(m) for reasons in error["fields"].values() for m in reasons), error["fields"]


@pytest.mark.parametrize("path, field, code", [
    ("/v1/decisions:batch?foo=1", "foo", "unknown"), ("/v1/decisions:batch?view=tiny", "view", "enum"),
])
def test_a_batch_names_the_query_parameter_it_refuses(client, path, field, code):
    r = client.post(path, json={"requests": [EXAMPLE]})
    assert r.status_code == 400 and {d["field"]: d["code"] for d in r.json["error"]["details"]} == {field: code}


def test_codes_say_what_is_wrong(client, tmp_path):
    r = client.post("/v1/decisions", json=EXAMPLE, headers={"Idempotency-Key": "has space"})
    assert r.json["error"]["details"][0]["code"] == "format"
    r = client.post("/v1/decisions", data="[1]", content_type="application/json")
    assert r.json["error"]["details"][0] == {"field": "(root)", "code": "type", "message": "not an object"}


def test_a_batch_in_chinese_says_so(client):
    r = client.post("/v1/decisions:batch", json={"requests": [EXAMPLE, dict(EXAMPLE, action="x")]},
                    headers={"Accept-Language": "zh"})
    assert r.status_code == 200 and r.headers["Content-Language"] == "zh"
    assert CJK.search(r.json["decisions"][1]["error"]["message"])
