"""A direct runner for the OPA-compiled WebAssembly policy, over wasmtime.

opa-py-wasm evaluates one input in five guest calls (heap reset, malloc,
heap read, eval, heap reset) and wasmtime-py spends about 40 µs of Python on
each call, which is half of a decision's time. OPA's wasm ABI (1.2 and later)
has ``opa_eval``, which parses the input, evaluates and dumps the result in a
single call from a heap address the caller chooses. This runner writes the
input at the heap base left after loading the data, makes that one call and
reads the result string straight from linear memory.

Even one call through ``Func.__call__`` costs wasmtime-py a type query and a
conversion per argument (about 0.2 ms a decision). The signature of
``opa_eval`` is fixed by the ABI and checked once when the module loads, so
the call goes through wasmtime's unchecked entry with one argument array
built per instance, and the input is copied into linear memory with one
``memmove``.

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
from wasmtime import _ffi as ffi
from wasmtime import _func as wasm_func

PAGE = 65536
#: opa_eval(reserved, entrypoint, data, input, input_len, heap_ptr, format) -> result address
OPA_EVAL_PARAMS = 7


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
        ty = exports["opa_eval"].type(probe.store)
        i32 = wasmtime.ValType.i32()
        if list(ty.params) != [i32] * OPA_EVAL_PARAMS or list(ty.results) != [i32]:
            raise WasmError("opa_eval does not have the ABI's signature (seven i32 in, one i32 out)")

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
        self._func = ctypes.byref(self._eval._func)
        self._args = (ffi.wasmtime_val_raw_t * OPA_EVAL_PARAMS)()
        self._args[2].i32 = self.data_addr
        self._args[3].i32 = self.base

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
        start = ctypes.addressof(memory.data_ptr(store).contents)
        ctypes.memmove(start + self.base, input_json, len(input_json))
        args = self._args
        args[0].i32 = 0  # reserved; the previous call left its result here
        args[1].i32 = entrypoint
        args[4].i32 = len(input_json)
        args[5].i32 = end
        trap = ctypes.POINTER(ffi.wasm_trap_t)()
        error = ffi.wasmtime_func_call_unchecked(store._context(), self._func, args, OPA_EVAL_PARAMS,
                                                 ctypes.byref(trap))
        if error or trap:
            failure = wasmtime.WasmtimeError._from_ptr(error) if error else wasmtime.Trap._from_ptr(trap)
            try:  # a host function that raised (opa_abort) left its exception with wasmtime-py: take it
                wasm_func.maybe_raise_last_exn()
            except WasmError as host:
                raise host from failure
            raise failure
        # The result address is an i32 in the first slot (read from memory anew: the guest may have grown it).
        return json.loads(self._cstring(args[0].i32 & 0xFFFFFFFF))


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
        """Evaluate on a borrowed instance. The input is encoded before an
        instance is taken, so input that cannot be encoded takes none; an
        instance always goes back (a fresh one in place of one that trapped,
        whose memory can no longer be trusted), so the pool never shrinks."""
        try:
            payload = json.dumps(input_doc, ensure_ascii=False).encode()
        except (UnicodeEncodeError, ValueError, RecursionError) as exc:
            raise WasmError(f"the input cannot be encoded as JSON: {exc}") from exc
        instance = self._borrow()
        try:
            result = instance.evaluate(payload, entrypoint)
        except (wasmtime.WasmtimeError, wasmtime.Trap, WasmError) as exc:
            instance = WasmInstance(self.module, self.data_json)
            raise WasmError(f"evaluation failed: {exc}") from exc
        finally:
            self._idle.put(instance)
        return result

    def ready(self, seconds: float = 1.0) -> bool:
        """Whether an instance can be had within ``seconds`` (readiness): every
        instance busy past that, or none left, means this worker cannot answer."""
        try:
            instance = self._idle.get(timeout=seconds)
        except queue.Empty:
            with self._lock:
                return self._spare > 0
        self._idle.put(instance)
        return True

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
