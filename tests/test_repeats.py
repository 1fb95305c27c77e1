"""Repeated questions answered from memory: the same decision word for word
under a new id, without the engine; each answer still logged as it was sent;
the key still checked; bodies with personal data masked in the log as before;
a new bundle starts with an empty memory."""

from __future__ import annotations

import json

import pytest

from decision_service.answers.decide import Decider
from decision_service.answers.repeats import Memo
from decision_service.db import keys, log
from decision_service.store.bundle import ROOT
from decision_service.web import create_app

EXAMPLE = json.loads((ROOT / "examples" / "request.json").read_text(encoding="utf-8"))


def test_a_repeated_input_is_the_same_decision_under_a_new_id_without_the_engine(monkeypatch):
    decider = Decider.from_disk()
    first, first_text = decider.decide_text(EXAMPLE)

    def no_engine(doc):  # noqa: ANN001
        raise AssertionError("the engine was asked again")

    monkeypatch.setattr(decider.engine, "evaluate", no_engine)
    again, again_text = decider.decide_text(EXAMPLE)
    assert again["decision_id"] != first["decision_id"]
    assert json.loads(again_text) == again and json.loads(first_text) == first
    assert {**again, "decision_id": None} == {**first, "decision_id": None}
    plain = Decider(decider.bundle, decider.engine, decider.calendar)  # a new decider remembers nothing
    with pytest.raises(AssertionError, match="asked again"):
        plain.decide_text(EXAMPLE)
    other = {**EXAMPLE, "received_on": "2026-11-24", "as_of": "2026-11-24"}
    with pytest.raises(AssertionError, match="asked again"):
        decider.decide_text(other)  # another input is decided


def test_the_memo_keeps_the_inputs_used_last():
    memo: Memo[int] = Memo(2)
    memo.put(b"a", 1)
    memo.put(b"b", 2)
    assert memo.get(b"a") == 1  # a is used: b is now the oldest
    memo.put(b"c", 3)
    assert (memo.get(b"a"), memo.get(b"b"), memo.get(b"c")) == (1, None, 3)
    off: Memo[int] = Memo(0)
    off.put(b"a", 1)
    assert off.get(b"a") is None


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return create_app({"DATA_DIR": str(tmp_path_factory.mktemp("repeats")), "KEY_CACHE_SECONDS": 0})


def test_each_repeated_answer_is_logged_as_it_was_sent(app):
    sessions = app.extensions["osd"].sessions
    c = app.test_client()
    me = {"Authorization": "Bearer " + keys.create(sessions, "repeater", "portal")}
    told = "张三的联系电话13800138000，用于交通研究"
    body = {**EXAMPLE, "application": {**EXAMPLE["application"], "reason": told}}
    answers = [c.post("/v1/decisions", json=body, headers=me) for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 200]
    ids = [a.json["decision_id"] for a in answers]
    assert len(set(ids)) == 3
    logged = [log.get(sessions, i) for i in ids]
    for entry, answer in zip(logged, answers):
        assert entry["decision"]["decision_id"] == answer.json["decision_id"]
        assert entry["decision"]["outcome"] == answer.json["outcome"] and entry["decision"]["timeline"] == answer.json["timeline"]
        assert entry["request"]["application"]["reason"] != told, "the log masks free text, repeated or not"
        assert told not in json.dumps(entry["decision"], ensure_ascii=False)
    assert len({json.dumps({**e["decision"], "decision_id": None}, sort_keys=True) for e in logged}) == 1
    reviewer = {"Authorization": "Bearer " + keys.create(sessions, "looker", "reviewer")}
    assert c.post("/v1/decisions", json=body, headers=reviewer).status_code == 403, "a remembered body needs a key"
    assert c.post("/v1/decisions", json=body).status_code == 401
    bad = c.post("/v1/decisions", data=json.dumps(body), headers={**me, "Content-Type": "text/plain"})
    assert bad.status_code == 415, "a remembered body is still refused when it is not sent as JSON"
