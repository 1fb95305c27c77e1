"""Time limits attached to an event (contract §5)."""

from __future__ import annotations

from flask import current_app, jsonify
from flask_smorest import Blueprint

from ....answers.requests import validate_deadline
from ...auth import require
from ...errors import json_body, validated
from ...idempotency import idempotent
from .schemas import DeadlineRequestSchema, DeadlinesSchema

blp = Blueprint("deadlines", __name__, url_prefix="/v1", description="Deadlines of events (contract §5)")


@blp.route("/deadlines", methods=["POST"])
@blp.doc(requestBody={"required": True, "content": {"application/json": {"schema": DeadlineRequestSchema}}},
         security=[{"ApiKey": []}])
@blp.response(200, DeadlinesSchema)
@require("portal")
@idempotent
def deadlines():
    """Every time limit the texts attach to the event, as dates. Needs a portal key."""
    req = validated(validate_deadline, json_body())
    return jsonify(current_app.extensions["osd"].current().deadlines.deadlines(req))
