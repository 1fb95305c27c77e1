"""Applications on the statutory clock: register one from a decision, record
what happens to it, list them by due date. A portal key sees and moves its own
applications; reviewer and admin keys see every one.

The decision is made, and logged, as ``POST /v1/decisions`` makes it; the clock
(``answers.applications``) keeps its timeline's dates as events come."""

from __future__ import annotations

import datetime as dt
import json
import uuid

from flask import Response, current_app, g, jsonify, request
from flask_smorest import Blueprint

from ....answers import application_answer as answer
from ....answers import ics
from ....answers.application_requests import LIST_PARAMETERS, validate_event, validate_registration
from ....answers.applications import Clock, EventRefused
from ....answers.decide import today_shanghai
from ....answers.requests import JURISDICTIONS, NOT_A_DATE, iso_date
from ....db import applications as store
from ....db import log as decision_log
from ...auth import require
from ...errors import ApiError, json_body, query_limit, refuse, unknown_parameters, validated
from ...idempotency import idempotent
from ...notify import notice
from ..decisions import log_decisions
from .schemas import ApplicationPageSchema, EventSchema, RegisteredApplicationSchema, RegistrationSchema

blp = Blueprint("applications", __name__, url_prefix="/v1", description="Applications on the statutory clock")


def _service():
    return current_app.extensions["osd"]


def _today() -> dt.date:
    return dt.date.fromisoformat(today_shanghai())


def _sees_all() -> bool:
    """Reviewer and admin keys (and a service run without keys) see every application."""
    return not current_app.config["REQUIRE_KEYS"] or g.get("key_role") in ("reviewer", "admin")


def _holder() -> str | None:
    return None if _sees_all() else g.get("key_name")


def _decision_for(body: dict) -> tuple[dict, bytes]:
    """The decision an application rests on, and the decision as it is kept (packed,
    personal data masked as the log masks it): the request decided now, or a logged
    one (decided again when another received_on is given)."""
    decider = _service().current().decider
    today = today_shanghai()
    if body.get("request") is not None:
        req = dict(body["request"])
        received = body.get("received_on") or req.get("received_on") or req.get("as_of") or today
        req["received_on"], req["as_of"] = received, req.get("as_of") or received
        if req["as_of"] < received:
            raise ApiError(400, "invalid_request", "received_on: Later than request.as_of.",
                           {"received_on": ["Later than request.as_of: the rules in force on the day of receipt apply."]})
    else:
        entry = decision_log.get(_service().sessions, body["decision_id"])
        if entry is None or not (_sees_all() or entry["key_name"] == g.get("key_name")):
            raise ApiError(404, "not_found", f"no decision {body['decision_id']} in the log for this key",
                           {"decision_id": ["unknown"]})
        old = entry["decision"]
        if body.get("received_on") in (None, old["received_on"]):
            return old, decision_log.pack(json.dumps(old, ensure_ascii=False))  # as logged: masked already
        req = {**entry["request"], "received_on": body["received_on"], "as_of": max(old["as_of"], body["received_on"])}
        received = body["received_on"]
    if received > today:
        raise ApiError(400, "invalid_request", f"received_on: After today ({today}).",
                       {"received_on": [f"After today ({today}): an application is registered once received."]})
    decision = decider.decide(req)
    text = json.dumps(decision, ensure_ascii=False)
    log_decisions([(req, decision, text)])
    kept = decision_log.row(req, decision, text, None, None, _service().masking_key)["decision"]
    return decision, kept


@blp.route("/applications", methods=["POST"])
@blp.doc(requestBody={"required": True, "content": {"application/json": {"schema": RegistrationSchema}}},
         security=[{"ApiKey": []}])
