"""Webhooks: a portal key registers where its applications' notices are posted
(``application.due_soon``, ``application.overdue``, ``application.answered``),
and reads every delivery with its attempts. The posting is ``web.notify``'s."""

from __future__ import annotations

from flask import Response, current_app, g, jsonify, request
from flask_smorest import Blueprint

from ....answers import vocabulary as v
from ....db import webhooks as store
from ...auth import require
from ...errors import ApiError, json_body, query_limit, refuse, unknown_parameters, validated
from ...idempotency import idempotent
from ...notify import new_secret
from .schemas import (
    CreatedWebhookSchema,
    DeliveryPageSchema,
    WebhookListSchema,
    WebhookRequestSchema,
    WebhookSchema,
    validate_webhook,
)

blp = Blueprint("webhooks", __name__, url_prefix="/v1", description="Notices of applications, posted to a portal")


def _sessions():
    return current_app.extensions["osd"].sessions


def _holder() -> str:
    return g.get("key_name") or ""


@blp.route("/webhooks", methods=["POST"])
@blp.doc(requestBody={"required": True, "content": {"application/json": {"schema": WebhookRequestSchema}}},
         security=[{"ApiKey": []}])
@blp.response(201, CreatedWebhookSchema)
@require("portal")
@idempotent
def create():
    """Register a receiver of this key's application notices; the answer shows its signing secret, once."""
    body = validated(validate_webhook, json_body())
    secret = new_secret()
    hook = store.create(_sessions(), _holder(), body["url"], body.get("events") or list(v.NOTICES),
                        body.get("due_soon_days", 3), body.get("description"), secret)
    return jsonify({**hook, "secret": secret}), 201, {"Location": hook["links"]["self"]}


@blp.route("/webhooks", methods=["GET"])
@blp.doc(security=[{"ApiKey": []}])
@blp.response(200, WebhookListSchema)
@require("portal")
def listing():
    """This key's webhooks."""
    return jsonify({"webhooks": [store.shown(w) for w in store.active(_sessions(), _holder())]})


def _own(webhook_id: str, deleted: bool = False) -> store.Webhook:
    hook = store.get(_sessions(), webhook_id, _holder(), deleted)
    if hook is None:
        raise ApiError(404, "not_found", f"no webhook {webhook_id} for this key", {"webhook_id": ["unknown"]})
    return hook


@blp.route("/webhooks/<webhook_id>", methods=["GET"])
@blp.doc(security=[{"ApiKey": []}])
@blp.response(200, WebhookSchema)
@require("portal")
def show(webhook_id: str):
    """One webhook of this key (a deleted one is 404)."""
    return jsonify(store.shown(_own(webhook_id)))


@blp.route("/webhooks/<webhook_id>", methods=["DELETE"])
@blp.doc(security=[{"ApiKey": []}])
@blp.response(204)
@require("portal")
def remove(webhook_id: str):
    """Stop the webhook: nothing more is sent to it (its deliveries stay in the database). Deleting a
    deleted one again is a 204 too: the retry of a DELETE whose answer was lost finds it done."""
    store.delete(_sessions(), _own(webhook_id, deleted=True).id)
    return Response(status=204)


DELIVERY_DOC = [
    {"in": "query", "name": "state", "schema": {"type": "string", "enum": list(v.DELIVERY_STATES)}},
    {"in": "query", "name": "limit", "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 100}},
]


@blp.route("/webhooks/<webhook_id>/deliveries", methods=["GET"])
@blp.doc(security=[{"ApiKey": []}], parameters=DELIVERY_DOC)
@blp.response(200, DeliveryPageSchema)
@require("portal")
def deliveries(webhook_id: str):
    """The notices made for the webhook, newest first, each with every attempt at posting it."""
    hook = _own(webhook_id)
    args = request.args
    fields = unknown_parameters({"state", "limit"})
    if "state" in args and args["state"] not in v.DELIVERY_STATES:
        fields["state"] = [f"Must be one of: {', '.join(v.DELIVERY_STATES)}."]
    limit = query_limit(fields)
    refuse(fields)
    return jsonify({"deliveries": store.deliveries(_sessions(), hook.id, args.get("state"), limit)})
