"""The reading of every request field, one way everywhere: dates as strict
YYYY-MM-DD, whole numbers in ASCII digits, flags as JSON booleans, unknown
fields refused; and the error naming each refused field (contract §6)."""

from __future__ import annotations

import datetime as dt
import re

from marshmallow import RAISE, Schema, ValidationError, fields, validate

from . import json_shape


class RequestError(Exception):
    def __init__(self, message: str, fields: dict) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields


NOT_A_DATE = "Not a date (YYYY-MM-DD)."

#: The dates a request may name: wide enough for any text's history and limits,
#: narrow enough that every count of days stays within the calendar.
FIRST_DAY, LAST_DAY = "1900-01-01", "2199-12-31"
OUT_OF_RANGE = f"Out of range: a date from {FIRST_DAY} to {LAST_DAY}."


def iso_date(text: object) -> str | None:
    """The date ``text`` names, as YYYY-MM-DD, or None. Every date a request,
    a query or a catalogue row gives is read by this one check: the policy and
    the versions compare dates as strings, and ``date.fromisoformat`` alone also
    takes 20261122, which as a string sorts after every YYYY-MM-DD."""
    if not isinstance(text, str) or not _ISO_DATE.fullmatch(text):
        return None
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        return None


#: YYYY-MM-DD in ASCII digits only: ``date.fromisoformat`` also reads week dates
#: (2026-W47-1) and ``\d`` matches full-width digits.
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def whole_number(text: object, lo: int, hi: int) -> int | None:
    """A whole number from ``lo`` to ``hi`` written in ASCII digits, or None
    (``str.isdigit`` and ``int`` also take full-width and other digits)."""
    if not isinstance(text, str) or not re.fullmatch(r"[0-9]{1,9}", text):
        return None
    n = int(text)
    return n if lo <= n <= hi else None


class IsoDate(fields.String):
    """A date as YYYY-MM-DD, kept as that string."""

    def _deserialize(self, value, attr, data, **kwargs):
        date = iso_date(super()._deserialize(value, attr, data, **kwargs))
        if date is None:
            raise ValidationError(NOT_A_DATE)
        if not FIRST_DAY <= date <= LAST_DAY:
            raise ValidationError(OUT_OF_RANGE)
        return date


class StrictBool(fields.Boolean):
    """true or false only: not 1, 0, "true" or "yes" (a flag is a JSON boolean)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise self.make_error("invalid")
        return value


def one_of(values: list[str]) -> validate.OneOf:
    return validate.OneOf(values)


class Strict(Schema):
    class Meta:
        unknown = RAISE


def flatten(messages, prefix: str = "") -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, value in messages.items():
        if key == "_schema":  # a whole object of the wrong type: name the object itself
            path = prefix or "(root)"
        else:
            path = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict):
            out.update(flatten(value, path))
        else:
            out[path] = [str(v) for v in value]
    return out


def load_valid(schema: Schema, doc: object) -> dict:
    """``doc`` loaded by ``schema``, or a RequestError naming each bad field."""
    if not isinstance(doc, dict):
        raise RequestError("the request must be a JSON object", {"(root)": ["not an object"]})
    bad = json_shape.problems(doc)
    if bad:
        first = next(iter(bad))
        raise RequestError(f"{first}: {bad[first][0]}", bad)
    try:
        data = schema.load(doc)
    except ValidationError as exc:
        flat = flatten(exc.messages) if isinstance(exc.messages, dict) else {"(root)": list(exc.messages)}
        first = next(iter(flat))
        raise RequestError(f"{first}: {flat[first][0]}", flat) from None
    return _to_json(data)


def _to_json(data: dict) -> dict:
    out = {}
    for key, value in data.items():
        key = "from" if key == "from_" else key
        out[key] = _to_json(value) if isinstance(value, dict) else value
    return out
