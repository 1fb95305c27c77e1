"""``osd log replay``: a logged decision decided again under the current bundle, with its differences."""

from __future__ import annotations

import argparse
import json

from ..answers.decide import Decider
from .db import open_sessions
from .streams import InputError, emit


def cmd_log(args: argparse.Namespace) -> int:
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


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("log", help="the decision log: replay ID re-decides a logged request and shows differences")
    p.add_argument("action", choices=["replay"])
    p.add_argument("decision_id")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_log)
