"""Schemas of classification (contract §4); responses for the documentation only."""

from marshmallow import Schema, fields

from ....answers.requests import ClassificationRequestSchema  # noqa: F401  (the request body)


class ClassPartSchema(Schema):
    required = fields.String(allow_none=True)
    allowed = fields.List(fields.String(), allow_none=True)
    determined = fields.Boolean()
    rule = fields.String()
    declared = fields.String(allow_none=True)
    lawful = fields.Boolean(allow_none=True, metadata={"description": "null: undeclared, or the text does not settle it"})
    problems = fields.List(fields.String())
    basis = fields.List(fields.String())


class ClassChangeSchema(Schema):
    kind = fields.String()
    allowed = fields.Boolean(allow_none=True)
    rule = fields.String()
    requires = fields.List(fields.Dict())
    problems = fields.List(fields.String())
    basis = fields.List(fields.String())


class JurisdictionClassificationSchema(Schema):
    jurisdiction = fields.String()
    applies = fields.Boolean()
    binding = fields.Boolean()
    open = fields.Nested(ClassPartSchema, allow_none=True)
    share = fields.Nested(ClassPartSchema, allow_none=True)
    change = fields.Nested(ClassChangeSchema, allow_none=True)
    catalogue = fields.Dict(allow_none=True)
    notes = fields.List(fields.Dict())
    basis = fields.List(fields.Dict())
    explanation = fields.Dict(keys=fields.String(), values=fields.String())


class ClassificationSchema(Schema):
    classification_id = fields.String()
    as_of = fields.Date()
    dataset_id = fields.String(allow_none=True)
    results = fields.List(fields.Nested(JurisdictionClassificationSchema))
    bundle_revision = fields.String()
