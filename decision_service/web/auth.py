"""API keys with roles: ``portal`` (decide, compare, classify, deadlines),
``reviewer`` (the decision log), ``admin`` (reload; and everything else).
A key is sent as ``Authorization: Bearer <key>`` or ``X-API-Key: <key>``;
no valid key gives 401, a key of another role 403."""

from __future__ import annotations

from functools import wraps

from flask import current_app, g, request

from .errors import ApiError

BEARER = "bearer "


def presented_key() -> str | None:
    header = request.headers.get("Authorization", "")
    if header.lower().startswith(BEARER):
        return header[len(BEARER):].strip() or None
    return request.headers.get("X-API-Key") or None


def require(*roles: str):
    """Only holders of a key with one of ``roles`` (or admin) may call the view."""

    def decorate(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if current_app.config["REQUIRE_KEYS"]:
                holder = current_app.extensions["osd"].keys.holder(presented_key())
                if holder is None:
                    raise ApiError(401, "unauthorized", "a valid API key is needed",
                                   {"Authorization": ["missing, unknown or revoked key"]})
                if holder.role not in roles and holder.role != "admin":
                    raise ApiError(403, "forbidden", f"this needs a {' or '.join(roles)} key",
                                   {"Authorization": [f"the key's role is {holder.role}"]})
                g.key_name = holder.name
                g.key_role = holder.role
                g.key_prefix = holder.prefix
            return view(*args, **kwargs)

        wrapped._osd_roles = roles  # read by the OpenAPI security annotations
        return wrapped

    return decorate
