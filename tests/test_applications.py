"""Applications on the statutory clock, on the real server with SQLite and with
PostgreSQL: every case of ``application_cases.yaml`` (one open and one share
path per jurisdiction that has one) from received to answered, with the due
dates the texts give after each event; lists by due date, body and state with
cursor paging; one portal key never sees another's; bad input named."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml

from decision_service.answers.calendar import Calendar
from decision_service.answers.decide import today_shanghai

from .conftest import copy_bundle, new_postgres_database
from .test_server import Server

CASES = yaml.safe_load((Path(__file__).parent / "application_cases.yaml").read_text(encoding="utf-8"))


def fresh_database(kind: str, folder: Path) -> str:
    """A database of its own (the keys' names are the Server's): an SQLite file, or a new PostgreSQL database."""
    return f"sqlite:///{folder / 'apps.sqlite3'}" if kind == "sqlite" else new_postgres_database()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def server(request, tmp_path_factory):
    data = tmp_path_factory.mktemp(f"apps-{request.param}")
    s = Server(data, copy_bundle(tmp_path_factory.mktemp("apps-source")), fresh_database(request.param, data))
    s.keys["other"] = s.osd("keys", "create", "--name", "other-portal", "--role", "portal").stdout.strip()
    yield s
    s.stop()


def expected_due(value: str | None) -> tuple[str | None, str | None]:
    """``2026-11-24 reading`` → the date and its source; a bare date is the text's; null: none."""
    if value is None:
        return None, None
    day, _, source = str(value).partition(" ")
    return day, source or "text"


def check(app: dict, expect: dict, where: str) -> None:
    duties = {d["key"]: d for d in app["duties"]}
    for key, value in (expect.get("due") or {}).items():
        assert (duties[key]["due"], duties[key]["due_source"]) == expected_due(value), (where, key, duties[key])
    if "state" in expect:
        assert app["state"] == expect["state"], where
    for state in ("done", "ended"):
        for key in expect.get(state, []):
            assert duties[key]["state"] == state, (where, key, duties[key]["state"])
    if "next" in expect:
        assert app["next"] and app["next"]["key"] == expect["next"], (where, app["next"])
    for code in expect.get("notes", []):
        assert code in {n["code"] for n in app["notes"]}, (where, code)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_an_application_runs_from_received_to_answered_on_the_texts_dates(server, case):
    status, app = server.request("POST", "/v1/applications", {"request": case["request"],
                                                               "received_on": case["received_on"]}, role="portal")
    assert status == 201, app
    assert app["received_on"] == case["received_on"] and app["state"] == "received"
    assert {ref for d in app["duties"] for ref in d["basis"]} >= set(case["articles"])
    check(app, case, "registered")
    for n, step in enumerate(case["events"]):
        status, answer = server.request("POST", f"/v1/applications/{app['id']}/events", step["event"], role="portal")
        if "refused" in step:
            assert status == step["refused"]["status"], answer
            assert sorted(answer["error"]["fields"]) == sorted(step["refused"]["fields"])
            assert any("#" in reason for reasons in answer["error"]["fields"].values() for reason in reasons)
            continue
        assert status == 201, (n, answer)
        check(answer, step, f"after event {n}: {step['event']['type']}")
    status, shown = server.request("GET", f"/v1/applications/{app['id']}", role="portal")
    assert status == 200 and [e["type"] for e in shown["events"]] == [
        s["event"]["type"] for s in case["events"] if "refused" not in s]


def test_only_a_decision_a_body_must_answer_is_an_application(server):
    wuxi_share = {"jurisdiction": "wuxi", "action": "share", "requester": {"type": "government_department"},
                  "dataset": {"share_class": "conditional"}}
    status, answer = server.request("POST", "/v1/applications", {"request": wuxi_share}, role="portal")
    assert status == 422 and answer["error"]["code"] == "not_an_application"
    assert "not_applicable" in answer["error"]["fields"]["request"][0]
    direct = {"jurisdiction": "guangxi", "action": "open", "requester": {"type": "legal_person"},
              "dataset": {"open_class": "unconditional"}}
    status, answer = server.request("POST", "/v1/applications", {"request": direct}, role="portal")
    assert status == 422 and "permit" in answer["error"]["message"]


