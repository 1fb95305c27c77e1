"""Every enumerated field, its codes with Chinese and English labels, and the
catalogue words that mean each code: what a portal needs to map its own
records to requests (``GET /v1/vocabularies``, and the clients' mappers).

For each word the answer tells which texts use it, found in their cleaned
articles; a word no text uses is catalogue usage (``in_texts: []``).
"""

from __future__ import annotations

import re

from ..store.bundle import Bundle
from . import vocabulary as v
from .field_errors import CODES as FIELD_ERROR_CODES
from .words import FIELD_LABELS, FIELDS, WORDS

_ZH_IN_PARENS = re.compile(r"\(([^()]*[\u4e00-\u9fff][^()]*)\)")


def _texts_using(bundle: Bundle) -> dict[str, str]:
    """Each regulation's articles as one text, to look words up in."""
    out = {}
    for reg_id, reg in bundle.regulations.items():
        parts = []
        for article in reg["articles"]:
            parts.append(article.get("text", ""))
            parts += [item.get("text", "") for item in article.get("items") or []]
        out[reg_id] = "\n".join(parts)
    return out


def _described(name: str, fields: list[str], meanings: dict[str, str] | list[str]) -> dict:
    """A vocabulary of codes without catalogue words: the answer's codes, events, error codes."""
    items = meanings.items() if isinstance(meanings, dict) else ((c, None) for c in meanings)
    codes = []
    for code, en in items:
        zh = _ZH_IN_PARENS.search(en).group(1) if en and _ZH_IN_PARENS.search(en) else None
        codes.append({"code": code, "zh": zh, "en": en, "words": []})
    return {"name": name, "fields": fields, "codes": codes}


def vocabularies(bundle: Bundle, error_codes: dict[str, str] | None = None) -> dict:
    """The vocabularies of the bundle being served (the words' ``in_texts`` come from its articles)."""
    texts = _texts_using(bundle)
    out = []
    for name, codes in WORDS.items():
        entries = []
        for code, (zh, en, words) in codes.items():
            listed = list(dict.fromkeys((zh, *words)))
            entries.append({"code": code, "zh": zh, "en": en, "words": [
                {"word": w, "in_texts": sorted(r for r, text in texts.items() if w in text)} for w in listed]})
        out.append({"name": name, "fields": FIELDS[name], "codes": entries})
    out += [
        _described("count", ["(answer) timeline[].count", "(answer) limits[].count"], v.COUNTS),
        _described("direction", ["(answer) timeline[].direction", "(answer) limits[].direction"], v.DIRECTIONS),
        _described("deadline_outcome", ["(answer) results[].outcome of /v1/deadlines"], v.DEADLINE_OUTCOMES),
        _described("relation", ["(answer) results[].relation of /v1/deadlines"], v.RELATIONS),
        _described("note_kind", ["(answer) notes[].kind"], v.NOTE_KINDS),
        _described("field_error", ["(error) details[].code"], FIELD_ERROR_CODES),
        {"name": "field", "fields": ["(answer) missing[]", "(error) details[].field"],
         "codes": [{"code": path, "zh": zh, "en": en, "words": []} for path, (zh, en) in FIELD_LABELS.items()]},
    ]
    if error_codes:
        out.append(_described("error", ["(error) code"], error_codes))
    return {"vocabularies": out, "bundle_revision": bundle.revision}
