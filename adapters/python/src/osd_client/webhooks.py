"""Checking a notice the service posted to a webhook (Standard Webhooks signatures).

The service signs ``{webhook-id}.{webhook-timestamp}.{body}`` with HMAC-SHA256
under the bytes of the secret's base64 (after ``whsec_``), and sends
``webhook-signature: v1,<base64>``. Check it on the raw body, before parsing,
and refuse an old timestamp, so that a captured post cannot be replayed.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import time
from typing import Any, Dict, Mapping, Optional

TOLERANCE_SECONDS = 300


class WebhookError(Exception):
    """The post is not the service's, or not fresh: answer it 400 and do not act on it."""


def sign(secret: str, webhook_id: str, timestamp: int, body: bytes) -> str:
    try:
        key = base64.b64decode(secret.split("_", 1)[1] if secret.startswith("whsec_") else secret, validate=True)
    except (binascii.Error, ValueError):
        raise WebhookError("the secret is not a whsec_ secret (base64)") from None
    mac = hmac.new(key, f"{webhook_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    return "v1," + base64.b64encode(mac).decode()


def verify_webhook(secret: str, headers: Mapping[str, str], body: bytes, now: Optional[float] = None,
                   tolerance: int = TOLERANCE_SECONDS) -> Dict[str, Any]:
    """The notice (``{"type", "timestamp", "data"}``) if ``body`` is signed with
    ``secret`` and was sent within ``tolerance`` seconds; else ``WebhookError``."""
    h = {k.lower(): v for k, v in headers.items()}
    try:
        webhook_id, timestamp = h["webhook-id"], int(h["webhook-timestamp"])
    except (KeyError, ValueError):
        raise WebhookError("no webhook-id or webhook-timestamp header") from None
    if abs((time.time() if now is None else now) - timestamp) > tolerance:
        raise WebhookError(f"the timestamp is more than {tolerance} seconds away")
    expected = sign(secret, webhook_id, timestamp, body)
    if not any(hmac.compare_digest(expected, given) for given in h.get("webhook-signature", "").split()):
        raise WebhookError("the signature does not match")
    return json.loads(body)
