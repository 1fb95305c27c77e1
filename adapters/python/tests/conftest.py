"""The real decision service for the client's tests: ``OSD_TEST_URL`` and
``OSD_TEST_KEY`` name a running one; otherwise the session starts one from the
project beside this package (``osd serve``, a fresh data folder, a portal key)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="session")
def service(tmp_path_factory):
    """(base URL, portal key, reviewer key) of a real service."""
    if os.environ.get("OSD_TEST_URL"):
        yield os.environ["OSD_TEST_URL"], os.environ["OSD_TEST_KEY"], os.environ.get("OSD_TEST_REVIEWER_KEY")
        return
    from decision_service.web.server import wait_ready  # the project's own wait for /readyz

    data = tmp_path_factory.mktemp("osd-data")
    env = {**os.environ, "OSD_DATA_DIR": str(data), "PROMETHEUS_MULTIPROC_DIR": str(data / "metrics"),
           "OSD_WEBHOOK_SECONDS": "1"}  # notices sent every second: the webhook test waits for them
    env.pop("DATABASE_URL", None)
    osd = [sys.executable, "-m", "decision_service.cli"]

    def key(role: str) -> str:
        return subprocess.run([*osd, "keys", "create", "--name", f"client-{role}", "--role", role], env=env, cwd=PROJECT,
                              capture_output=True, text=True, check=True).stdout.strip()

    portal, reviewer = key("portal"), key("reviewer")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = open(data / "server.log", "w")
    proc = subprocess.Popen([*osd, "serve", "--port", str(port), "--workers", "2"], env=env, cwd=PROJECT,
                            stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        if not wait_ready(port, proc):
            pytest.fail("the service did not start: " + (data / "server.log").read_text()[-2000:])
        yield url, portal, reviewer
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
