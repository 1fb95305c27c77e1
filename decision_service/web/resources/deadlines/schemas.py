"""Schemas of deadlines (contract §5); responses for the documentation only."""

from marshmallow import fields, validate

from ....answers import vocabulary as v
from ....answers.requests import DeadlineRequestSchema  # noqa: F401  (the request body)
from ...openapi import Open
from ..decisions.schemas import BilingualSchema, NoteSchema, RefusalSchema, RegulationRefSchema, described, refs


class LimitSchema(Open):
    key = fields.String()
    path = fields.String(metadata={"description": "the path the limit belongs to (in limits[])"})
    text = fields.String()
    text_en = fields.String()
    responsible = fields.String()
    responsible_en = fields.String()
    trigger = fields.String(metadata={"description": "what starts the time, in the text's words where it has them"})
    trigger_en = fields.String()
    count = described(v.COUNTS, required=True)
    n = fields.Integer(allow_none=True)
    direction = described(v.DIRECTIONS, required=True)
    not_before_day = described(v.NOT_BEFORE_DAYS, metadata={"description": "for not_before:"})
    from_ = fields.String(data_key="from", metadata={"description": "event | previous | the key of an earlier limit of the path"})
    start = fields.Date(allow_none=True)
    due = fields.Date(allow_none=True, metadata={"description": "the latest day (direction after or before)"})
    not_before = fields.Date(allow_none=True, metadata={"description": "the earliest day (direction not_before); never a due date"})
    done = fields.Date(allow_none=True, metadata={"description": "the day the request says the step was done"})
    working_days_from_start = fields.Integer(allow_none=True)
    calendar_confirmed = fields.Boolean()
    note = fields.String(metadata={"description": "the reading note the limit rests on"})
    done_by = described(v.APPLICATION_EVENTS, metadata={"description": "the application event that discharges the step:"})
    refusal = fields.Nested(RefusalSchema, metadata={"description": "where the text says what a refusal at this step must state"})
    regulation = fields.String(required=True)
    quote = fields.String(required=True, metadata={"description": "the words of the text that set the limit"})
    basis = refs()


class WhenSchema(Open):
    zh = fields.String()
    en = fields.String()
    requester_type = fields.List(fields.String())
    requester_level = fields.List(fields.String())
    provider_level = fields.List(fields.String())
    access_mode = fields.List(fields.String())
    open_class = fields.List(fields.String())
    share_class = fields.List(fields.String())


class PathSchema(Open):
    key = fields.String()
    text = fields.String()
    text_en = fields.String()
    when = fields.Nested(WhenSchema, metadata={"description": "when the path applies; each list is any of its values, lists together all hold"})
    answer = fields.String(allow_none=True, metadata={"description": "the step that answers the requester, where there is one"})
    limits = fields.List(fields.Nested(LimitSchema), metadata={"description": "in order, each counted from its from"})


class JurisdictionDeadlinesSchema(Open):
    jurisdiction = fields.String(required=True, validate=validate.OneOf(v.JURISDICTION_IDS))
    outcome = described(v.DEADLINE_OUTCOMES, required=True)
    governing = fields.String(allow_none=True)
    relation = described(v.RELATIONS, allow_none=True)
    paths = fields.List(fields.Nested(PathSchema))
    limits = fields.List(fields.Nested(LimitSchema), metadata={"description": "every limit of every path, in order, each naming its path"})
    regulations = fields.List(fields.Nested(RegulationRefSchema), metadata={"description": "the texts read"})
    binding = fields.Boolean()
    calendar_confirmed = fields.Boolean()
    notes = fields.List(fields.Nested(NoteSchema))
    basis = fields.List(fields.Dict(), metadata={"description": "the articles, each {ref, label, quote}"})
    explanation = fields.Nested(BilingualSchema, required=True)


class DeadlinesSchema(Open):
    event = fields.String()
    date = fields.Date()
    as_of = fields.Date()
    results = fields.List(fields.Nested(JurisdictionDeadlinesSchema))
    bundle_revision = fields.String()
