"""The engine interface, and the embedded engine that serves decisions.

The embedded engine runs the policy as WebAssembly compiled by the real OPA
(``opa build -t wasm``), in-process (our single-call runner over wasmtime, or
opa-py-wasm), so a machine with Python alone can decide. The compiled module lives in ``decision_service/engine/compiled``
with a manifest naming the hash of the Rego it was built from; loading it
against different Rego fails, so a stale artifact can never decide.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Protocol

from ..store.bundle import Bundle, policy_hash

COMPILED_DIR = Path(__file__).resolve().parent / "compiled"
ENTRYPOINT = "osd/decision/result"
#: Every entry point compiled into the module: decisions, classification (one
#: item, a batch, or a batch reduced to catalogue rows), deadlines.
ENTRYPOINTS = (ENTRYPOINT, "osd/classify/result", "osd/classify/batch", "osd/classify/rows", "osd/deadline/result")


def query_of(entrypoint: str) -> str:
    """``osd/decision/result`` → ``data.osd.decision.result``."""
    return "data." + entrypoint.replace("/", ".")


class EngineError(Exception):
    """The policy could not be evaluated (never a decision)."""


class UndefinedResult(EngineError):
    """The entry point is undefined for this input (OPA answers without a result)."""


class Engine(Protocol):
    """Evaluates the decision policy for one input document."""

    name: str

    def evaluate(self, input_doc: dict, entrypoint: str = ENTRYPOINT) -> dict:
        """Return the value of the entry point (default ``data.osd.decision.result``)."""
        ...


RUNNERS = ("direct", "opa-py-wasm")


class WasmEngine:
    """The policy compiled to WebAssembly by OPA, evaluated in-process.

    Two runners execute the same module: ``direct`` (decision_service.wasm,
    one guest call per evaluation; the default, being faster) and
    ``opa-py-wasm`` (Intuit's SDK). ``OSD_WASM_RUNNER`` picks one; the tests
    hold both to the real OPA's results.
    """

    def __init__(self, bundle: Bundle, compiled_dir: Path = COMPILED_DIR, pool_size: int = 4,
                 runner: str | None = None) -> None:
        runner = runner or os.environ.get("OSD_WASM_RUNNER") or "direct"
        if runner not in RUNNERS:
            raise EngineError(f"unknown wasm runner {runner!r}: one of {', '.join(RUNNERS)}")
        manifest_path = compiled_dir / "manifest.json"
        wasm_path = compiled_dir / "policy.wasm"
        if not manifest_path.exists() or not wasm_path.exists():
            raise EngineError(f"no compiled policy in {compiled_dir}: run scripts/build-policy")
        manifest = json.loads(manifest_path.read_text())
        expected = policy_hash(bundle.policy_files)
        if manifest.get("policy_hash") != expected:
            raise EngineError(
                "the compiled policy was built from other Rego than policies/rego "
                "(stale artifact): run scripts/build-policy"
            )
        self.manifest = manifest
        self.runner = runner
        self.name = f"wasm ({runner})"
        wasm = wasm_path.read_bytes()
        if runner == "direct":
            from .wasm import WasmError, WasmModule, WasmPool

            try:
                module = WasmModule(wasm)
                self._entrypoints = {name: module.entrypoints[name] for name in ENTRYPOINTS}
                self._pool = WasmPool(module, bundle.data, pool_size)
            except (WasmError, KeyError) as exc:
                raise EngineError(f"cannot run the compiled policy: {exc}") from exc
            self.evaluate = self._evaluate_direct  # type: ignore[method-assign]
        else:
            from opapywasm import OpaWasmPolicy, PolicyConfig

            _fit_initial_memory(wasm)
            self._policy = OpaWasmPolicy.from_wasm_bytes(wasm, PolicyConfig(pool_size=pool_size, strict_result=True))
            self._policy.set_data(bundle.data)

    def evaluate(self, input_doc: dict, entrypoint: str = ENTRYPOINT) -> dict:
        from opapywasm import OpaWasmError

        try:
            return self._policy.evaluate(input_doc, entrypoint)
        except OpaWasmError as exc:
            raise EngineError(f"policy evaluation failed: {exc}") from exc

    def ready(self, seconds: float = 1.0) -> bool:
        """Whether this engine can take an evaluation within ``seconds``
        (the direct runner's pool has an instance free, or room for one)."""
        return self._pool.ready(seconds) if self.runner == "direct" else True

    def _evaluate_direct(self, input_doc: dict, entrypoint: str = ENTRYPOINT) -> dict:
        from .wasm import WasmError

        try:
            results = self._pool.evaluate(input_doc, self._entrypoints[entrypoint])
        except WasmError as exc:
            raise EngineError(f"policy evaluation failed: {exc}") from exc
        if len(results) != 1 or "result" not in results[0]:
            raise UndefinedResult("the policy result is undefined")
        return results[0]["result"]


def _fit_initial_memory(wasm: bytes) -> None:
    """Start the host memory at the size the module declares.

    opa-py-wasm 1.2 offers two pages and grows only after an overflow trap,
    but wasmtime refuses a module whose ``env.memory`` import asks for more
    pages up front ("incompatible import type"), which OPA emits once the
    policy's constants outgrow two pages. The SDK's starting size is therefore
    raised to the module's own minimum before any instance is built.
    """
    import wasmtime
    from opapywasm import runtime

    module = wasmtime.Module(wasmtime.Engine(), wasm)
    for imp in module.imports:
        if imp.module == "env" and imp.name == "memory" and isinstance(imp.type, wasmtime.MemoryType):
            runtime._DEFAULT_MEMORY_PAGES = max(runtime._DEFAULT_MEMORY_PAGES, imp.type.limits.min)