@blp.response(201, RegisteredApplicationSchema)
@require("portal")
@idempotent
def register():
    """Register an application: decided, its timeline kept as dated duties of the bodies the texts name.
    Only a decision a body must answer (outcome apply) is an application; any other is a 422."""
    body = validated(validate_registration, json_body())
    decision, packed = _decision_for(body)
    if decision["outcome"] != "apply":
        raise ApiError(422, "not_an_application",
                       f"the decision is {decision['outcome']}, not apply: no body must answer it "
                       f"(decision {decision['decision_id']})",
                       {"request" if body.get("request") is not None else "decision_id":
                        [f"decided {decision['outcome']}: {decision['explanation']['en']}"]})
    service, today = _service(), _today()
    clock = Clock(service.current().decider.calendar)
    projection = clock.start(decision)
    application_id = str(uuid.uuid4())
    store.create(service.sessions, {
        "id": application_id, "holder": g.get("key_name"), "reference": body.get("reference"),
        "decision_id": decision["decision_id"], "jurisdiction": decision["jurisdiction"],
        "action": decision["action"], "path": decision.get("path"), "received_on": decision["received_on"],
        "state": projection.state, "next_due": answer.next_due(projection)},
        packed, answer.projection_dict(projection))
    shown = answer.render(store.load(service.sessions, application_id), clock.calendar, today, full=True)
    return jsonify(shown), 201, {"Location": shown["links"]["self"]}


def _load(application_id: str) -> dict:
    app = store.load(_service().sessions, application_id)
    if app is None or not (_sees_all() or app["holder"] == g.get("key_name")):
        raise ApiError(404, "not_found", f"no application {application_id} for this key", {"application_id": ["unknown"]})
    return app


@blp.route("/applications/<application_id>", methods=["GET"])
@blp.doc(security=[{"ApiKey": []}])
@blp.response(200, RegisteredApplicationSchema)
@require("portal", "reviewer")
def show(application_id: str):
    """One application with its duties, events and decision."""
    return jsonify(answer.render(_load(application_id), _service().current().decider.calendar, _today(), full=True))


@blp.route("/applications/<application_id>/events", methods=["POST"])
@blp.doc(requestBody={"required": True, "content": {"application/json": {"schema": EventSchema}}},
         security=[{"ApiKey": []}])
@blp.response(201, RegisteredApplicationSchema)
@require("portal")
@idempotent
def record(application_id: str):
    """Record what happened. The state moves; the steps counted from the one discharged are counted
    again from its day. A refusal must state what the text of its step requires."""
    event = validated(validate_event, json_body())
    app, service, today = _load(application_id), _service(), _today()
    clock = Clock(service.current().decider.calendar)
    event = {**event, "id": str(uuid.uuid4()), "on": event.get("on") or today.isoformat()}
    projection = answer.projection_of(app["projection"])
    try:
        clock.apply(projection, app["decision"], event, today, app["events"][-1]["on"] if app["events"] else None)
    except EventRefused as refused:
        raise ApiError(refused.status, refused.code, refused.message, refused.fields) from None
    kept = answer.projection_dict(projection)

    def notices(recorded: dict, at: str) -> list[tuple[str, str, bytes]]:
        """An answer is told to the application's webhooks, with the application as it leaves it."""
        if recorded["type"] != "answered":
            return []
        after = {**app, "projection": kept, "state": projection.state, "updated_at": at}
        return [("application.answered", f"answered:{recorded['id']}",
                 notice("application.answered", answer.render(after, clock.calendar, today), recorded))]

    try:
        store.record_event(service.sessions, application_id, app["version"], event, kept, answer.next_due(projection),
                           g.get("key_name"), app["holder"], notices)
    except store.Conflict:
        raise ApiError(409, "conflict", "the application changed while this event was recorded; send it again",
                       {"application_id": ["changed meanwhile"]}) from None
    return jsonify(answer.render(store.load(service.sessions, application_id), clock.calendar, today, full=True)), 201


