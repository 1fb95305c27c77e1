"""The time-word scan: no time limit of a text is silently left out.

Every occurrence in the cleaned articles of a word that can set a time
(工作日, 日内, 日起, 天, 个月, 年, 及时, 立即, 实时, 定期, 每年, 提前, 公示, 限期)
must be accounted for in one of three ways:

- a limit parameter (``parameters.limits``) cites the article, or the item
  where the word stands, and its quote spans the word;
- a version's ``dates_quote`` spans it (the dates the text is in force,
  encoded as the version's window);
- the regulation's ``not_time_limits`` lists it, citing the same article or
  item, with a quote spanning the word and a reason why it sets no limit
  (a quality such as 及时性, a date of issue, a description of a breach …).

Matching is by position, not by word: a limit quoting one 及时 of an article
does not account for another 及时 elsewhere in it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

#: The words scanned for, longest first where one contains another (每年 before 年).
WORDS = ("工作日", "日内", "日起", "每年", "个月", "及时", "立即", "实时", "定期", "提前", "公示", "限期", "天", "年")

_PATTERN = re.compile("|".join(re.escape(w) for w in WORDS))


@dataclass(frozen=True)
class Unit:
    """The text of one article (outside its items) or of one item, by ref."""

    ref: str
    text: str
    #: Where this unit's own words start and end in ``text`` (items are cut
    #: out of an article's unit by these spans).
    own: tuple[tuple[int, int], ...]


@dataclass
class Occurrence:
    """One time word at one place, and what accounts for it."""

    ref: str
    word: str
    at: int
    context: str
    covered_by: list[str] = field(default_factory=list)

    @property
    def covered(self) -> bool:
        return bool(self.covered_by)


def units(reg: dict) -> Iterator[Unit]:
    """Each article's own text and each of its items, with spans into the text."""
    for art in reg["articles"]:
        ref = f"{reg['id']}#{art['number']}"
        text = art["text"]
        cut: list[tuple[int, int]] = []
        for item in art.get("items", []):
            start = text.find(item["text"])
            if start >= 0:
                cut.append((start, start + len(item["text"])))
            yield Unit(f"{ref}.{item['number']}", item["text"], ((0, len(item["text"])),))
        own, pos = [], 0
        for a, b in sorted(cut):
            if a > pos:
                own.append((pos, a))
            pos = max(pos, b)
        if pos < len(text):
            own.append((pos, len(text)))
        yield Unit(ref, text, tuple(own))


def occurrences(reg: dict) -> list[Occurrence]:
    """Every time word in the regulation's cleaned text, by the article or item it stands in."""
    found = []
    for unit in units(reg):
        for m in _PATTERN.finditer(unit.text):
            if any(a <= m.start() < b for a, b in unit.own):
                context = unit.text[max(0, m.start() - 12) : m.end() + 12]
                found.append(Occurrence(unit.ref, m.group(), m.start(), context))
    return found


def _spans(text: str, quote: str) -> Iterator[tuple[int, int]]:
    start = text.find(quote)
    while start >= 0 and quote:
        yield start, start + len(quote)
        start = text.find(quote, start + 1)


def _accounts(reg: dict) -> Iterable[tuple[str, list[str], str]]:
    """(what, refs, quote) for every entry that may account for a time word."""
    for version in reg["versions"]:
        vid = version["id"]
        if version.get("dates_quote"):
            yield f"version {vid}: dates", version.get("dates_basis", []), version["dates_quote"]
        for key, limit in ((version.get("parameters") or {}).get("limits") or {}).items():
            yield f"limit {key} ({vid})", limit["basis"], limit["quote"]
    for n, entry in enumerate(reg.get("not_time_limits") or []):
        yield f"not a limit [{n}]: {entry['reason']}", [entry["ref"]], entry["quote"]


def scan(reg: dict) -> list[Occurrence]:
    """Every time word of one regulation with the entries that account for it."""
    found = occurrences(reg)
    texts = {u.ref: u.text for u in units(reg)}
    for what, refs, quote in _accounts(reg):
        for ref in refs:
            text = texts.get(ref)
            if text is None:
                continue
            for a, b in _spans(text, quote):
                for occ in found:
                    if occ.ref == ref and a <= occ.at < b and what not in occ.covered_by:
                        occ.covered_by.append(what)
    return found


def unused_not_limits(reg: dict) -> list[str]:
    """``not_time_limits`` entries whose quote is not in the text they cite, or spans no time word."""
    texts = {u.ref: u.text for u in units(reg)}
    bad = []
    for n, entry in enumerate(reg.get("not_time_limits") or []):
        text = texts.get(entry["ref"], "")
        spans = list(_spans(text, entry["quote"]))
        if not spans:
            bad.append(f"{reg['id']} not_time_limits[{n}]: quote not in {entry['ref']}")
        elif not _PATTERN.search(entry["quote"]):
            bad.append(f"{reg['id']} not_time_limits[{n}]: quote holds no time word")
    return bad


def summary(regulations: dict[str, dict]) -> dict[str, dict]:
    """Per regulation: occurrences, how many a limit covers, how many are listed
    as not limits, how many are uncovered, the number of limits encoded, and
    every word with what accounts for it (``words``)."""
    out = {}
    for reg_id, reg in regulations.items():
        occ = scan(reg)
        limits = {k for v in reg["versions"] for k in ((v.get("parameters") or {}).get("limits") or {})}
        out[reg_id] = {
            "occurrences": len(occ),
            "by_limit": sum(1 for o in occ if any(c.startswith("limit ") for c in o.covered_by)),
            "by_dates": sum(1 for o in occ if o.covered and all(c.startswith("version ") for c in o.covered_by)),
            "not_limits": sum(1 for o in occ if o.covered and all(c.startswith("not a limit") for c in o.covered_by)),
            "uncovered": [o for o in occ if not o.covered],
            "limits": len(limits),
            "words": occ,
        }
    return out
