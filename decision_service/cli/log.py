"""``osd log``: the decision log. ``replay`` decides a logged request again under
the current bundle and shows what differs; ``purge`` deletes what is older than
the retention period (docs/personal-data.md); ``impact`` (cli.impact) measures a
candidate bundle over the log."""

from __future__ import annotations

import argparse
import json
import sys

from ..answers.decide import Decider
from .db import open_sessions
from .streams import InputError, emit


def cmd_replay(args: argparse.Namespace) -> int:
    """Replay a logged decision under the current bundle, showing any difference."""
    from ..db import log as decision_log
    from ..web.resources.decisions import replay_entry

    entry = decision_log.get(open_sessions(), args.decision_id)
    if entry is None:
        raise InputError("not_found", f"no decision {args.decision_id} in the log", {"decision_id": ["unknown"]})
    result = replay_entry(Decider.from_disk(), entry)
    if args.format == "json":
        emit(result, False)
    else:
        print(f"decision {result['decision_id']}: logged under {result['logged_revision']}, "
              f"now {result['current_revision']}")
        if result["same"]:
            print("the current bundle gives the same decision")
        for d in result["differences"]:
            print(f"  {d['path']}: logged {json.dumps(d['logged'], ensure_ascii=False)} → now {json.dumps(d['now'], ensure_ascii=False)}")
    return 0 if result["same"] else 3


def cmd_purge(args: argparse.Namespace) -> int:
    """Delete the decisions older than the retention period, and expired sign-ins."""
    from ..db import log as decision_log

    try:
        days = args.days if args.days is not None else decision_log.retention_days()
    except ValueError as exc:
        raise InputError("invalid_setting", str(exc), {"OSD_LOG_RETENTION_DAYS": ["not a whole number of days"]}) from None
    if days < 1:
        raise InputError("invalid_request", "--days must be at least 1", {"days": ["below 1"]})
    result = decision_log.purge(open_sessions(), days, dry_run=args.dry_run)
    if args.format == "json":
        emit(result, False)
    else:
        verb = "deleted" if result["deleted"] else "would delete"
        print(f"{verb} {result['decisions']} decisions logged before {result['cutoff']} "
              f"(kept {days} days) and {result['signins']} expired sign-ins", file=sys.stderr)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("log", help="the decision log: replay ID re-decides a logged request; purge deletes old rows; "
                                        "impact measures a candidate bundle")
    actions = p.add_subparsers(dest="action", required=True)
    replay = actions.add_parser("replay", help="decide a logged request again and show the differences")
    replay.add_argument("decision_id")
    replay.add_argument("--format", choices=["text", "json"], default="text")
    replay.set_defaults(func=cmd_replay)
    purge = actions.add_parser("purge", help="delete decisions older than the retention period "
                                             "(OSD_LOG_RETENTION_DAYS, else 365 days)")
    purge.add_argument("--days", type=int, default=None, help="keep this many days instead of the setting")
    purge.add_argument("--dry-run", action="store_true", help="count what would be deleted, delete nothing")
    purge.add_argument("--format", choices=["text", "json"], default="text")
    purge.set_defaults(func=cmd_purge)
    from .impact import register as register_impact

    register_impact(actions)
