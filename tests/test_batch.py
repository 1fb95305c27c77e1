"""A batch fit for a catalogue listing: caller ids echoed, a common part merged,
invalid items answered in place (all of them), atomic batches, the compact
view, and every decision logged."""

from __future__ import annotations

import json

import pytest

from decision_service.answers import batch
from decision_service.db import keys
from decision_service.store.bundle import ROOT
from decision_service.web import create_app

EXAMPLE = json.loads((ROOT / "examples" / "request.json").read_text(encoding="utf-8"))
COMMON = {k: EXAMPLE[k] for k in ("jurisdiction", "action", "as_of", "received_on", "requester", "purpose",
                                  "access_mode", "application")}


def listing(n: int, bad: set[int] = frozenset()) -> list[dict]:
    """``n`` catalogue rows as batch items; those in ``bad`` carry an impossible open class."""
    return [{"id": f"row-{i}", "dataset": {"id": f"wx-{i:04d}", "open_class": "maybe" if i in bad else "conditional",
                                           "provider": EXAMPLE["dataset"]["provider"]}} for i in range(n)]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return create_app({"DATA_DIR": str(tmp_path_factory.mktemp("batch")), "KEY_CACHE_SECONDS": 0})


@pytest.fixture(scope="module")
def client(app):
    c = app.test_client()
    c.environ_base["HTTP_AUTHORIZATION"] = "Bearer " + keys.create(app.extensions["osd"].sessions, "lister", "admin")
    return c


def test_a_thousand_items_with_ten_invalid_decide_990_and_answer_10_errors_in_place(client):
    bad = {3, 99, 100, 250, 400, 555, 700, 801, 950, 999}
    r = client.post("/v1/decisions:batch", json={"requests": listing(1000, bad), "common": COMMON})
    assert r.status_code == 200 and r.json["summary"] == {"decided": 990, "refused": 10}
    results = r.json["decisions"]
    assert [x["index"] for x in results] == list(range(1000))
    assert [x["id"] for x in results] == [f"row-{i}" for i in range(1000)]
    assert [x["dataset_id"] for x in results] == [f"wx-{i:04d}" for i in range(1000)]
    assert {x["index"] for x in results if "error" in x} == bad
    assert all(x["error"]["details"][0] == {"field": "dataset.open_class", "code": "enum",
                                            "message": "Must be one of: unconditional, conditional, not_open."}
               for x in results if "error" in x)
    assert {x["outcome"] for x in results if "error" not in x} == {"apply"}


def test_the_decisions_of_a_batch_equal_single_decisions_and_are_logged(client):
    items = listing(3)
    r = client.post("/v1/decisions:batch", json={"requests": items, "common": COMMON}).json
    for item, result in zip(items, r["decisions"]):
        single = client.post("/v1/decisions", json={**COMMON, "dataset": item["dataset"]}).json
        strip = {"decision_id", "index", "id", "dataset_id"}
        assert {k: v for k, v in result.items() if k not in strip} == {k: v for k, v in single.items() if k not in strip}
        logged = client.get(f"/v1/decisions/{result['decision_id']}").json
        assert logged["batch_id"] == r["batch_id"] and logged["request"]["requester"] == COMMON["requester"]


def test_an_item_overrides_common_field_by_field():
    common = {"requester": {"type": "legal_person", "real_name_verified": True}, "purpose": "research"}
    item = {"requester": {"real_name_verified": False}, "purpose": "commercial"}
    assert batch.merged(common, item) == {"requester": {"type": "legal_person", "real_name_verified": False},
                                          "purpose": "commercial"}
    assert common["requester"]["real_name_verified"] is True, "common is not changed"


def test_an_atomic_batch_names_every_invalid_item(client):
    r = client.post("/v1/decisions:batch", json={"requests": listing(20, {2, 7, 19}), "common": COMMON, "atomic": True})
    assert r.status_code == 400
    assert sorted(r.json["error"]["fields"]) == sorted(f"requests.{i}.dataset.open_class" for i in (2, 7, 19))
    r = client.post("/v1/decisions:batch", json={"requests": listing(2), "common": COMMON, "atomic": True})
    assert r.status_code == 200 and r.json["summary"]["refused"] == 0


@pytest.mark.parametrize("item, field", [
    ({"id": 5, "dataset": {}}, "id"), ({"id": "", "dataset": {}}, "id"), ("a row", "(root)"),
    ({"dataset": {}, "colour": "red"}, "colour"),
])
def test_bad_items_are_answered_in_place(client, item, field):
    r = client.post("/v1/decisions:batch", json={"requests": [item, listing(1)[0]], "common": COMMON})
    assert r.status_code == 200 and r.json["summary"] == {"decided": 1, "refused": 1}
    assert field in r.json["decisions"][0]["error"]["fields"]


def test_the_compact_view_cites_by_reference_and_link_within_1_5_kb(client):
    r = client.post("/v1/decisions:batch?view=compact", json={"requests": listing(5), "common": COMMON}).json
    assert r["view"] == "compact" and r["links"]["articles"] == "/v1/regulations/{regulation}/articles/{article}"
    for result in r["decisions"]:
        size = len(json.dumps({k: v for k, v in result.items() if k not in ("index", "id", "dataset_id")},
                              ensure_ascii=False).encode())
        assert size <= 1536, size
        assert "wuxi-open#15" in "".join(result["basis"]) and result["conditions"] and result["deadline"]["due"]
        full = client.get(result["links"]["decision"]).json["decision"]
        assert [a["ref"] for a in full["basis"]] == result["basis"]
        assert [t["code"] for t in full["conditions"]] == result["conditions"]
    article = client.get(batch.article_link(r["decisions"][0]["basis"][0]))
    assert article.status_code == 200 and article.json["text"]


def test_no_compact_decision_of_any_scenario_is_over_1_5_kb(decider):
    from decision_service.store.scenarios import load_scenarios, request_of

    sizes = [len(json.dumps(batch.compact(decider.decide(request_of(s))), ensure_ascii=False).encode())
             for s in load_scenarios() if s["kind"] == "decision"]
    assert len(sizes) > 50 and max(sizes) <= 1536, max(sizes)


def test_a_bad_view_is_refused(client):
    r = client.post("/v1/decisions:batch?view=tiny", json={"requests": listing(1), "common": COMMON})
    assert r.status_code == 400 and r.json["error"]["details"][0]["code"] == "enum"


@pytest.mark.parametrize("common, field", [
    ({"application": {"security_measures": 0.0}}, "common.application.security_measures"),
    ({"as_of": "2026-02-30"}, "common.as_of"), ({"purpose": "fun"}, "common.purpose"),
])
def test_a_bad_common_part_refuses_the_whole_batch(client, common, field):
    r = client.post("/v1/decisions:batch", json={"requests": listing(2), "common": {**COMMON, **common}})
    assert r.status_code == 400 and field in r.json["error"]["fields"], r.json
