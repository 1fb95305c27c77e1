"""The service as OPA's peer: the bundle OPA sidecars pull, and OPA's Data API.

``GET /v1/bundles/osd.tar.gz`` serves the bundle being served (see
``decision_service.opabundle``) with an ``ETag``; a matching ``If-None-Match``
gets 304, so polling sidecars download only a new revision. ``POST
/v1/data/{path}`` answers ``{"result": …, "decision_id": …}`` as OPA does for
the policy's entry points, so an OPA client can use the service as its OPA.
Data API answers are policy results, not contract decisions: they are not
logged (decisions for the audit trail go through ``/v1/decisions``).

The input is checked before the policy sees it: its shape always (text,
nesting), and, for ``osd/decision/result`` and ``osd/deadline/result``, every
field as ``/v1/decisions`` and ``/v1/deadlines`` check it, so an impossible
date or an unknown value is a 400, not a policy result. The classification
entry points take the policy's own per-jurisdiction input and are evaluated
as OPA would (``"raw": true`` in the answer says so).
"""

from __future__ import annotations

import uuid

from flask import Response, current_app, jsonify, request
from flask_smorest import Blueprint
from marshmallow import fields

from ....answers import json_shape
from ....answers.requests import validate_deadline, validate_request
from ....engine import ENTRYPOINTS, UndefinedResult
from ....store.opa_archive import build, etag
from ...auth import require
from ...errors import ApiError, json_body, validated
from ...idempotency import idempotent
from ...openapi import Open

#: The entry points whose input is a contract request, checked as its endpoint checks it.
CHECKED = {"osd/decision/result": validate_request, "osd/deadline/result": validate_deadline}

blp = Blueprint("opa", __name__, description="OPA: bundles for sidecars, and the Data API")

class DataRequestSchema(Open):
    input = fields.Dict(metadata={"description": "the policy input: a decision or deadline request as /v1/decisions "
                                                 "and /v1/deadlines take it, or the classification entry points' own input"})


class DataResultSchema(Open):
    result = fields.Raw(metadata={"description": "the document's value; absent when it is undefined, as in OPA"})
    decision_id = fields.String(required=True)
    raw = fields.Boolean(metadata={"description": "true: the input was evaluated as given, as OPA would (classification entry points)"})


BUNDLE_NAME = "osd"
_cache: dict[str, tuple[bytes, str]] = {}


def _archive() -> tuple[bytes, str]:
    snapshot = current_app.extensions["osd"].current()
    cached = _cache.get(snapshot.revision)
    if cached is None:
        archive = build(snapshot.bundle)
        cached = (archive, etag(archive))
        _cache.clear()
        _cache[snapshot.revision] = cached
    return cached


@blp.route("/v1/bundles/<name>.tar.gz", methods=["GET"])
@blp.doc(responses={"200": {"description": "the OPA bundle (.tar.gz)",
                            "content": {"application/gzip": {"schema": {"type": "string", "format": "binary"}}}},
                    "304": {"description": "not modified: the ETag sent in If-None-Match is the current one"}})
def bundle(name: str):
    """The OPA bundle of the rules being served, for OPA's bundle plugin. Public: rules and law only."""
    if name != BUNDLE_NAME:
        raise ApiError(404, "not_found", f"no bundle {name}; the service serves {BUNDLE_NAME}", {"name": [BUNDLE_NAME]})
    archive, tag = _archive()
    if tag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
        response = Response(status=304)
    else:
        response = Response(archive, mimetype="application/gzip")
    response.headers["ETag"] = tag
    response.headers["Cache-Control"] = "no-cache"
    return response


@blp.route("/v1/data/<path:path>", methods=["POST"])
@blp.doc(security=[{"ApiKey": []}],
         requestBody={"required": False, "content": {"application/json": {"schema": DataRequestSchema}}})
@blp.response(200, DataResultSchema)
@require("portal")
@idempotent
def data(path: str):
    """OPA's Data API for the policy's entry points (osd/decision/result, osd/classify/result,
    osd/classify/batch, osd/classify/rows, osd/deadline/result). Needs a portal key."""
    path = path.strip("/")
    if path not in ENTRYPOINTS:
        raise ApiError(404, "not_found", f"no document data/{path} here; one of {', '.join(ENTRYPOINTS)}",
                       {"path": list(ENTRYPOINTS)})
    body = json_body() if request.get_data() else {}
    if not isinstance(body, dict) or set(body) - {"input"}:
        raise ApiError(400, "invalid_request", 'send {"input": {...}} as OPA does', {"(body)": ["an object with input"]})
    doc = body.get("input")
    if not isinstance(doc, dict):
        raise ApiError(400, "invalid_request", "input must be an object", {"input": ["an object"]})
    bad = json_shape.problems(doc)
    if bad:
        first = next(iter(bad))
        raise ApiError(400, "invalid_request", f"input.{first}: {bad[first][0]}", {f"input.{k}": v for k, v in bad.items()})
    if path in CHECKED:
        try:
            validated(CHECKED[path], doc)
        except ApiError as exc:
            raise ApiError(400, exc.code, f"input.{exc.message}", {f"input.{k}": v for k, v in exc.fields.items()}) from None
    decision_id = str(uuid.uuid4())
    extra = {} if path in CHECKED else {"raw": True}
    try:
        result = current_app.extensions["osd"].current().decider.engine.evaluate(doc, path)
    except UndefinedResult:
        return jsonify({"decision_id": decision_id, **extra})  # as OPA: an undefined document has no result
    return jsonify({"result": result, "decision_id": decision_id, **extra})
