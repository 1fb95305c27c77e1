"""Every time limit kept once: decisions and deadline answers read the same
limits, every time word of the texts is accounted for, and each count keeps
its meaning (及时 is never "no limit"; an earliest day is never a due date)."""

from __future__ import annotations

import copy

import pytest

from decision_service.answers.counting import count_steps
from decision_service.answers.deadlines import Deadlines
from decision_service.answers.requests import EVENTS, validate_request
from decision_service.store import timewords
from decision_service.store.bundle import JURISDICTIONS, BundleError, load_regulation, schema_validator
from decision_service.store.scenarios import load_scenarios, request_of

ACCESS_EVENTS = {"open": "open_application_received", "share": "share_application_received"}


def decision_requests() -> list[dict]:
    """The request of every decision scenario (they reach every route of every jurisdiction)."""
    return [request_of(sc) for sc in load_scenarios() if sc.get("kind", "decision") == "decision"]


@pytest.fixture(scope="module")
def decided(decider):
    out = []
    for req in decision_requests():
        out.append((req, decider.decide(validate_request(dict(req)))))
    return out


def _deadline_path(decider, jurisdiction: str, action: str, day: str, path: str) -> dict:
    answer = Deadlines(decider).deadlines({"jurisdiction": jurisdiction, "event": ACCESS_EVENTS[action], "date": day})
    result = answer["results"][0]
    paths = {p["key"]: p for p in result["paths"]}
    assert path in paths, f"{jurisdiction} {action}: the decision's path {path} is not a path of {ACCESS_EVENTS[action]}"
    return paths[path]


def test_a_decision_timeline_is_the_deadline_events_path(decider, decided):
    """For every decision with a timeline: the same limits, in the same order,
    counted to the same dates as the deadline event's path from received_on."""
    checked = 0
    for req, d in decided:
        if not d["timeline"]:
            assert d["path"] is None
            continue
        path = _deadline_path(decider, d["jurisdiction"], d["action"], d["received_on"], d["path"])
        want = [(s["key"], s["count"], s["n"], s["due"], s["not_before"], s["basis"]) for s in path["limits"]]
        got = [(s["key"], s["count"], s["n"], s["due"], s["not_before"], s["basis"]) for s in d["timeline"]]
        assert got == want, f"{req}"
        if d["deadline"] is not None:
            assert d["deadline"]["step"] == path["answer"]
            answer = next(s for s in path["limits"] if s["key"] == path["answer"])
            assert d["deadline"]["due"] == answer["due"]
        checked += 1
    assert checked >= 20


def governing(jurisdiction: str) -> str:
    """The text whose limits a jurisdiction's access decisions follow (Nanning's
    own text sets none, so the Guangxi draft's are used, with a note)."""
    return "guangxi-scheduling" if jurisdiction == "nanning" else JURISDICTIONS[jurisdiction]


def test_every_open_and_share_path_is_reached_by_a_decision(bundle, decided):
    """No path of an access event is left untried: each is some decision's timeline."""
    reached = {(governing(d["jurisdiction"]), d["path"]) for _, d in decided if d["path"]}
    for reg in set(JURISDICTIONS.values()) - {"nanning-open"}:
        params = bundle.version_on(reg, "2026-11-23")["parameters"]
        for event in ACCESS_EVENTS.values():
            for path in (params.get("events", {}).get(event) or {}).get("paths", []):
                assert (reg, path) in reached, f"no decision scenario reaches {reg} {path}"


def test_the_time_word_scan_leaves_nothing_uncovered(bundle):
    summary = timewords.summary(bundle.regulations)
    for reg_id, row in summary.items():
        assert row["occurrences"] > 0
        assert row["uncovered"] == [], f"{reg_id}: " + "; ".join(f"{o.ref} {o.word} …{o.context}…" for o in row["uncovered"])
    assert sum(row["limits"] for row in summary.values()) >= 69
    for reg in bundle.regulations.values():
        assert timewords.unused_not_limits(reg) == []


def test_the_scan_catches_a_limit_that_is_dropped(bundle):
    reg = copy.deepcopy(bundle.regulations["wuxi-open"])
    del reg["versions"][0]["parameters"]["limits"]["respond_to_rectification"]
    uncovered = [o for o in timewords.scan(reg) if not o.covered]
    assert {(o.ref, o.word) for o in uncovered} == {("wuxi-open#13", "工作日")}


def test_the_scan_matches_by_position_not_by_word(bundle):
    """A limit quoting one 立即 of Wuxi art. 23 does not account for the other."""
    reg = copy.deepcopy(bundle.regulations["wuxi-open"])
    del reg["versions"][0]["parameters"]["limits"]["remedy_leak"]
    uncovered = [o for o in timewords.scan(reg) if not o.covered]
    assert [(o.ref, o.word) for o in uncovered] == [("wuxi-open#23", "立即")]
    assert "数据泄露" in uncovered[0].context


