"""Webhooks as stored: a portal key's receivers, the notices to deliver to
them (the outbox) and each attempt.

A notice is written in the transaction that gives rise to it (an answer
recorded with the event that records it; a due or late duty by the pass that
finds it), so a notice is never lost between the database and the sender; the
sender claims a delivery before posting it (``claimed_until``), so two senders
never post the same notice at once. ``dedupe`` keeps a notice to one per
webhook: a late duty is told once for each due date it has.
"""

from __future__ import annotations

import datetime as dt
import uuid

import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker

from .models import Webhook, WebhookAttempt, WebhookDelivery
from .times import now as _now
from .times import utc_text as _utc

#: How long a claimed delivery is the claimant's before another sender may take it.
CLAIM_SECONDS = 120


def shown(w: Webhook) -> dict:
    """A webhook as answered (never its secret, which is shown once, at creation)."""
    return {"id": w.id, "url": w.url, "events": w.events.split(), "due_soon_days": w.due_soon_days,
            "description": w.description, "created_at": _utc(w.created_at),
            "links": {"self": f"/v1/webhooks/{w.id}", "deliveries": f"/v1/webhooks/{w.id}/deliveries"}}


def create(sessions: sessionmaker[Session], holder: str, url: str, events: list[str], due_soon_days: int,
           description: str | None, secret: str) -> dict:
    w = Webhook(id=str(uuid.uuid4()), holder=holder, url=url, events=" ".join(events), due_soon_days=due_soon_days,
                description=description, secret=secret, created_at=_now())
    with sessions.begin() as s:
        s.add(w)
    return shown(w)


def active(sessions: sessionmaker[Session], holder: str | None = None) -> list[Webhook]:
    """The webhooks not deleted (one key's, or every key's), oldest first."""
    q = sa.select(Webhook).where(Webhook.deleted_at.is_(None)).order_by(Webhook.created_at, Webhook.id)
    if holder is not None:
        q = q.where(Webhook.holder == holder)
    with sessions() as s:
        return list(s.scalars(q).all())


def get(sessions: sessionmaker[Session], webhook_id: str, holder: str | None,
        deleted: bool = False) -> Webhook | None:
    """The webhook if ``holder`` registered it (None: any holder) and, unless ``deleted``, it is not deleted."""
    with sessions() as s:
        w = s.get(Webhook, webhook_id)
    if w is None or (holder is not None and w.holder != holder) or (w.deleted_at is not None and not deleted):
        return None
    return w


def delete(sessions: sessionmaker[Session], webhook_id: str) -> None:
    """No more notices are made for it or sent to it; what it was sent stays on record.
    Deleting it again changes nothing."""
    with sessions.begin() as s:
        s.execute(sa.update(Webhook).where(Webhook.id == webhook_id, Webhook.deleted_at.is_(None))
                  .values(deleted_at=_now()))
        s.execute(sa.update(WebhookDelivery).where(WebhookDelivery.webhook_id == webhook_id,
                                                   WebhookDelivery.state == "pending")
                  .values(state="failed", next_attempt_at=None))


def enqueue(s: Session, holder: str | None, notice: str, application_id: str, dedupe: str, body: bytes,
            now: dt.datetime | None = None, webhook_id: str | None = None) -> int:
    """In the caller's transaction: a delivery of ``body`` to each webhook of
    ``holder`` (or to ``webhook_id`` alone) that takes ``notice`` and has not had this one; how many."""
    if holder is None:
        return 0
    now = now or _now()
    q = sa.select(Webhook.id).where(Webhook.holder == holder, Webhook.deleted_at.is_(None),
                                    Webhook.events.contains(notice, autoescape=True))
    hooks = s.scalars(q if webhook_id is None else q.where(Webhook.id == webhook_id)).all()
    had = set(s.scalars(sa.select(WebhookDelivery.webhook_id).where(WebhookDelivery.webhook_id.in_(hooks),
                                                                   WebhookDelivery.dedupe == dedupe)).all())
    rows = [{"id": str(uuid.uuid4()), "webhook_id": h, "type": notice, "application_id": application_id,
             "dedupe": dedupe, "body": body, "state": "pending", "attempts": 0, "next_attempt_at": now,
             "claimed_until": None, "created_at": now, "delivered_at": None} for h in hooks if h not in had]
    if rows:
        s.execute(sa.insert(WebhookDelivery), rows)
    return len(rows)


