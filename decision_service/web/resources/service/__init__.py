"""The service itself: health, readiness, metrics, the bundle, reload, docs."""

from __future__ import annotations

from flask import Response, current_app, jsonify, render_template_string
from flask_smorest import Blueprint
from marshmallow import fields, validate
from sqlalchemy import text

from ...auth import require
from ...errors import ApiError
from ...metrics import exposition
from ...openapi import Open

blp = Blueprint("service", __name__, description="Health, metrics, bundle and reload")


def _service():
    return current_app.extensions["osd"]


class HealthSchema(Open):
    status = fields.String(required=True, validate=validate.OneOf(["ok"]))


class ReadySchema(Open):
    status = fields.String(required=True, validate=validate.OneOf(["ready"]))
    bundle_revision = fields.String(required=True)


class VersionBriefSchema(Open):
    id = fields.String(required=True)
    status = fields.String(allow_none=True, metadata={"description": "in_force | draft | repealed | unknown, as the regulation's version says"})
    effective_from = fields.Date(allow_none=True)
    effective_to = fields.Date(allow_none=True)


class RegulationBriefSchema(Open):
    id = fields.String(required=True)
    title = fields.String(required=True)
    versions = fields.List(fields.Nested(VersionBriefSchema), required=True)


class BundleInfoSchema(Open):
    revision = fields.String(required=True)
    loaded_at = fields.DateTime(required=True, metadata={"description": "when this worker loaded the bundle"})
    regulations = fields.List(fields.Nested(RegulationBriefSchema), required=True)


class ReloadSchema(Open):
    accepted = fields.Boolean(required=True)
    revision = fields.String(required=True)
    checks = fields.List(fields.String(), required=True)
    serving = fields.String(required=True)


TEXT = {"200": {"description": "Prometheus text exposition",
                "content": {"text/plain": {"schema": {"type": "string"}}}}}
HTML = {"200": {"description": "an HTML page", "content": {"text/html": {"schema": {"type": "string"}}}}}


@blp.route("/healthz", methods=["GET"])
@blp.response(200, HealthSchema)
def healthz():
    """The process is up. Public."""
    return jsonify({"status": "ok"})


@blp.route("/readyz", methods=["GET"])
@blp.response(200, ReadySchema)
@blp.alt_response(503, response="SERVICE_UNAVAILABLE", description="not ready: no policy instance can answer, or the database does not")
def readyz():
    """A bundle is loaded, its engine can take an evaluation within a second, and
    the database answers. Public."""
    try:
        snapshot = _service().current()
        engine_ready = getattr(snapshot.decider.engine, "ready", None)
        if engine_ready is not None and not engine_ready():
            raise ApiError(503, "unavailable", "not ready: every policy instance is busy or lost")
        with _service().engine.connect() as conn:
            conn.execute(text("select 1"))
    except ApiError:
        raise
    except Exception as exc:  # noqa: BLE001  (any failure means not ready)
        raise ApiError(503, "unavailable", f"not ready: {exc.__class__.__name__}") from None
    return jsonify({"status": "ready", "bundle_revision": snapshot.revision})


@blp.route("/metrics", methods=["GET"])
@blp.doc(responses=TEXT)
def metrics():
    """Prometheus metrics: requests and latency by endpoint and outcome, decisions by outcome. Public."""
    payload, content_type = exposition()
    return Response(payload, content_type=content_type)


@blp.route("/v1/bundle", methods=["GET"])
@blp.response(200, BundleInfoSchema)
def bundle():
    """The bundle being served: revision, when this worker loaded it, regulations and versions. Public."""
    snap = _service().current()
    regs = [{"id": r["id"], "title": r["title"], "versions": [
        {k: v.get(k) for k in ("id", "status", "effective_from", "effective_to")} for v in r["versions"]]}
        for r in snap.bundle.regulations.values()]
    return jsonify({"revision": snap.revision, "loaded_at": snap.loaded_at, "regulations": regs})


@blp.route("/v1/admin/reload", methods=["POST"])
@blp.doc(security=[{"ApiKey": []}])
@blp.response(200, ReloadSchema)
@blp.alt_response(409, response="CONFLICT", description="the bundle is rejected (the error adds checks and serving)")
@require("admin")
def reload():
    """Load the bundle from disk; a bundle that fails validation, compilation or its
    own tests is rejected (409) and the old one keeps serving. Needs an admin key."""
    verdict = _service().reload()
    serving = _service().current().revision
    if not verdict.accepted:
        raise ApiError(409, "bundle_rejected", verdict.reason, {}, checks=verdict.checks, serving=serving)
    return jsonify({"accepted": True, "revision": verdict.revision, "checks": verdict.checks, "serving": serving})


DOCS = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ spec.info.title }} — API</title>
<style>body{font:15px/1.5 system-ui,"Noto Sans CJK SC",sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
code{background:#f3f3f3;padding:0 .3em}h2{margin-top:2rem;border-bottom:1px solid #ddd}
.m{display:inline-block;min-width:4.5em;font-weight:bold}.k{color:#a33}</style></head><body>
<h1>{{ spec.info.title }} <small>{{ spec.info.version }}</small></h1>
<p>The machine-readable description is <a href="/openapi.json"><code>/openapi.json</code></a> (OpenAPI {{ spec.openapi }}).
Endpoints marked <span class="k">key</span> need an API key (<code>Authorization: Bearer …</code>); the others are public and read-only.</p>
{% for path, ops in spec.paths.items() %}{% for method, op in ops.items() if method in methods %}
<h2><span class="m">{{ method.upper() }}</span> <code>{{ path }}</code>{% if op.security %} <span class="k">key</span>{% endif %}</h2>
<p>{{ op.summary or "" }}</p>{% if op.description %}<p>{{ op.description }}</p>{% endif %}
{% endfor %}{% endfor %}
</body></html>"""


@blp.route("/docs", methods=["GET"])
@blp.doc(responses=HTML)
def docs():
    """A human page listing every endpoint, generated from the OpenAPI description."""
    from ...openapi import METHODS

    return render_template_string(DOCS, spec=current_app.extensions["osd_api"].spec.to_dict(), methods=METHODS)
