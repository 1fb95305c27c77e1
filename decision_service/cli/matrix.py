"""``osd matrix``: the encoded parameters of the five jurisdictions side by side."""

from __future__ import annotations

import argparse

from .streams import show


def cmd_matrix(args: argparse.Namespace) -> int:
    """The encoded parameters of the five jurisdictions side by side, each citing its articles."""
    from ..answers.decide import today_shanghai
    from ..answers.matrix import build, table
    from ..store.bundle import load_bundle

    matrix = build(load_bundle(), args.as_of or today_shanghai())
    show(matrix, table, args.format)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("matrix", help="the encoded parameters of every jurisdiction side by side")
    p.add_argument("--as-of", help="the date whose versions apply (default: today in Asia/Shanghai)")
    p.add_argument("--format", choices=["table", "markdown", "csv", "json"], default="table")
    p.set_defaults(func=cmd_matrix)
