"""``osd webhooks run``: one pass of the application notices (web.notify): the
due-soon and overdue notices written, every delivery due sent. The server's
master runs it every ``OSD_WEBHOOK_SECONDS``; ``--every`` runs it in a loop for
a deployment that sends from elsewhere."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time

from .db import open_sessions


def cmd_run(args: argparse.Namespace) -> int:
    """One pass, or one every ``--every`` seconds until interrupted."""
    from ..answers.calendar import Calendar
    from ..answers.decide import today_shanghai
    from ..web.notify import run_once

    sessions, calendar = open_sessions(), Calendar.from_file()
    while True:
        counts = run_once(sessions, calendar, dt.date.fromisoformat(today_shanghai()))
        print(json.dumps(counts), file=sys.stderr if args.every else sys.stdout, flush=True)
        if not args.every:
            return 0
        time.sleep(args.every)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("webhooks", help="application notices: run writes the due ones and sends what is due")
    actions = p.add_subparsers(dest="action", required=True)
    run = actions.add_parser("run", help="one pass: notices of due-soon and late duties, then every delivery due")
    run.add_argument("--every", type=float, default=None, help="run a pass every this many seconds")
    run.set_defaults(func=cmd_run)
