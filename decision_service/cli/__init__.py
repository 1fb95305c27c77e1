"""The ``osd`` command line: decide requests, test the rules, read them beside the law.

One module per command group registers its commands (``register``); this
module builds the parser and turns the errors a command raises into the
contract's error body and exit codes: 2 for bad input, 1 for a bundle or
engine that cannot decide.
"""

from __future__ import annotations

import argparse
import json
import sys

from ..engine import EngineError
from ..store.bundle import BundleError
from ..store.scenarios import ScenarioError
from . import bundle, classify, db, deadline, decide, keys, log, matrix, rules, serve, sources, test, webhooks
from .streams import InputError, error

#: The command groups, in the order ``osd --help`` lists them.
GROUPS = (decide, classify, deadline, matrix, serve, keys, log, bundle, db, test, rules, sources, webhooks)


def parser() -> argparse.ArgumentParser:
    """The ``osd`` parser with every command group's commands."""
    p = argparse.ArgumentParser(prog="osd", description="Decisions on opening and sharing public data")
    sub = p.add_subparsers(dest="command", required=True)
    for group in GROUPS:
        group.register(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except InputError as exc:
        return error(exc.code, exc.message, exc.fields)
    except BrokenPipeError:  # the reader (e.g. ``head``) stopped early
        sys.stderr.close()
        return 0
    except ScenarioError as exc:
        print(json.dumps({"error": {"code": "invalid_scenario", "message": str(exc), "fields": {}}},
                         ensure_ascii=False), file=sys.stderr)
        return 2
    except (BundleError, EngineError) as exc:
        print(json.dumps({"error": {"code": "bundle_error", "message": str(exc), "fields": {}}}, ensure_ascii=False), file=sys.stderr)
        return 1
