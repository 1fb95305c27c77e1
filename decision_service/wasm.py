"""A direct runner for the OPA-compiled WebAssembly policy, over wasmtime.

opa-py-wasm evaluates one input in five guest calls (heap reset, malloc,
heap read, eval, heap reset) and wasmtime-py spends about 40 µs of Python on
each call, which is half of a decision's time. OPA's wasm ABI (1.2 and later)
has ``opa_eval``, which parses the input, evaluates and dumps the result in a
single call from a heap address the caller chooses. This runner writes the
input at the heap base left after loading the data, makes that one call and
reads the result string straight from linear memory.

It supports exactly what this policy needs: no host built-ins (the compiled
policy must report none) and one JSON entrypoint. Results are compared with
opa-py-wasm and with the real OPA in the tests.
"""

from __future__ import annotations

import ctypes
import json
import queue
import threading
from pathlib import Path

import wasmtime

PAGE = 65536


class WasmError(Exception):
    """The module cannot be run here, or an evaluation trapped."""


class WasmModule:
    """A compiled policy module, checked once: ABI with opa_eval, no host built-ins."""

    def __init__(self, wasm: bytes) -> None:
        self.engine = wasmtime.Engine()
        self.module = wasmtime.Module(self.engine, wasm)
        probe = WasmInstance(self, b"{}")
        exports = probe.exports
        major = exports["opa_wasm_abi_version"].value(probe.store)
        minor = exports["opa_wasm_abi_minor_version"].value(probe.store)
        if (major, minor) < (1, 2):
            raise WasmError(f"the module has wasm ABI {major}.{minor}; opa_eval needs 1.2 or later")
        self.entrypoints = probe.read_json(exports["entrypoints"](probe.store))
        builtins = probe.read_json(exports["builtins"](probe.store))
        if builtins:
            raise WasmError(f"the policy needs host built-ins this runner does not provide: {sorted(builtins)}")

    @classmethod
    def from_file(cls, path: Path) -> WasmModule:
        return cls(path.read_bytes())


class WasmInstance:
    """One instance with the data loaded; not thread-safe (one store)."""

    def __init__(self, module: WasmModule, data_json: bytes) -> None:
        store = wasmtime.Store(module.engine)
        imports: list = []
        memory = None
        for imp in module.module.imports:
            if imp.name == "memory":
                memory = wasmtime.Memory(store, wasmtime.MemoryType(wasmtime.Limits(imp.type.limits.min, None)))
                imports.append(memory)
            elif imp.name == "opa_abort":
                imports.append(wasmtime.Func(store, imp.type, self._abort, access_caller=True))
            else:
                imports.append(wasmtime.Func(store, imp.type, self._no_builtin))
        if memory is None:
            raise WasmError("the module imports no memory; it is not an OPA policy")
        self.store = store
        self.memory = memory
        self.exports = wasmtime.Instance(store, module.module, imports).exports(store)
        self._eval = self.exports["opa_eval"]
        addr = self.exports["opa_malloc"](store, len(data_json))
        memory.write(store, data_json, addr)
        self.data_addr = self.exports["opa_json_parse"](store, addr, len(data_json))
        if not self.data_addr:
            raise WasmError("the data document could not be parsed by the policy")
        self.base = self.exports["opa_heap_ptr_get"](store)

    @staticmethod
    def _abort(caller: wasmtime.Caller, addr: int) -> None:
        raise WasmError("the policy aborted")

    @staticmethod
    def _no_builtin(*_args: object) -> int:
        raise WasmError("the policy called a host built-in")

    def read_json(self, addr: int) -> object:
        """The value at ``addr``, dumped to a NUL-terminated JSON string by the policy."""
        dumped = self.exports["opa_json_dump"](self.store, addr)
        return json.loads(self._cstring(dumped))

    def _cstring(self, addr: int) -> bytes:
        start = ctypes.addressof(self.memory.data_ptr(self.store).contents)
        return ctypes.string_at(start + addr)

    def evaluate(self, input_json: bytes, entrypoint: int) -> list:
        """The result set of one evaluation, in one guest call."""
        store, memory = self.store, self.memory
        end = self.base + len(input_json)
        size = memory.data_len(store)
        if end + PAGE > size:
            memory.grow(store, (end + PAGE - size) // PAGE + 1)
        memory.write(store, input_json, self.base)
        addr = self._eval(store, 0, entrypoint, self.data_addr, self.base, len(input_json), end, 0)
        return json.loads(self._cstring(addr))


class WasmPool:
    """Instances shared by threads: each evaluation borrows one; a trap discards it."""

    def __init__(self, module: WasmModule, data: dict, size: int = 4) -> None:
        self.module = module
        self.data_json = json.dumps(data, ensure_ascii=False).encode()
        self._idle: queue.LifoQueue[WasmInstance] = queue.LifoQueue()
        self._idle.put(WasmInstance(module, self.data_json))
        self._spare = size - 1
        self._lock = threading.Lock()

    def evaluate(self, input_doc: dict, entrypoint: int) -> list:
        instance = self._borrow()
        try:
            result = instance.evaluate(json.dumps(input_doc, ensure_ascii=False).encode(), entrypoint)
        except (wasmtime.WasmtimeError, wasmtime.Trap, WasmError) as exc:
            self._idle.put(WasmInstance(self.module, self.data_json))
            raise WasmError(f"evaluation failed: {exc}") from exc
        self._idle.put(instance)
        return result

    def _borrow(self) -> WasmInstance:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            grow = self._spare > 0
            if grow:
                self._spare -= 1
        return WasmInstance(self.module, self.data_json) if grow else self._idle.get()
