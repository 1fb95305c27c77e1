"""Bad input always gets the contract's JSON error (contract §6): the right
status, the field and the reason, never a 500 or a stack trace."""

from __future__ import annotations

import json

import pytest

from decision_service.store.bundle import ROOT
from decision_service.db import keys
from decision_service.web import create_app

EXAMPLE = json.loads((ROOT / "examples" / "request.json").read_text(encoding="utf-8"))


def changed(**parts) -> dict:
    """The example request with some fields replaced (dotted names reach nested fields)."""
    doc = json.loads(json.dumps(EXAMPLE))
    for dotted, value in parts.items():
        *path, last = dotted.split("__")
        target = doc
        for p in path:
            target = target[p]
        if value is DROP:
            target.pop(last)
        else:
            target[last] = value
    return doc


DROP = object()
JSON = "application/json"

# (name, method, path, body (JSON value, or raw bytes/str), content type, status, error code, field named)
CASES = [
    ("malformed JSON", "POST", "/v1/decisions", b'{"jurisdiction": ', JSON, 400, "invalid_json", "(body)"),
    ("trailing garbage", "POST", "/v1/decisions", b'{"a": 1} x', JSON, 400, "invalid_json", "(body)"),
    ("empty body", "POST", "/v1/decisions", b"", JSON, 400, "invalid_json", "(body)"),
    ("not UTF-8", "POST", "/v1/decisions", "\u6570".encode("gbk"), JSON, 400, "invalid_json", "(body)"),
    ("a JSON array", "POST", "/v1/decisions", [1, 2], JSON, 400, "invalid_request", "(root)"),
    ("a JSON string", "POST", "/v1/decisions", b'"wuxi"', JSON, 400, "invalid_request", "(root)"),
    ("null body", "POST", "/v1/decisions", None, JSON, 400, "invalid_request", "(root)"),
    ("text/plain", "POST", "/v1/decisions", json.dumps(EXAMPLE), "text/plain", 415, "unsupported_media_type", "Content-Type"),
    ("form data", "POST", "/v1/decisions", "a=1", "application/x-www-form-urlencoded", 415, "unsupported_media_type", "Content-Type"),
    ("no content type", "POST", "/v1/decisions", json.dumps(EXAMPLE), None, 415, "unsupported_media_type", "Content-Type"),
    ("unknown top-level field", "POST", "/v1/decisions", changed(colour="red"), JSON, 400, "invalid_request", "colour"),
    ("unknown nested field", "POST", "/v1/decisions", changed(requester__age=30), JSON, 400, "invalid_request", "requester.age"),
    ("unknown jurisdiction", "POST", "/v1/decisions", changed(jurisdiction="shanghai"), JSON, 400, "invalid_request", "jurisdiction"),
    ("jurisdiction missing", "POST", "/v1/decisions", changed(jurisdiction=DROP), JSON, 400, "invalid_request", "jurisdiction"),
    ("unknown action", "POST", "/v1/decisions", changed(action="sell"), JSON, 400, "invalid_request", "action"),
    ("action a number", "POST", "/v1/decisions", changed(action=1), JSON, 400, "invalid_request", "action"),
    ("requester missing", "POST", "/v1/decisions", changed(requester=DROP), JSON, 400, "invalid_request", "requester"),
    ("requester a string", "POST", "/v1/decisions", changed(requester="me"), JSON, 400, "invalid_request", "requester"),
    ("unknown requester type", "POST", "/v1/decisions", changed(requester__type="robot"), JSON, 400, "invalid_request", "requester.type"),
    ("unknown level", "POST", "/v1/decisions", changed(requester__level="village"), JSON, 400, "invalid_request", "requester.level"),
    ("flag as a string", "POST", "/v1/decisions", changed(requester__real_name_verified="yes"), JSON, 400, "invalid_request", "requester.real_name_verified"),
    ("flag as a number", "POST", "/v1/decisions", changed(requester__agreement_accepted=1), JSON, 400, "invalid_request", "requester.agreement_accepted"),
    ("unknown open class", "POST", "/v1/decisions", changed(dataset__open_class="open"), JSON, 400, "invalid_request", "dataset.open_class"),
    ("unknown share class", "POST", "/v1/decisions", changed(dataset__share_class="shared"), JSON, 400, "invalid_request", "dataset.share_class"),
    ("unknown purpose", "POST", "/v1/decisions", changed(purpose="fun"), JSON, 400, "invalid_request", "purpose"),
    ("unknown access mode", "POST", "/v1/decisions", changed(access_mode="fax"), JSON, 400, "invalid_request", "access_mode"),
    ("as_of not a date", "POST", "/v1/decisions", changed(as_of="tomorrow"), JSON, 400, "invalid_request", "as_of"),
    ("as_of impossible date", "POST", "/v1/decisions", changed(as_of="2026-02-30"), JSON, 400, "invalid_request", "as_of"),
    ("as_of with a time", "POST", "/v1/decisions", changed(as_of="2026-11-23T10:00:00"), JSON, 400, "invalid_request", "as_of"),
    ("received_on a number", "POST", "/v1/decisions", changed(received_on=20261123), JSON, 400, "invalid_request", "received_on"),
    ("usage period bad date", "POST", "/v1/decisions", changed(application__usage_period={"from": "2026-13-01", "to": "2027-01-01"}), JSON, 400, "invalid_request", "application.usage_period.from"),
    ("commitment a string", "POST", "/v1/decisions", changed(application__commitment="true"), JSON, 400, "invalid_request", "application.commitment"),
    ("request type unknown", "POST", "/v1/decisions", changed(application__request_type="fax"), JSON, 400, "invalid_request", "application.request_type"),
    ("title too long", "POST", "/v1/decisions", changed(application__title="x" * 2001), JSON, 400, "invalid_request", "application.title"),
    ("batch not an object", "POST", "/v1/decisions:batch", [EXAMPLE], JSON, 400, "invalid_request", "(root)"),
    ("batch empty", "POST", "/v1/decisions:batch", {"requests": []}, JSON, 400, "invalid_request", "requests"),
    ("atomic batch with a bad item", "POST", "/v1/decisions:batch", {"requests": [EXAMPLE, changed(action="x")], "atomic": True}, JSON, 400, "invalid_request", "requests.1.action"),
    ("batch with an unknown key", "POST", "/v1/decisions:batch", {"requests": [EXAMPLE], "options": {}}, JSON, 400, "invalid_request", "options"),
    ("batch common with a dataset", "POST", "/v1/decisions:batch", {"requests": [EXAMPLE], "common": {"dataset": {}}}, JSON, 400, "invalid_request", "common.dataset"),
    ("classification without dataset", "POST", "/v1/classifications", {"jurisdiction": "wuxi"}, JSON, 400, "invalid_request", "dataset"),
    ("classification unknown content", "POST", "/v1/classifications", {"dataset": {"contains": ["gossip"]}}, JSON, 400, "invalid_request", "dataset.contains.0"),
    ("classification unknown catalogue field", "POST", "/v1/classifications", {"dataset": {"catalogue": {"colour": "red"}}}, JSON, 400, "invalid_request", "dataset.catalogue.colour.key"),
    ("change to a share class under open", "POST", "/v1/classifications", {"dataset": {}, "change": {"kind": "open", "from": "not_shared", "to": "conditional"}}, JSON, 400, "invalid_request", "change.from"),
    ("both jurisdiction and jurisdictions", "POST", "/v1/classifications", {"jurisdiction": "wuxi", "jurisdictions": ["wuxi"], "dataset": {}}, JSON, 400, "invalid_request", "jurisdictions"),
    ("deadline unknown event", "POST", "/v1/deadlines", {"event": "flood", "date": "2026-11-23"}, JSON, 400, "invalid_request", "event"),
    ("deadline without date", "POST", "/v1/deadlines", {"event": "objection_received"}, JSON, 400, "invalid_request", "date"),
    ("deadline date not a date", "POST", "/v1/deadlines", {"event": "objection_received", "date": "23/11/2026"}, JSON, 400, "invalid_request", "date"),
    ("compare unknown jurisdiction", "POST", "/v1/compare", changed(jurisdictions=["shanghai"]), JSON, 400, "invalid_request", "jurisdictions"),
    ("compare bad field", "POST", "/v1/compare", changed(action="sell"), JSON, 400, "invalid_request", "action"),
    ("compare unknown format", "POST", "/v1/compare?format=pdf", EXAMPLE, JSON, 400, "invalid_request", "format"),
    ("matrix as_of not a date", "GET", "/v1/matrix?as_of=soon", None, None, 400, "invalid_request", "as_of"),
    ("matrix as_of without dashes", "GET", "/v1/matrix?as_of=20261122", None, None, 400, "invalid_request", "as_of"),
    ("log search since without dashes", "GET", "/v1/decisions?since=20261122", None, None, 400, "invalid_request", "since"),
    ("log search until impossible", "GET", "/v1/decisions?until=2026-02-30", None, None, 400, "invalid_request", "until"),
    ("log search bad outcome", "GET", "/v1/decisions?outcome=maybe", None, None, 400, "invalid_request", "outcome"),
    ("log search bad limit", "GET", "/v1/decisions?limit=0", None, None, 400, "invalid_request", "limit"),
    ("log search unknown parameter", "GET", "/v1/decisions?colour=red", None, None, 400, "invalid_request", "colour"),
    ("unknown route", "GET", "/v1/nothing", None, None, 404, "not_found", None),
    ("unknown route under decisions", "POST", "/v1/decisions/abc/undo", EXAMPLE, JSON, 404, "not_found", None),
    ("unknown regulation", "GET", "/v1/regulations/shanghai-open", None, None, 404, "not_found", "id"),
    ("unknown article", "GET", "/v1/regulations/wuxi-open/articles/100", None, None, 404, "not_found", "number"),
    ("article not a number", "GET", "/v1/regulations/wuxi-open/articles/first", None, None, 404, "not_found", "number"),
    ("wrong method", "DELETE", "/v1/decisions", None, None, 405, "method_not_allowed", None),
    ("GET on a POST endpoint", "GET", "/v1/classifications", None, None, 405, "method_not_allowed", None),
    ("body over the limit", "POST", "/v1/decisions", b'{"x": "' + b"a" * (3 * 1024 * 1024) + b'"}', JSON, 413, "payload_too_large", None),
]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    app = create_app({"DATA_DIR": str(tmp_path_factory.mktemp("data"))})
    client = app.test_client()
    sessions = app.extensions["osd"].sessions
    client.portal = keys.create(sessions, "errors-portal", "portal")
    client.reviewer = keys.create(sessions, "errors-reviewer", "reviewer")
    return client


def test_there_are_at_least_forty_cases():
    assert len(CASES) >= 40


@pytest.mark.parametrize("name,method,path,body,ctype,status,code,field", CASES, ids=[c[0] for c in CASES])
def test_bad_input(client, name, method, path, body, ctype, status, code, field):
    key = client.reviewer if path.startswith("/v1/decisions?") else client.portal
    headers = {"Authorization": f"Bearer {key}"}
    if ctype:
        headers["Content-Type"] = ctype
    data = body if isinstance(body, (bytes, str)) else (json.dumps(body) if body is not None or ctype else None)
    r = client.open(path, method=method, data=data, headers=headers)
    assert r.status_code == status, r.get_data(as_text=True)[:300]
    assert r.mimetype == "application/json"
    err = r.json["error"]
    assert err["code"] == code
    assert err["message"] and "Traceback" not in r.get_data(as_text=True)
    if field:
        assert field in err["fields"], err
