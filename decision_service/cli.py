"""The ``osd`` command line: decide requests and check the bundle."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .bundle import BundleError
from .decide import Decider
from .engine import EngineError
from .requests import RequestError, validate_request


def _error(code: str, message: str, fields: dict | None = None) -> int:
    print(json.dumps({"error": {"code": code, "message": message, "fields": fields or {}}}, ensure_ascii=False), file=sys.stderr)
    return 2


def cmd_decide(args: argparse.Namespace) -> int:
    """One JSON object in → one decision out; JSON Lines in → one decision a line."""
    text = sys.stdin.read() if args.file in (None, "-") else Path(args.file).read_text(encoding="utf-8")
    stripped = text.strip()
    if not stripped:
        return _error("invalid_json", "no request given")
    try:
        docs = [json.loads(stripped)]
        lines = False
    except json.JSONDecodeError:
        lines = True
        docs = []
        for n, line in enumerate(stripped.splitlines(), 1):
            if not line.strip():
                continue
            try:
                docs.append(json.loads(line))
            except json.JSONDecodeError as exc:
                return _error("invalid_json", f"line {n}: {exc.msg}", {f"line {n}": [exc.msg]})
    requests = []
    for n, doc in enumerate(docs, 1):
        try:
            requests.append(validate_request(doc))
        except RequestError as exc:
            prefix = f"line {n}: " if lines else ""
            return _error("invalid_request", prefix + exc.message, exc.fields)
    decider = Decider.from_disk()
    for req in requests:
        decision = decider.decide(req)
        print(json.dumps(decision, ensure_ascii=False, indent=None if lines else 2))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="osd", description="Decisions on opening and sharing public data")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("decide", help="decide one request (JSON) or many (JSON Lines)")
    p.add_argument("file", nargs="?", help="request file, or - for standard input")
    p.set_defaults(func=cmd_decide)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except (BundleError, EngineError) as exc:
        print(json.dumps({"error": {"code": "bundle_error", "message": str(exc), "fields": {}}}, ensure_ascii=False), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
