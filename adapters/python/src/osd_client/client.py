"""The client: one object per service, one method per thing a portal asks.

Only the standard library is used, so any portal's Python can install it.
Every POST carries an ``Idempotency-Key`` made once per call and kept across
its retries, so a retry after a lost answer never decides (or logs) twice.
429 and 503 answers, and connections that fail, are retried with
exponential backoff, waiting what ``Retry-After`` says when it says it;
any other 4xx is raised at once.
"""

from __future__ import annotations

import json
import random
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Union

from . import errors
from .types import Classification, Comparison, Deadlines, Decision, ItemError, Matrix, Vocabularies

RETRIED = {429, 503}
BATCH_LIMIT = 1000


class Client:
    """A client of the decision service at ``base_url``, with the API key ``key``."""

    def __init__(self, base_url: str, key: Optional[str] = None, timeout: float = 30.0, retries: int = 3,
                 backoff: float = 0.5, max_wait: float = 30.0, language: Optional[str] = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.key, self.timeout, self.retries, self.backoff, self.max_wait = key, timeout, retries, backoff, max_wait
        self.language = language  # "zh" for Chinese error messages
        self._cached: Dict[str, tuple] = {}
        self.sleep = time.sleep  # the tests replace it to see the waits

    # -- the service's answers -------------------------------------------------

    def decide(self, request: Dict[str, Any], idempotency_key: Optional[str] = None) -> Decision:
        """One decision (contract §1)."""
        return self._post("/v1/decisions", request, idempotency_key)

    def decide_many(self, requests: Iterable[Dict[str, Any]], common: Optional[Dict[str, Any]] = None,
                    chunk: int = BATCH_LIMIT, view: str = "full", atomic: bool = False
                    ) -> List[Union[Decision, ItemError]]:
        """Any number of requests over the batch endpoint, ``chunk`` at a time, in order.
        Each result is a decision, or an item error (``"error" in result``) for a request
        the service refused; ``index`` counts from the first request of all chunks."""
        if not 1 <= chunk <= BATCH_LIMIT:
            raise ValueError(f"chunk must be from 1 to {BATCH_LIMIT}")
        out: List[Union[Decision, ItemError]] = []
        for start, part in _chunks(requests, chunk):
            body: Dict[str, Any] = {"requests": part, "atomic": atomic}
            if common:
                body["common"] = common
            answer = self._post(f"/v1/decisions:batch?view={urllib.parse.quote(view)}", body)
            for result in answer["decisions"]:
                result["index"] += start
                out.append(result)
        return out

    def classify(self, request: Dict[str, Any]) -> Classification:
        """The classes each text requires or allows (contract §4)."""
        return self._post("/v1/classifications", request)

    def deadlines(self, request: Dict[str, Any]) -> Deadlines:
        """Every time limit the texts attach to an event (contract §5)."""
        return self._post("/v1/deadlines", request)

    def compare(self, request: Dict[str, Any], jurisdictions: Optional[Sequence[str]] = None) -> Comparison:
        """One request decided under every jurisdiction, or those named (contract §3)."""
        body = {k: v for k, v in request.items() if k != "jurisdiction"}
        if jurisdictions:
            body["jurisdictions"] = list(jurisdictions)
        return self._post("/v1/compare", body)

    def matrix(self, as_of: Optional[str] = None) -> Matrix:
        return self._get("/v1/matrix" + (f"?as_of={urllib.parse.quote(as_of)}" if as_of else ""))

    def regulation(self, reg_id: str) -> Dict[str, Any]:
        return self._get(f"/v1/regulations/{urllib.parse.quote(reg_id)}")

    def article(self, reg_id: str, number: int) -> Dict[str, Any]:
        return self._get(f"/v1/regulations/{urllib.parse.quote(reg_id)}/articles/{int(number)}")

    def vocabularies(self) -> Vocabularies:
        return self._get("/v1/vocabularies")

    # -- applications on the statutory clock, and their notices -----------------

    def register_application(self, request: Dict[str, Any], received_on: Optional[str] = None,
                             reference: Optional[str] = None) -> Dict[str, Any]:
        """An application decided and kept as dated duties; a decision other than apply raises
        ``OsdError`` with ``code`` not_an_application (no body must answer it)."""
        body = {"request": request, "received_on": received_on, "reference": reference}
        return self._post("/v1/applications", {k: v for k, v in body.items() if v is not None})

    def record_event(self, application_id: str, event: Dict[str, Any]) -> Dict[str, Any]:
        """What happened (``{"type": "answered", "outcome": "granted", "on": ...}``); the application after it."""
        return self._post(f"/v1/applications/{urllib.parse.quote(application_id)}/events", event)

    def applications(self, **query: Any) -> Dict[str, Any]:
        """One page of applications by due date (``state``, ``jurisdiction``, ``actor``, ``overdue``, ``cursor``...)."""
        words = {k: ("true" if v is True else "false" if v is False else v) for k, v in query.items() if v is not None}
        return self._send("GET", "/v1/applications?" + urllib.parse.urlencode(words), None, {})[2]

    def create_webhook(self, url: str, events: Optional[Sequence[str]] = None,
                       due_soon_days: Optional[int] = None) -> Dict[str, Any]:
        """A receiver of this key's notices; keep the answer's ``secret`` (shown once) for ``verify_webhook``."""
        body: Dict[str, Any] = {"url": url}
        if events is not None:
            body["events"] = list(events)
        if due_soon_days is not None:
            body["due_soon_days"] = due_soon_days
        return self._post("/v1/webhooks", body)

    def webhook_deliveries(self, webhook_id: str) -> List[Dict[str, Any]]:
        """Every notice made for the webhook, newest first, with each attempt at posting it."""
        return self._send("GET", f"/v1/webhooks/{urllib.parse.quote(webhook_id)}/deliveries", None, {})[2]["deliveries"]

    # -- HTTP ------------------------------------------------------------------

    def _get(self, path: str) -> Any:
        """A GET, answered from the client's copy when the service says 304 to its ETag."""
        held = self._cached.get(path)
        headers = {"If-None-Match": held[0]} if held else {}
        status, answer_headers, body = self._send("GET", path, None, headers)
        if status == 304 and held:
            return json.loads(held[1])
        if answer_headers.get("etag"):
            self._cached[path] = (answer_headers["etag"], json.dumps(body))
        return body

    def _post(self, path: str, body: Any, idempotency_key: Optional[str] = None) -> Any:
        headers = {"Content-Type": "application/json", "Idempotency-Key": idempotency_key or str(uuid.uuid4())}
        return self._send("POST", path, json.dumps(body, ensure_ascii=False).encode("utf-8"), headers)[2]

    def _send(self, method: str, path: str, data: Optional[bytes], headers: Dict[str, str]) -> tuple:
        headers = {"Accept": "application/json", "User-Agent": "osd-client/0.1", **headers}
        if self.key:
            headers["Authorization"] = f"Bearer {self.key}"
        if self.language:
            headers["Accept-Language"] = self.language
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            request = urllib.request.Request(self.base_url + path, data=data, method=method, headers=headers)
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                    return answer.status, _lower(answer.headers), _json(answer.read())
            except urllib.error.HTTPError as answer:
                body = _json(answer.read())
                if answer.code == 304:
                    return 304, _lower(answer.headers), None
                if answer.code not in RETRIED or last:
                    raise errors.from_answer(answer.code, body) from None
                self.sleep(self._wait(attempt, answer.headers.get("Retry-After")))
            except (urllib.error.URLError, OSError) as exc:
                if last:
                    reason = getattr(exc, "reason", exc)
                    raise errors.TransportError(None, "no_answer", f"{method} {path}: {reason}") from None
                self.sleep(self._wait(attempt, None))
        raise AssertionError("unreachable")  # pragma: no cover

    def _wait(self, attempt: int, retry_after: Optional[str]) -> float:
        """Seconds before the next try: ``Retry-After`` when given, else backoff with jitter."""
        if retry_after and retry_after.strip().isdigit():
            return min(float(retry_after), self.max_wait)
        return min(self.backoff * (2 ** attempt) * (0.5 + random.random() / 2), self.max_wait)


def _chunks(items: Iterable[Dict[str, Any]], size: int) -> Iterator[tuple]:
    part: List[Dict[str, Any]] = []
    start = 0
    for item in items:
        part.append(item)
        if len(part) == size:
            yield start, part
            start, part = start + size, []
    if part:
        yield start, part


def _lower(headers: Any) -> Dict[str, str]:
    return {k.lower(): v for k, v in headers.items()}


def _json(raw: bytes) -> Any:
    if not raw:
        return None
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return {"error": {"code": "not_json", "message": raw[:200].decode("utf-8", "replace")}}
