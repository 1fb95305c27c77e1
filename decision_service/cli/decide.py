"""``osd decide`` and ``osd compare``: decisions (contract §1), one request under every jurisdiction (§3)."""

from __future__ import annotations

import argparse

from ..answers.decide import Decider
from ..answers.requests import RequestError, validate_request
from .streams import InputError, emit, json_docs, read_input, show, validated


def cmd_decide(args: argparse.Namespace) -> int:
    """One JSON object in → one decision out; JSON Lines in → one decision a line."""
    docs, lines = json_docs(read_input(args.file))
    requests = validated(docs, lines, validate_request)
    decider = Decider.from_disk()
    for req in requests:
        emit(decider.decide(req), lines)
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    """One request decided under every jurisdiction, side by side (contract §3)."""
    from ..answers.compare import compare, table

    docs, _ = json_docs(read_input(args.file))
    if len(docs) != 1:
        raise InputError("invalid_request", "compare takes one request", {"(root)": ["one JSON object"]})
    try:
        comparison = compare(Decider.from_disk(), docs[0])
    except RequestError as exc:
        raise InputError("invalid_request", exc.message, exc.fields) from None
    show(comparison, table, args.format)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("decide", help="decide one request (JSON) or many (JSON Lines)")
    p.add_argument("file", nargs="?", help="request file, or - for standard input")
    p.set_defaults(func=cmd_decide)
    p = sub.add_parser("compare", help="decide one request under every jurisdiction, side by side")
    p.add_argument("file", nargs="?", help="a decision request without jurisdiction (or with jurisdictions), or -")
    p.add_argument("--format", choices=["table", "markdown", "csv", "json"], default="table")
    p.set_defaults(func=cmd_compare)
