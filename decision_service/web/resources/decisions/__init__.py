"""Decisions (contract §1): one, a batch, one from the log, a search of the
log, and a replay of a logged request under the current bundle."""

from __future__ import annotations

import json
import re
import uuid

from flask import Response, current_app, g, jsonify, request
from flask_smorest import Blueprint

from ....answers import batch, vocabulary
from ....answers.requests import JURISDICTIONS, NOT_A_DATE, canonical, iso_date, validate_request, whole_number
from ....db import log as decision_log
from ...auth import require
from ...errors import ApiError, error_object, json_body, language, validated
from ...idempotency import idempotent
from ...metrics import DECISIONS
from .schemas import (
    BatchRequestSchema,
    BatchSchema,
    DecisionRequestSchema,
    DecisionSchema,
    LogEntrySchema,
    ReplaySchema,
)

blp = Blueprint("decisions", __name__, url_prefix="/v1", description="Access decisions (contract §1)")

OUTCOMES = tuple(vocabulary.OUTCOMES)


def _service():
    return current_app.extensions["osd"]


def log_decisions(pairs: list[tuple[dict, dict, str]], batch_id: str | None = None, key_name: str | None = None,
                  parts: list | None = None) -> None:
    """Store the decisions before answering: the writer commits them, then the
    answer goes. Every path that decides (the API, comparisons, the workbench)
    logs through here; ``key_name`` defaults to the key of the request; ``parts``:
    each request's log part when it is known already (``read_request``)."""
    key_name = key_name or g.get("key_name")
    key = _service().masking_key
    rows = [decision_log.row(req, d, text, key_name, batch_id, key, part)
            for (req, d, text), part in zip(pairs, parts or [None] * len(pairs))]
    _service().log_writer.write(rows)
    for _, d, _ in pairs:
        DECISIONS.labels(d["jurisdiction"], d["action"], d["outcome"]).inc()


def _json(text: str) -> Response:
    return Response(text, mimetype="application/json")


def request_part(req: dict) -> tuple:
    """The request's log part (masked under this service's key), computed once per request seen."""
    key = canonical(req)
    memo = _service().read_requests
    known = memo.get(b"\0" + key) if key is not None else None
    if known is None:
        known = (req, decision_log.request_part(req, _service().masking_key))
        if key is not None:
            memo.put(b"\0" + key, known)
    return known[1]


#: Bodies up to this size are remembered once read (``Service.read_requests``).
REMEMBERED_BODY_BYTES = 16 * 1024


def read_request() -> tuple[dict, tuple]:
    """The decision request of the body, checked, with its log part; a body read
    before (the same bytes) is taken from memory, neither parsed nor checked again."""
    memo = _service().read_requests
    raw = request.get_data(cache=True) if request.mimetype == "application/json" else None
    known = memo.get(raw) if raw is not None and len(raw) <= REMEMBERED_BODY_BYTES else None
    if known is not None:
        return known
    req = validated(validate_request, json_body())
    known = (req, request_part(req))
    if len(raw) <= REMEMBERED_BODY_BYTES:
        memo.put(raw, known)
    return known


@blp.route("/decisions", methods=["POST"])
@blp.doc(requestBody={"required": True, "content": {"application/json": {"schema": DecisionRequestSchema}}},
         security=[{"ApiKey": []}])
@blp.response(200, DecisionSchema)
@require("portal")
@idempotent
def decide():
    """Decide one request. Needs a portal key; the decision is logged."""
    req, part = read_request()
    decision, text = _service().current().decider.decide_text(req)
    log_decisions([(req, decision, text)], parts=[part])
    g.outcome = decision["outcome"]
    return _json(text)


@blp.route("/decisions:batch", methods=["POST"])
@blp.doc(requestBody={"required": True, "content": {"application/json": {"schema": BatchRequestSchema}}},
         security=[{"ApiKey": []}],
         parameters=[{"in": "query", "name": "view", "schema": {"type": "string", "enum": ["full", "compact"], "default": "full"},
                      "description": "compact: article references and links instead of quoted texts (the full decision is in the log)"}])
