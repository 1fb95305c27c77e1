"""Configuration: defaults, then a file named by ``OSD_CONFIG`` (Python), then
``OSD_*`` environment variables and ``DATABASE_URL``; tests pass a mapping."""

from __future__ import annotations

import os

DEFAULTS = {
    "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,  # bytes; larger bodies get 413
    "BATCH_LIMIT": 1000,  # requests in one POST /v1/decisions:batch
    "DATABASE_URL": None,  # None: SQLite in the data folder
    "DATA_DIR": None,  # None: OSD_DATA_DIR or .data in the checkout
    "BUNDLE_SOURCE": None,  # None: this checkout (regulations/, policies/, decision_service/engine/compiled/, tests/scenarios/)
    "KEY_CACHE_SECONDS": 5.0,
    "SIGNIN_HOURS": 8.0,  # a reviewer's workbench sign-in expires after this
    "SESSION_COOKIE_SECURE": False,  # True: the session cookie only over HTTPS (it is anyway when the request is)
    "REQUIRE_KEYS": True,
    "ACCESS_LOG_IP": "truncated",  # the client's address in the access log: truncated, full or none
    "API_TITLE": "Open data decisions",
    "API_VERSION": "v1",
    "OPENAPI_VERSION": "3.1.0",
    "OPENAPI_URL_PREFIX": "/",
    "OPENAPI_JSON_PATH": "openapi.json",
    "JSON_SORT_KEYS": False,
}

ENV = {
    "OSD_MAX_CONTENT_LENGTH": ("MAX_CONTENT_LENGTH", int),
    "OSD_BATCH_LIMIT": ("BATCH_LIMIT", int),
    "OSD_DATA_DIR": ("DATA_DIR", str),
    "OSD_BUNDLE_SOURCE": ("BUNDLE_SOURCE", str),
    "OSD_KEY_CACHE_SECONDS": ("KEY_CACHE_SECONDS", float),
    "OSD_SIGNIN_HOURS": ("SIGNIN_HOURS", float),
    "OSD_SECURE_COOKIES": ("SESSION_COOKIE_SECURE", lambda v: v.lower() in ("1", "true", "yes")),
    "OSD_ACCESS_LOG_IP": ("ACCESS_LOG_IP", str),
    "DATABASE_URL": ("DATABASE_URL", str),
}


def load(overrides: dict | None = None) -> dict:
    config = dict(DEFAULTS)
    path = os.environ.get("OSD_CONFIG")
    if path:
        namespace: dict = {}
        exec(compile(open(path, encoding="utf-8").read(), path, "exec"), namespace)  # noqa: S102
        config.update({k: v for k, v in namespace.items() if k.isupper()})
    for name, (key, kind) in ENV.items():
        if os.environ.get(name):
            config[key] = kind(os.environ[name])
    config.update(overrides or {})
    if config["ACCESS_LOG_IP"] not in ("truncated", "full", "none"):
        raise ValueError(f"OSD_ACCESS_LOG_IP must be truncated, full or none, not {config['ACCESS_LOG_IP']!r}")
    return config
