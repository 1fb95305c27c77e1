"""Schemas of webhooks: what ``POST /v1/webhooks`` takes and what the resource
answers, for the OpenAPI description the tests check answers against."""

from __future__ import annotations

from marshmallow import ValidationError, fields, validate, validates

from ....answers import vocabulary as v
from ....answers.validation import Strict, load_valid, one_of
from ...openapi import Open
from ..decisions.schemas import described

SIGNING = ("Each post carries the headers webhook-id, webhook-timestamp (Unix seconds) and webhook-signature: "
           "v1, and the base64 HMAC-SHA256 of '{webhook-id}.{webhook-timestamp}.{body}' keyed with the bytes "
           "the secret's base64 (after whsec_) gives (the Standard Webhooks scheme). Refuse a timestamp more "
           "than five minutes from your clock.")


class WebhookRequestSchema(Strict):
    url = fields.Url(required=True, schemes={"http", "https"}, require_tld=False, validate=validate.Length(max=2000),
                     metadata={"description": "where the notices are posted (http or https)",
                               "example": "https://portal.example.cn/hooks/osd"})
    events = fields.List(fields.String(validate=one_of(list(v.NOTICES))), validate=validate.Length(min=1),
                         metadata={"description": "the notices wanted (default: all); "
                                                  + "; ".join(f"{k}: {m}" for k, m in v.NOTICES.items())})
    due_soon_days = fields.Integer(strict=True, validate=validate.Range(0, 30), metadata={
        "description": "application.due_soon is sent when the next duty is due within this many working days "
                       "(0: on its due day); default 3", "example": 3})
    description = fields.String(allow_none=True, validate=validate.Length(min=1, max=200))

    @validates("url")
    def _no_credentials(self, value: str, **_: object) -> None:
        if "@" in value.split("/")[2]:
            raise ValidationError("A URL with credentials in it is refused: the signature proves the sender.")

    @validates("events")
    def _once(self, value: list[str], **_: object) -> None:
        if len(set(value)) != len(value):
            raise ValidationError("Each notice once.")


_REQUEST = WebhookRequestSchema()


def validate_webhook(doc: object) -> dict:
    return load_valid(_REQUEST, doc)


class WebhookSchema(Open):
    id = fields.String(required=True)
    url = fields.String(required=True)
    events = fields.List(described(v.NOTICES), required=True)
    due_soon_days = fields.Integer(required=True)
    description = fields.String(allow_none=True)
    created_at = fields.DateTime(required=True)
    links = fields.Dict(keys=fields.String(), values=fields.String())


class CreatedWebhookSchema(WebhookSchema):
    secret = fields.String(required=True, metadata={"description": "shown this once: " + SIGNING})


class WebhookListSchema(Open):
    webhooks = fields.List(fields.Nested(WebhookSchema), required=True)


class AttemptSchema(Open):
    n = fields.Integer(required=True)
    at = fields.DateTime(required=True)
    status = fields.Integer(allow_none=True, metadata={"description": "the receiver's HTTP status; null: no answer"})
    error = fields.String(allow_none=True, metadata={"description": "why it failed: the status, or the connection's error"})
    ms = fields.Integer(required=True)


class DeliverySchema(Open):
    id = fields.String(required=True, metadata={"description": "the webhook-id header of its posts"})
    type = described(v.NOTICES, required=True)
    application_id = fields.String(required=True)
    state = described(v.DELIVERY_STATES, required=True)
    attempts = fields.List(fields.Nested(AttemptSchema), required=True)
    created_at = fields.DateTime(required=True)
    next_attempt_at = fields.DateTime(allow_none=True)
    delivered_at = fields.DateTime(allow_none=True)
    body = fields.String(required=True, metadata={"description": "the JSON posted, exactly as signed"})


class DeliveryPageSchema(Open):
    deliveries = fields.List(fields.Nested(DeliverySchema), required=True)
