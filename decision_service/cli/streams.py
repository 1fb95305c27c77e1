"""What every ``osd`` command shares: reading a request file or standard
input (one JSON object, or JSON Lines), validating each request, writing
answers, and the contract's error body on stderr with exit code 2."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

from ..answers import json_shape
from ..answers.render import Table, render
from ..answers.requests import RequestError


class InputError(Exception):
    """Input the CLI cannot use: exit 2 with the contract's error on stderr."""

    def __init__(self, code: str, message: str, fields: dict | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.fields = code, message, fields or {}


def error(code: str, message: str, fields: dict | None = None) -> int:
    """Print the contract's error body on stderr; the exit code of bad input."""
    print(json.dumps({"error": {"code": code, "message": message, "fields": fields or {}}}, ensure_ascii=False), file=sys.stderr)
    return 2


def read_input(file: str | None) -> str:
    """The text of a file, or of standard input for None or ``-``."""
    if file in (None, "-"):
        return sys.stdin.read()
    try:
        return Path(file).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError("invalid_request", f"cannot read {file}: {exc.strerror}", {"file": [str(exc.strerror)]}) from None


def json_docs(text: str) -> tuple[list, bool]:
    """One JSON object, or JSON Lines (then ``lines`` is true)."""
    stripped = text.strip()
    if not stripped:
        raise InputError("invalid_json", "no request given")
    try:
        return [json_shape.loads(stripped)], False
    except json.JSONDecodeError:
        pass
    except json_shape.Unreadable as exc:
        raise InputError("invalid_json", f"the request cannot be read: {exc.why}", {"(body)": [exc.why]}) from None
    docs = []
    for n, line in enumerate(stripped.splitlines(), 1):
        if not line.strip():
            continue
        try:
            docs.append(json_shape.loads(line))
        except json.JSONDecodeError as exc:
            raise InputError("invalid_json", f"line {n}: {exc.msg}", {f"line {n}": [exc.msg]}) from None
        except json_shape.Unreadable as exc:
            raise InputError("invalid_json", f"line {n}: {exc.why}", {f"line {n}": [exc.why]}) from None
    return docs, True


def validated(docs: list, lines: bool, validator: Callable[[object], dict]) -> list[dict]:
    """Every document through ``validator``; the first bad one names its line."""
    out = []
    for n, doc in enumerate(docs, 1):
        try:
            out.append(validator(doc))
        except RequestError as exc:
            prefix = f"line {n}: " if lines else ""
            raise InputError("invalid_request", prefix + exc.message, exc.fields) from None
    return out


def emit(obj: dict, lines: bool) -> None:
    """One answer: indented, or one line each for JSON Lines input."""
    print(json.dumps(obj, ensure_ascii=False, indent=None if lines else 2))


def show(answer: dict, table_of: Callable[[dict], Table], fmt: str) -> None:
    """An answer as JSON, or as the table ``table_of`` makes of it (table, Markdown, CSV)."""
    if fmt == "json":
        emit(answer, False)
    else:
        print(render(table_of(answer), fmt))
