"""The engine: the policy compiled to WebAssembly by OPA and evaluated in
process (``embedded``, with the single-call runner in ``wasm``), or the real
OPA binary for tests and checks (``opa_cli``); ``choice`` picks the engine
a served bundle uses (``ENGINE=opa`` delegates to an OPA server through the
adapter in ``adapters/opa_backend.py``)."""

from .embedded import (
    COMPILED_DIR,
    ENTRYPOINT,
    ENTRYPOINTS,
    RUNNERS,
    Engine,
    EngineError,
    UndefinedResult,
    WasmEngine,
    query_of,
)
from .opa_cli import OpaCliEngine, opa_binary

__all__ = [
    "COMPILED_DIR", "ENTRYPOINT", "ENTRYPOINTS", "RUNNERS", "Engine", "EngineError", "OpaCliEngine",
    "UndefinedResult", "WasmEngine", "opa_binary", "query_of",
]
