"""Validation of requests (contract §1 decisions, §4 classifications, §5
deadlines), with marshmallow.

Bad input is answered with the field path and the reason (contract §6); the
policy only ever sees requests that passed these schemas.
"""

from __future__ import annotations

import orjson
from marshmallow import ValidationError, fields, validate, validates_schema

from ..store.bundle import JURISDICTIONS as REGULATION_OF
from .hints import Coded, Jurisdiction
from .repeats import Memo
from .validation import (  # noqa: F401  (read from here by the web layer and the CLI)
    FIRST_DAY,
    LAST_DAY,
    NOT_A_DATE,
    OUT_OF_RANGE,
    IsoDate,
    RequestError,
    Strict,
    StrictBool,
    iso_date,
    load_valid,
    one_of,
    whole_number,
)

#: The jurisdictions a request may name (bundle.JURISDICTIONS maps each to its regulation).
JURISDICTIONS = list(REGULATION_OF)
REQUESTER_TYPES = ["natural_person", "legal_person", "unincorporated_org", "government_department", "public_service_unit", "other_unit"]
LEVELS = ["national", "provincial", "city", "county"]
OPEN_CLASSES = ["unconditional", "conditional", "not_open"]
SHARE_CLASSES = ["unconditional", "conditional", "not_shared"]
PURPOSES = ["innovation", "city_governance", "social_service", "research", "commercial", "official_duty", "other"]


class RequesterSchema(Strict):
    type = fields.String(required=True, validate=Coded("requester.type", REQUESTER_TYPES), metadata={'description': 'who asks', 'example': 'legal_person'})
    level = fields.String(allow_none=True, validate=Coded("level", LEVELS), metadata={'description': 'the level of a requesting body'})
    region = fields.String(allow_none=True, validate=validate.Length(min=1, max=64),
                           metadata={'description': 'a jurisdiction id or another place name, e.g. liuzhou', 'example': 'wuxi'})
    real_name_verified = StrictBool(allow_none=True, metadata={'description': 'the requester registered under its real name on the platform'})
    agreement_accepted = StrictBool(allow_none=True, metadata={'description': "the requester accepted the platform's use agreement"})


class ProviderSchema(Strict):
    type = fields.String(allow_none=True, validate=Coded("requester.type", REQUESTER_TYPES), metadata={'description': "the providing body's type", 'example': 'government_department'})
    level = fields.String(allow_none=True, validate=Coded("level", LEVELS), metadata={'description': "the providing body's level", 'example': 'city'})
    region = fields.String(allow_none=True, validate=validate.Length(min=1, max=64), metadata={'description': 'where the providing body is', 'example': 'wuxi'})


class DatasetSchema(Strict):
    id = fields.String(allow_none=True, validate=validate.Length(max=200), metadata={'description': "the portal's id of the dataset", 'example': 'wx-transport-001'})
    open_class = fields.String(allow_none=True, validate=Coded("open_class", OPEN_CLASSES),
                               metadata={'description': "the catalogue's open class (无条件开放 / 有条件开放 (依申请开放) / 不予开放)", 'example': 'conditional'})
    share_class = fields.String(allow_none=True, validate=Coded("share_class", SHARE_CLASSES),
                                metadata={'description': "the catalogue's share class (无条件共享 / 有条件共享 / 不予共享)"})
    provider = fields.Nested(ProviderSchema, allow_none=True, metadata={'description': 'the body that provides the data'})


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
    request_type = fields.String(allow_none=True, validate=Coded("application.request_type", ["dataset", "interface"]))
    usage_period = fields.Nested(PeriodSchema, allow_none=True)
    output_form = fields.String(allow_none=True, validate=validate.Length(max=2000))
    scenario = fields.String(allow_none=True, validate=validate.Length(max=10000))
    scope = fields.String(allow_none=True, validate=validate.Length(max=10000))
    commitment = StrictBool(allow_none=True)
    security_measures = fields.String(allow_none=True, validate=validate.Length(max=10000))


