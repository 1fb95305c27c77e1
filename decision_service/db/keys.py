"""API keys with roles: created once, stored as SHA-256, checked in constant time.

A key is 32 random bytes (URL-safe text with an ``osd_`` prefix), so a plain
SHA-256 is a sufficient store: there is nothing to guess by brute force. Only
the hash and the first characters (to tell keys apart in a list) are kept.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from .models import ApiKey

ROLES = ("portal", "reviewer", "admin")


@dataclass(frozen=True)
class KeyHolder:
    name: str
    role: str
    prefix: str = ""  # the key's first characters: what the access log names it by


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create(sessions: sessionmaker[Session], name: str, role: str) -> str:
    """A new key for ``name`` with ``role``; the only time the key is seen."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    if not name or len(name) > 100:
        raise ValueError("a name of 1 to 100 characters is needed")
    key = "osd_" + secrets.token_urlsafe(32)
    with sessions.begin() as s:
        if s.scalar(select(ApiKey).where(ApiKey.name == name)):
            raise ValueError(f"a key named {name!r} exists")
        s.add(ApiKey(name=name, role=role, prefix=key[:10], key_hash=digest(key),
                     created_at=dt.datetime.now(dt.timezone.utc)))
    return key


def listing(sessions: sessionmaker[Session]) -> list[dict]:
    with sessions() as s:
        rows = s.scalars(select(ApiKey).order_by(ApiKey.id)).all()
        return [{"name": k.name, "role": k.role, "prefix": k.prefix, "created_at": k.created_at.isoformat(),
                 "revoked_at": k.revoked_at.isoformat() if k.revoked_at else None} for k in rows]


def revoke(sessions: sessionmaker[Session], name: str) -> bool:
    with sessions.begin() as s:
        key = s.scalar(select(ApiKey).where(ApiKey.name == name, ApiKey.revoked_at.is_(None)))
        if key is None:
            return False
        key.revoked_at = dt.datetime.now(dt.timezone.utc)
        return True


class KeyRing:
    """The live keys, read from the database and kept for a few seconds, so a
    request costs no query; a revocation takes effect within that time."""

    def __init__(self, sessions: sessionmaker[Session], ttl: float = 5.0) -> None:
        self.sessions = sessions
        self.ttl = ttl
        self._keys: list[tuple[str, KeyHolder]] = []
        self._read_at = -1e9

    def _refresh(self) -> None:
        import time

        now = time.monotonic()
        if now - self._read_at < self.ttl:
            return
        with self.sessions() as s:
            rows = s.scalars(select(ApiKey).where(ApiKey.revoked_at.is_(None))).all()
            self._keys = [(k.key_hash, KeyHolder(k.name, k.role, k.prefix)) for k in rows]
        self._read_at = now

    def holder(self, key: str | None) -> KeyHolder | None:
        """The holder of ``key``; every stored hash is compared, in constant time."""
        if not key:
            return None
        return self.holder_by_digest(digest(key))

    def holder_by_digest(self, wanted: str) -> KeyHolder | None:
        """The holder of the live key whose SHA-256 is ``wanted`` (None if revoked or unknown)."""
        self._refresh()
        found = None
        for stored, holder in self._keys:
            if hmac.compare_digest(stored, wanted):
                found = holder
        return found