def test_a_not_limit_must_quote_its_text():
    reg = {"id": "x-y", "articles": [{"number": 1, "text": "应当及时更新。"}], "versions": [],
           "not_time_limits": [{"ref": "x-y#1", "quote": "不在文中", "reason": "a reason long enough"}]}
    assert timewords.unused_not_limits(reg) == ["x-y not_time_limits[0]: quote not in x-y#1"]


def test_every_event_of_the_texts_is_an_event_a_request_may_name(bundle):
    named = {e for reg in bundle.regulations.values() for v in reg["versions"]
             for e in (v["parameters"].get("events") or {})}
    assert named <= set(EVENTS)
    assert set(EVENTS) - named == set()  # every event the service accepts is set by some text


def test_without_delay_and_other_counts_without_a_number_give_no_date(decider):
    steps = [
        {"key": k, "count": c, "n": None, "from": "event", "direction": "after"}
        for k, c in [("a", "without_delay"), ("b", "immediately"), ("c", "real_time"), ("d", "periodic"),
                     ("e", "yearly"), ("f", "set_by_authority"), ("g", "no_limit")]
    ]
    import datetime as dt

    counted, confirmed = count_steps(decider.calendar, dt.date(2026, 11, 23), steps)
    assert confirmed
    assert [(s["due"], s["not_before"]) for s in counted] == [(None, None)] * 7


def test_an_earliest_day_is_never_a_due_date(decider):
    import datetime as dt

    steps = [{"key": "p", "count": "calendar_days", "n": 30, "from": "event", "direction": "not_before",
              "not_before_day": "after_end"},
             {"key": "q", "count": "working_days", "n": 30, "from": "event", "direction": "not_before",
              "not_before_day": "end"}]
    counted, _ = count_steps(decider.calendar, dt.date(2026, 8, 27), steps)
    # 30 days after 27 Aug is Sat 26 Sep: the period ends on Mon 28 Sep, deletion from Tue 29 Sep;
    # the 30th working day (Sun 20 Sep is a make-up day, 25 Sep and 1–7 Oct are off) is allowed itself
    assert [(s["due"], s["not_before"]) for s in counted] == [(None, "2026-09-29"), (None, "2026-10-14")]


def test_a_step_after_an_undated_step_has_no_date_until_it_is_done(decider):
    import datetime as dt

    steps = [{"key": "a", "count": "no_limit", "n": None, "from": "event", "direction": "after"},
             {"key": "b", "count": "working_days", "n": 3, "from": "previous", "direction": "after"}]
    counted, _ = count_steps(decider.calendar, dt.date(2026, 11, 23), steps)
    assert counted[1]["start"] is None and counted[1]["due"] is None
    counted, _ = count_steps(decider.calendar, dt.date(2026, 11, 23), steps, {"a": dt.date(2026, 11, 24)})
    assert (counted[1]["start"], counted[1]["due"]) == ("2026-11-24", "2026-11-27")


def test_deadline_explanations_never_phrase_an_earliest_day_as_before(decider):
    answer = Deadlines(decider).deadlines({"jurisdiction": "guangxi", "event": "data_offline_requested",
                                           "date": "2026-06-15", "done": {"approve_data_offline": "2026-06-22"}})
    zh = answer["results"][0]["explanation"]["zh"]
    assert "最早于2026-07-28起方可" in zh and "最早于2026-08-04起方可" in zh
    assert "2026-07-28前" not in zh and "2026-08-04前" not in zh
    assert "最迟于2026-06-23" in zh


def test_not_stated_names_the_texts_read(decider):
    r = Deadlines(decider).deadlines({"jurisdiction": "nanning", "event": "objection_received", "date": "2026-11-23"})
    text = r["results"][0]["explanation"]
    assert "《南宁市公共数据开放管理办法》" in text["zh"] and "《广西政务数据调度管理办法（征求意见稿）》" in text["zh"]
    assert "None of them sets" in text["en"]


@pytest.mark.parametrize("bad, where", [
    ({"count": "without_delay", "n": 3}, "n"),
    ({"count": "working_days", "n": None}, "n"),
    ({"count": "working_days_before", "direction": "after"}, "direction"),
    ({"direction": "not_before"}, "not_before_day"),
    ({"from": "nowhere"}, "counts from"),
])
def test_the_schema_and_loader_refuse_an_ill_formed_limit(tmp_path, bad, where):
    from pathlib import Path

    import yaml

    source = Path(__file__).resolve().parent.parent / "regulations" / "wuxi-open.yaml"
    doc = yaml.safe_load(source.read_text(encoding="utf-8"))
    doc["versions"][0]["parameters"]["limits"]["reply_application"].update(bad)
    path = tmp_path / "wuxi-open.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    with pytest.raises(BundleError) as err:
        load_regulation(path, schema_validator())
    assert where in str(err.value) or "reply_application" in str(err.value)