class DecisionRequestSchema(Strict):
    jurisdiction = fields.String(required=True, validate=Jurisdiction(), metadata={'description': 'whose rules decide', 'example': 'wuxi'})
    action = fields.String(required=True, validate=Coded("action", ["open", "share"]),
                           metadata={'description': 'open: to the public (开放); share: between government bodies (共享)', 'example': 'open'})
    as_of = IsoDate(allow_none=True, metadata={'description': 'the date whose rules apply (default: today in Asia/Shanghai)', 'example': '2026-11-23'})
    received_on = IsoDate(allow_none=True, metadata={'description': 'the day the application reaches the platform (default as_of; not after it)', 'example': '2026-11-23'})
    requester = fields.Nested(RequesterSchema, required=True, metadata={'description': 'who asks'})
    dataset = fields.Nested(DatasetSchema, required=True, metadata={'description': 'what is asked for'})
    purpose = fields.String(allow_none=True, validate=Coded("purpose", PURPOSES),
                            metadata={'description': 'innovation (创新发展), city_governance (城市治理), social_service (社会服务), research (科研教育), commercial (商业开发), official_duty (履职), other', 'example': 'innovation'})
    access_mode = fields.String(allow_none=True, validate=Coded("access_mode", ["platform", "copy"]),
                                metadata={'description': 'platform (default: through the platform) or copy (a copy of the data, or another way of calling it)', 'example': 'platform'})
    application = fields.Nested(ApplicationSchema, allow_none=True,
                                metadata={'description': "the application's contents; free text is never stored (docs/personal-data.md)"})

    @validates_schema
    def _received_by_as_of(self, data: dict, **_: object) -> None:
        """An application cannot reach the platform after the day whose rules are asked for."""
        if data.get("as_of") and data.get("received_on") and data["received_on"] > data["as_of"]:
            raise ValidationError("Later than as_of: the rules in force on the day of receipt apply.", "received_on")


_SCHEMA = DecisionRequestSchema()
#: Requests checked before, by their canonical JSON: the batch items of a catalogue page asked again
#: are not checked again. Shared by every answer given from it: read, never changed.
_CHECKED: Memo[dict] = Memo(2048)


def canonical(doc: object) -> bytes | None:
    """``doc`` as JSON with sorted keys, the key a checked request is remembered by; None
    for what orjson does not write (an integer beyond 64 bits): that one is not remembered."""
    try:
        return orjson.dumps(doc, option=orjson.OPT_SORT_KEYS)
    except (TypeError, orjson.JSONEncodeError):
        return None


def validate_request(doc: object) -> dict:
    """A decision request as the policy sees it, or a RequestError naming each bad field."""
    key = canonical(doc) if isinstance(doc, dict) else None
    known = _CHECKED.get(key) if key is not None else None
    if known is None:
        known = load_valid(_SCHEMA, doc)
        if key is not None:
            _CHECKED.put(key, known)
    return known


# -- contract §4: classification ---------------------------------------------

CONTENTS = ["state_secret", "work_secret", "trade_secret", "personal_info"]
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
    declared_open_class = fields.String(allow_none=True, validate=Coded("open_class", OPEN_CLASSES))
    declared_share_class = fields.String(allow_none=True, validate=Coded("share_class", SHARE_CLASSES))
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
    jurisdiction = fields.String(allow_none=True, validate=Jurisdiction(), metadata={"description": "one jurisdiction", "example": "wuxi"})
    jurisdictions = fields.List(fields.String(validate=Jurisdiction()), allow_none=True,
                                validate=validate.Length(min=1),
                                metadata={"description": "several (neither: all five)", "example": ["wuxi", "nanjing"]})
    as_of = IsoDate(allow_none=True, metadata={"description": "the date whose rules apply (default: today in Asia/Shanghai)", "example": "2026-11-23"})
    dataset = fields.Nested(ClassifiedDatasetSchema, required=True, metadata={"description": "the facts about the data"})
    change = fields.Nested(ChangeSchema, allow_none=True, metadata={"description": "a change of open or share class to check"})

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
    jurisdiction = fields.String(allow_none=True, validate=Jurisdiction(), metadata={"description": "one jurisdiction", "example": "wuxi"})
    jurisdictions = fields.List(fields.String(validate=Jurisdiction()), allow_none=True,
                                validate=validate.Length(min=1),
                                metadata={"description": "several (neither: all five)", "example": ["wuxi", "nanjing"]})
    event = fields.String(required=True, validate=one_of(EVENTS),
                          metadata={"description": "what happened (contract §5, and the events the texts add)", "example": "objection_received"})
    date = IsoDate(required=True, metadata={"description": "the day it happened: limits are counted from it", "example": "2026-11-02"})
    as_of = IsoDate(allow_none=True, metadata={"description": "the date whose rules apply (default: date)", "example": "2026-11-02"})
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
