"""Validation of requests (contract §1 decisions, §4 classifications, §5
deadlines), with marshmallow.

Bad input is answered with the field path and the reason (contract §6); the
policy only ever sees requests that passed these schemas.
"""

from __future__ import annotations

import datetime as dt
import re

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from ..store.bundle import JURISDICTIONS as REGULATION_OF
from . import json_shape
from .hints import Jurisdiction

#: The jurisdictions a request may name (bundle.JURISDICTIONS maps each to its regulation).
JURISDICTIONS = list(REGULATION_OF)
REQUESTER_TYPES = ["natural_person", "legal_person", "unincorporated_org", "government_department", "public_service_unit", "other_unit"]
LEVELS = ["national", "provincial", "city", "county"]
PURPOSES = ["innovation", "city_governance", "social_service", "research", "commercial", "official_duty", "other"]


class RequestError(Exception):
    def __init__(self, message: str, fields: dict) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields


NOT_A_DATE = "Not a date (YYYY-MM-DD)."

#: The dates a request may name: wide enough for any text's history and limits,
#: narrow enough that every count of days stays within the calendar.
FIRST_DAY, LAST_DAY = "1900-01-01", "2199-12-31"
OUT_OF_RANGE = f"Out of range: a date from {FIRST_DAY} to {LAST_DAY}."


def iso_date(text: object) -> str | None:
    """The date ``text`` names, as YYYY-MM-DD, or None. Every date a request,
    a query or a catalogue row gives is read by this one check: the policy and
    the versions compare dates as strings, and ``date.fromisoformat`` alone also
    takes 20261122, which as a string sorts after every YYYY-MM-DD."""
    if not isinstance(text, str) or not _ISO_DATE.fullmatch(text):
        return None
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        return None


#: YYYY-MM-DD in ASCII digits only: ``date.fromisoformat`` also reads week dates
#: (2026-W47-1) and ``\d`` matches full-width digits.
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def whole_number(text: object, lo: int, hi: int) -> int | None:
    """A whole number from ``lo`` to ``hi`` written in ASCII digits, or None
    (``str.isdigit`` and ``int`` also take full-width and other digits)."""
    if not isinstance(text, str) or not re.fullmatch(r"[0-9]{1,9}", text):
        return None
    n = int(text)
    return n if lo <= n <= hi else None


class IsoDate(fields.String):
    """A date as YYYY-MM-DD, kept as that string."""

    def _deserialize(self, value, attr, data, **kwargs):
        date = iso_date(super()._deserialize(value, attr, data, **kwargs))
        if date is None:
            raise ValidationError(NOT_A_DATE)
        if not FIRST_DAY <= date <= LAST_DAY:
            raise ValidationError(OUT_OF_RANGE)
        return date


