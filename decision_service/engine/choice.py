"""Which engine a served bundle decides with.

The embedded engine by default; with ``ENGINE=opa`` the policy is evaluated
by an OPA server (``OPA_URL``, default http://127.0.0.1:8181; ``OPA_TIMEOUT``
seconds, default 2) through the OPA back end adapter, which refuses an OPA
serving another bundle revision. Validation, dates, citations and the log
stay in the service either way.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..store.bundle import Bundle
from .embedded import Engine, WasmEngine


def engine_for(bundle: Bundle, compiled_dir: Path) -> Engine:
    """The engine the environment asks for, for this bundle and its compiled policy."""
    if os.environ.get("ENGINE", "embedded") == "opa":
        from adapters.opa_backend import OpaRestEngine

        url = os.environ.get("OPA_URL") or "http://127.0.0.1:8181"
        return OpaRestEngine(url, bundle.revision, timeout=float(os.environ.get("OPA_TIMEOUT", "2")))
    return WasmEngine(bundle, compiled_dir=compiled_dir)
