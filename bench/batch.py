"""Batch decisions per second, full and compact, beside single decisions, on the real server.

Starts ``osd serve`` with a fresh data folder and a portal key, then for a fixed
time each (in turns of ``--rounds`` slices): ``POST /v1/decisions`` one request at a time, ``POST
/v1/decisions:batch`` with ``--size`` requests a call, and the same with
``view=compact``; every scenario request in turn, from ``--clients`` keep-alive
connections. Prints decisions per second, bytes of answer per decision and the
ratio to single decisions (all in the same run, on the same server).

    .venv/bin/python bench/batch.py [--seconds 10] [--size 100] [--clients 2] [--rounds 5]
"""

from __future__ import annotations

import sys
from pathlib import Path

# bench/http.py is beside this file: its folder must not shadow the standard library's http.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse  # noqa: E402
import http.client  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from decision_service.store.scenarios import load_scenarios, request_of  # noqa: E402
from decision_service.web.server import wait_ready  # noqa: E402


def run(port: int, key: str, path: str, bodies: list[bytes], per_call: int, seconds: float, clients: int) -> dict:
    """Keep-alive clients posting ``bodies`` in turn for ``seconds``: decisions, calls, bytes."""
    totals = {"decisions": 0, "calls": 0, "bytes": 0, "errors": 0}
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(offset: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        n, mine = offset, {"decisions": 0, "calls": 0, "bytes": 0, "errors": 0}
        headers = {"Content-Type": "application/json", "Authorization": f"Bearer {key}"}
        while time.monotonic() < stop:
            conn.request("POST", path, body=bodies[n % len(bodies)], headers=headers)
            answer = conn.getresponse()
            data = answer.read()
            n += 1
            if answer.status != 200:
                mine["errors"] += 1
                continue
            mine["calls"] += 1
            mine["decisions"] += per_call
            mine["bytes"] += len(data)
        conn.close()
        with lock:
            for k, v in mine.items():
                totals[k] += v

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    totals["seconds"] = time.monotonic() - started
    return totals


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--size", type=int, default=100, help="requests in one batch call")
    ap.add_argument("--clients", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=5, help="turns the cases take, each of seconds/rounds")
    args = ap.parse_args()
    requests = [request_of(s) for s in load_scenarios() if s["kind"] == "decision"]
    data = Path(tempfile.mkdtemp(prefix="osd-bench-batch-"))
    env = {**os.environ, "OSD_DATA_DIR": str(data), "PROMETHEUS_MULTIPROC_DIR": str(data / "metrics")}
    key = subprocess.run([sys.executable, "-m", "decision_service.cli", "keys", "create", "--name", "bench", "--role",
                          "portal"], env=env, cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "decision_service.cli", "serve", "--port", str(port)], env=env,
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=open(data / "server.log", "w"))
    try:
        if not wait_ready(port, server):
            raise SystemExit(f"the server did not start; see {data / 'server.log'}")
        singles = [json.dumps(r).encode() for r in requests]
        batches = [json.dumps({"requests": [requests[(i + j) % len(requests)] for j in range(args.size)]}).encode()
                   for i in range(0, len(requests), 7)]
        cases = [("single POST /v1/decisions", "/v1/decisions", singles, 1),
                 (f"batch of {args.size}, view=full", "/v1/decisions:batch", batches, args.size),
                 (f"batch of {args.size}, view=compact", "/v1/decisions:batch?view=compact", batches, args.size)]
        run(port, key, "/v1/decisions", singles, 1, 2.0, args.clients)  # warm up every worker
        # the cases take turns, --rounds slices each, so a drift of the machine or the log falls on all alike
        results = [(name, {"decisions": 0, "calls": 0, "bytes": 0, "errors": 0, "seconds": 0.0}) for name, *_ in cases]
        for _ in range(args.rounds):
            for (name, path, bodies, n), (_, total) in zip(cases, results):
                for k, v in run(port, key, path, bodies, n, args.seconds / args.rounds, args.clients).items():
                    total[k] += v
    finally:
        server.terminate()
        server.wait(timeout=30)
    base = results[0][1]["decisions"] / results[0][1]["seconds"]
    print(f"{args.clients} clients, {args.seconds:.0f} s each in {args.rounds} turns, {os.cpu_count()} CPUs "
          "(server and clients share them)")
    print(f"{'':34} {'decisions/s':>12} {'bytes/decision':>15} {'vs single':>10} {'errors':>7}")
    for name, r in results:
        rate = r["decisions"] / r["seconds"]
        size = r["bytes"] / max(r["decisions"], 1)
        print(f"{name:34} {rate:12.0f} {size:15.0f} {rate / base:9.2f}x {r['errors']:7d}")


if __name__ == "__main__":
    main()
