"""Schemas of classification (contract §4): the request as ``answers.requests``
validates it, the answer as the tests check it against ``/openapi.json``."""

from marshmallow import fields, validate

from ....answers import vocabulary as v
from ....answers.requests import ClassificationRequestSchema  # noqa: F401  (the request body)
from ...openapi import Open
from ..decisions.schemas import (
    ArticleSchema,
    BilingualSchema,
    NoteSchema,
    RegulationRefSchema,
    TermSchema,
    refs,
)


class ClassPartSchema(Open):
    required = fields.String(allow_none=True, metadata={"description": "the class the text requires, where it settles one"})
    allowed = fields.List(fields.String(), allow_none=True, metadata={"description": "the classes the text allows (null: it does not say)"})
    determined = fields.Boolean(required=True)
    stated = fields.Boolean(metadata={"description": "false: the text has no classes of this kind"})
    rule = fields.String(required=True)
    declared = fields.String(allow_none=True)
    lawful = fields.Boolean(allow_none=True, required=True, metadata={"description": "null: undeclared, or the text does not settle it"})
    grounds = fields.List(fields.String())
    unaddressed = fields.List(fields.String(), metadata={"description": "facts given that the text does not address"})
    problems = fields.List(fields.String(), required=True)
    basis = refs()


class ClassChangeSchema(Open):
    kind = fields.String(required=True, validate=validate.OneOf(v.ACTIONS))
    from_ = fields.String(data_key="from", required=True)
    to = fields.String(required=True)
    allowed = fields.Boolean(allow_none=True, required=True)
    rule = fields.String(required=True)
    why = fields.Nested(BilingualSchema)
    requires = fields.List(fields.Nested(TermSchema), required=True)
    problems = fields.List(fields.String(), required=True)
    basis = refs()


class CatalogueFieldSchema(Open):
    code = fields.String(required=True)
    label = fields.String(required=True)
    label_en = fields.String(required=True)


class CatalogueCheckSchema(Open):
    stated = fields.Boolean(required=True)
    list_open = fields.Boolean()
    checked = fields.Boolean(required=True, metadata={"description": "false: the request gave no catalogue to check"})
    required_fields = fields.List(fields.Nested(CatalogueFieldSchema), required=True)
    missing = fields.List(fields.Nested(CatalogueFieldSchema), required=True)
    basis = refs()


class JurisdictionClassificationSchema(Open):
    jurisdiction = fields.String(required=True, validate=validate.OneOf(v.JURISDICTION_IDS))
    applies = fields.Boolean(required=True)
    binding = fields.Boolean(required=True)
    open = fields.Nested(ClassPartSchema, allow_none=True, required=True)
    share = fields.Nested(ClassPartSchema, allow_none=True, required=True)
    change = fields.Nested(ClassChangeSchema, allow_none=True)
    catalogue = fields.Nested(CatalogueCheckSchema, allow_none=True)
    versions = fields.Dict(keys=fields.String(), values=fields.String(), required=True,
                           metadata={"description": "the version read of each regulation"})
    regulations = fields.List(fields.Nested(RegulationRefSchema), required=True, metadata={"description": "the texts read"})
    notes = fields.List(fields.Nested(NoteSchema), required=True)
    basis = fields.List(fields.Nested(ArticleSchema), required=True)
    explanation = fields.Nested(BilingualSchema, required=True)


class ClassificationSchema(Open):
    classification_id = fields.String(required=True)
    as_of = fields.Date(required=True)
    dataset_id = fields.String(allow_none=True, required=True)
    results = fields.List(fields.Nested(JurisdictionClassificationSchema), required=True)
    bundle_revision = fields.String(required=True)
