"""The same decisions through our embedded engine, our HTTP service and the real OPA.

In one run: (a) the embedded engine in-process (policy evaluation), (b) our
service over loopback (``POST /v1/data/osd/decision/result``, the same
evaluation behind HTTP; ``POST /v1/decisions``, the whole contract decision
with its log row, with the scenario requests in turn and with every request
new; ``POST /v1/decisions:batch`` of ``--batch`` requests, full and compact),
(c) ``opa run --server`` with our bundle (``POST /v1/data/osd/decision/result``).
The HTTP clients run in a second process with keep-alive connections, at each
``--concurrency``, each path in turn for a slice of ``--seconds`` (``--rounds``
slices each), so a change of the host's speed touches every path alike. Prints answers/s, decisions/s, p50, p99 and the server's CPU
per answer, with each rate's ratio to the real OPA's at the same concurrency,
and whether the targets are met (``/v1/decisions`` ≥ 1.0× OPA, a batch ≥ 5×).

    .venv/bin/python bench/vs_opa.py [--seconds 15] [--concurrency 8,32] [--batch 100]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_spec = importlib.util.spec_from_file_location("bench_http", Path(__file__).with_name("http.py"))
bench_http = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_http)


def drive(port: int, key: str, path: str, bodies: list[bytes], seconds: float, concurrency: int,
          server_pid: int | None = None, per_answer: int = 1) -> dict:
    r = bench_http.drive(port, key, path, bodies, seconds, concurrency, server_pid)
    return {"per_s": r["per_s"], "decisions_s": r["per_s"] * per_answer, "p50": r["median_ms"], "p99": r["p99_ms"],
            "cpu_ms": r["server_cpu_ms"] / per_answer}


def summary(latencies: list[float], ok: int, seconds: float) -> dict:
    latencies = sorted(latencies)
    return {"per_s": ok / seconds, "p50": 1000 * statistics.median(latencies),
            "p99": 1000 * latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))]}


def start_opa(bundle_path: Path) -> tuple[subprocess.Popen, int]:
    from decision_service.store.rego_tests import find_opa

    opa = find_opa()
    if opa is None:
        raise SystemExit("the real OPA is needed: run scripts/build-opa")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([str(opa), "run", "--server", "--addr", f"127.0.0.1:{port}", "--bundle", str(bundle_path),
                             "--log-level", "error"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(2)
    return proc, port


def combined(parts: list[dict]) -> dict:
    """Slices of one path put together: rates averaged, the worst p99 and p50 of the slices, CPU averaged."""
    def mean(key: str) -> float:
        return statistics.fmean(p[key] for p in parts)

    return {"per_s": mean("per_s"), "decisions_s": mean("decisions_s"), "p50": max(p["p50"] for p in parts),
            "p99": max(p["p99"] for p in parts), "cpu_ms": mean("cpu_ms")}


def unique(requests: list[dict], n: int, start: int = 0) -> list[bytes]:
    """``n`` bodies each asked once: the scenario requests, each with a dataset id of its own."""
    out = []
    for i in range(start, start + n):
        r = requests[i % len(requests)]
        out.append(json.dumps({**r, "dataset": {**(r.get("dataset") or {}), "id": f"bench-{i}"}},
                              ensure_ascii=False).encode())
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--concurrency", default="8,32")
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3, help="turns each path's time is cut into")
    parser.add_argument("--workers", type=int, help="the service's worker processes (default: osd serve's)")
    parser.add_argument("--threads", type=int, help="threads per worker (default: osd serve's)")
    args = parser.parse_args()
    from decision_service.answers.decide import Decider, normalize
    from decision_service.store.opa_archive import build
    from decision_service.store.scenarios import load_scenarios, request_of

    decider = Decider.from_disk()
    requests = [request_of(s) for s in load_scenarios() if s["kind"] == "decision"]
    inputs = [normalize(r) for r in requests]
    data_bodies = [json.dumps({"input": d}, ensure_ascii=False).encode() for d in inputs]
    decision_bodies = [json.dumps(r, ensure_ascii=False).encode() for r in requests]
    per_slice = int(args.seconds / args.rounds * 4000)  # more than a slice can send: none is asked twice
    batch_bodies = [json.dumps({"requests": [requests[(i + j) % len(requests)] for j in range(args.batch)]},
                               ensure_ascii=False).encode() for i in range(len(requests))]

    latencies = []
    stop = time.perf_counter() + args.seconds
    n = 0
    while time.perf_counter() < stop:
        t0 = time.perf_counter()
        decider.engine.evaluate(inputs[n % len(inputs)])
        latencies.append(time.perf_counter() - t0)
        n += 1
    embedded = summary(latencies, n, args.seconds)

    print(f"{len(inputs)} scenario requests in turn, {args.seconds:g} s each, HTTP clients in a second process, "
          f"{os.cpu_count()} CPUs")
    met = []
    with tempfile.TemporaryDirectory(prefix="osd-vs-opa-") as tmp:
        data = Path(tmp)
        (data / "bundle.tar.gz").write_bytes(build(decider.bundle))
        opa, opa_port = start_opa(data / "bundle.tar.gz")
        key = bench_http.create_key(data)
        port = bench_http.free_port()
        server = bench_http.start_server(data, port, args.workers, args.threads)
        try:
            for concurrency in [int(c) for c in args.concurrency.split(",")]:
                c = concurrency
                drive(port, key, "/v1/data/osd/decision/result", data_bodies, 2, c)  # warm up
                drive(opa_port, "", "/v1/data/osd/decision/result", data_bodies, 2, c)
                paths = {
                    "(b) our service, Data API": (port, key, "/v1/data/osd/decision/result", data_bodies, server.pid, 1),
                    "(b) /v1/decisions": (port, key, "/v1/decisions", decision_bodies, server.pid, 1),
                    "(b) /v1/decisions, every request new": (port, key, "/v1/decisions", None, server.pid, 1),
                    **{f"(b) /v1/decisions:batch of {args.batch}, {view}": (
                        port, key, f"/v1/decisions:batch?view={view}", batch_bodies, server.pid, args.batch)
                       for view in ("full", "compact")},
                    "(c) real OPA server, Data API": (opa_port, "", "/v1/data/osd/decision/result", data_bodies,
                                                      opa.pid, 1),
                }
                slices: dict[str, list[dict]] = {name: [] for name in paths}
                for r in range(args.rounds):  # in turns, so that a change of the host's speed touches every path alike
                    for name, (p, k, path, bodies, pid, per) in paths.items():
                        bodies = bodies or unique(requests, per_slice, (r + args.rounds * c) * per_slice)
                        slices[name].append(drive(p, k, path, bodies, args.seconds / args.rounds, c, pid, per))
                results = {"(a) embedded, in-process (no HTTP)": embedded,
                           **{name: combined(parts) for name, parts in slices.items()}}
                base = results["(c) real OPA server, Data API"]["decisions_s"]
                print(f"\nconcurrency {c}")
                print(f"{'path':<42} {'answers/s':>9} {'decisions/s':>11} {'p50 ms':>7} {'p99 ms':>7} "
                      f"{'CPU ms':>7} {'× OPA':>6}")
                for name, r in results.items():
                    cpu = r.get("cpu_ms", float("nan"))
                    print(f"{name:<42} {r['per_s']:>9.0f} {r.get('decisions_s', r['per_s']):>11.0f} {r['p50']:>7.2f} "
                          f"{r['p99']:>7.2f} {cpu:>7.2f} {r.get('decisions_s', r['per_s']) / base:>6.2f}")
                single = results["(b) /v1/decisions"]["decisions_s"] / base
                batches = min(results[f"(b) /v1/decisions:batch of {args.batch}, {v}"]["decisions_s"]
                              for v in ("full", "compact")) / base
                met += [(f"/v1/decisions ≥ 1.0× OPA at concurrency {c}", single >= 1.0, single),
                        (f"a batch of {args.batch} ≥ 5× OPA at concurrency {c}", batches >= 5.0, batches)]
        finally:
            server.terminate()
            opa.terminate()
            server.wait(timeout=30)
    print("\n(CPU ms: the server's CPU time, all its processes, per answer; per decision for a batch)")
    for name, ok, ratio in met:
        print(f"target {name}: {'met' if ok else 'NOT met'} ({ratio:.2f}×)")


if __name__ == "__main__":
    main()
