"""Schemas of the decision resource (contract §1), for validation and OpenAPI.

Requests are validated by the same schema the CLI uses
(``answers.requests``). The answer schemas describe what a decision carries;
HTTP returns the decision exactly as ``osd decide`` prints it, and the tests
check every answer against these schemas as ``/openapi.json`` gives them.
Answer objects are open (``Open``): fields are added, never renamed.
"""

from marshmallow import Schema, fields, validate

from ....answers import vocabulary as v
from ....answers.requests import DecisionRequestSchema  # noqa: F401  (the request body)
from ...openapi import Open


def described(values, **kwargs) -> fields.String:  # noqa: ANN001
    """A code field: its values as an enum, with what each means when given as a mapping."""
    meaning = "; ".join(f"{k}: {m}" for k, m in values.items()) if isinstance(values, dict) else None
    metadata = dict(kwargs.pop("metadata", {}))
    if meaning:
        metadata["description"] = (metadata.get("description", "") + " " + meaning).strip()
    return fields.String(validate=validate.OneOf(list(values)), metadata=metadata, **kwargs)


def refs(**kwargs) -> fields.List:
    return fields.List(fields.String(), metadata={"description": "article refs, e.g. wuxi-open#15.3", **kwargs})


class BilingualSchema(Open):
    zh = fields.String(required=True)
    en = fields.String(required=True)


class TermSchema(Open):
    code = fields.String(required=True, metadata={"example": "sign_agreement"})
    text = fields.String(required=True)
    text_en = fields.String(required=True)
    basis = refs()
    working_days = fields.Integer(allow_none=True, metadata={"description": "where a limit (parameters.limits) times the duty in working days"})


class DeadlineSchema(Open):
    step = fields.String(required=True)
    working_days = fields.Integer(allow_none=True)
    start = fields.Date(required=True)
    due = fields.Date(allow_none=True, required=True)
    responsible = fields.String(required=True)
    responsible_en = fields.String(required=True)
    calendar_confirmed = fields.Boolean(required=True, metadata={"description": "false: a day counted lies in a year whose holidays are not yet published"})
    basis = refs()


class StepSchema(Open):
    key = fields.String(required=True, metadata={"description": "the limit's key in the regulation's parameters.limits"})
    step = fields.String(required=True)
    step_en = fields.String(required=True)
    responsible = fields.String(required=True)
    responsible_en = fields.String(required=True)
    count = described(v.COUNTS, required=True)
    n = fields.Integer(allow_none=True, metadata={"description": "the number of days, for the day counts"})
    direction = described(v.DIRECTIONS, required=True)
    working_days = fields.Integer(allow_none=True)
    working_days_from_start = fields.Integer(allow_none=True)
    start = fields.Date(allow_none=True, metadata={"description": "null: counted from a step that has no date"})
    due = fields.Date(allow_none=True)
    not_before = fields.Date(allow_none=True)
    calendar_confirmed = fields.Boolean(required=True)
    basis = refs()


class ArticleSchema(Open):
    ref = fields.String(required=True, metadata={"example": "wuxi-open#15"})
    label = fields.String(required=True, metadata={"example": "第十五条"})
    quote = fields.String(required=True, metadata={"description": "the cleaned text of the article or item"})


class RegulationRefSchema(Open):
    id = fields.String(required=True)
    title = fields.String(required=True)
    title_en = fields.String(required=True)
    applies = fields.Boolean(required=True, metadata={"description": "a version of the text is in force on as_of"})
    status = fields.String(allow_none=True, validate=validate.OneOf(v.VERSION_STATUSES))
    status_assumed = fields.Boolean(metadata={"description": "true: the copy does not say when the text took force; it is read as in force"})
    version = fields.String(allow_none=True)
    effective_from = fields.Date(allow_none=True)
    effective_to = fields.Date(allow_none=True)
    in_force_windows = fields.List(fields.List(fields.Date(allow_none=True)),
                                   metadata={"description": "when no version applies: the [from, to] spans in which one does (null: open)"})
    binding = fields.Boolean(required=True, metadata={"description": "false for a draft: it decides, but binds no one"})


