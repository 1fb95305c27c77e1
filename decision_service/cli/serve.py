"""``osd serve``: the decision service under gunicorn (Flask's development server with --dev)."""

from __future__ import annotations

import argparse


def cmd_serve(args: argparse.Namespace) -> int:
    """The decision service under gunicorn (Flask's dev server with --dev)."""
    if not args.dev:
        metrics_folder()
    from ..web.server import default_workers, serve

    serve(args.host, args.port, args.workers or default_workers(), args.threads, dev=args.dev)
    return 0


def metrics_folder() -> None:
    """Give gunicorn's workers a folder to add their metrics up in (a new one, or the one
    ``PROMETHEUS_MULTIPROC_DIR`` names), before anything imports prometheus_client: it
    chooses between one process and many when it is imported."""
    import os
    import tempfile
    from pathlib import Path

    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="osd-metrics-")
    else:
        Path(os.environ["PROMETHEUS_MULTIPROC_DIR"]).mkdir(parents=True, exist_ok=True)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="run the decision service (gunicorn; --dev for Flask's server)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, help="processes (default: one per CPU, at least 2)")
    p.add_argument("--threads", type=int, default=4, help="threads per process (default 4)")
    p.add_argument("--dev", action="store_true", help="Flask's development server, one process")
    p.set_defaults(func=cmd_serve)