def test_an_application_from_a_logged_decision_keeps_its_dates(server):
    case = CASES[2]
    status, decision = server.request("POST", "/v1/decisions", {**case["request"], "received_on": "2026-11-23",
                                                                 "as_of": "2026-11-23"}, role="portal")
    assert status == 200
    status, app = server.request("POST", "/v1/applications", {"decision_id": decision["decision_id"]}, role="portal")
    assert status == 201 and app["decision_id"] == decision["decision_id"]
    assert [d["due"] for d in app["duties"]] == [s["due"] for s in decision["timeline"]]
    status, other = server.request("POST", "/v1/applications", {"decision_id": decision["decision_id"],
                                                                 "received_on": "2026-11-24"}, role="portal")
    assert status == 201 and other["decision_id"] != decision["decision_id"]
    assert other["duties"][0]["due"] == "2026-11-27"  # 3 working days from 11-24


def registered(server, received_on: str, role: str = "portal", reference: str | None = None) -> dict:
    body = {"request": CASES[2]["request"], "received_on": received_on, **({"reference": reference} if reference else {})}
    status, app = server.request("POST", "/v1/applications", body, role=role)
    assert status == 201, app
    return app


def test_late_applications_are_listed_with_working_days_left(server):
    calendar, today = Calendar.from_file(), dt.date.fromisoformat(today_shanghai())
    late = registered(server, "2026-11-02", reference="late-one")
    fresh = registered(server, today.isoformat(), reference="fresh-one")
    status, page = server.request("GET", "/v1/applications?overdue=true&jurisdiction=guangxi&limit=500", role="portal")
    assert status == 200
    ids = [a["id"] for a in page["applications"]]
    assert late["id"] in ids and fresh["id"] not in ids
    shown = next(a for a in page["applications"] if a["id"] == late["id"])
    due = dt.date.fromisoformat(shown["next"]["due"])
    assert shown["next"]["due"] == "2026-11-05" and shown["next"]["overdue"] is True
    assert shown["next"]["working_days_left"] == calendar.working_days_left(today, due).n < 0
    status, page = server.request("GET", f"/v1/applications?due_before={shown['next']['due']}&limit=500", role="portal")
    assert status == 200, page
    assert all(a["next"]["due"] <= shown["next"]["due"] for a in page["applications"])
    status, fresh_shown = server.request("GET", f"/v1/applications/{fresh['id']}", role="portal")
    assert fresh_shown["next"]["working_days_left"] == 3 and fresh_shown["next"]["overdue"] is False


def test_the_list_pages_by_due_date_with_a_cursor_and_filters_by_body(server):
    for day in ("2026-11-09", "2026-11-10", "2026-11-11"):
        registered(server, day)
    seen, cursor = [], None
    while True:
        status, page = server.request("GET", "/v1/applications?limit=2" + (f"&cursor={cursor}" if cursor else ""),
                                      role="reviewer")
        assert status == 200 and len(page["applications"]) <= 2
        seen += page["applications"]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    dues = [a["next"]["due"] if a["next"] and a["next"]["due"] else "9999" for a in seen]
    assert dues == sorted(dues) and len({a["id"] for a in seen}) == len(seen) >= 4
    status, page = server.request("GET", "/v1/applications?actor=providing%20department&limit=500", role="reviewer")
    assert page["applications"] and all(
        any("providing department" in d["actor_en"] and d["state"] == "open" for d in a["duties"])
        for a in page["applications"])
    status, page = server.request("GET", "/v1/applications?actor=%25&limit=500", role="reviewer")
    assert page["applications"] == []  # taken literally, not as a wildcard


def test_one_portal_key_never_sees_or_moves_another_keys_applications(server):
    mine = registered(server, "2026-11-23")
    other = server.keys["portal"], server.keys["other"]
    server.keys["portal"] = other[1]
    try:
        assert server.request("GET", f"/v1/applications/{mine['id']}", role="portal")[0] == 404
        assert server.request("POST", f"/v1/applications/{mine['id']}/events", {"type": "accepted"},
                              role="portal")[0] == 404
        status, page = server.request("GET", "/v1/applications?limit=500", role="portal")
        assert mine["id"] not in [a["id"] for a in page["applications"]]
    finally:
        server.keys["portal"] = other[0]
    assert server.request("GET", f"/v1/applications/{mine['id']}", role="reviewer")[0] == 200


@pytest.mark.parametrize("query, field", [("state=late", "state"), ("due_before=2026-13-01", "due_before"),
                                          ("overdue=yes", "overdue"), ("cursor=zzz", "cursor"), ("limit=0", "limit"),
                                          ("colour=red", "colour"), ("jurisdiction=mars", "jurisdiction"),
                                          ("state=", "state"), ("actor=", "actor")])