def claim(sessions: sessionmaker[Session], now: dt.datetime, limit: int = 100) -> list[dict]:
    """Deliveries due now, each claimed for this sender, with where and how to send them."""
    q = (sa.select(WebhookDelivery.id).where(WebhookDelivery.state == "pending", WebhookDelivery.next_attempt_at <= now,
                                             sa.or_(WebhookDelivery.claimed_until.is_(None),
                                                    WebhookDelivery.claimed_until < now))
         .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id).limit(limit))
    claimed = []
    with sessions() as s:
        candidates = s.scalars(q).all()
    for delivery_id in candidates:
        with sessions.begin() as s:
            taken = s.execute(sa.update(WebhookDelivery).where(
                WebhookDelivery.id == delivery_id, WebhookDelivery.state == "pending",
                sa.or_(WebhookDelivery.claimed_until.is_(None), WebhookDelivery.claimed_until < now))
                .values(claimed_until=now + dt.timedelta(seconds=CLAIM_SECONDS))).rowcount
            if taken != 1:
                continue
            d = s.get(WebhookDelivery, delivery_id)
            w = s.get(Webhook, d.webhook_id)
            claimed.append({"id": d.id, "type": d.type, "body": d.body, "attempts": d.attempts,
                            "url": w.url, "secret": w.secret})
    return claimed


def record_attempt(sessions: sessionmaker[Session], delivery_id: str, at: dt.datetime, status: int | None,
                   error: str | None, ms: int, retry_at: dt.datetime | None) -> str:
    """The attempt, and what it leaves: delivered (2xx), pending until ``retry_at``, or failed (no retry left)."""
    ok = status is not None and 200 <= status < 300
    state = "delivered" if ok else ("pending" if retry_at else "failed")
    with sessions.begin() as s:
        n = (s.scalar(sa.select(sa.func.max(WebhookAttempt.n)).where(WebhookAttempt.delivery_id == delivery_id)) or 0) + 1
        s.execute(sa.insert(WebhookAttempt), [{"delivery_id": delivery_id, "n": n, "at": at, "status": status,
                                               "error": (error or None) and error[:500], "ms": ms}])
        s.execute(sa.update(WebhookDelivery).where(WebhookDelivery.id == delivery_id).values(
            state=state, attempts=n, claimed_until=None, next_attempt_at=None if ok else retry_at,
            delivered_at=at if ok else None))
    return state


def deliveries(sessions: sessionmaker[Session], webhook_id: str, state: str | None = None,
               limit: int = 100) -> list[dict]:
    """The webhook's deliveries, newest first, each with its attempts in order."""
    q = sa.select(WebhookDelivery).where(WebhookDelivery.webhook_id == webhook_id)
    if state:
        q = q.where(WebhookDelivery.state == state)
    with sessions() as s:
        rows = s.scalars(q.order_by(WebhookDelivery.created_at.desc(), WebhookDelivery.id).limit(limit)).all()
        tries = s.scalars(sa.select(WebhookAttempt).where(WebhookAttempt.delivery_id.in_([r.id for r in rows]))
                          .order_by(WebhookAttempt.delivery_id, WebhookAttempt.n)).all()
    by_delivery: dict[str, list[dict]] = {}
    for t in tries:
        by_delivery.setdefault(t.delivery_id, []).append(
            {"n": t.n, "at": _utc(t.at), "status": t.status, "error": t.error, "ms": t.ms})
    return [{"id": r.id, "type": r.type, "application_id": r.application_id, "state": r.state,
             "attempts": by_delivery.get(r.id, []), "created_at": _utc(r.created_at),
             "next_attempt_at": _utc(r.next_attempt_at) if r.state == "pending" else None,
             "delivered_at": _utc(r.delivered_at), "body": r.body.decode()} for r in rows]
