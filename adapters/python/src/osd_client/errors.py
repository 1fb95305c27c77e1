"""The service's errors as exceptions, one class per status a portal acts on.

Every exception carries the service's error body: ``code``, ``message``, the
contract's ``fields`` (path → reasons) and ``details`` (each reason with its
machine code: required, enum, format, range, ...)."""

from __future__ import annotations

from typing import Any, Dict, List, Optional


class OsdError(Exception):
    """An answer that is not a success, or no answer at all."""

    def __init__(self, status: Optional[int], code: str, message: str, fields: Optional[Dict[str, List[str]]] = None,
                 details: Optional[List[Dict[str, str]]] = None, body: Any = None) -> None:
        super().__init__(f"{status or 'no answer'} {code}: {message}")
        self.status, self.code, self.message = status, code, message
        self.fields = fields or {}
        self.details = details or []
        self.body = body

    def codes(self) -> Dict[str, str]:
        """Each refused field with its machine code (the first, where a field has several)."""
        out: Dict[str, str] = {}
        for d in self.details:
            out.setdefault(d["field"], d["code"])
        return out


class InvalidRequest(OsdError):
    """400: a field is missing or refused; ``fields`` and ``details`` say which and why."""


class Unauthorized(OsdError):
    """401: no valid API key."""


class Forbidden(OsdError):
    """403: the key's role may not do this."""


class NotFound(OsdError):
    """404: no such regulation, article, decision or route."""


class Conflict(OsdError):
    """409: e.g. the first request with this Idempotency-Key is still being answered."""


class IdempotencyKeyReused(OsdError):
    """422: the Idempotency-Key was sent before with another request."""


class Unavailable(OsdError):
    """429 or 503 after every retry: the service cannot answer now."""


class TransportError(OsdError):
    """No answer: the connection failed or timed out, after every retry."""


BY_STATUS = {400: InvalidRequest, 401: Unauthorized, 403: Forbidden, 404: NotFound, 409: Conflict,
             413: InvalidRequest, 415: InvalidRequest, 422: IdempotencyKeyReused, 429: Unavailable, 503: Unavailable}


def from_answer(status: int, body: Any) -> OsdError:
    """The exception for a non-success answer and its body."""
    error = body.get("error") if isinstance(body, dict) and isinstance(body.get("error"), dict) else {}
    kind = BY_STATUS.get(status, OsdError)
    return kind(status, error.get("code", f"http_{status}"), error.get("message", ""), error.get("fields"),
                error.get("details"), body)
