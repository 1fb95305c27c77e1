"""``GET /v1/vocabularies``: every enumerated field's codes, labels and the
catalogue words meaning each (``answers.vocabularies``). Public, read-only."""

from __future__ import annotations

from flask import current_app, jsonify
from flask_smorest import Blueprint
from marshmallow import fields

from ...answers.vocabularies import vocabularies as build
from ..openapi import ERROR_CODES, Open

blp = Blueprint("vocabularies", __name__, url_prefix="/v1", description="Codes, labels and catalogue words (public)")


class WordSchema(Open):
    word = fields.String(required=True)
    in_texts = fields.List(fields.String(), required=True,
                           metadata={"description": "the regulations whose articles use the word; empty: catalogue usage, not a word of the texts"})


class CodeSchema(Open):
    code = fields.String(required=True)
    zh = fields.String(allow_none=True, required=True)
    en = fields.String(allow_none=True, required=True)
    words = fields.List(fields.Nested(WordSchema), required=True,
                        metadata={"description": "Chinese words catalogues write for the code"})


class VocabularySchema(Open):
    name = fields.String(required=True)
    fields_ = fields.List(fields.String(), data_key="fields", required=True,
                          metadata={"description": "the request fields (or answer fields) that take these codes"})
    codes = fields.List(fields.Nested(CodeSchema), required=True)


class VocabulariesSchema(Open):
    vocabularies = fields.List(fields.Nested(VocabularySchema), required=True)
    bundle_revision = fields.String(required=True)


_cache: dict[str, dict] = {}


@blp.route("/vocabularies", methods=["GET"])
@blp.response(200, VocabulariesSchema)
def vocabularies():
    """Every enumerated field with its codes, zh and en labels, and the catalogue words that mean each code."""
    bundle = current_app.extensions["osd"].current().bundle
    if bundle.revision not in _cache:
        _cache.clear()
        _cache[bundle.revision] = build(bundle, ERROR_CODES)
    return jsonify(_cache[bundle.revision])
