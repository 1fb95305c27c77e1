"""The regulations as encoded: jurisdictions, each regulation (versions,
parameters, notes, articles) and each article with what encodes it.
Public and read-only: the texts are public law."""

from __future__ import annotations

from flask import current_app, jsonify
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from ....store.bundle import JURISDICTIONS
from ....store.rule_index import rules_by_article
from ...errors import ApiError

blp = Blueprint("regulations", __name__, url_prefix="/v1", description="The encoded regulations (public, read-only)")


class JurisdictionSchema(Schema):
    id = fields.String()
    regulation = fields.String()
    title = fields.String()
    title_en = fields.String()
    status = fields.String(allow_none=True)
    governs = fields.List(fields.String())


class RegulationSchema(Schema):
    id = fields.String()
    title = fields.String()
    document_number = fields.String(allow_none=True)
    versions = fields.List(fields.Dict())
    articles = fields.List(fields.Dict())
    notes = fields.Dict()
    out_of_scope = fields.List(fields.Dict())


class ArticleDetailSchema(Schema):
    ref = fields.String()
    number = fields.Integer()
    label = fields.String()
    chapter = fields.String(allow_none=True)
    text = fields.String()
    items = fields.List(fields.Dict())
    out_of_scope = fields.String(allow_none=True)
    rules = fields.List(fields.Dict(), metadata={"description": "Rego rules whose METADATA names the article"})


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