def test_a_bad_query_names_its_parameter(server, query, field):
    status, answer = server.request("GET", f"/v1/applications?{query}", role="portal")
    assert status == 400 and field in answer["error"]["fields"]


@pytest.mark.parametrize("event, status, field", [
    ({"type": "answered"}, 400, "outcome"),
    ({"type": "accepted", "outcome": "granted"}, 400, "outcome"),
    ({"type": "lost"}, 400, "type"),
    ({"type": "accepted", "on": "2026-11-01"}, 400, "on"),
    ({"type": "accepted", "on": "2099-01-01"}, 400, "on"),
    ({"type": "data_provided"}, 409, "type"),
    ({"type": "materials_received"}, 409, "type"),
    ({"type": "forwarded", "step": "open_release"}, 409, "step"),
])
def test_an_event_the_texts_or_the_state_do_not_allow_is_refused_by_name(server, event, status, field):
    app = registered(server, "2026-11-23")
    got, answer = server.request("POST", f"/v1/applications/{app['id']}/events", event, role="portal")
    assert got == status and field in answer["error"]["fields"], answer
    assert server.request("GET", f"/v1/applications/{app['id']}", role="portal")[1]["events"] == []


def test_after_withdrawal_nothing_is_owed_and_no_event_moves_it(server):
    app = registered(server, "2026-11-23")
    status, answer = server.request("POST", f"/v1/applications/{app['id']}/events",
                                    {"type": "withdrawn", "on": "2026-11-24"}, role="portal")
    assert status == 201 and answer["state"] == "withdrawn" and answer["next"] is None
    assert {d["state"] for d in answer["duties"]} == {"ended"}
    assert server.request("POST", f"/v1/applications/{app['id']}/events", {"type": "accepted"}, role="portal")[0] == 409


def test_registration_needs_one_source_and_a_received_day_not_in_the_future(server):
    assert server.request("POST", "/v1/applications", {}, role="portal")[1]["error"]["fields"].keys() == {"request"}
    status, answer = server.request("POST", "/v1/applications", {"request": CASES[2]["request"],
                                                                 "received_on": "2099-01-04"}, role="portal")
    assert status == 400 and "received_on" in answer["error"]["fields"]
    status, answer = server.request("POST", "/v1/applications", {"decision_id": "0" * 8 + "-0000-0000-0000-" + "0" * 12},
                                    role="portal")
    assert status == 404


def test_every_step_a_body_must_answer_names_the_event_that_discharges_it(decider):
    """Each step of every decision ``apply`` in the scenarios says which event discharges it,
    and a refusal rule cites an article its step rests on (so the decision cites it)."""
    from decision_service.store.scenarios import load_scenarios, request_of

    steps = [s for sc in load_scenarios() if sc["kind"] == "decision"
             for d in [decider.decide(request_of(sc))] if d["outcome"] == "apply" for s in d["timeline"]]
    assert len(steps) > 30
    assert [s["key"] for s in steps if not s.get("done_by")] == []
    for s in steps:
        if "refusal" in s:
            assert set(s["refusal"]["basis"]) <= set(s["basis"]), s["key"]


def test_a_bodys_calendar_lists_its_open_due_dates(server):
    app = registered(server, "2026-11-23", reference="feed-one")
    conn_status, text = server.request("GET", f"/v1/applications.ics?actor={quote('数据提供部门')}", role="portal")
    assert conn_status == 200 and text.startswith("BEGIN:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    events = {e["UID"]: e for e in vevents(text)}
    first = events[f"{app['id']}-0@osd"]
    assert first["DTSTART;VALUE=DATE"] == "20261126" and first["DTEND;VALUE=DATE"] == "20261127"
    assert first["SUMMARY"].startswith("数据提供部门：") and "guangxi-scheduling#33" in first["DESCRIPTION"]
    assert "feed-one" in first["DESCRIPTION"]
    server.request("POST", f"/v1/applications/{app['id']}/events", {"type": "answered", "on": "2026-11-25",
                                                                      "outcome": "refused", "reasons": "无"}, role="portal")
    text = server.request("GET", f"/v1/applications.ics?actor={quote('数据提供部门')}", role="portal")[1]
    assert app["id"] not in text  # refused: nothing is owed any more
    assert server.request("GET", "/v1/applications.ics?colour=red", role="portal")[0] == 400


def vevents(text: str) -> list[dict]:
    """The events of an iCalendar text, unfolded (RFC 5545 §3.1), each property by its name and parameters."""
    lines = text.replace("\r\n ", "").split("\r\n")
    events, current = [], None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            name, _, value = line.partition(":")
            current[name] = value.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";")
    return events
