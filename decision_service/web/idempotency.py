"""``Idempotency-Key`` on the POSTs that decide: a portal that retries after a
lost answer gets the stored answer (``Idempotent-Replayed: true``) instead of a
second decision; the same key with another body is a 422; a key whose first
request is still being answered is a 409 to retry (``Retry-After``). The key is
scoped to the API key that sent it (``db.idempotency``)."""

from __future__ import annotations

import hashlib
import re
from functools import wraps

from flask import Response, current_app, g, request

from ..db import idempotency as store
from .errors import ApiError

HEADER = "Idempotency-Key"
_KEY = re.compile(r"[\x21-\x7e]{1,200}")


def idempotent(view):
    """Answer a retried request from the store; keep the answer of a new one."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        key = request.headers.get(HEADER)
        if key is None:
            return view(*args, **kwargs)
        if not _KEY.fullmatch(key):
            raise ApiError(400, "invalid_request", f"{HEADER}: 1 to 200 visible ASCII characters",
                           {HEADER: ["Length must be between 1 and 200."] if not key or len(key) > 200
                            else ["Not a valid key: visible ASCII characters only."]})
        sessions = current_app.extensions["osd"].sessions
        holder = g.get("key_name") or ""
        digest = hashlib.sha256(b"%s %s\n" % (request.method.encode(), request.full_path.encode())
                                + request.get_data(cache=True)).hexdigest()
        seen = store.reserve(sessions, holder, key, digest)
        if seen is not None:
            return _seen(seen, digest)
        try:
            response = current_app.make_response(view(*args, **kwargs))
        except ApiError as exc:
            if exc.status >= 500:
                store.free(sessions, holder, key)
                raise
            from .errors import body

            response = body(exc.status, exc.code, exc.message, exc.fields, **exc.extra)
        except Exception:
            store.free(sessions, holder, key)
            raise
        if response.status_code >= 500:
            store.free(sessions, holder, key)
        else:
            store.keep(sessions, holder, key, response.status_code, response.content_type, response.get_data())
        return response

    return wrapped


def _seen(seen: store.Seen, digest: str) -> Response:
    if seen.request_hash != digest:
        raise ApiError(422, "idempotency_key_reused", f"this {HEADER} was sent with another request",
                       {HEADER: ["already used for another request"]})
    if seen.status is None:
        raise ApiError(409, "idempotency_key_in_use", f"the first request with this {HEADER} is still being answered",
                       {HEADER: ["in use; retry"]}, retry_after=1)
    response = Response(seen.body, status=seen.status, content_type=seen.content_type)
    response.headers["Idempotent-Replayed"] = "true"
    return response