class StrictBool(fields.Boolean):
    """true or false only: not 1, 0, "true" or "yes" (a flag is a JSON boolean)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise self.make_error("invalid")
        return value


def one_of(values: list[str]) -> validate.OneOf:
    return validate.OneOf(values)


class Strict(Schema):
    class Meta:
        unknown = RAISE


class RequesterSchema(Strict):
    type = fields.String(required=True, validate=one_of(REQUESTER_TYPES))
    level = fields.String(allow_none=True, validate=one_of(LEVELS))
    region = fields.String(allow_none=True, validate=validate.Length(min=1, max=64))
    real_name_verified = StrictBool(allow_none=True)
    agreement_accepted = StrictBool(allow_none=True)


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
    commitment = StrictBool(allow_none=True)
    security_measures = fields.String(allow_none=True, validate=validate.Length(max=10000))


class DecisionRequestSchema(Strict):
    jurisdiction = fields.String(required=True, validate=Jurisdiction())
    action = fields.String(required=True, validate=one_of(["open", "share"]))
    as_of = IsoDate(allow_none=True)
    received_on = IsoDate(allow_none=True)
    requester = fields.Nested(RequesterSchema, required=True)
    dataset = fields.Nested(DatasetSchema, required=True)
    purpose = fields.String(allow_none=True, validate=one_of(PURPOSES))
    access_mode = fields.String(allow_none=True, validate=one_of(["platform", "copy"]))
    application = fields.Nested(ApplicationSchema, allow_none=True)

    @validates_schema
    def _received_by_as_of(self, data: dict, **_: object) -> None:
        """An application cannot reach the platform after the day whose rules are asked for."""
        if data.get("as_of") and data.get("received_on") and data["received_on"] > data["as_of"]:
            raise ValidationError("Later than as_of: the rules in force on the day of receipt apply.", "received_on")


_SCHEMA = DecisionRequestSchema()


def _flatten(messages, prefix: str = "") -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, value in messages.items():
        if key == "_schema":  # a whole object of the wrong type: name the object itself
            path = prefix or "(root)"
        else:
            path = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict):
            out.update(_flatten(value, path))
        else:
            out[path] = [str(v) for v in value]
    return out


def validate_request(doc: object) -> dict:
    """A decision request as the policy sees it, or a RequestError naming each bad field."""
    return load_valid(_SCHEMA, doc)


def load_valid(schema: Schema, doc: object) -> dict:
    """``doc`` loaded by ``schema``, or a RequestError naming each bad field."""
    if not isinstance(doc, dict):
        raise RequestError("the request must be a JSON object", {"(root)": ["not an object"]})
    bad = json_shape.problems(doc)
    if bad:
        first = next(iter(bad))
        raise RequestError(f"{first}: {bad[first][0]}", bad)
    try:
        data = schema.load(doc)
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


# -- contract §4: classification ---------------------------------------------

CONTENTS = ["state_secret", "work_secret", "trade_secret", "personal_info"]
OPEN_CLASSES = ["unconditional", "conditional", "not_open"]
SHARE_CLASSES = ["unconditional", "conditional", "not_shared"]
#: Catalogue fields named by any of the texts (the codes of parameters.catalogue).
CATALOGUE_FIELDS = [
    "name", "data_items", "provider", "open_class", "open_conditions", "format", "data_type",
    "update_frequency", "contact", "category", "responsible_party", "attributes", "update_deadline",
    "share_class", "share_mode", "open_mode", "usage_requirements", "domain", "summary",
]


CATALOGUE_VALUE_MAX = 2000


def _flag() -> fields.Boolean:
    return StrictBool(load_default=False, allow_none=True)


class ClassifiedDatasetSchema(Strict):
    id = fields.String(allow_none=True, validate=validate.Length(max=200))
    title = fields.String(allow_none=True, validate=validate.Length(max=2000))
    contains = fields.List(fields.String(validate=one_of(CONTENTS)), load_default=list)
    desensitized = _flag()
    rights_holder_consent = _flag()
    prohibited_by_law = _flag()
    security_risk = _flag()
    needs_limits = _flag()
    legal_basis = fields.String(allow_none=True, validate=validate.Length(max=2000))
    declared_open_class = fields.String(allow_none=True, validate=one_of(OPEN_CLASSES))
    declared_share_class = fields.String(allow_none=True, validate=one_of(SHARE_CLASSES))
    catalogue = fields.Dict(
        keys=fields.String(validate=one_of(CATALOGUE_FIELDS)),
        values=fields.String(allow_none=True, validate=validate.Length(max=CATALOGUE_VALUE_MAX)),
        allow_none=True,
    )


class ChangeSchema(Strict):
    kind = fields.String(required=True, validate=one_of(["open", "share"]))
    from_ = fields.String(required=True, data_key="from")
    to = fields.String(required=True)
    need = fields.String(allow_none=True, validate=validate.Length(max=2000))

    @validates_schema
    def _classes_of_kind(self, data: dict, **_: object) -> None:
        classes = OPEN_CLASSES if data.get("kind") == "open" else SHARE_CLASSES
        bad = {k: [f"Must be one of: {', '.join(classes)}."] for k in ("from", "to")
               if data.get("from_" if k == "from" else k) not in classes}
        if bad:
            raise ValidationError(bad)


class ClassificationRequestSchema(Strict):
    jurisdiction = fields.String(allow_none=True, validate=Jurisdiction())
    jurisdictions = fields.List(fields.String(validate=Jurisdiction()), allow_none=True,
                                validate=validate.Length(min=1))
    as_of = IsoDate(allow_none=True)
    dataset = fields.Nested(ClassifiedDatasetSchema, required=True)
    change = fields.Nested(ChangeSchema, allow_none=True)

    @validates_schema
    def _one_way_to_name(self, data: dict, **_: object) -> None:
        if data.get("jurisdiction") and data.get("jurisdictions"):
            raise ValidationError({"jurisdictions": ["Give jurisdiction or jurisdictions, not both."]})


_CLASSIFICATION = ClassificationRequestSchema()


def validate_classification(doc: object) -> dict:
    """A classification request, or a RequestError naming each bad field."""
    return load_valid(_CLASSIFICATION, doc)


# -- contract §5: deadlines ---------------------------------------------------

#: The contract's events, then those the texts add.
EVENTS = [
    "catalog_update_required", "data_error_reported", "objection_received", "quality_rectification_issued",
    "platform_account_request", "platform_maintenance_planned", "catalog_offline_requested",
    "data_offline_requested", "shared_data_doubt",
    "open_application_received", "share_application_received", "data_leak_found", "platform_staff_changed",
    "security_issue_found", "open_class_change_found", "standing_duties",
]


class DeadlineRequestSchema(Strict):
    jurisdiction = fields.String(allow_none=True, validate=Jurisdiction())
    jurisdictions = fields.List(fields.String(validate=Jurisdiction()), allow_none=True,
                                validate=validate.Length(min=1))
    event = fields.String(required=True, validate=one_of(EVENTS))
    date = IsoDate(required=True)
    as_of = IsoDate(allow_none=True)
    done = fields.Dict(
        keys=fields.String(validate=validate.Regexp(r"^[a-z][a-z0-9_]{0,63}$", error="Not a step key.")),
        values=IsoDate(),
        allow_none=True,
        metadata={"description": "the day a step was done, by its key: the steps counted from it start there"},
    )


_DEADLINE = DeadlineRequestSchema()


def validate_deadline(doc: object) -> dict:
    """A deadline request, or a RequestError naming each bad field."""
    return load_valid(_DEADLINE, doc)
