"""Shapes of JSON no request may have, refused before any schema or engine
sees them: strings that are not Unicode text (a lone surrogate such as
``"\\ud800"`` decodes from JSON but cannot be written back as UTF-8, so the
engine could not read it) and nesting deeper than any request needs (deep
nesting costs recursion in every later step).
"""

from __future__ import annotations

import json

#: No request of the contract nests deeper than this (a decision request nests 4 levels).
MAX_DEPTH = 32

NOT_TEXT = "not Unicode text: a lone surrogate (\\ud800–\\udfff) cannot be encoded"


def _text(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def problems(doc: object) -> dict[str, list[str]]:
    """Field path → why, for every string that is not text and every value
    nested deeper than MAX_DEPTH; walked without recursion."""
    found: dict[str, list[str]] = {}
    stack: list[tuple[object, str, int]] = [(doc, "", 0)]
    while stack:
        value, path, depth = stack.pop()
        where = path or "(root)"
        if depth > MAX_DEPTH:
            found[where] = [f"nested deeper than {MAX_DEPTH} levels"]
            continue
        if isinstance(value, str):
            if not _text(value):
                found[where] = [NOT_TEXT]
        elif isinstance(value, dict):
            for key, item in value.items():
                name = key if _text(key) else key.encode("utf-8", "backslashreplace").decode()
                child = f"{path}.{name}" if path else name
                if not _text(key):
                    found[child] = [f"the field name is {NOT_TEXT}"]
                    continue
                stack.append((item, child, depth + 1))
        elif isinstance(value, list):
            stack.extend((item, f"{path}[{n}]", depth + 1) for n, item in enumerate(value))
    return dict(sorted(found.items()))


class Unreadable(ValueError):
    """JSON the grammar allows that Python cannot read: nesting past the
    decoder's recursion limit, or an integer longer than it converts."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


def loads(text: str | bytes) -> object:
    """``json.loads``, with what cannot be read raised as ``Unreadable``
    (a syntax error stays ``JSONDecodeError``, bad UTF-8 ``UnicodeDecodeError``)."""
    try:
        return json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise
    except RecursionError:
        raise Unreadable("nested too deep") from None
    except ValueError:  # an integer longer than Python converts (4,300 digits)
        raise Unreadable("a number too long to read") from None
