"""Caching of the public pages: ``/v1/matrix``, ``/v1/jurisdictions``,
``/v1/regulations/...`` and ``/v1/vocabularies`` answer with an ``ETag`` made
from the bundle revision and the request (path, query, and for the matrix
without ``as_of`` the day it is counted for), and ``Cache-Control``; a request
whose ``If-None-Match`` holds the tag gets 304 before anything is built."""

from __future__ import annotations

import hashlib

from flask import Flask, Response, current_app, g, request

#: The public, read-only routes whose answers depend only on the bundle and the request.
CACHED = {"/v1/matrix", "/v1/jurisdictions", "/v1/regulations/<reg_id>", "/v1/regulations/<reg_id>/articles/<number>",
          "/v1/vocabularies"}
MAX_AGE = 60  # seconds a cache may serve an answer without asking again


def tag_of_request() -> str | None:
    """The ETag the answer to this request will have, or None when it is not cached."""
    rule = request.url_rule.rule if request.url_rule else None
    if request.method not in ("GET", "HEAD") or rule not in CACHED:
        return None
    revision = current_app.extensions["osd"].current().revision
    parts = [revision, request.full_path]
    if rule == "/v1/matrix" and "as_of" not in request.args:
        from ..answers.decide import today_shanghai

        parts.append(today_shanghai())
    return '"' + hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:24] + '"'


def _matches(tag: str) -> bool:
    """Whether If-None-Match names ``tag``. ``*`` is not taken: it would answer 304 for a
    page that does not exist (a tag is only ever sent with a 200, so a named one exists)."""
    sent = request.headers.get("If-None-Match", "")
    return any(t.strip() in (tag, f"W/{tag}") for t in sent.split(",")) if sent else False


def register(app: Flask) -> None:
    @app.before_request
    def _not_modified() -> Response | None:
        tag = tag_of_request()
        if tag is None:
            return None
        g.etag = tag
        if _matches(tag):
            response = Response(status=304)
            response.headers["ETag"] = tag
            response.headers["Cache-Control"] = f"public, max-age={MAX_AGE}"
            return response
        return None

    @app.after_request
    def _tagged(response: Response) -> Response:
        tag = g.get("etag")
        if tag and response.status_code == 200:
            response.headers["ETag"] = tag
            response.headers["Cache-Control"] = f"public, max-age={MAX_AGE}"
        return response
