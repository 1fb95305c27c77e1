"""Schemas of deadlines (contract §5); responses for the documentation only."""

from marshmallow import Schema, fields

from ....requests import DeadlineRequestSchema  # noqa: F401  (the request body)


class LimitSchema(Schema):
    key = fields.String()
    text = fields.String()
    text_en = fields.String()
    responsible = fields.String()
    responsible_en = fields.String()
    count = fields.String(metadata={"description": "working_days | calendar_days | working_days_before | immediately | without_delay | no_limit"})
    n = fields.Integer(allow_none=True)
    start = fields.Date(allow_none=True)
    due = fields.Date(allow_none=True)
    direction = fields.String()
    basis = fields.List(fields.String())


class JurisdictionDeadlinesSchema(Schema):
    jurisdiction = fields.String()
    outcome = fields.String(metadata={"description": "stated | not_stated | not_applicable"})
    governing = fields.String(allow_none=True)
    limits = fields.List(fields.Nested(LimitSchema))
    binding = fields.Boolean()
    calendar_confirmed = fields.Boolean()
    notes = fields.List(fields.Dict())
    basis = fields.List(fields.Dict())
    explanation = fields.Dict(keys=fields.String(), values=fields.String())


class DeadlinesSchema(Schema):
    event = fields.String()
    date = fields.Date()
    as_of = fields.Date()
    results = fields.List(fields.Nested(JurisdictionDeadlinesSchema))
    bundle_revision = fields.String()