def _query() -> dict:
    """The list's query, checked: each bad parameter named with its reason."""
    args = request.args
    fields = unknown_parameters(LIST_PARAMETERS)
    if "state" in args and args["state"] not in LIST_PARAMETERS["state"]:
        fields["state"] = [f"Must be one of: {', '.join(LIST_PARAMETERS['state'])}."]
    if "jurisdiction" in args and args["jurisdiction"] not in JURISDICTIONS:
        fields["jurisdiction"] = [f"Must be one of: {', '.join(JURISDICTIONS)}."]
    if "due_before" in args and iso_date(args["due_before"]) is None:
        fields["due_before"] = [NOT_A_DATE]
    if "overdue" in args and args["overdue"] not in ("true", "false"):
        fields["overdue"] = ["Must be one of: true, false."]
    if "actor" in args and not 0 < len(args["actor"]) <= 100:
        fields["actor"] = ["Length must be between 1 and 100."]
    after = store.decode_cursor(args["cursor"]) if "cursor" in args else None
    if "cursor" in args and after is None:
        fields["cursor"] = ["Not a cursor this service gave."]
    limit = query_limit(fields)
    refuse(fields)
    return {"state": args.get("state"), "jurisdiction": args.get("jurisdiction"), "actor": args.get("actor"),
            "due_before": dt.date.fromisoformat(args["due_before"]) if "due_before" in args else None, "overdue": args.get("overdue") == "true",
            "after": after, "limit": limit}


LIST_DOC = [
    {"in": "query", "name": "state", "schema": {"type": "string", "enum": LIST_PARAMETERS["state"]}},
    {"in": "query", "name": "jurisdiction", "schema": {"type": "string", "enum": list(JURISDICTIONS)}},
    {"in": "query", "name": "actor", "schema": {"type": "string", "minLength": 1, "maxLength": 100},
     "description": "a body (part of its name, Chinese or English) that owes an open duty"},
    {"in": "query", "name": "due_before", "schema": {"type": "string", "format": "date"},
     "description": "the next duty is due on or before this day"},
    {"in": "query", "name": "overdue", "schema": {"type": "string", "enum": ["true", "false"]},
     "description": "true: only those whose next duty is late today"},
    {"in": "query", "name": "cursor", "schema": {"type": "string"}, "description": "next_cursor of the page before"},
    {"in": "query", "name": "limit", "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 100}},
]


@blp.route("/applications", methods=["GET"])
@blp.doc(security=[{"ApiKey": []}], parameters=LIST_DOC)
@blp.response(200, ApplicationPageSchema)
@require("portal", "reviewer")
def listing():
    """Applications by the due date of their next duty (undated last), with cursor paging."""
    q, today = _query(), _today()
    calendar = _service().current().decider.calendar
    rows = store.listing(_service().sessions, holder=_holder(), state=q["state"], jurisdiction=q["jurisdiction"],
                         due_before=q["due_before"], overdue_on=today if q["overdue"] else None, actor=q["actor"],
                         after=q["after"], limit=q["limit"] + 1)
    more = len(rows) > q["limit"]
    rows = rows[:q["limit"]]
    cursor = store.encode_cursor(rows[-1]["next_due"], rows[-1]["id"]) if more else None
    return jsonify({"applications": [answer.render(r, calendar, today) for r in rows], "next_cursor": cursor,
                    "today": today.isoformat()})


@blp.route("/applications.ics", methods=["GET"])
@blp.doc(security=[{"ApiKey": []}], parameters=[p for p in LIST_DOC if p["name"] in ("actor", "jurisdiction")])
@blp.alt_response(200, success=True, content_type="text/calendar", schema={"type": "string"},
                  description="an iCalendar feed: one all-day event per open duty with a date")
@require("portal", "reviewer")
def calendar_feed():
    """The due dates of open duties, for a body's calendar (``actor``: part of its name)."""
    refuse(unknown_parameters({"actor", "jurisdiction"}))
    q, today = _query(), _today()
    calendar = _service().current().decider.calendar
    rows = [answer.render(r, calendar, today)
            for page in store.pages(_service().sessions, holder=_holder(), jurisdiction=q["jurisdiction"],
                                    actor=q["actor"])
            for r in page]
    name = f"公共数据申请期限 {q['actor'] or ''}".strip()
    text = ics.feed(rows, q["actor"], dt.datetime.now(dt.timezone.utc), name)
    return Response(text, content_type="text/calendar; charset=utf-8")
