"""Schemas of the decision resource (contract §1), for validation and OpenAPI.

Requests are validated by the same schema the CLI uses
(``decision_service.requests``); the response schemas describe what the
decision carries and are used for the documentation only, so HTTP returns the
decision exactly as ``osd decide`` prints it.
"""

from marshmallow import Schema, fields

from ....answers.requests import DecisionRequestSchema  # noqa: F401  (the request body)


class TermSchema(Schema):
    code = fields.String()
    text = fields.String()
    text_en = fields.String()
    basis = fields.List(fields.String(), metadata={"description": "article refs, e.g. wuxi-open#15.3"})
    working_days = fields.Integer(allow_none=True, metadata={"description": "where a limit (parameters.limits) times the duty in working days"})


class DeadlineSchema(Schema):
    step = fields.String()
    working_days = fields.Integer(allow_none=True)
    start = fields.Date()
    due = fields.Date(allow_none=True)
    responsible = fields.String()
    responsible_en = fields.String()
    calendar_confirmed = fields.Boolean()
    basis = fields.List(fields.String())


COUNTS = ("working_days | calendar_days | working_days_before | calendar_days_before | immediately (立即) | "
          "without_delay (及时) | real_time (实时) | periodic (定期) | yearly (每年) | set_by_authority (限期整改) | no_limit")


class StepSchema(Schema):
    key = fields.String(metadata={"description": "the limit's key in the regulation's parameters.limits"})
    step = fields.String()
    step_en = fields.String()
    responsible = fields.String()
    responsible_en = fields.String()
    count = fields.String(metadata={"description": COUNTS})
    n = fields.Integer(allow_none=True, metadata={"description": "the number of days, for the day counts"})
    direction = fields.String(metadata={"description": "after (due: the latest day) | before (due, counted back) | not_before (the earliest day)"})
    working_days = fields.Integer(allow_none=True)
    working_days_from_start = fields.Integer(allow_none=True)
    start = fields.Date(allow_none=True)
    due = fields.Date(allow_none=True)
    not_before = fields.Date(allow_none=True)
    calendar_confirmed = fields.Boolean()
    basis = fields.List(fields.String())


class ArticleSchema(Schema):
    ref = fields.String()
    label = fields.String()
    quote = fields.String(metadata={"description": "the cleaned text of the article or item"})


class RegulationRefSchema(Schema):
    id = fields.String()
    title = fields.String()
    title_en = fields.String()
    applies = fields.Boolean()
    status = fields.String(allow_none=True)
    version = fields.String(allow_none=True)
    effective_from = fields.Date(allow_none=True)
    effective_to = fields.Date(allow_none=True)
    binding = fields.Boolean()


class NoteSchema(Schema):
    code = fields.String()
    kind = fields.String(metadata={"description": "interpretation | silent | copy_cut | scope | status | superior (a superior rule not in the set, not encoded)"})
    zh = fields.String()
    en = fields.String()
    basis = fields.List(fields.String())
    regulation = fields.String()


class DecisionSchema(Schema):
    decision_id = fields.String()
    jurisdiction = fields.String()
    action = fields.String()
    as_of = fields.Date()
    received_on = fields.Date()
    outcome = fields.String(metadata={"description": "permit | apply | deny | incomplete | not_applicable"})
    route = fields.String(metadata={"description": "direct | application | competitive_selection | negotiation | none"})
    rule = fields.String()
    channel = fields.Nested(TermSchema, allow_none=True)
    conditions = fields.List(fields.Nested(TermSchema))
    obligations = fields.List(fields.Nested(TermSchema))
    remedies = fields.List(fields.Nested(TermSchema))
    missing = fields.List(fields.String())
    deadline = fields.Nested(DeadlineSchema, allow_none=True)
    timeline = fields.List(fields.Nested(StepSchema))
    path = fields.String(allow_none=True, metadata={"description": "the procedure (parameters.paths) the timeline follows; its limits are those of the deadline events"})
    basis = fields.List(fields.Nested(ArticleSchema))
    regulations = fields.List(fields.Nested(RegulationRefSchema))
    notes = fields.List(fields.Nested(NoteSchema))
    explanation = fields.Dict(keys=fields.String(), values=fields.String())
    calendar_confirmed = fields.Boolean()
    binding = fields.Boolean()
    bundle_revision = fields.String()


class BatchRequestSchema(Schema):
    requests = fields.List(fields.Nested(DecisionRequestSchema), required=True)


class BatchSchema(Schema):
    batch_id = fields.String()
    decisions = fields.List(fields.Nested(DecisionSchema))


class LogEntrySchema(Schema):
    decision_id = fields.String()
    logged_at = fields.DateTime()
    key_name = fields.String(allow_none=True)
    batch_id = fields.String(allow_none=True)
    jurisdiction = fields.String()
    action = fields.String()
    outcome = fields.String()
    bundle_revision = fields.String()
    request = fields.Dict(metadata={"description": "the request, free text masked"})
    decision = fields.Nested(DecisionSchema)
    masked_fields = fields.List(fields.String())


class ReplaySchema(Schema):
    decision_id = fields.String()
    logged_revision = fields.String()
    current_revision = fields.String()
    same = fields.Boolean()
    differences = fields.List(fields.Dict())
    decision = fields.Nested(DecisionSchema)
