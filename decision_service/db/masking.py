"""What of a request is not stored in clear in the decision log.

The free-text fields of an application (title, reason, output form,
scenario, scope of use, security measures) can hold names, ID numbers and
phone numbers, and names cannot be found reliably in free text. These fields
are therefore never stored: each is replaced by ``[masked: N chars]``, which
keeps what the policy uses (whether the field is filled) so that a logged
request decides the same when replayed. A requester's ``region`` and a
dataset's ``id`` are kept; they name places and datasets, not people.
"""

from __future__ import annotations

FREE_TEXT = ("title", "reason", "output_form", "scenario", "scope", "security_measures")


def mask_request(request: dict) -> tuple[dict, list[str]]:
    """The request with free text masked, and the paths that were masked."""
    out = dict(request)
    masked = []
    app = dict(out["application"]) if isinstance(out.get("application"), dict) else {}
    if app:
        out["application"] = app
    for key in FREE_TEXT:
        value = app.get(key)
        if isinstance(value, str) and value:
            app[key] = f"[masked: {len(value)} chars]"
            masked.append(f"application.{key}")
    return out, masked
