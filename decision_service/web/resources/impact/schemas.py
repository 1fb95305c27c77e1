"""Schemas of impact runs and their reports, for the OpenAPI description the tests check answers against."""

from __future__ import annotations

from marshmallow import fields

from ....answers import vocabulary as v
from ....answers.impact import ASPECTS
from ...openapi import Open
from ..decisions.schemas import described

RUN_STATES = {"running": "deciding (see progress)", "done": "the report is ready",
              "failed": "stopped (see error); nothing was changed"}


class ImpactChangeSchema(Open):
    aspect = described(ASPECTS, required=True)
    logged = fields.Raw(required=True, allow_none=True, metadata={"description": "as answered"})
    candidate = fields.Raw(required=True, allow_none=True, metadata={"description": "under the candidate"})


class ImpactExampleSchema(Open):
    decision_id = fields.String(required=True)
    logged_at = fields.String(required=True)
    changes = fields.List(fields.Nested(ImpactChangeSchema), required=True)


class ImpactGroupSchema(Open):
    jurisdiction = described({j: j for j in v.JURISDICTION_IDS}, required=True)
    outcome = fields.String(required=True, metadata={"description": "the outcome as answered"})
    decisions = fields.Integer(required=True)
    changed = fields.Integer(required=True)
    by_aspect = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True,
                            metadata={"description": "decisions changed in each aspect"})
    outcome_to = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True,
                             metadata={"description": "the outcomes they would change to"})
    examples = fields.List(fields.Nested(ImpactExampleSchema), required=True)


class ImpactReportSchema(Open):
    candidate_revision = fields.String(required=True)
    since = fields.String(allow_none=True)
    until = fields.String(allow_none=True)
    aspects = fields.Dict(keys=fields.String(), values=fields.String(), required=True)
    decisions = fields.Integer(required=True)
    changed = fields.Integer(required=True)
    logged_revisions = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True,
                                   metadata={"description": "the revisions the logged answers were given under"})
    groups = fields.List(fields.Nested(ImpactGroupSchema), required=True)
    seconds = fields.Float(required=True)


class ImpactProgressSchema(Open):
    done = fields.Integer(required=True)
    total = fields.Integer(required=True)


class ImpactRunSchema(Open):
    id = fields.String(required=True)
    state = described(RUN_STATES, required=True)
    since = fields.String(allow_none=True)
    until = fields.String(allow_none=True)
    candidate_revision = fields.String(allow_none=True)
    created_by = fields.String(allow_none=True)
    progress = fields.Nested(ImpactProgressSchema, required=True)
    error = fields.String(allow_none=True)
    created_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True)
    links = fields.Dict(keys=fields.String(), values=fields.String())
    report = fields.Nested(ImpactReportSchema, allow_none=True)


class ImpactRunListSchema(Open):
    runs = fields.List(fields.Nested(ImpactRunSchema), required=True)
