"""Application notices to webhooks: found, signed, sent, retried.

One pass (``osd webhooks run``; the server's master starts one every
``OSD_WEBHOOK_SECONDS``) first writes the notices that are due
(``application.due_soon``, ``application.overdue``) into the outbox, then
sends every delivery whose time has come. ``application.answered`` is written
by the request that records the answer, in its transaction.

The signature is that of the Standard Webhooks specification, so its
libraries verify it: headers ``webhook-id`` (the delivery), ``webhook-timestamp``
(Unix seconds) and ``webhook-signature`` = ``v1,`` + base64 of HMAC-SHA256,
keyed with the secret's bytes (the base64 after ``whsec_``), over
``{webhook-id}.{webhook-timestamp}.{body}``. A receiver refuses a timestamp
more than five minutes away from its clock, so a captured post cannot be
replayed later. A receiver that does not answer 2xx within ``TIMEOUT_SECONDS``
is tried again after ``OSD_WEBHOOK_RETRY_SECONDS`` × 2^(attempt−1) (at most six
hours), ``OSD_WEBHOOK_ATTEMPTS`` times in all; every attempt is recorded.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import http.client
import json
import os
import secrets
import time
from urllib.parse import urlsplit

from sqlalchemy.orm import Session, sessionmaker

from ..answers.application_answer import render
from ..answers.calendar import Calendar
from ..db import applications, webhooks

TIMEOUT_SECONDS = 10.0
RETRY_SECONDS = float(os.environ.get("OSD_WEBHOOK_RETRY_SECONDS") or 60)
ATTEMPTS = int(os.environ.get("OSD_WEBHOOK_ATTEMPTS") or 10)
MAX_WAIT_SECONDS = 6 * 3600
TOLERANCE_SECONDS = 300


def new_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


def signature(secret: str, delivery_id: str, timestamp: int, body: bytes) -> str:
    """``v1,`` and the base64 HMAC-SHA256 of ``{id}.{timestamp}.{body}`` under the secret's bytes."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    mac = hmac.new(key, f"{delivery_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    return "v1," + base64.b64encode(mac).decode()


def verify(secret: str, headers: dict[str, str], body: bytes, now: float | None = None) -> bool:
    """Whether a post is this service's, signed with ``secret``, and fresh (what a receiver checks)."""
    h = {k.lower(): v for k, v in headers.items()}
    try:
        timestamp = int(h["webhook-timestamp"])
    except (KeyError, ValueError):
        return False
    if abs((now or time.time()) - timestamp) > TOLERANCE_SECONDS:
        return False
    expected = signature(secret, h.get("webhook-id", ""), timestamp, body)
    return any(hmac.compare_digest(expected, given) for given in h.get("webhook-signature", "").split())


def notice(kind: str, application: dict, event: dict | None = None, at: dt.datetime | None = None) -> bytes:
    """The body posted: the notice's type, when it was made, the application as
    ``GET /v1/applications`` lists it (and, for an answer, the event)."""
    data = {"application": application, **({"event": event} if event else {})}
    at = at or dt.datetime.now(dt.timezone.utc)
    return json.dumps({"type": kind, "timestamp": at.isoformat(timespec="seconds"), "data": data},
                      ensure_ascii=False).encode()


def scan(sessions: sessionmaker[Session], calendar: Calendar, today: dt.date) -> int:
    """Write the due-soon and overdue notices of every webhook's applications; how many."""
    made = 0
    for hook in webhooks.active(sessions):
        kinds = set(hook.events.split()) & {"application.due_soon", "application.overdue"}
        if not kinds:
            continue
        horizon = calendar.add_working_days(today, hook.due_soon_days + 1).due
        for page in applications.pages(sessions, 200, holder=hook.holder, due_before=horizon):
            with sessions.begin() as s:
                for row in page:
                    made += _due_notice(s, hook, kinds, render(row, calendar, today))
    return made


def _due_notice(s: Session, hook: webhooks.Webhook, kinds: set[str], app: dict) -> int:
    duty = app["next"]
    if duty is None or duty["due"] is None:
        return 0
    kind = "application.overdue" if duty["overdue"] else "application.due_soon"
    if kind not in kinds or (kind == "application.due_soon" and duty["working_days_left"] > hook.due_soon_days):
        return 0
    dedupe = f"{kind}:{app['id']}:{duty['key']}:{duty['due']}"
    return webhooks.enqueue(s, hook.holder, kind, app["id"], dedupe, notice(kind, app), webhook_id=hook.id)


def post(url: str, headers: dict[str, str], body: bytes) -> tuple[int | None, str | None]:
    """One POST, redirects not followed: the status, or why there is none."""
    parts = urlsplit(url)
    kind = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    conn = kind(parts.hostname, parts.port, timeout=TIMEOUT_SECONDS)
    try:
        conn.request("POST", (parts.path or "/") + (f"?{parts.query}" if parts.query else ""), body=body,
                     headers=headers)
        resp = conn.getresponse()
        resp.read(65536)
        return resp.status, None if 200 <= resp.status < 300 else f"HTTP {resp.status} {resp.reason}"
    except (OSError, http.client.HTTPException) as exc:
        return None, f"{type(exc).__name__}: {exc}"
    finally:
        conn.close()


def send_due(sessions: sessionmaker[Session], now: dt.datetime | None = None) -> dict[str, int]:
    """Send every delivery whose time has come; how many ended in each state."""
    counts = {"delivered": 0, "pending": 0, "failed": 0}
    while True:
        batch = webhooks.claim(sessions, now or dt.datetime.now(dt.timezone.utc))
        for d in batch:
            timestamp = int(time.time())
            headers = {"Content-Type": "application/json", "User-Agent": "osd-webhooks/1",
                       "webhook-id": d["id"], "webhook-timestamp": str(timestamp),
                       "webhook-signature": signature(d["secret"], d["id"], timestamp, d["body"])}
            started = time.monotonic()
            status, error = post(d["url"], headers, d["body"])
            at = dt.datetime.now(dt.timezone.utc)
            wait = min(RETRY_SECONDS * 2 ** d["attempts"], MAX_WAIT_SECONDS)
            retry_at = at + dt.timedelta(seconds=wait) if d["attempts"] + 1 < ATTEMPTS else None
            state = webhooks.record_attempt(sessions, d["id"], at, status, error,
                                            int((time.monotonic() - started) * 1000), retry_at)
            counts[state] += 1
        if len(batch) < 100:
            return counts


def run_once(sessions: sessionmaker[Session], calendar: Calendar, today: dt.date) -> dict[str, int]:
    """One pass: the notices found, then every delivery due sent."""
    return {"made": scan(sessions, calendar, today), **send_due(sessions)}
