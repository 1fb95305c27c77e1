"""What of a request is not stored in clear in the decision log.

The policy is written out for operators in ``docs/personal-data.md``; this
module is what carries it out, and both say the same:

- The free-text fields of an application (title, reason, output form,
  scenario, scope of use, security measures) can hold names, ID numbers and
  phone numbers, and names cannot be found reliably in free text. They are
  never stored: each becomes ``[masked: N chars]``, which keeps what the
  policy uses (whether the field is filled).
- Every other string of a request (a dataset's ``id``, a requester's or
  provider's ``region``) names a dataset or a place, but a portal may put a
  person's identifier in it. A value holding a resident ID number, a mobile or
  landline number, or an e-mail address is stored as
  ``[masked:<kind>:<8 hex>]``: a keyed hash (HMAC-SHA-256) of the whole
  value. The same value gives the same mark, so two regions still compare
  equal or unequal and a replayed request decides as the logged one did; the
  key is not in the database, so the mark cannot be reversed by trying every
  phone number.
- The decision is stored as answered, with every identifier masked in its
  request replaced by the same mark wherever the answer repeats it (answers
  never repeat the free text).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from pathlib import Path

FREE_TEXT = ("title", "reason", "output_form", "scenario", "scope", "security_measures")

#: Identifiers of people that are looked for in the other strings of a request.
PATTERNS: dict[str, re.Pattern[str]] = {
    # 18-digit resident ID (six-digit area, birth date, sequence, check digit) and the older 15-digit one
    "id_number": re.compile(
        r"(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx](?![0-9A-Za-z])"
        r"|(?<!\d)[1-9]\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}(?!\d)"),
    # mainland mobile numbers (with or without +86) and landlines written with their area code
    "phone": re.compile(r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d{9}(?!\d)|(?<!\d)0\d{2,3}-\d{7,8}(?!\d)"),
    "email": re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"),
}

KEY_FILE = "masking.key"


def masking_key(data_dir: Path) -> bytes:
    """The key of the marks: ``OSD_MASKING_KEY``, else a random key kept in the
    data folder (made once, readable by this user only). Servers sharing one
    PostgreSQL log should share the key, or equal values get different marks."""
    given = os.environ.get("OSD_MASKING_KEY")
    if given:
        return given.encode("utf-8")
    path = Path(data_dir) / KEY_FILE
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_bytes().strip()
    with os.fdopen(fd, "w") as f:
        f.write(secrets.token_hex(32))
    return path.read_bytes().strip()


def kind_of(value: str) -> str | None:
    """Which kind of personal identifier ``value`` holds, if any."""
    for kind, pattern in PATTERNS.items():
        if pattern.search(value):
            return kind
    return None


def mark(value: str, kind: str, key: bytes) -> str:
    return f"[masked:{kind}:{hmac.new(key, value.encode('utf-8'), hashlib.sha256).hexdigest()[:8]}]"


def mask_request(request: dict, key: bytes) -> tuple[dict, list[str], dict[str, str]]:
    """The request as stored, the paths that were masked, and each masked identifier with its mark."""
    replaced: dict[str, str] = {}
    masked: list[str] = []

    def walk(node: object, path: str) -> object:
        if isinstance(node, dict):
            return {k: walk(v, f"{path}.{k}" if path else k) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v, f"{path}[{i}]") for i, v in enumerate(node)]
        if not isinstance(node, str) or not node:
            return node
        if path.startswith("application.") and path.split(".", 1)[1] in FREE_TEXT:
            masked.append(path)
            return f"[masked: {len(node)} chars]"
        kind = kind_of(node)
        if kind is None:
            return node
        masked.append(path)
        replaced[node] = mark(node, kind, key)
        return replaced[node]

    return walk(request, ""), masked, replaced


def mask_text(text: str, replaced: dict[str, str]) -> str:
    """``text`` (a decision as JSON) with every masked value replaced by its mark, longest first."""
    import json

    for value in sorted(replaced, key=len, reverse=True):
        encoded = json.dumps(value, ensure_ascii=False)[1:-1]
        if encoded in text:
            text = text.replace(encoded, replaced[value])
    return text
