"""Schemas of applications: what the resource takes (``answers.application_requests``)
and what it answers, for the OpenAPI description the tests check answers against."""

from marshmallow import fields

from ....answers import vocabulary as v
from ....answers.application_requests import OUTCOMES, EventSchema, RegistrationSchema  # noqa: F401  (request bodies)
from ...openapi import Open
from ..decisions.schemas import DecisionSchema, NoteSchema, RefusalSchema, described, refs

DUE_SOURCES = {"text": "a number of days the text sets", "reading": "及时/立即: no number in the text; shown due "
                                                                     "the same or next working day (see notes)"}


class OwedSchema(Open):
    """What a duty and the next duty both say: the step, its body, its article and its due date."""

    key = fields.String(required=True)
    step = fields.String(required=True)
    step_en = fields.String(required=True)
    actor = fields.String(required=True, metadata={"description": "the body the text names (responsible)"})
    actor_en = fields.String(required=True)
    count = described(v.COUNTS, required=True)
    due = fields.Date(allow_none=True, metadata={"description": "null: the text sets no date (or it counts from an undone step without one)"})
    due_source = described(DUE_SOURCES, allow_none=True)
    calendar_confirmed = fields.Boolean(required=True)
    basis = refs()


class DutySchema(OwedSchema):
    n = fields.Integer(allow_none=True)
    from_ = fields.String(data_key="from", metadata={"description": "event | previous | an earlier step's key"})
    direction = described(v.DIRECTIONS)
    start = fields.Date(allow_none=True)
    state = described(v.DUTY_STATES, required=True)
    done_on = fields.Date(allow_none=True)
    done_with = described(v.APPLICATION_EVENTS, allow_none=True, metadata={"description": "the event that discharged it:"})
    done_by = described(v.APPLICATION_EVENTS, allow_none=True, metadata={"description": "the event that discharges it:"})
    refusal = fields.Nested(RefusalSchema)
    after_refusal = fields.String(metadata={"description": "owed: still owed after a refusal at an earlier step"})


class NextDutySchema(OwedSchema):
    working_days_left = fields.Integer(allow_none=True, metadata={"description": "from today to due: 0 on the day, negative when late"})
    overdue = fields.Boolean(required=True)


class EventAnswerSchema(Open):
    id = fields.String(required=True)
    seq = fields.Integer(required=True)
    type = described(v.APPLICATION_EVENTS, required=True)
    on = fields.Date(required=True)
    step = fields.String(allow_none=True)
    outcome = described(OUTCOMES, allow_none=True)
    reasons = fields.String(allow_none=True)
    legal_basis = fields.String(allow_none=True)
    recorded_at = fields.DateTime(required=True)
    recorded_by = fields.String(allow_none=True)


class RegisteredApplicationSchema(Open):
    id = fields.String(required=True, metadata={"format": "uuid"})
    reference = fields.String(allow_none=True)
    jurisdiction = fields.String(required=True)
    action = fields.String(required=True)
    path = fields.String(allow_none=True, metadata={"description": "the procedure (parameters.paths) the decision follows"})
    received_on = fields.Date(required=True)
    state = described(v.APPLICATION_STATES, required=True)
    outcome = described(OUTCOMES, allow_none=True)
    decision_id = fields.String(required=True)
    binding = fields.Boolean(required=True, metadata={"description": "false: the rules are a draft"})
    next = fields.Nested(NextDutySchema, allow_none=True, required=True,
                         metadata={"description": "the open duty due first; null when none is owed"})
    today = fields.Date(required=True, metadata={"description": "the day working_days_left is counted from (Asia/Shanghai)"})
    duties = fields.List(fields.Nested(DutySchema), required=True)
    notes = fields.List(fields.Nested(NoteSchema), required=True)
    created_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True)
    links = fields.Dict(keys=fields.String(), values=fields.String())
    events = fields.List(fields.Nested(EventAnswerSchema), metadata={"description": "one application: its events in order"})
    decision = fields.Nested(DecisionSchema, metadata={"description": "one application: its decision as answered"})


class ApplicationPageSchema(Open):
    applications = fields.List(fields.Nested(RegisteredApplicationSchema), required=True)
    next_cursor = fields.String(allow_none=True, required=True, metadata={"description": "give it as cursor for the next page; null: no more"})
    today = fields.Date(required=True)
