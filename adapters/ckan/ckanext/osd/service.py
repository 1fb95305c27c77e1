"""The decision service as the plug-in speaks to it: one client for the site, the
vocabularies kept for a few minutes, and every failure to get an answer turned into
``Unavailable``, the one thing the callers must handle (by failing closed).
"""

from __future__ import annotations

import threading
import time
from typing import Any, Dict, Optional

from osd_client import Client, Vocabulary
from osd_client import errors as osd_errors

from .config import Settings

_lock = threading.Lock()
_state: Dict[str, Any] = {"settings": None, "vocabularies": None, "fetched": 0.0}


class Unavailable(Exception):
    """The service did not answer (down, too slow, or failing): no decision can be had."""


def configure(settings: Settings) -> None:
    with _lock:
        _state.update(settings=settings, vocabularies=None, fetched=0.0)


def settings() -> Settings:
    held = _state["settings"]
    if held is None:
        raise RuntimeError("ckanext-osd is not configured: add osd to ckan.plugins")
    return held


def language() -> str:
    """``zh`` when the page is shown in Chinese, else ``en``: the service's two languages."""
    try:
        from ckan.plugins import toolkit
        return "zh" if str(toolkit.h.lang() or "").startswith("zh") else "en"
    except Exception:  # outside a request (a CLI command, a background job): CKAN's default
        from ckan.plugins import toolkit
        return "zh" if str(toolkit.config.get("ckan.locale_default") or "").startswith("zh") else "en"


def client(lang: Optional[str] = None) -> Client:
    s = settings()
    # one retry for a dropped connection; the timeout bounds each try, so a page waits at most twice it
    return Client(s.url, key=s.key or None, timeout=s.timeout, retries=1, backoff=0.1, max_wait=1.0,
                  language=lang or language())


def call(method: str, *args: Any, lang: Optional[str] = None) -> Any:
    """``client().<method>(*args)``; ``Unavailable`` when no answer came."""
    try:
        return getattr(client(lang), method)(*args)
    except osd_errors.TransportError as exc:
        raise Unavailable(str(exc)) from None
    except osd_errors.OsdError as exc:
        if exc.status is None or exc.status >= 500 or exc.status in (401, 403, 429):
            raise Unavailable(f"{exc.status} {exc}") from None
        raise


def vocabularies() -> Dict[str, Any]:
    """``GET /v1/vocabularies``, kept ``vocabulary_ttl`` seconds; an old copy is used while the service is down."""
    s = settings()
    now = time.monotonic()
    held = _state["vocabularies"]
    if held is not None and now - _state["fetched"] < s.vocabulary_ttl:
        return held
    try:
        fresh = call("vocabularies")
    except Unavailable:
        if held is not None:
            return held
        raise
    with _lock:
        _state.update(vocabularies=fresh, fetched=now)
    return fresh


def vocabulary() -> Vocabulary:
    return Vocabulary(vocabularies())


def codes(name: str) -> Dict[str, Dict[str, Any]]:
    """The codes of one vocabulary, each with its zh and en labels."""
    for entry in vocabularies()["vocabularies"]:
        if entry["name"] == name:
            return {c["code"]: c for c in entry["codes"]}
    return {}


def label(name: str, code: Optional[str], lang: Optional[str] = None) -> str:
    """A code's label in the page's language; the code itself if the service has none."""
    if not code:
        return ""
    try:
        entry = codes(name).get(code)
    except Unavailable:
        entry = None
    if not entry:
        return code
    return (entry.get("zh") if (lang or language()) == "zh" else entry.get("en")) or code
