"""``osd log impact``: what a candidate bundle would change in the answers
logged over a period (``answers.impact``), with a progress bar on the
terminal; ``--run ID`` is the form the service starts for ``POST
/v1/admin/impact``, writing progress and report to the run's row."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from .db import open_sessions
from .streams import InputError, emit


class Bar:
    """A progress bar on stderr: redrawn in place on a terminal, a line every tenth elsewhere."""

    def __init__(self, width: int = 30) -> None:
        self.width, self.started, self.tenth, self.tty = width, time.monotonic(), -1, sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        share = done / total if total else 1.0
        rate = done / max(time.monotonic() - self.started, 1e-6)
        filled = int(share * self.width)
        line = (f"[{'#' * filled}{'.' * (self.width - filled)}] {done:,}/{total:,} decisions "
                f"{share:6.1%} {rate:,.0f}/s")
        if self.tty:
            print("\r" + line, end="" if done < total else "\n", file=sys.stderr, flush=True)
        elif int(share * 10) > self.tenth:
            self.tenth = int(share * 10)
            print(line, file=sys.stderr, flush=True)


def cmd_impact(args: argparse.Namespace) -> int:
    """Decide every logged request of the period again under the candidate and report what changes."""
    from ..answers.impact_run import run
    from ..answers.requests import iso_date
    from ..db import impact_runs
    from ..store.bundle import BundleError

    for name in ("since", "until"):
        value = getattr(args, name)
        if value is not None and iso_date(value) is None:
            raise InputError("invalid_request", f"--{name}: Not a date (YYYY-MM-DD).", {name: ["Not a date (YYYY-MM-DD)."]})
    try:
        archive = Path(args.bundle).read_bytes()
    except OSError as exc:
        raise InputError("invalid_request", f"--bundle: {exc.strerror}", {"bundle": [str(exc.strerror)]}) from None
    sessions = open_sessions()
    listed = open(args.changed, "w", encoding="utf-8") if args.changed else None

    def changed(row: tuple) -> None:
        listed.write(json.dumps({"decision_id": row[0], "logged_at": row[1], "jurisdiction": row[2], "outcome": row[3],
                                 "changes": row[5]}, ensure_ascii=False) + "\n")

    bar = Bar() if args.run is None else None

    def progress(done: int, total: int) -> None:
        if bar:
            bar(done, total)
        else:
            impact_runs.progress(sessions, args.run, done, total)

    try:
        report = run(sessions, archive, args.since, args.until, args.workers, progress, changed if listed else None)
    except (BundleError, ValueError) as exc:
        if args.run:
            impact_runs.fail(sessions, args.run, str(exc))
            return 1
        raise InputError("invalid_bundle", str(exc), {"bundle": [str(exc)]}) from None
    except BaseException as exc:
        if args.run:
            impact_runs.fail(sessions, args.run, f"{type(exc).__name__}: {exc}")
        raise
    finally:
        if listed:
            listed.close()
        if args.run:
            Path(args.bundle).unlink(missing_ok=True)  # the service's copy of the upload
    if args.run:
        impact_runs.finish(sessions, args.run, report)
        return 0
    if args.format == "json":
        emit(report, False)
    else:
        print_report(report)
    return 0


def print_report(report: dict) -> None:
    print(f"candidate {report['candidate_revision']}: {report['changed']:,} of {report['decisions']:,} decisions "
          f"would change ({report['seconds']} s)")
    for g in report["groups"]:
        aspects = ", ".join(f"{k} {v}" for k, v in g["by_aspect"].items()) or "none"
        print(f"  {g['jurisdiction']:9} {g['outcome']:15} {g['changed']:>7,} of {g['decisions']:>7,}  ({aspects})")
        for ex in g["examples"][:2]:
            said = "; ".join(f"{c['aspect']}: {json.dumps(c['logged'], ensure_ascii=False)} → "
                             f"{json.dumps(c['candidate'], ensure_ascii=False)}" for c in ex["changes"])
            print(f"      {ex['decision_id']}  {said}")


def register(actions: argparse._SubParsersAction) -> None:
    p = actions.add_parser("impact", help="decide the logged requests again under a candidate bundle: what would change")
    p.add_argument("--bundle", required=True, help="the candidate: an archive of osd bundle build (.tar.gz)")
    p.add_argument("--since", help="logged on or after this day (YYYY-MM-DD, UTC)")
    p.add_argument("--until", help="logged on or before this day (YYYY-MM-DD, UTC)")
    p.add_argument("--workers", type=int, default=None, help="processes deciding (default: one per CPU)")
    p.add_argument("--changed", help="write every decision that would change to this file (JSON Lines)")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--run", help=argparse.SUPPRESS)  # the run row the service made (POST /v1/admin/impact)
    p.set_defaults(func=cmd_impact)
