"""A small HTTP load generator: keep-alive clients posting decisions for a
fixed time. The bench (bench/http.py) and the tests use it to drive the real
server from outside it."""

from __future__ import annotations

import http.client
import threading
import time


def run(port: int, key: str, path: str, bodies: list[bytes] | None, seconds: float, concurrency: int,
        host: str = "127.0.0.1") -> tuple[list[float], dict[int, int]]:
    """Latencies (seconds) and the count of each HTTP status (0: no answer).
    ``bodies`` are POSTed in turn; ``None`` means GET."""
    stop = time.perf_counter() + seconds
    latencies: list[list[float]] = [[] for _ in range(concurrency)]
    codes: list[dict[int, int]] = [{} for _ in range(concurrency)]
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}

    def client(i: int) -> None:
        conn = http.client.HTTPConnection(host, port, timeout=30)
        n = i
        while time.perf_counter() < stop:
            t0 = time.perf_counter()
            try:
                if bodies is None:
                    conn.request("GET", path, headers=headers)
                else:
                    conn.request("POST", path, body=bodies[n % len(bodies)], headers=headers)
                resp = conn.getresponse()
                resp.read()
                status = resp.status
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=30)
                status = 0
            latencies[i].append(time.perf_counter() - t0)
            codes[i][status] = codes[i].get(status, 0) + 1
            n += concurrency
        conn.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    merged: dict[int, int] = {}
    for c in codes:
        for k, v in c.items():
            merged[k] = merged.get(k, 0) + v
    return [x for lat in latencies for x in lat], merged
