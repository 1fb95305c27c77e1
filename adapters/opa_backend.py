"""An engine that sends evaluation to a remote OPA over its REST Data API.

For platforms that already run OPA (sidecars pulling our bundle): the service
validates, counts days and logs as always, and OPA evaluates. It speaks
through opa-python-client. Two guards keep it from ever giving a wrong
decision: the OPA must serve the same bundle revision as ours (checked every
few seconds; otherwise every call fails), and an OPA that is down or slow
fails within ``timeout`` seconds per try; the web layer answers 503.
"""

from __future__ import annotations

import threading
import time
from urllib.parse import urlparse

from decision_service.engine import ENTRYPOINT, EngineError, UndefinedResult


class EngineUnavailable(EngineError):
    """The remote engine cannot answer now (down, slow, or serving other rules)."""


class OpaRestEngine:
    name = "opa-rest"

    def __init__(self, url: str, revision: str, timeout: float = 2.0, retries: int = 1,
                 revision_ttl: float = 5.0) -> None:
        from opa_client import OpaClient

        parts = urlparse(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise EngineError(f"OPA_URL must be http(s)://host:port, not {url!r}")
        self.url = url
        self.revision = revision
        self.revision_ttl = revision_ttl
        self._client = OpaClient(host=parts.hostname, port=parts.port or (443 if parts.scheme == "https" else 80),
                                 ssl=parts.scheme == "https", timeout=timeout, retries=retries)
        self._checked_at = -1e9
        self._lock = threading.Lock()

    def _check_revision(self) -> None:
        now = time.monotonic()
        if now - self._checked_at < self.revision_ttl:
            return
        with self._lock:
            if now - self._checked_at < self.revision_ttl:
                return
            try:
                bundles = self._client.get_data("system/bundles").get("result") or {}
            except Exception as exc:  # noqa: BLE001  (any failure to reach OPA)
                raise EngineUnavailable(f"OPA at {self.url} does not answer: {exc.__class__.__name__}") from exc
            revisions = {b.get("manifest", {}).get("revision") for b in bundles.values()}
            if self.revision not in revisions:
                raise EngineUnavailable(f"OPA at {self.url} serves bundle revision {sorted(map(str, revisions))}, "
                                        f"not {self.revision}")
            self._checked_at = now

    def evaluate(self, input_doc: dict, entrypoint: str = ENTRYPOINT) -> dict:
        self._check_revision()
        package, _, rule = entrypoint.replace("/", ".").rpartition(".")
        try:
            answer = self._client.query_rule(input_doc, package, rule)
        except Exception as exc:  # noqa: BLE001  (timeouts, refused connections, HTTP errors)
            raise EngineUnavailable(f"OPA at {self.url} failed: {exc.__class__.__name__}: {str(exc)[:200]}") from exc
        if "result" not in answer:
            raise UndefinedResult(f"OPA at {self.url} has no result for {entrypoint}")
        return answer["result"]
