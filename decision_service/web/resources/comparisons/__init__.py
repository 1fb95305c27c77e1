"""One request under every jurisdiction, and the parameter matrix (contract §3)."""

from __future__ import annotations

from flask import Response, current_app, jsonify, request
from flask_smorest import Blueprint
from marshmallow import fields, validate

from ....answers import vocabulary as v
from ....answers.compare import compare_requests, requests_for, table
from ....answers.decide import today_shanghai
from ....answers.matrix import build
from ....answers.matrix import table as matrix_table
from ....answers.render import to_csv, to_markdown
from ....answers.requests import NOT_A_DATE, DecisionRequestSchema, iso_date
from ...auth import require
from ...errors import ApiError, json_body, validated
from ...idempotency import idempotent
from ...openapi import Open
from ..decisions import log_decisions
from ..decisions.schemas import DecisionSchema


def log_comparison(reqs: list[dict], result: dict, key_name: str | None = None) -> None:
    """A comparison's decisions in the log, one row per jurisdiction, under the comparison's id."""
    import json

    pairs = [(r, d, json.dumps(d, ensure_ascii=False)) for r, d in zip(reqs, result["decisions"])]
    log_decisions(pairs, result["comparison_id"], key_name)

blp = Blueprint("comparisons", __name__, url_prefix="/v1", description="Comparing jurisdictions (contract §3)")

FORMATS = {"json": None, "csv": ("text/csv", to_csv), "markdown": ("text/markdown", to_markdown)}


class CompareRequestSchema(DecisionRequestSchema):
    """A decision request with ``jurisdictions`` (default: all five) in place of ``jurisdiction``."""

    jurisdiction = fields.String(allow_none=True, validate=validate.OneOf(v.JURISDICTION_IDS),
                                 metadata={"description": "ignored: the request is decided under each of jurisdictions"})
    jurisdictions = fields.List(fields.String(validate=validate.OneOf(v.JURISDICTION_IDS)), validate=validate.Length(min=1),
                                allow_none=True, metadata={"description": "the jurisdictions to compare (absent or null: all five)"})


class ComparisonSchema(Open):
    comparison_id = fields.String(required=True)
    decisions = fields.List(fields.Nested(DecisionSchema), required=True, metadata={"description": "one decision per jurisdiction"})
    bundle_revision = fields.String(required=True)


class VersionReadSchema(Open):
    regulation = fields.String(required=True)
    version = fields.String(allow_none=True, required=True)
    status = fields.String(allow_none=True, validate=validate.OneOf(v.VERSION_STATUSES))


class CellSchema(Open):
    value = fields.String(required=True, metadata={"description": "the parameter in words"})
    stated = fields.Boolean(required=True, metadata={"description": "false: the text is silent on it"})
    basis = fields.List(fields.String(), required=True)
    superior = fields.List(fields.Raw(), metadata={"description": "superior rules the cell names (not encoded)"})


class TopicSchema(Open):
    topic = fields.String(required=True)
    cells = fields.Dict(keys=fields.String(validate=validate.OneOf(v.JURISDICTION_IDS)), values=fields.Nested(CellSchema),
                        required=True, metadata={"description": "one cell per jurisdiction"})


class MatrixSchema(Open):
    as_of = fields.Date(required=True)
    versions = fields.Dict(keys=fields.String(), values=fields.Nested(VersionReadSchema), required=True,
                           metadata={"description": "the version read in each jurisdiction"})
    topics = fields.List(fields.Nested(TopicSchema), required=True, metadata={"description": "each topic with one cell per jurisdiction"})



def _format() -> str:
    fmt = request.args.get("format", "json")
    if fmt not in FORMATS:
        raise ApiError(400, "invalid_request", "format: json, csv or markdown", {"format": ["json, csv or markdown"]})
    return fmt


@blp.route("/compare", methods=["POST"])
@blp.doc(security=[{"ApiKey": []}], parameters=[{"in": "query", "name": "format", "schema": {"type": "string", "enum": list(FORMATS)}}],
         requestBody={"required": True, "content": {"application/json": {"schema": CompareRequestSchema}}})
@blp.response(200, ComparisonSchema, description="the comparison (format=json); a table with format=csv or markdown")
@blp.alt_response(200, success=True, content_type="text/csv", schema={"type": "string"},
                  description="JSON (format=json, the default), or the table as CSV or Markdown")
@blp.alt_response(200, success=True, content_type="text/markdown", schema={"type": "string"},
                  description="JSON (format=json, the default), or the table as CSV or Markdown")
@require("portal")
@idempotent
def compare_jurisdictions():
    """Decide one request under every jurisdiction (or those listed), as JSON, CSV or Markdown."""
    fmt = _format()
    reqs = validated(requests_for, json_body())
    result = compare_requests(current_app.extensions["osd"].current().decider, reqs)
    log_comparison(reqs, result)
    if fmt == "json":
        return jsonify(result)
    mimetype, render = FORMATS[fmt]
    return Response(render(table(result)), content_type=f"{mimetype}; charset=utf-8")


@blp.route("/matrix", methods=["GET"])
@blp.doc(parameters=[{"in": "query", "name": "as_of", "schema": {"type": "string", "format": "date"}},
                     {"in": "query", "name": "format", "schema": {"type": "string", "enum": list(FORMATS)}}])
@blp.response(200, MatrixSchema, description="the matrix (format=json); a table with format=csv or markdown")
@blp.alt_response(200, success=True, content_type="text/csv", schema={"type": "string"},
                  description="JSON (format=json, the default), or the table as CSV or Markdown")
@blp.alt_response(200, success=True, content_type="text/markdown", schema={"type": "string"},
                  description="JSON (format=json, the default), or the table as CSV or Markdown")
def matrix():
    """The encoded parameters side by side, each cell citing its articles. Public, read-only."""
    fmt = _format()
    as_of = iso_date(request.args["as_of"] if "as_of" in request.args else today_shanghai())
    if as_of is None:
        raise ApiError(400, "invalid_request", f"as_of: {NOT_A_DATE}", {"as_of": [NOT_A_DATE]})
    result = build(current_app.extensions["osd"].current().bundle, as_of)
    if fmt == "json":
        return jsonify(result)
    mimetype, render = FORMATS[fmt]
    return Response(render(matrix_table(result)), content_type=f"{mimetype}; charset=utf-8")