class NoteSchema(Open):
    code = fields.String(required=True)
    kind = described(v.NOTE_KINDS, required=True)
    zh = fields.String(required=True)
    en = fields.String(required=True)
    basis = refs()
    regulation = fields.String()


class DecisionSchema(Open):
    decision_id = fields.String(required=True, metadata={"format": "uuid"})
    jurisdiction = fields.String(required=True, validate=validate.OneOf(v.JURISDICTION_IDS))
    action = fields.String(required=True, validate=validate.OneOf(v.ACTIONS))
    as_of = fields.Date(required=True)
    received_on = fields.Date(required=True)
    outcome = fields.String(required=True, validate=validate.OneOf(v.OUTCOMES),
                            metadata={"description": "permit: may go ahead; apply: an application is reviewed; deny; "
                                                     "incomplete: fields listed in missing are needed; not_applicable: no text in force on as_of"})
    route = fields.String(required=True, validate=validate.OneOf(v.ROUTES))
    rule = fields.String(required=True, metadata={"description": "the rule that decided, in words"})
    channel = fields.Nested(TermSchema, allow_none=True, required=True)
    conditions = fields.List(fields.Nested(TermSchema), required=True)
    obligations = fields.List(fields.Nested(TermSchema), required=True)
    remedies = fields.List(fields.Nested(TermSchema), required=True)
    missing = fields.List(fields.String(), required=True, metadata={"description": "request fields the decision needs (outcome incomplete)"})
    deadline = fields.Nested(DeadlineSchema, allow_none=True, required=True)
    timeline = fields.List(fields.Nested(StepSchema), required=True)
    path = fields.String(allow_none=True, metadata={"description": "the procedure (parameters.paths) the timeline follows; its limits are those of the deadline events"})
    basis = fields.List(fields.Nested(ArticleSchema), required=True)
    regulations = fields.List(fields.Nested(RegulationRefSchema), required=True, metadata={"description": "the texts read"})
    notes = fields.List(fields.Nested(NoteSchema), required=True)
    explanation = fields.Nested(BilingualSchema, required=True)
    calendar_confirmed = fields.Boolean(required=True)
    binding = fields.Boolean(required=True)
    bundle_revision = fields.String(required=True)


class BatchRequestSchema(Schema):
    """Exactly ``requests`` (unknown keys are refused)."""

    requests = fields.List(fields.Nested(DecisionRequestSchema), required=True, validate=validate.Length(min=1, max=1000),
                           metadata={"description": "1 to BATCH_LIMIT (default 1000) decision requests, decided in order"})


class BatchSchema(Open):
    batch_id = fields.String(required=True)
    decisions = fields.List(fields.Nested(DecisionSchema), required=True)


class LogEntrySchema(Open):
    decision_id = fields.String(required=True)
    logged_at = fields.DateTime(required=True)
    key_name = fields.String(allow_none=True, required=True)
    batch_id = fields.String(allow_none=True, required=True)
    jurisdiction = fields.String(required=True, validate=validate.OneOf(v.JURISDICTION_IDS))
    action = fields.String(required=True, validate=validate.OneOf(v.ACTIONS))
    outcome = fields.String(required=True, validate=validate.OneOf(v.OUTCOMES))
    bundle_revision = fields.String(required=True)
    request = fields.Dict(required=True, metadata={"description": "the request, personal data masked (docs/personal-data.md)"})
    decision = fields.Nested(DecisionSchema, required=True)
    masked_fields = fields.List(fields.String(), required=True)


class DifferenceSchema(Open):
    path = fields.String(required=True)
    logged = fields.Raw(allow_none=True)
    now = fields.Raw(allow_none=True)


class ReplaySchema(Open):
    decision_id = fields.String(required=True)
    logged_revision = fields.String(required=True)
    current_revision = fields.String(required=True)
    same = fields.Boolean(required=True)
    differences = fields.List(fields.Nested(DifferenceSchema), required=True)
    decision = fields.Nested(DecisionSchema, required=True)
