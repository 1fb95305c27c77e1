"""Decisions per second of the real server, against a bare endpoint of the same app.

Starts ``osd serve`` (gunicorn) on a free loopback port with a fresh data
folder and a portal key, then drives it from a second process: for each
concurrency, a fixed time of ``POST /v1/decisions`` (every scenario request,
in turn) and the same time of ``GET /healthz`` (a constant answer through the
same app, middleware and logging). Prints decisions/s, median and p99 latency
for both, and their ratio, with the CPU time the server (all its processes)
and the client spent per answer; then a load at the highest concurrency whose
2xx answers are compared with the rows the decision log holds.

Server and client share the machine's CPUs, so the ratio is about
(server + client CPU per constant answer) / (server + client CPU per
decision); the CPU columns show which side a change moved.

    .venv/bin/python bench/http.py [--seconds 20] [--concurrency 1,4,16,32] [--loss-seconds 60]
"""

from __future__ import annotations

import sys
from pathlib import Path

# This file is named http.py; its folder must not shadow the standard library's http.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse  # noqa: E402
import json  # noqa: E402
import multiprocessing as mp  # noqa: E402
import os  # noqa: E402
import socket  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(data: Path, port: int, workers: int | None = None, threads: int | None = None) -> subprocess.Popen:
    env = {**os.environ, "OSD_DATA_DIR": str(data), "PROMETHEUS_MULTIPROC_DIR": str(data / "metrics")}
    args = [sys.executable, "-m", "decision_service.cli", "serve", "--port", str(port)]
    if workers:
        args += ["--workers", str(workers)]
    if threads:
        args += ["--threads", str(threads)]
    proc = subprocess.Popen(args, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=open(data / "server.log", "w"))
    from decision_service.web.server import wait_ready

    if wait_ready(port, proc):
        return proc
    proc.terminate()
    raise RuntimeError(f"the server did not become ready; see {data / 'server.log'}")


def create_key(data: Path) -> str:
    env = {**os.environ, "OSD_DATA_DIR": str(data)}
    out = subprocess.run([sys.executable, "-m", "decision_service.cli", "keys", "create", "--name", "bench",
                          "--role", "portal"], env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    return out.stdout.strip()


PATHS = {"decide": "/v1/decisions", "constant": "/healthz"}


def _client(port: int, key: str, path: str, bodies: list[bytes] | None, seconds: float, concurrency: int,
            out: mp.Queue) -> None:
    """Runs in its own process, so the client's Python does not share the server's."""
    from bench.loadgen import run

    started = time.process_time()
    latencies, codes = run(port, key, path, bodies, seconds, concurrency)
    out.put((latencies, codes, time.process_time() - started))


def cpu_seconds(root: int) -> float:
    """User and system CPU time of a process and all its descendants (Linux /proc)."""
    procs: dict[int, tuple[int, int]] = {}  # pid -> (parent, CPU ticks)
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
                procs[int(entry)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
            except (OSError, IndexError, ValueError):
                continue
    tree, todo = set(), [root]
    while todo:
        pid = todo.pop()
        tree.add(pid)
        todo += [child for child, (parent, _) in procs.items() if parent == pid and child not in tree]
    return sum(procs[pid][1] for pid in tree if pid in procs) / os.sysconf("SC_CLK_TCK")


def drive(port: int, key: str, kind: str, bodies: list[bytes], seconds: float, concurrency: int,
          server_pid: int | None = None) -> dict:
    """``kind`` is decide, constant, or a path to POST ``bodies`` to."""
    path = PATHS.get(kind, kind)
    queue: mp.Queue = mp.Queue()
    proc = mp.Process(target=_client, args=(port, key, path, None if kind == "constant" else bodies, seconds,
                                            concurrency, queue))
    server_before = cpu_seconds(server_pid) if server_pid else 0.0
    proc.start()
    latencies, codes, client_cpu = queue.get()
    proc.join()
    server_cpu = cpu_seconds(server_pid) - server_before if server_pid else float("nan")
    latencies.sort()
    ok = sum(v for k, v in codes.items() if 200 <= k < 300)
    n = max(1, len(latencies))
    return {
        "requests": len(latencies), "ok": ok, "codes": codes, "per_s": ok / seconds,
        "server_cpu_ms": 1000 * server_cpu / n, "client_cpu_ms": 1000 * client_cpu / n,
        "median_ms": 1000 * statistics.median(latencies) if latencies else float("nan"),
        "p99_ms": 1000 * latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))] if latencies else float("nan"),
    }


def log_rows(data: Path) -> int:
    from decision_service.db import log as decision_log
    from decision_service.db import make_engine, sessions

    return decision_log.count(sessions(make_engine(f"sqlite:///{data / 'osd.sqlite3'}")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--concurrency", default="1,4,16,32")
    parser.add_argument("--loss-seconds", type=float, default=60)
    parser.add_argument("--workers", type=int)
    parser.add_argument("--threads", type=int, help="threads per worker (default: osd serve's)")
    args = parser.parse_args()
    from decision_service.store.scenarios import load_scenarios, request_of

    bodies = [json.dumps(request_of(s), ensure_ascii=False).encode() for s in load_scenarios() if s["kind"] == "decision"]
    with tempfile.TemporaryDirectory(prefix="osd-bench-") as tmp:
        data = Path(tmp)
        key = create_key(data)
        port = free_port()
        server = start_server(data, port, args.workers, args.threads)
        try:
            drive(port, key, "decide", bodies, 2, 4)  # warm up
            print(f"server: gunicorn on 127.0.0.1:{port}, {os.cpu_count()} CPUs; client: a second process; "
                  f"{args.seconds:g} s per run")
            print(f"{'concurrency':>11} {'endpoint':<16} {'answers/s':>10} {'median ms':>10} {'p99 ms':>8} "
                  f"{'server CPU ms':>14} {'client CPU ms':>14}  ratio")
            for c in [int(x) for x in args.concurrency.split(",")]:
                d = drive(port, key, "decide", bodies, args.seconds, c, server.pid)
                b = drive(port, key, "constant", bodies, args.seconds, c, server.pid)
                for name, r in (("POST decisions", d), ("GET healthz", b)):
                    ratio = f"{d['per_s'] / b['per_s']:.2f}" if name == "POST decisions" else ""
                    print(f"{c:>11} {name:<16} {r['per_s']:>10.0f} {r['median_ms']:>10.2f} {r['p99_ms']:>8.2f} "
                          f"{r['server_cpu_ms']:>14.2f} {r['client_cpu_ms']:>14.2f}  {ratio}")
            if args.loss_seconds > 0:
                before = log_rows(data)
                top = max(int(x) for x in args.concurrency.split(","))
                r = drive(port, key, "decide", bodies, args.loss_seconds, top)
                time.sleep(1)
                rows = log_rows(data) - before
                print(f"load {args.loss_seconds:g} s at concurrency {top}: {r['ok']} 2xx answers, {rows} decision-log rows, "
                      f"{'none lost' if rows == r['ok'] else 'MISMATCH'}; other answers {dict((k, v) for k, v in r['codes'].items() if not 200 <= k < 300)}")
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
