"""Reviewers' sign-ins to the workbench, kept on the server.

The browser holds only a random token (in the signed session cookie); the
server keeps its hash, the hash of the key it was opened with, and when it
expires. Every request looks the token up and checks the key is still live,
so signing out (the row is deleted) or revoking the key ends the session at
once for every copy of the cookie, and no session outlives ``hours``.
"""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy import delete
from sqlalchemy.orm import Session, sessionmaker

from .keys import KeyHolder, KeyRing, digest
from .models import SignIn
from .times import aware
from .times import now as _now


def open_signin(sessions: sessionmaker[Session], key: str, hours: float) -> str:
    """A new sign-in for ``key`` (already checked); returns the token, shown to the browser only."""
    token = secrets.token_urlsafe(32)
    now = _now()
    with sessions.begin() as s:
        s.execute(delete(SignIn).where(SignIn.expires_at < now))
        s.add(SignIn(token_hash=digest(token), key_hash=digest(key), created_at=now,
                     expires_at=now + dt.timedelta(hours=hours)))
    return token


def holder_of(sessions: sessionmaker[Session], keys: KeyRing, token: str | None) -> KeyHolder | None:
    """Who ``token`` signs in, if its sign-in exists, has not expired and its key is live."""
    if not token:
        return None
    with sessions() as s:
        row = s.get(SignIn, digest(token))
        if row is None:
            return None
        expires = aware(row.expires_at)
        if expires <= _now():
            return None
        key_hash = row.key_hash
    return keys.holder_by_digest(key_hash)


def close_signin(sessions: sessionmaker[Session], token: str | None) -> None:
    """Sign out: the token opens nothing from now on."""
    if token:
        with sessions.begin() as s:
            s.execute(delete(SignIn).where(SignIn.token_hash == digest(token)))