@blp.response(200, BatchSchema)
@require("portal")
@idempotent
def decide_batch():
    """Decide up to BATCH_LIMIT requests (default 1000) in order, each with ``common``
    merged in. An invalid item is answered by its error in place and the others are
    decided; with ``atomic: true`` any invalid item refuses the whole batch, naming
    every invalid field. Every decision is logged under one batch id."""
    unknown = sorted(set(request.args) - {"view"})
    if unknown:
        raise ApiError(400, "invalid_request", f"{unknown[0]}: Unknown parameter.", {k: ["Unknown parameter."] for k in unknown})
    view = request.args.get("view", "full")
    if view not in ("full", "compact"):
        raise ApiError(400, "invalid_request", "view: Must be one of: full, compact.", {"view": ["Must be one of: full, compact."]})
    items, atomic = validated(lambda doc: batch.read(doc, current_app.config["BATCH_LIMIT"]), json_body())
    if atomic and any(i.error for i in items):
        exc = batch.atomic_error(items)
        raise ApiError(400, "invalid_request", exc.message, exc.fields)
    decider = _service().current().decider
    valid = [i for i in items if i.request is not None]
    answered = [decider.decide_text(i.request) for i in valid]
    decisions, texts = [d for d, _ in answered], [t for _, t in answered]
    batch_id = str(uuid.uuid4())
    if valid:
        log_decisions([(i.request, d, t) for i, d, t in zip(valid, decisions, texts)], batch_id,
                      parts=[request_part(i.request) for i in valid])
    g.outcome = "batch"
    decided = {i.index: (d, t) for i, d, t in zip(valid, decisions, texts)}
    parts = []
    for item in items:
        head = json.dumps({"index": item.index, "id": item.id, "dataset_id": item.dataset_id}, ensure_ascii=False)[:-1]
        if item.error is not None:
            error = error_object("invalid_request", item.error.message, item.error.fields)
            parts.append(head + ', "error": ' + json.dumps(error, ensure_ascii=False) + "}")
        elif view == "compact":
            parts.append(head + ", " + json.dumps(batch.compact(decided[item.index][0]), ensure_ascii=False)[1:])
        else:
            parts.append(head + ", " + decided[item.index][1][1:])
    summary = {"decided": len(valid), "refused": len(items) - len(valid)}
    links = ', "links": %s' % json.dumps({"articles": batch.ARTICLES}) if view == "compact" else ""
    response = _json('{"batch_id": "%s", "view": "%s", "summary": %s%s, "decisions": [%s]}'
                     % (batch_id, view, json.dumps(summary), links, ", ".join(parts)))
    response.headers["Content-Language"] = language()  # the item errors' messages
    response.vary.add("Accept-Language")
    return response


@blp.route("/decisions/<decision_id>", methods=["GET"])
@blp.doc(security=[{"ApiKey": []}])
@blp.response(200, LogEntrySchema)
@require("reviewer")
def logged(decision_id: str):
    """A logged decision with its (masked) request. Needs a reviewer key."""
    return jsonify(_entry(decision_id))


def _entry(decision_id: str) -> dict:
    entry = decision_log.get(_service().sessions, decision_id)
    if entry is None:
        raise ApiError(404, "not_found", f"no decision {decision_id} in the log", {"decision_id": ["unknown"]})
    return entry


@blp.route("/decisions", methods=["GET"])
@blp.doc(security=[{"ApiKey": []}], parameters=[
    {"in": "query", "name": "since", "schema": {"type": "string", "format": "date"}, "description": "logged on or after (UTC)"},
    {"in": "query", "name": "until", "schema": {"type": "string", "format": "date"}, "description": "logged on or before (UTC)"},
    {"in": "query", "name": "jurisdiction", "schema": {"type": "string", "enum": list(JURISDICTIONS)}},
    {"in": "query", "name": "outcome", "schema": {"type": "string", "enum": list(OUTCOMES)}},
    {"in": "query", "name": "limit", "schema": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100}}])
@blp.response(200, LogEntrySchema(many=True))
@require("reviewer")
def search():
    """Search the log by date (since/until, YYYY-MM-DD), jurisdiction and outcome, newest first."""
    args = request.args
    unknown = sorted(set(args) - {"since", "until", "jurisdiction", "outcome", "limit"})
    if unknown:
        raise ApiError(400, "invalid_request", f"{unknown[0]}: Unknown parameter.", {k: ["Unknown parameter."] for k in unknown})
    fields = {key: [NOT_A_DATE] for key in ("since", "until") if key in args and iso_date(args[key]) is None}
    if "jurisdiction" in args and args["jurisdiction"] not in JURISDICTIONS:
        fields["jurisdiction"] = [f"Must be one of: {', '.join(JURISDICTIONS)}."]
    if "outcome" in args and args["outcome"] not in OUTCOMES:
        fields["outcome"] = [f"Must be one of: {', '.join(OUTCOMES)}."]
    limit = whole_number(args.get("limit", "100"), 1, 1000)
    if limit is None:
        fields["limit"] = ["Must be greater than or equal to 1 and less than or equal to 1000."
                           if re.fullmatch(r"[0-9]+", args.get("limit", "")) else "Not a valid integer."]
    if fields:
        first = next(iter(fields))
        raise ApiError(400, "invalid_request", f"{first}: {fields[first][0]}", fields)
    return jsonify(decision_log.search(_service().sessions, since=iso_date(args.get("since")),
                                       until=iso_date(args.get("until")),
                                       jurisdiction=args.get("jurisdiction"), outcome=args.get("outcome"),
                                       limit=limit))


@blp.route("/decisions/<decision_id>/replay", methods=["POST"])
@blp.doc(security=[{"ApiKey": []}])
@blp.response(200, ReplaySchema)
@require("reviewer")
def replay(decision_id: str):
    """Decide a logged request again under the current bundle and show what differs."""
    return jsonify(replay_entry(_service().current().decider, _entry(decision_id)))


def replay_entry(decider, entry: dict) -> dict:
    """The logged request decided now by ``decider`` (same dates), and the differences."""
    old = entry["decision"]
    request = {**entry["request"], "as_of": old["as_of"], "received_on": old["received_on"]}
    new = decider.decide(request, decision_id=old["decision_id"])
    diffs = decision_log.differences(old, new)
    return {"decision_id": old["decision_id"], "logged_revision": old["bundle_revision"],
            "current_revision": new["bundle_revision"], "same": not diffs, "differences": diffs, "decision": new}
