"""The real server loses nothing it acknowledged and keeps answering: a flood
of lone surrogates leaves every other answer within a second, and every
decision answered 200 is in the log after ``kill -9`` of a worker and then of
the master."""

from __future__ import annotations

import http.client
import json
import os
import signal
import threading
import time

from decision_service.db import log, make_engine, sessions

from .conftest import copy_bundle, workers_of
from .test_server import DECISION_REQUESTS, Server

SURROGATE_BODY = json.dumps({**DECISION_REQUESTS[0], "dataset": {"id": "MARK"}}).replace('"MARK"', '"\\ud800"')


def _post(port: int, key: str, body: str) -> tuple[int, dict | None]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("POST", "/v1/decisions", body=body.encode(),
                     headers={"Content-Type": "application/json", "Authorization": f"Bearer {key}"})
        resp = conn.getresponse()
        text = resp.read()
        return resp.status, (json.loads(text) if resp.status == 200 else None)
    finally:
        conn.close()


def test_a_surrogate_flood_leaves_others_answered_within_a_second(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("flood"), copy_bundle(tmp_path_factory.mktemp("source-flood")))
    stop = threading.Event()
    refused: list[int] = []

    def flood() -> None:
        while not stop.is_set():
            refused.append(_post(s.port, s.keys["portal"], SURROGATE_BODY)[0])

    flooders = [threading.Thread(target=flood, daemon=True) for _ in range(6)]
    try:
        for t in flooders:
            t.start()
        time.sleep(1)
        worst = 0.0
        for n in range(20):
            started = time.monotonic()
            status, _ = s.request("POST", "/v1/decisions", DECISION_REQUESTS[n % len(DECISION_REQUESTS)], role="portal")
            worst = max(worst, time.monotonic() - started)
            assert status == 200
        stop.set()
        for t in flooders:
            t.join(timeout=15)
        assert len(refused) > 100 and set(refused) == {400}, (len(refused), set(refused))
        assert worst < 1.0, worst
        assert s.request("GET", "/readyz")[0] == 200
    finally:
        stop.set()
        s.stop()


def test_every_acknowledged_decision_survives_kill_9_of_a_worker_and_of_the_master(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("killed-log"), copy_bundle(tmp_path_factory.mktemp("source-killed-log")))
    acknowledged: list[str] = []
    failed = [0]
    stop = threading.Event()

    def client(n: int) -> None:
        body = json.dumps(DECISION_REQUESTS[n % len(DECISION_REQUESTS)])
        while not stop.is_set():
            try:
                status, decision = _post(s.port, s.keys["portal"], body)
            except OSError:
                failed[0] += 1
                time.sleep(0.05)
                continue
            if status == 200:
                acknowledged.append(decision["decision_id"])

    clients = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(8)]
    try:
        for t in clients:
            t.start()
        time.sleep(2)
        os.kill(int(workers_of(s.proc.pid)[0]), signal.SIGKILL)  # the master starts another worker
        time.sleep(3)
        os.kill(s.proc.pid, signal.SIGKILL)
        s.proc.wait(timeout=10)
        time.sleep(1)
        stop.set()
        for t in clients:
            t.join(timeout=15)
    finally:
        stop.set()
        if s.proc.poll() is None:
            s.proc.kill()
        s.log.close()
    assert len(acknowledged) > 200, len(acknowledged)
    store = sessions(make_engine(f"sqlite:///{s.data / 'osd.sqlite3'}"))
    missing = [d for d in acknowledged if log.get(store, d) is None]
    assert missing == [], f"{len(missing)} of {len(acknowledged)} acknowledged decisions are not in the log"


def test_metrics_add_up_when_the_server_makes_its_own_metrics_folder(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("metrics"), copy_bundle(tmp_path_factory.mktemp("source-metrics")),
               env={"PROMETHEUS_MULTIPROC_DIR": None})
    try:
        for n in range(6):
            assert s.request("POST", "/v1/decisions", DECISION_REQUESTS[n], role="portal")[0] == 200
        status, text = s.request("GET", "/metrics")
        assert status == 200 and "osd_decisions_total{" in text and "osd_http_requests_total{" in text, text[:500]
        decided = sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines()
                      if line.startswith("osd_decisions_total{"))
        assert decided == 6
    finally:
        s.stop()
