"""The regulations as encoded: jurisdictions, each regulation (versions,
parameters, notes, articles) and each article with what encodes it.
Public and read-only: the texts are public law."""

from __future__ import annotations

from flask import current_app, jsonify
from flask_smorest import Blueprint
from marshmallow import fields, validate

from ....answers import vocabulary as v
from ....store.bundle import JURISDICTIONS
from ....store.rule_index import rules_by_article
from ...errors import ApiError
from ...openapi import Open

blp = Blueprint("regulations", __name__, url_prefix="/v1", description="The encoded regulations (public, read-only)")


class JurisdictionSchema(Open):
    id = fields.String(required=True, validate=validate.OneOf(v.JURISDICTION_IDS))
    regulation = fields.String(required=True)
    title = fields.String(required=True)
    title_en = fields.String(required=True)
    status = fields.String(allow_none=True, validate=validate.OneOf(v.VERSION_STATUSES))
    governs = fields.List(fields.String(validate=validate.OneOf(v.ACTIONS)), required=True)


class SourceSchema(Open):
    seed = fields.String(required=True, metadata={"description": "the source text's file in ../shared/seeds"})
    copy = fields.String(required=True, metadata={"description": "what the copy is and where it is cut"})


class VersionSchema(Open):
    id = fields.String(required=True)
    status = fields.String(required=True, validate=validate.OneOf(v.VERSION_STATUSES))
    status_assumed = fields.Boolean()
    adopted = fields.Date(allow_none=True)
    effective_from = fields.Date(allow_none=True, required=True)
    effective_to = fields.Date(allow_none=True)
    dates_basis = fields.List(fields.String())
    dates_quote = fields.String()
    dates_note = fields.String()
    parameters = fields.Dict(required=True, metadata={"description": "classes, limits, paths, events, materials, bodies: "
                                                                     "each citing its article and quoting its words"})


class ItemSchema(Open):
    number = fields.Integer(required=True)
    label = fields.String(required=True)
    text = fields.String(required=True)


class ArticleTextSchema(Open):
    number = fields.Integer(required=True)
    label = fields.String(required=True, metadata={"example": "第十五条"})
    chapter = fields.String(allow_none=True)
    title = fields.String(metadata={"description": "the article's heading, where the text gives one"})
    text = fields.String(required=True, metadata={"description": "the cleaned text"})
    items = fields.List(fields.Nested(ItemSchema))


class OutOfScopeSchema(Open):
    articles = fields.List(fields.Integer(), required=True)
    reason = fields.String(required=True)


class NotTimeLimitSchema(Open):
    ref = fields.String(required=True)
    quote = fields.String(required=True)
    reason = fields.String(required=True, metadata={"description": "why the time word sets no limit"})


class CleaningSchema(Open):
    kind = fields.String(required=True)
    where = fields.String(required=True)
    what = fields.String(required=True)
    why = fields.String(required=True)


class RegulationSchema(Open):
    id = fields.String(required=True)
    jurisdiction = fields.String(required=True, validate=validate.OneOf(v.JURISDICTION_IDS))
    parent_jurisdiction = fields.String(allow_none=True)
    governs = fields.List(fields.String(validate=validate.OneOf(v.ACTIONS)), required=True)
    title = fields.String(required=True)
    title_en = fields.String(required=True)
    title_note = fields.String()
    issuer = fields.String(required=True)
    issuer_en = fields.String(required=True)
    document_number = fields.String(allow_none=True)
    source = fields.Nested(SourceSchema, required=True)
    versions = fields.List(fields.Nested(VersionSchema), required=True)
    articles = fields.List(fields.Nested(ArticleTextSchema), required=True)
    notes = fields.Dict(required=True, metadata={"description": "the reading notes, by code"})
    not_time_limits = fields.List(fields.Nested(NotTimeLimitSchema), required=True)
    out_of_scope = fields.List(fields.Nested(OutOfScopeSchema), required=True)
    cleaning = fields.List(fields.Nested(CleaningSchema), required=True, metadata={"description": "how the source text was cleaned"})


class RuleSchema(Open):
    file = fields.String(required=True)
    row = fields.Integer(required=True)
    path = fields.String(required=True, metadata={"description": "the Rego rule, e.g. data.osd.open.wuxi.outcome"})
    title = fields.String(required=True)
    description = fields.String()
    description_zh = fields.String()
    basis = fields.List(fields.String(), required=True)


class ArticleDetailSchema(ArticleTextSchema):
    ref = fields.String(required=True)
    out_of_scope = fields.String(allow_none=True, required=True)
    rules = fields.List(fields.Nested(RuleSchema), required=True, metadata={"description": "Rego rules whose METADATA names the article"})


def _bundle():
    return current_app.extensions["osd"].current().bundle


def _regulation(reg_id: str) -> dict:
    reg = _bundle().regulations.get(reg_id)
    if reg is None:
        raise ApiError(404, "not_found", f"no regulation {reg_id}",
                       {"id": [f"one of {', '.join(sorted(_bundle().regulations))}"]})
    return reg


@blp.route("/jurisdictions", methods=["GET"])
@blp.response(200, JurisdictionSchema(many=True))
def jurisdictions():
    """The five jurisdictions and the regulation each rests on."""
    out = []
    for j, reg_id in JURISDICTIONS.items():
        reg = _bundle().regulations[reg_id]
        latest = reg["versions"][-1]
        out.append({"id": j, "regulation": reg_id, "title": reg["title"], "title_en": reg["title_en"],
                    "status": latest["status"], "governs": reg["governs"]})
    return jsonify(out)


@blp.route("/regulations/<reg_id>", methods=["GET"])
@blp.response(200, RegulationSchema)
def regulation(reg_id: str):
    """A regulation: metadata, dated versions with parameters, notes, out-of-scope list, cleaned articles."""
    return jsonify(_regulation(reg_id))


@blp.route("/regulations/<reg_id>/articles/<number>", methods=["GET"])
@blp.response(200, ArticleDetailSchema)
def article(reg_id: str, number: str):
    """One article's cleaned text and items, the rules that encode it, or why it is out of scope."""
    reg = _regulation(reg_id)
    found = next((a for a in reg["articles"] if str(a["number"]) == number), None)
    if found is None:
        raise ApiError(404, "not_found", f"{reg_id} has no article {number}",
                       {"number": [f"1 to {len(reg['articles'])}"]})
    ref = f"{reg_id}#{found['number']}"
    reasons = {n: o["reason"] for o in reg.get("out_of_scope", []) for n in o["articles"]}
    rules = rules_by_article(_bundle()).get(ref, [])
    return jsonify({"ref": ref, **found, "out_of_scope": reasons.get(found["number"]),
                    "rules": [r.as_dict() for r in rules]})
