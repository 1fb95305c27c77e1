"""The decision service: a Flask app factory (as in Flask's tutorial), one
blueprint per resource (flask-smorest), OpenAPI at ``/openapi.json``.

The web layer validates, calls the same decider, classifier and deadline
counter as the CLI, logs decisions and reports metrics; it decides nothing
itself, so HTTP and ``osd`` answer alike.
"""

from __future__ import annotations

import gc
import logging
import sys
import time
import uuid
from functools import lru_cache
from pathlib import Path

import orjson
from flask import Flask, g, request

from ..db import data_dir
from ..store.bundle import ROOT
from . import config as config_module
from . import errors
from .metrics import observe
from .openapi import OsdApi, document_operations, refine
from .service import Service

access_log = logging.getLogger("osd.access")


def create_app(overrides: dict | None = None) -> Flask:
    app = Flask(__name__)
    app.config.update(config_module.load(overrides))
    app.json.sort_keys = False
    app.json.ensure_ascii = False
    _logging()
    api = OsdApi(app, spec_kwargs={"info": {"description": "Decisions on opening and sharing public data under five Chinese regulations."}})
    api.spec.components.security_scheme("ApiKey", {"type": "http", "scheme": "bearer",
                                                    "description": "an API key (osd keys create)"})
    app.extensions["osd_api"] = api
    from ..answers.requests import IsoDate

    api.ma_plugin.map_to_openapi_type(IsoDate, "string", "date")  # YYYY-MM-DD, strictly (answers.requests.iso_date)
    from .resources import (
        applications,
        classifications,
        comparisons,
        deadlines,
        decisions,
        impact,
        opa,
        regulations,
        service,
        vocabularies,
        webhooks,
    )

    for module in (decisions, applications, webhooks, classifications, deadlines, comparisons, regulations,
                   vocabularies, opa, impact, service):
        api.register_blueprint(module.blp)
    document_operations(api)
    refine(api)
    errors.register(app)
    from . import workbench

    workbench.register(app)
    data = Path(app.config["DATA_DIR"]) if app.config["DATA_DIR"] else data_dir()
    data.mkdir(parents=True, exist_ok=True)
    source = Path(app.config["BUNDLE_SOURCE"]) if app.config["BUNDLE_SOURCE"] else ROOT
    url = app.config["DATABASE_URL"] or f"sqlite:///{data / 'osd.sqlite3'}"
    app.extensions["osd"] = Service(data, url, app.config["KEY_CACHE_SECONDS"], source)
    _hooks(app)
    from . import caching

    caching.register(app)
    # The bundle, the compiled policy and the app are loaded for good: move them out
    # of the collector's way, so a collection does not walk them on every request's garbage.
    gc.collect()
    gc.freeze()
    return app


def _logging() -> None:
    """One JSON object a line on stderr for the access log; plain lines for the rest."""
    if access_log.handlers:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    access_log.addHandler(handler)
    access_log.setLevel(logging.INFO)
    access_log.propagate = False
    root = logging.getLogger("osd")
    if not root.handlers:
        h = logging.StreamHandler(sys.stderr)
        h.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(h)
        root.setLevel(logging.INFO)


@lru_cache(maxsize=4096)
def client_address(address: str | None, policy: str) -> str | None:
    """The client's address as the access log keeps it (docs/personal-data.md):
    ``truncated`` (the default) keeps the network, not the host (IPv4 /24, IPv6 /48);
    ``full`` keeps it all; ``none`` nothing."""
    import ipaddress

    if not address or policy == "none":
        return None
    if policy == "full":
        return address
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return None
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False).network_address)


_second: list = [0, ""]


def _now_text() -> str:
    """The access log's time, to the second, formatted once a second."""
    now = int(time.time())
    if _second[0] != now:
        _second[:] = [now, time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(now))]
    return _second[1]


def _hooks(app: Flask) -> None:
    @app.before_request
    def _start() -> None:
        g.started = time.perf_counter()
        incoming = request.headers.get("X-Request-Id", "")
        g.request_id = incoming if 0 < len(incoming) <= 100 and incoming.isprintable() else str(uuid.uuid4())

    @app.after_request
    def _finish(response):
        seconds = time.perf_counter() - g.get("started", time.perf_counter())
        response.headers["X-Request-Id"] = g.get("request_id", "")
        endpoint = request.url_rule.rule if request.url_rule else "(unmatched)"
        outcome = g.get("outcome") or ("ok" if response.status_code < 400 else "error")
        observe(endpoint, request.method, response.status_code, outcome, seconds)
        access_log.info(orjson.dumps({
            "time": _now_text(), "request_id": g.get("request_id"),
            "method": request.method, "path": request.path, "endpoint": endpoint, "status": response.status_code,
            "outcome": outcome, "ms": round(seconds * 1000, 2), "key": g.get("key_prefix"),
            "remote": client_address(request.remote_addr, app.config["ACCESS_LOG_IP"]),
        }).decode())
        return response
