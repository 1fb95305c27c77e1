"""Validation of decision requests (contract §1), with marshmallow.

Bad input is answered with the field path and the reason (contract §6); the
policy only ever sees requests that passed these schemas.
"""

from __future__ import annotations

import datetime as dt

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

JURISDICTIONS = ["nanning", "qingyang", "wuxi", "nanjing", "guangxi"]
REQUESTER_TYPES = ["natural_person", "legal_person", "unincorporated_org", "government_department", "public_service_unit", "other_unit"]
LEVELS = ["national", "provincial", "city", "county"]
PURPOSES = ["innovation", "city_governance", "social_service", "research", "commercial", "official_duty", "other"]


class RequestError(Exception):
    def __init__(self, message: str, fields: dict) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields


class IsoDate(fields.String):
    """A date as YYYY-MM-DD, kept as that string."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        try:
            return dt.date.fromisoformat(text).isoformat() if len(text) == 10 else self._bad()
        except ValueError:
            self._bad()

    def _bad(self):
        raise ValidationError("Not a date (YYYY-MM-DD).")


def one_of(values: list[str]) -> validate.OneOf:
    return validate.OneOf(values)


class Strict(Schema):
    class Meta:
        unknown = RAISE


class RequesterSchema(Strict):
    type = fields.String(required=True, validate=one_of(REQUESTER_TYPES))
    level = fields.String(allow_none=True, validate=one_of(LEVELS))
    region = fields.String(allow_none=True, validate=validate.Length(min=1, max=64))
    real_name_verified = fields.Boolean(allow_none=True, truthy={True}, falsy={False})
    agreement_accepted = fields.Boolean(allow_none=True, truthy={True}, falsy={False})


class ProviderSchema(Strict):
    type = fields.String(allow_none=True, validate=one_of(REQUESTER_TYPES))
    level = fields.String(allow_none=True, validate=one_of(LEVELS))
    region = fields.String(allow_none=True, validate=validate.Length(min=1, max=64))


class DatasetSchema(Strict):
    id = fields.String(allow_none=True, validate=validate.Length(max=200))
    open_class = fields.String(allow_none=True, validate=one_of(["unconditional", "conditional", "not_open"]))
    share_class = fields.String(allow_none=True, validate=one_of(["unconditional", "conditional", "not_shared"]))
    provider = fields.Nested(ProviderSchema, allow_none=True)


class PeriodSchema(Strict):
    from_ = IsoDate(data_key="from", required=True)
    to = IsoDate(required=True)

    @validates_schema
    def ordered(self, data, **kwargs):
        if data["from_"] > data["to"]:
            raise ValidationError("'from' is after 'to'.", "to")


class ApplicationSchema(Strict):
    title = fields.String(allow_none=True, validate=validate.Length(max=2000))
    reason = fields.String(allow_none=True, validate=validate.Length(max=10000))
    request_type = fields.String(allow_none=True, validate=one_of(["dataset", "interface"]))
    usage_period = fields.Nested(PeriodSchema, allow_none=True)
    output_form = fields.String(allow_none=True, validate=validate.Length(max=2000))
    scenario = fields.String(allow_none=True, validate=validate.Length(max=10000))
    scope = fields.String(allow_none=True, validate=validate.Length(max=10000))
    commitment = fields.Boolean(allow_none=True, truthy={True}, falsy={False})
    security_measures = fields.String(allow_none=True, validate=validate.Length(max=10000))


class DecisionRequestSchema(Strict):
    jurisdiction = fields.String(required=True, validate=one_of(JURISDICTIONS))
    action = fields.String(required=True, validate=one_of(["open", "share"]))
    as_of = IsoDate(allow_none=True)
    received_on = IsoDate(allow_none=True)
    requester = fields.Nested(RequesterSchema, required=True)
    dataset = fields.Nested(DatasetSchema, required=True)
    purpose = fields.String(allow_none=True, validate=one_of(PURPOSES))
    access_mode = fields.String(allow_none=True, validate=one_of(["platform", "copy"]))
    application = fields.Nested(ApplicationSchema, allow_none=True)


_SCHEMA = DecisionRequestSchema()


def _flatten(messages, prefix: str = "") -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, value in messages.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict):
            out.update(_flatten(value, path))
        else:
            out[path] = [str(v) for v in value]
    return out


def validate_request(doc: object) -> dict:
    """The request as the policy sees it, or a RequestError naming each bad field."""
    if not isinstance(doc, dict):
        raise RequestError("the request must be a JSON object", {"(root)": ["not an object"]})
    try:
        data = _SCHEMA.load(doc)
    except ValidationError as exc:
        flat = _flatten(exc.messages) if isinstance(exc.messages, dict) else {"(root)": list(exc.messages)}
        first = next(iter(flat))
        raise RequestError(f"{first}: {flat[first][0]}", flat) from None
    return _to_json(data)


def _to_json(data: dict) -> dict:
    out = {}
    for key, value in data.items():
        key = "from" if key == "from_" else key
        out[key] = _to_json(value) if isinstance(value, dict) else value
    return out
