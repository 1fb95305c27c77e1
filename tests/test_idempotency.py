"""Idempotency-Key: a retried POST gets the stored answer and is not decided or
logged again; the same key with another body is refused; keys are the
sender's own; a failure frees the key."""

from __future__ import annotations

import json
import threading

import pytest
from sqlalchemy import update

from decision_service.db import idempotency, keys, log
from decision_service.db.models import IdempotentAnswer
from decision_service.store.bundle import ROOT
from decision_service.web import create_app

EXAMPLE = json.loads((ROOT / "examples" / "request.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return create_app({"DATA_DIR": str(tmp_path_factory.mktemp("idem")), "KEY_CACHE_SECONDS": 0})


def portal(app, name: str) -> dict:
    return {"Authorization": "Bearer " + keys.create(app.extensions["osd"].sessions, name, "portal")}


def test_a_retry_gets_the_stored_answer_and_is_not_logged_again(app):
    c, me = app.test_client(), portal(app, "retrier")
    sessions = app.extensions["osd"].sessions
    before = log.count(sessions)
    first = c.post("/v1/decisions", json=EXAMPLE, headers={**me, "Idempotency-Key": "order-1"})
    again = c.post("/v1/decisions", json=EXAMPLE, headers={**me, "Idempotency-Key": "order-1"})
    assert first.status_code == again.status_code == 200
    assert again.json == first.json and again.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert log.count(sessions) == before + 1, "decided and logged once"
    fresh = c.post("/v1/decisions", json=EXAMPLE, headers={**me, "Idempotency-Key": "order-2"})
    assert fresh.json["decision_id"] != first.json["decision_id"]


def test_the_same_key_with_another_body_is_422(app):
    c, me = app.test_client(), portal(app, "reuser")
    assert c.post("/v1/decisions", json=EXAMPLE, headers={**me, "Idempotency-Key": "k"}).status_code == 200
    r = c.post("/v1/decisions", json=dict(EXAMPLE, purpose="research"), headers={**me, "Idempotency-Key": "k"})
    assert r.status_code == 422 and r.json["error"]["code"] == "idempotency_key_reused"
    r = c.post("/v1/decisions?x=1", json=EXAMPLE, headers={**me, "Idempotency-Key": "k"})
    assert r.status_code == 422, "the query string is part of the request"


def test_keys_are_each_senders_own(app):
    c, a, b = app.test_client(), portal(app, "sender-a"), portal(app, "sender-b")
    ra = c.post("/v1/decisions", json=EXAMPLE, headers={**a, "Idempotency-Key": "same"})
    rb = c.post("/v1/decisions", json=dict(EXAMPLE, purpose="research"), headers={**b, "Idempotency-Key": "same"})
    assert ra.status_code == rb.status_code == 200 and ra.json["decision_id"] != rb.json["decision_id"]


def test_a_refusal_is_kept_too_and_a_bad_key_is_400(app):
    c, me = app.test_client(), portal(app, "refused")
    bad = dict(EXAMPLE, action="sell")
    first = c.post("/v1/decisions", json=bad, headers={**me, "Idempotency-Key": "bad-1"})
    again = c.post("/v1/decisions", json=bad, headers={**me, "Idempotency-Key": "bad-1"})
    assert first.status_code == again.status_code == 400 and again.headers["Idempotent-Replayed"] == "true"
    for key in ("x" * 201, "has space", "中文"):
        r = c.post("/v1/decisions", json=EXAMPLE, headers={**me, "Idempotency-Key": key.encode("utf-8").decode("latin-1")})
        assert r.status_code == 400 and "Idempotency-Key" in r.json["error"]["fields"]


def test_batches_and_the_other_posts_take_keys(app):
    c, me = app.test_client(), portal(app, "batcher")
    for path, body in (("/v1/decisions:batch", {"requests": [EXAMPLE, EXAMPLE]}),
                       ("/v1/classifications", {"jurisdiction": "wuxi", "dataset": {}}),
                       ("/v1/deadlines", {"jurisdiction": "wuxi", "event": "objection_received", "date": "2026-11-02"}),
                       ("/v1/compare", {k: v for k, v in EXAMPLE.items() if k != "jurisdiction"})):
        first = c.post(path, json=body, headers={**me, "Idempotency-Key": path})
        again = c.post(path, json=body, headers={**me, "Idempotency-Key": path})
        assert first.status_code == 200 and again.get_data() == first.get_data(), path


def test_a_key_in_use_is_409_and_a_reservation_is_exclusive(app):
    sessions = app.extensions["osd"].sessions
    results = []

    def reserve() -> None:
        results.append(idempotency.reserve(sessions, "racer", "once", "h"))

    threads = [threading.Thread(target=reserve) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(r is None for r in results) == 1, "exactly one request wins the key"
    assert all(r.status is None for r in results if r is not None)
    c = app.test_client()
    me = {"Authorization": "Bearer " + keys.create(sessions, "busy", "portal")}
    assert c.post("/v1/decisions", json=EXAMPLE, headers={**me, "Idempotency-Key": "k"}).status_code == 200
    with sessions.begin() as s:  # as while the first request is still being answered
        s.execute(update(IdempotentAnswer).where(IdempotentAnswer.holder == "busy").values(status=None, body=None))
    r = c.post("/v1/decisions", json=EXAMPLE, headers={**me, "Idempotency-Key": "k"})
    assert r.status_code == 409 and r.headers["Retry-After"] == "1"
    assert r.json["error"]["code"] == "idempotency_key_in_use"


def test_old_keys_are_purged(app):
    import datetime as dt

    sessions = app.extensions["osd"].sessions
    assert idempotency.reserve(sessions, "old", "k1", "h") is None
    later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=idempotency.HOURS + 1)
    assert idempotency.purge(sessions, later) >= 1
    assert idempotency.reserve(sessions, "old", "k1", "h") is None, "a purged key is free again"


def test_a_failure_of_the_service_frees_the_key(app, monkeypatch):
    from decision_service.engine import EngineError

    c, me = app.test_client(), portal(app, "unlucky")
    decider = app.extensions["osd"].current().decider

    def broken(*args, **kwargs):
        raise EngineError("no instance")

    monkeypatch.setattr(decider, "decide_text", broken)
    assert c.post("/v1/decisions", json=EXAMPLE, headers={**me, "Idempotency-Key": "retry-me"}).status_code == 503
    monkeypatch.undo()
    r = c.post("/v1/decisions", json=EXAMPLE, headers={**me, "Idempotency-Key": "retry-me"})
    assert r.status_code == 200 and "Idempotent-Replayed" not in r.headers
