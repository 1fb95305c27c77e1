"""Classification of a dataset under each jurisdiction (contract §4)."""

from __future__ import annotations

from flask import current_app, jsonify
from flask_smorest import Blueprint

from ....answers.requests import validate_classification
from ...auth import require
from ...errors import json_body, validated
from ...idempotency import idempotent
from .schemas import ClassificationRequestSchema, ClassificationSchema

blp = Blueprint("classifications", __name__, url_prefix="/v1", description="Classifying datasets (contract §4)")


@blp.route("/classifications", methods=["POST"])
@blp.doc(requestBody={"required": True, "content": {"application/json": {"schema": ClassificationRequestSchema}}},
         security=[{"ApiKey": []}])
@blp.response(200, ClassificationSchema)
@require("portal")
@idempotent
def classify():
    """The open and share class each text requires or allows, whether the declared class is lawful,
    what a change of class needs, and the catalogue fields missing. Needs a portal key."""
    req = validated(validate_classification, json_body())
    return jsonify(current_app.extensions["osd"].current().classifier.classify(req))
