"""One request under every jurisdiction, and the parameter matrix (contract §3)."""

from __future__ import annotations

from flask import Response, current_app, jsonify, request
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from ....answers.compare import compare_requests, requests_for, table
from ....answers.decide import today_shanghai
from ....answers.matrix import build
from ....answers.matrix import table as matrix_table
from ....answers.render import to_csv, to_markdown
from ....answers.requests import NOT_A_DATE, iso_date
from ...auth import require
from ...errors import ApiError, json_body, validated
from ..decisions import log_decisions


def log_comparison(reqs: list[dict], result: dict, key_name: str | None = None) -> None:
    """A comparison's decisions in the log, one row per jurisdiction, under the comparison's id."""
    import json

    pairs = [(r, d, json.dumps(d, ensure_ascii=False)) for r, d in zip(reqs, result["decisions"])]
    log_decisions(pairs, result["comparison_id"], key_name)

blp = Blueprint("comparisons", __name__, url_prefix="/v1", description="Comparing jurisdictions (contract §3)")

FORMATS = {"json": None, "csv": ("text/csv", to_csv), "markdown": ("text/markdown", to_markdown)}


class ComparisonSchema(Schema):
    comparison_id = fields.String()
    decisions = fields.List(fields.Dict(), metadata={"description": "one decision per jurisdiction"})
    bundle_revision = fields.String()


class MatrixSchema(Schema):
    as_of = fields.Date()
    versions = fields.Dict()
    topics = fields.List(fields.Dict(), metadata={"description": "each topic with one cell per jurisdiction"})


def _format() -> str:
    fmt = request.args.get("format", "json")
    if fmt not in FORMATS:
        raise ApiError(400, "invalid_request", "format: json, csv or markdown", {"format": ["json, csv or markdown"]})
    return fmt


@blp.route("/compare", methods=["POST"])
@blp.doc(security=[{"ApiKey": []}], parameters=[{"in": "query", "name": "format", "schema": {"type": "string", "enum": list(FORMATS)}}],
         requestBody={"required": True, "content": {"application/json": {"schema": {"type": "object",
                      "description": "a decision request without jurisdiction, or with jurisdictions: [...]"}}}})
@blp.response(200, ComparisonSchema)
@require("portal")
def compare_jurisdictions():
    """Decide one request under every jurisdiction (or those listed), as JSON, CSV or Markdown."""
    fmt = _format()
    reqs = validated(requests_for, json_body())
    result = compare_requests(current_app.extensions["osd"].current().decider, reqs)
    log_comparison(reqs, result)
    if fmt == "json":
        return jsonify(result)
    mimetype, render = FORMATS[fmt]
    return Response(render(table(result)), mimetype=f"{mimetype}; charset=utf-8")


@blp.route("/matrix", methods=["GET"])
@blp.doc(parameters=[{"in": "query", "name": "as_of", "schema": {"type": "string", "format": "date"}},
                     {"in": "query", "name": "format", "schema": {"type": "string", "enum": list(FORMATS)}}])
@blp.response(200, MatrixSchema)
def matrix():
    """The encoded parameters side by side, each cell citing its articles. Public, read-only."""
    fmt = _format()
    as_of = iso_date(request.args.get("as_of") or today_shanghai())
    if as_of is None:
        raise ApiError(400, "invalid_request", f"as_of: {NOT_A_DATE}", {"as_of": [NOT_A_DATE]})
    result = build(current_app.extensions["osd"].current().bundle, as_of)
    if fmt == "json":
        return jsonify(result)
    mimetype, render = FORMATS[fmt]
    return Response(render(matrix_table(result)), mimetype=f"{mimetype}; charset=utf-8")
