"""Batch decisions per second, full and compact, beside single decisions, on the real server.

Starts ``osd serve`` with a fresh data folder and a portal key (``bench/http.py``'s
helpers), then for a fixed time each (in turns of ``--rounds`` slices): ``POST
/v1/decisions`` one request at a time, ``POST /v1/decisions:batch`` with ``--size``
requests a call, and the same with ``view=compact``; every scenario request in
turn, from ``--clients`` keep-alive connections (``bench/loadgen.py``). Prints
decisions per second, bytes of answer per decision and the ratio to single
decisions (all in the same run, on the same server).

    .venv/bin/python bench/batch.py [--seconds 10] [--size 100] [--clients 2] [--rounds 5]
"""

from __future__ import annotations

import sys
from pathlib import Path

# bench/http.py is beside this file: its folder must not shadow the standard library's http.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse  # noqa: E402
import http.client  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import tempfile  # noqa: E402

from bench.http import create_key, free_port, start_server  # noqa: E402
from bench.loadgen import run  # noqa: E402
from decision_service.store.scenarios import load_scenarios, request_of  # noqa: E402


def answer_bytes(port: int, key: str, path: str, bodies: list[bytes]) -> float:
    """The mean size of the answer to each body (answers to one body keep their size: only ids change)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    sizes = []
    for body in bodies:
        conn.request("POST", path, body=body, headers={"Content-Type": "application/json",
                                                       "Authorization": f"Bearer {key}"})
        sizes.append(len(conn.getresponse().read()))
    conn.close()
    return sum(sizes) / len(sizes)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--size", type=int, default=100, help="requests in one batch call")
    ap.add_argument("--clients", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=5, help="turns the cases take, each of seconds/rounds")
    args = ap.parse_args()
    requests = [request_of(s) for s in load_scenarios() if s["kind"] == "decision"]
    data = Path(tempfile.mkdtemp(prefix="osd-bench-batch-"))
    key, port = create_key(data), free_port()
    server = start_server(data, port)
    try:
        singles = [json.dumps(r).encode() for r in requests]
        batches = [json.dumps({"requests": [requests[(i + j) % len(requests)] for j in range(args.size)]}).encode()
                   for i in range(0, len(requests), 7)]
        cases = [("single POST /v1/decisions", "/v1/decisions", singles, 1),
                 (f"batch of {args.size}, view=full", "/v1/decisions:batch", batches, args.size),
                 (f"batch of {args.size}, view=compact", "/v1/decisions:batch?view=compact", batches, args.size)]
        run(port, key, "/v1/decisions", singles, 2.0, args.clients)  # warm up every worker
        # the cases take turns, --rounds slices each, so a drift of the machine or the log falls on all alike
        calls = {name: {} for name, *_ in cases}
        for _ in range(args.rounds):
            for name, path, bodies, _n in cases:
                for status, count in run(port, key, path, bodies, args.seconds / args.rounds, args.clients)[1].items():
                    calls[name][status] = calls[name].get(status, 0) + count
        sizes = {name: answer_bytes(port, key, path, bodies) / n for name, path, bodies, n in cases}
    finally:
        server.terminate()
        server.wait(timeout=30)
    rates = {name: calls[name].get(200, 0) * n / args.seconds for name, _p, _b, n in cases}
    base = rates[cases[0][0]]
    print(f"{args.clients} clients, {args.seconds:.0f} s each in {args.rounds} turns, {os.cpu_count()} CPUs "
          "(server and clients share them)")
    print(f"{'':34} {'decisions/s':>12} {'bytes/decision':>15} {'vs single':>10} {'errors':>7}")
    for name, *_ in cases:
        errors = sum(v for k, v in calls[name].items() if k != 200)
        print(f"{name:34} {rates[name]:12.0f} {sizes[name]:15.0f} {rates[name] / base:9.2f}x {errors:7d}")


if __name__ == "__main__":
    main()
