"""Tables: API keys (stored as hashes), reviewers' sign-ins, the decision log and
the answers kept by Idempotency-Key."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Integer, LargeBinary, String, Text
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
