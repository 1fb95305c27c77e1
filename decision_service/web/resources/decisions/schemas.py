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


class ApplicantArticleSchema(Open):
    ref = fields.String(required=True, metadata={"example": "wuxi-open#15"})
    title = fields.String(required=True)
    title_en = fields.String(required=True)
    label = fields.String(required=True, metadata={"example": "第十五条"})
    label_en = fields.String(required=True, metadata={"example": "Article 15"})
    href = fields.String(required=True, metadata={"description": "the article in the workbench", "example": "/regulations/wuxi-open#art-15"})


class ApplicantSchema(Open):
    """What the applicant is told, printable as it is: field labels, no field paths or codes."""

    zh = fields.String(required=True)
    en = fields.String(required=True)
    articles = fields.List(fields.Nested(ApplicantArticleSchema), required=True)


class ExplanationSchema(BilingualSchema):
    """zh and en: for reviewers, with the reading notes; applicant: for the applicant."""

    applicant = fields.Nested(ApplicantSchema, required=True)


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


class RefusalSchema(Open):
    """What a refusal at a step must state, in the text's words."""

    must_state = fields.List(described(v.REFUSAL_ITEMS), required=True)
    which = described({"all": "every item", "any": "at least one item"}, required=True)
    text = fields.String(required=True)
    text_en = fields.String(required=True)
    basis = refs()
    quote = fields.String(required=True)


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
    from_ = fields.String(data_key="from", metadata={"description": "event | previous | the key of an earlier step: where the count starts"})
    trigger = fields.String(metadata={"description": "what starts the time, in the text's words"})
    trigger_en = fields.String()
    not_before_day = described(v.NOT_BEFORE_DAYS)
    done_by = described(v.APPLICATION_EVENTS, metadata={"description": "the application event that discharges the step:"})
    refusal = fields.Nested(RefusalSchema, metadata={"description": "where the text says what a refusal at this step must state"})
    after_refusal = fields.String(metadata={"description": "owed: still owed after a refusal at an earlier step (the reply is passed on or reviewed whatever it is)"})


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
    explanation = fields.Nested(ExplanationSchema, required=True)
    calendar_confirmed = fields.Boolean(required=True)
    binding = fields.Boolean(required=True)
    bundle_revision = fields.String(required=True)


class BatchRequestSchema(Schema):
    """Unknown keys are refused. ``requests`` items and ``common`` are described by
    ``web.openapi.refine`` (a decision request's fields, none required, as merging allows)."""

    requests = fields.List(fields.Dict(), required=True, validate=validate.Length(min=1, max=1000),
                           metadata={"description": "1 to BATCH_LIMIT (default 1000) decision requests, decided in order; "
                                                    "each may carry the caller's id (echoed in its result)"})
    common = fields.Dict(allow_none=True, metadata={"description": "fields merged into every request (objects field by field; "
                                                                   "the request's own value wins); anything but dataset"})
    atomic = fields.Boolean(load_default=False, metadata={"description": "true: one invalid request refuses the whole batch "
                                                                        "(400 naming every invalid field); false: each is answered in place"})


class CompactDeadlineSchema(Open):
    due = fields.Date(allow_none=True)
    working_days = fields.Integer(allow_none=True)
    step = fields.String(allow_none=True)


class BriefRegulationSchema(Open):
    id = fields.String(required=True)
    version = fields.String(allow_none=True)
    applies = fields.Boolean(required=True)
    binding = fields.Boolean(required=True)


class CompactDecisionSchema(Open):
    """A decision in ``view=compact``: codes, dates and article references with links."""

    decision_id = fields.String(required=True)
    jurisdiction = fields.String(required=True, validate=validate.OneOf(v.JURISDICTION_IDS))
    action = fields.String(required=True, validate=validate.OneOf(v.ACTIONS))
    as_of = fields.Date(required=True)
    received_on = fields.Date(required=True)
    outcome = fields.String(required=True, validate=validate.OneOf(v.OUTCOMES))
    route = fields.String(required=True, validate=validate.OneOf(v.ROUTES))
    binding = fields.Boolean(required=True)
    calendar_confirmed = fields.Boolean(required=True)
    conditions = fields.List(fields.String(), required=True)
    obligations = fields.List(fields.String(), required=True)
    remedies = fields.List(fields.String(), required=True)
    missing = fields.List(fields.String(), required=True)
    deadline = fields.Nested(CompactDeadlineSchema, allow_none=True, required=True)
    basis = refs()
    notes = fields.List(fields.String(), required=True, metadata={"description": "the codes of the notes"})
    regulations = fields.List(fields.Nested(BriefRegulationSchema), required=True)
    links = fields.Dict(keys=fields.String(), values=fields.String(), required=True,
                        metadata={"description": "decision: the full decision in the log (a reviewer key reads it)"})
    bundle_revision = fields.String(required=True)


class ItemErrorSchema(Open):
    """A batch item that was not decided, with its error (as a 400 would give it)."""

    index = fields.Integer(required=True)
    id = fields.String(allow_none=True, required=True)
    dataset_id = fields.String(allow_none=True, required=True)
    error = fields.Dict(required=True, metadata={"description": "the error object: code, message, fields, details"})


class BatchSummarySchema(Open):
    decided = fields.Integer(required=True)
    refused = fields.Integer(required=True)


class BatchSchema(Open):
    batch_id = fields.String(required=True)
    view = fields.String(required=True, validate=validate.OneOf(["full", "compact"]))
    summary = fields.Nested(BatchSummarySchema, required=True)
    links = fields.Dict(keys=fields.String(), values=fields.String(),
                        metadata={"description": "view=compact: articles, where each article of a basis is read, as an "
                                                 "RFC 6570 template (wuxi-open#15.3 is regulation wuxi-open, article 15)"})
    decisions = fields.List(fields.Dict(), required=True,
                            metadata={"description": "one result per request, in order: a decision (full or compact) with the "
                                                     "request's index, id and dataset_id, or an item error"})


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
