"""The client against the real service: each call, errors as exceptions with
their field codes, batches of any size in order, idempotent retries."""

from __future__ import annotations

import json
import urllib.request

import osd_client
import pytest
from osd_client import Client, InvalidRequest, NotFound, Unauthorized

REQUEST = {
    "jurisdiction": "wuxi", "action": "open", "as_of": "2026-11-23",
    "requester": {"type": "legal_person", "real_name_verified": True, "agreement_accepted": True},
    "dataset": {"id": "wx-transport-001", "open_class": "conditional",
                "provider": {"type": "government_department", "level": "city", "region": "wuxi"}},
    "purpose": "innovation", "access_mode": "platform",
    "application": {"title": "公交客流分析", "reason": "优化线路", "request_type": "dataset",
                    "usage_period": {"from": "2026-12-01", "to": "2027-11-30"}, "output_form": "报告",
                    "scenario": "线路规划", "commitment": True, "security_measures": "加密存储"},
}


@pytest.fixture(scope="module")
def client(service):
    url, key, _ = service
    return Client(url, key=key)


def test_the_readme_example_decides(client):
    decision = client.decide(REQUEST)
    assert decision["outcome"] == "apply" and decision["route"] == "application"
    assert decision["deadline"]["due"] == "2026-12-07" and decision["basis"][0]["quote"]


def test_errors_carry_the_field_codes(client):
    with pytest.raises(InvalidRequest) as refused:
        client.decide({**REQUEST, "action": "开放", "as_of": "2026-02-30"})
    assert refused.value.status == 400 and refused.value.code == "invalid_request"
    assert refused.value.codes() == {"action": "enum", "as_of": "format"}
    assert "'开放' means 'open'" in refused.value.fields["action"][0]


def test_errors_in_chinese_when_asked(service):
    url, key, _ = service
    with pytest.raises(InvalidRequest) as refused:
        Client(url, key=key, language="zh").decide({**REQUEST, "as_of": "2026-02-30"})
    assert refused.value.message.startswith("as_of：不是日期")


def test_no_key_and_unknown_things(service, client):
    with pytest.raises(Unauthorized):
        Client(service[0]).decide(REQUEST)
    with pytest.raises(NotFound):
        client.regulation("nowhere")


def test_decide_many_chunks_and_keeps_order(client):
    rows = [{"id": f"r{i}", "dataset": {"id": f"ds-{i}", "open_class": "maybe" if i % 7 == 3 else "conditional"}}
            for i in range(23)]
    common = {k: v for k, v in REQUEST.items() if k != "dataset"}
    results = client.decide_many(rows, common=common, chunk=5)
    assert [r["index"] for r in results] == list(range(23))
    assert [r["id"] for r in results] == [f"r{i}" for i in range(23)]
    assert [("error" in r) for r in results] == [i % 7 == 3 for i in range(23)]
    compact = client.decide_many(rows[:4], common=common, view="compact")
    assert compact[0]["conditions"] and isinstance(compact[0]["conditions"][0], str)


def test_a_retried_request_is_not_decided_twice(client):
    first = client.decide(REQUEST, idempotency_key="client-test-1")
    again = client.decide(REQUEST, idempotency_key="client-test-1")
    assert again["decision_id"] == first["decision_id"]
    assert client.decide(REQUEST)["decision_id"] != first["decision_id"], "each call has its own key"
    with pytest.raises(osd_client.IdempotencyKeyReused):
        client.decide({**REQUEST, "purpose": "research"}, idempotency_key="client-test-1")


def test_the_other_calls(client):
    assert client.classify({"jurisdiction": "wuxi", "dataset": {"declared_open_class": "conditional"}})["results"]
    deadlines = client.deadlines({"jurisdiction": "wuxi", "event": "objection_received", "date": "2026-11-02"})
    assert deadlines["results"][0]["jurisdiction"] == "wuxi"
    comparison = client.compare(REQUEST, jurisdictions=["wuxi", "nanjing"])
    assert [d["jurisdiction"] for d in comparison["decisions"]] == ["wuxi", "nanjing"]
    assert client.matrix(as_of="2026-11-23")["as_of"] == "2026-11-23"
    assert client.regulation("wuxi-open")["id"] == "wuxi-open"
    assert client.article("wuxi-open", 15)["ref"] == "wuxi-open#15"
    names = {v["name"] for v in client.vocabularies()["vocabularies"]}
    assert {"open_class", "requester.type", "outcome"} <= names


def test_public_pages_are_read_again_through_their_etag(service, client):
    first = client.vocabularies()
    tag, held = client._cached["/v1/vocabularies"]
    assert tag and json.loads(held) == first
    request = urllib.request.Request(service[0] + "/v1/vocabularies", headers={"If-None-Match": tag})
    with pytest.raises(urllib.error.HTTPError) as not_modified:
        urllib.request.urlopen(request)
    assert not_modified.value.code == 304
    assert client.vocabularies() == first
