"""Tables: API keys (stored as hashes), reviewers' sign-ins, the decision log,
the answers kept by Idempotency-Key, applications with their duties and events,
and the webhooks that are told about them, with every delivery and attempt."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class ApiKey(Base):
    """A key's SHA-256 and its role; the key itself is shown once, at creation."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(100), unique=True, nullable=False)
    role: Mapped[str] = mapped_column(String(20), nullable=False)
    prefix: Mapped[str] = mapped_column(String(12), nullable=False)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class SignIn(Base):
    """A reviewer signed in to the workbench: the session's token hash, the key it
    was opened with (so a revoked key ends it) and when it expires."""

    __tablename__ = "workbench_signins"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class DecisionRecord(Base):
    """One decision as given: the request (personal data masked), the decision, the bundle."""

    __tablename__ = "decision_log"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False, index=True)
    key_name: Mapped[str | None] = mapped_column(String(100), nullable=True)
    batch_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    jurisdiction: Mapped[str] = mapped_column(String(20), nullable=False)
    action: Mapped[str] = mapped_column(String(10), nullable=False)
    outcome: Mapped[str] = mapped_column(String(20), nullable=False)
    bundle_revision: Mapped[str] = mapped_column(String(32), nullable=False)
    request: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)  # compressed JSON (see log.pack), free text masked
    decision: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)  # compressed JSON (see log.pack), exactly as answered
    masked: Mapped[str] = mapped_column(Text, nullable=False, default="")


class IdempotentAnswer(Base):
    """The answer to a POST sent with an Idempotency-Key, kept for its retries: the
    key's holder and the key, the hash of the request it answered, and the answer
    (``status`` null while the first request is still being answered)."""

    __tablename__ = "idempotency_keys"

    holder: Mapped[str] = mapped_column(String(100), primary_key=True)
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    request_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    status: Mapped[int | None] = mapped_column(Integer, nullable=True)
    content_type: Mapped[str | None] = mapped_column(String(100), nullable=True)
    body: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)  # compressed (see log.pack)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False, index=True)


class ApplicationRecord(Base):
    """An application on the statutory clock: its decision (as answered, personal
    data masked as in the log) and what its events give, kept for queries: the
    state, and the next duty's due date and body. ``version`` rises with each
    event, so two events recorded at once cannot both apply to the same state."""

    __tablename__ = "applications"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    holder: Mapped[str | None] = mapped_column(String(100), nullable=True, index=True)
    reference: Mapped[str | None] = mapped_column(String(200), nullable=True)
    decision_id: Mapped[str] = mapped_column(String(36), nullable=False)
    jurisdiction: Mapped[str] = mapped_column(String(20), nullable=False)
    action: Mapped[str] = mapped_column(String(10), nullable=False)
    path: Mapped[str | None] = mapped_column(String(60), nullable=True)
    received_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    state: Mapped[str] = mapped_column(String(20), nullable=False)
    next_due: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    decision: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)  # compressed JSON (see log.pack)
    projection: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)  # compressed JSON: what the events give
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)

    __table_args__ = (Index("ix_applications_next_due_id", "next_due", "id"),)


class ApplicationDuty(Base):
    """A step of an application's procedure as its events leave it: who owes it, by when."""

    __tablename__ = "application_duties"

    application_id: Mapped[str] = mapped_column(String(36), ForeignKey("applications.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(60), nullable=False)
    actor: Mapped[str] = mapped_column(String(200), nullable=False)
    actor_en: Mapped[str] = mapped_column(String(200), nullable=False)
    state: Mapped[str] = mapped_column(String(10), nullable=False)
    due: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)


class ApplicationEvent(Base):
    """What happened to an application, in order (``seq``), as recorded."""

    __tablename__ = "application_events"

    application_id: Mapped[str] = mapped_column(String(36), ForeignKey("applications.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String(36), unique=True, nullable=False)
    type: Mapped[str] = mapped_column(String(30), nullable=False)
    on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    recorded_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    body: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)  # compressed JSON: the event as recorded


class Webhook(Base):
    """A portal key's receiver of application notices: where to post, what to
    post, and the secret the posts are signed with (kept: the service signs with it)."""

    __tablename__ = "webhooks"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    holder: Mapped[str] = mapped_column(String(100), nullable=False, index=True)
    url: Mapped[str] = mapped_column(String(2000), nullable=False)
    events: Mapped[str] = mapped_column(String(200), nullable=False)  # space-separated notice types
    due_soon_days: Mapped[int] = mapped_column(Integer, nullable=False)
    description: Mapped[str | None] = mapped_column(String(200), nullable=True)
    secret: Mapped[str] = mapped_column(String(100), nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class WebhookDelivery(Base):
    """One notice for one webhook (the outbox): written in the transaction that
    gives rise to it, sent until the receiver answers 2xx or the attempts run out.
    ``dedupe`` makes a notice once per webhook (an overdue duty is told once per due date)."""

    __tablename__ = "webhook_deliveries"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    webhook_id: Mapped[str] = mapped_column(String(36), ForeignKey("webhooks.id"), nullable=False)
    type: Mapped[str] = mapped_column(String(40), nullable=False)
    application_id: Mapped[str] = mapped_column(String(36), nullable=False)
    dedupe: Mapped[str] = mapped_column(String(200), nullable=False)
    body: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)  # the JSON posted, exactly
    state: Mapped[str] = mapped_column(String(12), nullable=False)  # pending | delivered | failed
    attempts: Mapped[int] = mapped_column(Integer, nullable=False)
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    claimed_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    delivered_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    __table_args__ = (UniqueConstraint("webhook_id", "dedupe", name="uq_webhook_deliveries_dedupe"),
                      Index("ix_webhook_deliveries_state_next", "state", "next_attempt_at"))


class WebhookAttempt(Base):
    """One try at a delivery: when, what the receiver answered (or why nothing came back), how long it took."""

    __tablename__ = "webhook_attempts"

    delivery_id: Mapped[str] = mapped_column(String(36), ForeignKey("webhook_deliveries.id"), primary_key=True)
    n: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    status: Mapped[int | None] = mapped_column(Integer, nullable=True)
    error: Mapped[str | None] = mapped_column(String(500), nullable=True)
    ms: Mapped[int] = mapped_column(Integer, nullable=False)


class ImpactRun(Base):
    """A run of a candidate bundle over the logged decisions of a period
    (``POST /v1/admin/impact``): its progress while it runs, then its report."""

    __tablename__ = "impact_runs"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    created_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    since: Mapped[str | None] = mapped_column(String(10), nullable=True)
    until: Mapped[str | None] = mapped_column(String(10), nullable=True)
    candidate_revision: Mapped[str | None] = mapped_column(String(32), nullable=True)
    state: Mapped[str] = mapped_column(String(10), nullable=False)  # running | done | failed
    done: Mapped[int] = mapped_column(Integer, nullable=False)
    total: Mapped[int] = mapped_column(Integer, nullable=False)
    report: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)  # compressed JSON (see log.pack)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False, index=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
