"""Prometheus metrics: requests and latency by endpoint and outcome.

Under gunicorn each worker is a process, so the server sets
``PROMETHEUS_MULTIPROC_DIR`` and ``/metrics`` aggregates every worker's files;
in one process the default registry is used.
"""

from __future__ import annotations

import os

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest

REQUESTS = Counter("osd_http_requests", "HTTP requests", ["endpoint", "method", "status", "outcome"])
LATENCY = Histogram("osd_http_request_seconds", "Time to answer a request", ["endpoint", "outcome"],
                    buckets=(0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5))
DECISIONS = Counter("osd_decisions", "Decisions given", ["jurisdiction", "action", "outcome"])


def observe(endpoint: str, method: str, status: int, outcome: str, seconds: float) -> None:
    REQUESTS.labels(endpoint, method, str(status), outcome).inc()
    LATENCY.labels(endpoint, outcome).observe(seconds)


def exposition() -> tuple[bytes, str]:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(), CONTENT_TYPE_LATEST
