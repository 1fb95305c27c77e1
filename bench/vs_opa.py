"""The same decisions through our embedded engine, our HTTP service and the real OPA.

In one run: (a) the embedded engine in-process (policy evaluation), (b) our
service over loopback (``POST /v1/data/osd/decision/result``, the same
evaluation behind HTTP, and ``POST /v1/decisions``, the whole contract
decision with its log row), (c) ``opa run --server`` with our bundle
(``POST /v1/data/osd/decision/result``). The HTTP clients run in a second
process with keep-alive connections. Prints answers/s, p50 and p99 for each
and their ratios to the real OPA.

    .venv/bin/python bench/vs_opa.py [--seconds 15] [--concurrency 8]
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


def drive(port: int, key: str, path: str, bodies: list[bytes], seconds: float, concurrency: int) -> dict:
    r = bench_http.drive(port, key, path, bodies, seconds, concurrency)
    return {"per_s": r["per_s"], "p50": r["median_ms"], "p99": r["p99_ms"]}


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    from decision_service.answers.decide import Decider, normalize
    from decision_service.store.opa_archive import build
    from decision_service.store.scenarios import load_scenarios, request_of

    decider = Decider.from_disk()
    requests = [request_of(s) for s in load_scenarios() if s["kind"] == "decision"]
    inputs = [normalize(r) for r in requests]
    data_bodies = [json.dumps({"input": d}, ensure_ascii=False).encode() for d in inputs]
    decision_bodies = [json.dumps(r, ensure_ascii=False).encode() for r in requests]

    results = {}
    latencies = []
    stop = time.perf_counter() + args.seconds
    n = 0
    while time.perf_counter() < stop:
        t0 = time.perf_counter()
        decider.engine.evaluate(inputs[n % len(inputs)])
        latencies.append(time.perf_counter() - t0)
        n += 1
    results["(a) embedded, in-process"] = summary(latencies, n, args.seconds)

    with tempfile.TemporaryDirectory(prefix="osd-vs-opa-") as tmp:
        data = Path(tmp)
        (data / "bundle.tar.gz").write_bytes(build(decider.bundle))
        opa, opa_port = start_opa(data / "bundle.tar.gz")
        key = bench_http.create_key(data)
        port = bench_http.free_port()
        server = bench_http.start_server(data, port)
        try:
            drive(port, key, "/v1/data/osd/decision/result", data_bodies, 2, args.concurrency)  # warm up
            results["(b) our service, Data API"] = drive(port, key, "/v1/data/osd/decision/result", data_bodies,
                                                         args.seconds, args.concurrency)
            results["(b) our service, /v1/decisions"] = drive(port, key, "/v1/decisions", decision_bodies,
                                                              args.seconds, args.concurrency)
            drive(opa_port, "", "/v1/data/osd/decision/result", data_bodies, 2, args.concurrency)
            results["(c) real OPA server, Data API"] = drive(opa_port, "", "/v1/data/osd/decision/result",
                                                             data_bodies, args.seconds, args.concurrency)
        finally:
            server.terminate()
            opa.terminate()
            server.wait(timeout=30)
    base = results["(c) real OPA server, Data API"]["per_s"]
    print(f"{len(inputs)} scenario requests in turn, {args.seconds:g} s each, HTTP concurrency {args.concurrency} "
          f"from a second process, {os.cpu_count()} CPUs")
    print(f"{'path':<34} {'answers/s':>10} {'p50 ms':>8} {'p99 ms':>8} {'× OPA':>7}")
    for name, r in results.items():
        print(f"{name:<34} {r['per_s']:>10.0f} {r['p50']:>8.2f} {r['p99']:>8.2f} {r['per_s'] / base:>7.2f}")


if __name__ == "__main__":
    main()
