"""Schemas of deadlines (contract §5); responses for the documentation only."""

from marshmallow import Schema, fields

from ....answers.requests import DeadlineRequestSchema  # noqa: F401  (the request body)
from ..decisions.schemas import COUNTS, NoteSchema, RegulationRefSchema


class LimitSchema(Schema):
    key = fields.String()
    path = fields.String(metadata={"description": "the path the limit belongs to (in limits[])"})
    text = fields.String()
    text_en = fields.String()
    responsible = fields.String()
    responsible_en = fields.String()
    trigger = fields.String(metadata={"description": "what starts the time, in the text's words where it has them"})
    trigger_en = fields.String()
    count = fields.String(metadata={"description": COUNTS})
    n = fields.Integer(allow_none=True)
    direction = fields.String(metadata={"description": "after (due: the latest day) | before (due, counted back) | not_before (the earliest day)"})
    not_before_day = fields.String(metadata={"description": "end (the counted day is allowed) | after_end (the day after a period that must run out)"})
    from_ = fields.String(data_key="from", metadata={"description": "event | previous | the key of an earlier limit of the path"})
    start = fields.Date(allow_none=True)
    due = fields.Date(allow_none=True, metadata={"description": "the latest day (direction after or before)"})
    not_before = fields.Date(allow_none=True, metadata={"description": "the earliest day (direction not_before); never a due date"})
    done = fields.Date(allow_none=True, metadata={"description": "the day the request says the step was done"})
    working_days_from_start = fields.Integer(allow_none=True)
    calendar_confirmed = fields.Boolean()
    note = fields.String(metadata={"description": "the reading note the limit rests on"})
    regulation = fields.String()
    basis = fields.List(fields.String())


class WhenSchema(Schema):
    zh = fields.String()
    en = fields.String()
    requester_type = fields.List(fields.String())
    requester_level = fields.List(fields.String())
    provider_level = fields.List(fields.String())
    access_mode = fields.List(fields.String())
    open_class = fields.List(fields.String())
    share_class = fields.List(fields.String())


class PathSchema(Schema):
    key = fields.String()
    text = fields.String()
    text_en = fields.String()
    when = fields.Nested(WhenSchema, metadata={"description": "when the path applies; each list is any of its values, lists together all hold"})
    answer = fields.String(allow_none=True, metadata={"description": "the step that answers the requester, where there is one"})
    limits = fields.List(fields.Nested(LimitSchema), metadata={"description": "in order, each counted from its from"})


class JurisdictionDeadlinesSchema(Schema):
    jurisdiction = fields.String()
    outcome = fields.String(metadata={"description": "stated | not_stated | not_applicable"})
    governing = fields.String(allow_none=True)
    relation = fields.String(allow_none=True, metadata={"description": "alternatives (exactly one path applies, as its when says) | all (every path holds)"})
    paths = fields.List(fields.Nested(PathSchema))
    limits = fields.List(fields.Nested(LimitSchema), metadata={"description": "every limit of every path, in order, each naming its path"})
    regulations = fields.List(fields.Nested(RegulationRefSchema), metadata={"description": "the texts read"})
    binding = fields.Boolean()
    calendar_confirmed = fields.Boolean()
    notes = fields.List(fields.Nested(NoteSchema))
    basis = fields.List(fields.Dict())
    explanation = fields.Dict(keys=fields.String(), values=fields.String())


class DeadlinesSchema(Schema):
    event = fields.String()
    date = fields.Date()
    as_of = fields.Date()
    results = fields.List(fields.Nested(JurisdictionDeadlinesSchema))
    bundle_revision = fields.String()
