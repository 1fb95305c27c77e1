"""``osd deadline``: the time limits the texts attach to an event (contract §5)."""

from __future__ import annotations

import argparse

from ..answers.decide import Decider
from ..store.bundle import JURISDICTIONS
from .streams import emit, json_docs, read_input, validated


def cmd_deadline(args: argparse.Namespace) -> int:
    """Time limits of an event (contract §5), from flags or a JSON request."""
    from ..answers.deadlines import Deadlines
    from ..answers.requests import validate_deadline

    if args.event or args.date:
        doc = {k: v for k, v in {"event": args.event, "date": args.date, "as_of": args.as_of}.items() if v}
        if args.jurisdiction:
            doc["jurisdictions"] = args.jurisdiction
        docs, lines = [doc], False
    else:
        docs, lines = json_docs(read_input(args.file))
    requests = validated(docs, lines, validate_deadline)
    deadlines = Deadlines(Decider.from_disk())
    for req in requests:
        answer = deadlines.deadlines(req)
        if args.format == "table":
            print(_deadline_table(answer))
        else:
            emit(answer, lines)
    return 0


def _deadline_table(answer: dict) -> str:
    """Per jurisdiction, each path (alternatives or all) and its limits: the
    due date or "≥" the earliest day, the count, the duty and its articles."""
    from ..answers.counting import short, when

    out = [f"{answer['event']} on {answer['date']}"]
    for r in answer["results"]:
        head = f"\n{r['jurisdiction']}: {r['outcome']}"
        if r["governing"]:
            head += f" ({r['governing']}{'' if r['binding'] else ', not binding'})"
        if len(r["paths"]) > 1:
            head += "; one of these paths applies" if r["relation"] == "alternatives" else "; each of these holds"
        out.append(head)
        for p in r["paths"]:
            if len(r["paths"]) > 1:
                out.append(f"  [{p['key']}] {p['when']['en']}")
            for limit in p["limits"]:
                refs = ", ".join(limit["basis"])
                out.append(f"    {when(limit):<12}  {short(limit)[1]}: {limit['text']}  [{refs}]")
        if r["outcome"] == "not_stated":
            out.append("  " + r["explanation"]["en"])
    return "\n".join(out)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("deadline", help="the time limits the texts attach to an event")
    p.add_argument("file", nargs="?", help="a JSON request {event, date, jurisdiction}, or - (or use the flags)")
    p.add_argument("--event")
    p.add_argument("--date", help="the event's date, YYYY-MM-DD")
    p.add_argument("--as-of", help="the date whose texts apply (default: the event's date)")
    p.add_argument("--jurisdiction", action="append", choices=list(JURISDICTIONS), help="only these (repeatable)")
    p.add_argument("--format", choices=["json", "table"], default="json")
    p.set_defaults(func=cmd_deadline)
