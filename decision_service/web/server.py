"""``osd serve``: the web app under gunicorn (or Flask's dev server with --dev).

Workers: one process per CPU, each with a few threads (gthread), so the
CPU-bound policy runs in parallel across cores while slow clients and
keep-alive connections do not hold a whole process. SIGHUP to the server
re-accepts the bundle on disk (checks first; a rejected bundle leaves the
old one serving) and then restarts the workers gracefully.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys

log = logging.getLogger("osd.server")


def default_workers() -> int:
    return max(2, os.cpu_count() or 1)


def wait_ready(port: int, proc: subprocess.Popen, seconds: float = 120.0, host: str = "127.0.0.1") -> bool:
    """Whether the server ``proc`` started (``osd serve``) answers ``/readyz``
    with 200 within ``seconds``; False as soon as it exits instead. The tests
    and ``bench/http.py`` start the real server and wait with this."""
    import http.client
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            conn = http.client.HTTPConnection(host, port, timeout=2)
            conn.request("GET", "/readyz")
            if conn.getresponse().status == 200:
                return True
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(0.3)
    return False


def serve(host: str, port: int, workers: int, threads: int, dev: bool = False) -> None:
    if dev:
        from . import create_app

        create_app().run(host=host, port=port, debug=False, threaded=True)
        return
    # The metrics folder is set by ``osd serve`` (cli/serve.py) before prometheus_client is imported.
    from gunicorn.app.base import BaseApplication

    class Server(BaseApplication):
        def load_config(self) -> None:
            settings = {
                "bind": f"{host}:{port}",
                "workers": workers,
                "threads": threads,
                "worker_class": "decision_service.web.worker.BufferedThreadWorker",
                "timeout": 60,
                "graceful_timeout": 20,
                "keepalive": 5,
                "accesslog": None,  # the app writes its own JSON access log
                "errorlog": "-",
                "loglevel": "info",
                "child_exit": _child_exit,
                "when_ready": _when_ready,
            }
            # No control socket: it would sit at one path per user, shared by every server.
            if "control_socket_disable" in self.cfg.settings:
                settings["control_socket_disable"] = True
            for key, value in settings.items():
                self.cfg.set(key, value)

        def load(self):
            from . import create_app

            return create_app()

        def run(self) -> None:
            from gunicorn.arbiter import Arbiter

            class OsdArbiter(Arbiter):
                def handle_hup(self) -> None:
                    """SIGHUP checks the bundle on disk and, if it passes, makes it the
                    current snapshot; the workers switch on their next request, so none
                    is restarted, and a rejected bundle changes nothing at all."""
                    self.log.info("Hang up: checking the bundle on disk")
                    _accept_in_subprocess(self, "SIGHUP")

                def manage_workers(self) -> None:
                    super().manage_workers()
                    _keep_committer(self)
                    _purge_when_due(self)
                    _notify_when_due(self)

            try:
                OsdArbiter(self).run()
            except RuntimeError as exc:
                print(f"\nError: {exc}\n", file=sys.stderr)
                sys.exit(1)

    Server().run()


def _accept_in_subprocess(server, why: str) -> None:  # noqa: ANN001
    """Accept the bundle on disk in a child process: the master forks the
    workers, and a wasm runtime started in it would not survive the fork."""
    import json
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "decision_service.cli", "bundle", "accept"],
                          capture_output=True, text=True, check=False)
    try:
        verdict = json.loads(proc.stdout)
    except json.JSONDecodeError:
        server.log.error("%s: bundle check failed to run: %s", why, proc.stderr.strip()[-500:])
        return
    if verdict["accepted"]:
        server.log.info("%s: bundle %s accepted (%s)", why, verdict["revision"], "; ".join(verdict["checks"]))
    else:
        server.log.warning("%s: bundle rejected, still serving %s: %s", why, verdict["serving"], verdict["reason"])


PURGE_EVERY_SECONDS = 24 * 3600


def _every(server, name: str, seconds: float, *command: str) -> None:  # noqa: ANN001
    """``osd <command>`` in a child process every ``seconds`` (the first time when the
    server is ready), one at a time, so the master never waits on the database; a
    child is reaped when it has ended, and its failure logged."""
    import time

    child = getattr(server, f"_osd_{name}", None)
    if child is not None and child.poll() is None:
        return
    if child is not None and child.returncode != 0:
        server.log.error("%s failed (exit %s)", " ".join(command), child.returncode)
    setattr(server, f"_osd_{name}", None)
    now = time.monotonic()
    if now >= getattr(server, f"_osd_{name}_due", 0.0):
        setattr(server, f"_osd_{name}_due", now + seconds)
        setattr(server, f"_osd_{name}", subprocess.Popen([sys.executable, "-m", "decision_service.cli", *command],
                                                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL))


def _purge_when_due(server) -> None:  # noqa: ANN001
    """Once a day, delete what is older than the retention period (``osd log purge``)."""
    _every(server, "purge", PURGE_EVERY_SECONDS, "log", "purge")


#: Seconds between passes of the application notices (0: the server sends none; ``osd webhooks run`` then must).
NOTIFY_EVERY_SECONDS = float(os.environ.get("OSD_WEBHOOK_SECONDS") or 30)


def _notify_when_due(server) -> None:  # noqa: ANN001
    """Every ``NOTIFY_EVERY_SECONDS``, one pass of the webhooks (``osd webhooks run``):
    the workers answer requests and never post to a receiver, and one sender at a
    time keeps the notices in order."""
    if NOTIFY_EVERY_SECONDS > 0:
        _every(server, "notify", NOTIFY_EVERY_SECONDS, "webhooks", "run")


def _when_ready(server) -> None:  # noqa: ANN001
    # Migrate the database and accept the bundle once, before the first workers, so
    # they neither race to create tables nor start from different snapshots.
    import subprocess
    import sys

    from ..db import data_dir
    from ..store.activation import current_revision

    proc = subprocess.run([sys.executable, "-m", "decision_service.cli", "db", "upgrade"],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        server.log.error("database migration failed: %s", proc.stderr.strip()[-500:])
    if current_revision(data_dir()) is None:
        _accept_in_subprocess(server, "start")
    _keep_committer(server)


def _keep_committer(server) -> None:  # noqa: ANN001
    """The log committer (``db/committer.py``) beside the workers when the log is SQLite,
    started again if it ended; its socket reaches the workers as ``OSD_LOG_COMMITTER``.
    ``OSD_LOG_COMMITTER=off`` leaves each worker to commit on its own."""
    import uuid

    from ..db import database_url
    from ..db.committer import listening

    child = getattr(server, "_osd_committer", None)
    if child is not None and child.poll() is None:
        return
    url = database_url()
    if os.environ.get("OSD_LOG_COMMITTER") == "off" or not url.startswith("sqlite"):
        return
    if child is not None:
        server.log.error("the log committer ended (exit %s); starting it again", child.returncode)
    name = os.environ.get("OSD_LOG_COMMITTER") or f"@osd-log-{uuid.uuid4().hex}"
    child = server._osd_committer = subprocess.Popen(
        [sys.executable, "-m", "decision_service.db.committer", name, url], stdin=subprocess.DEVNULL)
    listening(name, 10, lambda: child.poll() is None)
    os.environ["OSD_LOG_COMMITTER"] = name  # for the workers forked from now on


def _child_exit(server, worker) -> None:  # noqa: ANN001
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
