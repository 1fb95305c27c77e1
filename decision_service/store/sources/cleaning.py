"""Text cleaning that every seed shares: Chinese numerals, the record of each
cleaning step (``Cleaning``), spacing and punctuation normalised, and the
cleaned lines split into chapters, articles and items.

The seeds in ``../shared/seeds`` are the only legal source; every change to
their wording is made in code and written down as a cleaning note a reviewer
can read (``seeds`` applies these steps to each copy).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


TERMINAL = ("。", "；", "：")


def cn_number(n: int) -> str:
    """Write 1..99 as a Chinese numeral the way article numbers are written."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else digits[tens]
    return head + "十" + (digits[ones] if ones else "")


def parse_cn_number(text: str) -> int:
    """Read a Chinese numeral of 1..99 (一, 十二, 二十, 四十二)."""
    if "十" not in text:
        return CN_DIGITS[text]
    tens, _, ones = text.partition("十")
    return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[ones] if ones else 0)


@dataclass
class Cleaning:
    """Collects the cleaning notes of one seed, in the order they are made."""

    notes: list[dict] = field(default_factory=list)

    def note(self, kind: str, where: str, what: str, why: str) -> None:
        self.notes.append({"kind": kind, "where": where, "what": what, "why": why})


# --------------------------------------------------------------------------
# Generic normalisation
# --------------------------------------------------------------------------

_ASCII_TO_FULL = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）"}
_ALNUM = re.compile(r"[A-Za-z0-9]")


def normalize_spacing(text: str) -> str:
    """Drop white space except between two ASCII letters or digits (``API 接口``
    keeps none, ``Open Data`` keeps its space)."""
    out = []
    for i, ch in enumerate(text):
        if ch in " \t\u3000\u00a0":
            prev = out[-1] if out else ""
            nxt = text[i + 1] if i + 1 < len(text) else ""
            if prev and nxt and _ALNUM.match(prev) and _ALNUM.match(nxt):
                out.append(" ")
            continue
        out.append(ch)
    return "".join(out)


def fullwidth_punctuation(text: str) -> str:
    """Chinese legal texts use full-width punctuation; the copies mix in ASCII."""
    return "".join(_ASCII_TO_FULL.get(ch, ch) for ch in text)


def normalize(text: str) -> str:
    return fullwidth_punctuation(normalize_spacing(text))


# --------------------------------------------------------------------------
# Splitting cleaned text into chapters, articles and items
# --------------------------------------------------------------------------

_CHAPTER = re.compile(r"^第([一二三四五六七八九十]+)章(.*)$")
ARTICLE_HEAD = re.compile(r"^第([一二三四五六七八九十]+)条(?:【([^】]*)】)?(.*)$")
_ITEM = re.compile(r"^（([一二三四五六七八九十]+)）(.*)$")


def split_inline_items(paragraph: str) -> list[str]:
    """Split ``……：（一）……；（二）……`` into one line per item.

    Only markers that follow the expected sequence (一, 二, 三 …) and stand at
    the start or after ``：；。`` are split, so a parenthesis such as
    ``（以下简称…）`` is never mistaken for an item.
    """
    pieces: list[str] = []
    start = 0
    expected = 1
    pos = 0
    while True:
        marker = f"（{cn_number(expected)}）"
        idx = paragraph.find(marker, pos)
        if idx < 0:
            break
        if idx == 0 or paragraph[idx - 1] in "：；。":
            if idx > start:
                pieces.append(paragraph[start:idx])
            start = idx
            expected += 1
        pos = idx + len(marker)
    pieces.append(paragraph[start:])
    return [p for p in pieces if p]


def parse_articles(lines: list[str]) -> list[dict]:
    """Parse cleaned lines (one paragraph or item per line) into articles."""
    articles: list[dict] = []
    chapter = None
    for line in lines:
        if m := _CHAPTER.match(line):
            chapter = f"第{m.group(1)}章 {m.group(2)}".strip()
            continue
        if m := ARTICLE_HEAD.match(line):
            number = parse_cn_number(m.group(1))
            if number != len(articles) + 1:
                raise ValueError(f"article {number} out of sequence after {len(articles)}")
            art = {
                "number": number,
                "label": f"第{m.group(1)}条",
                "chapter": chapter,
                "title": m.group(2) or None,
                "paragraphs": [],
            }
            articles.append(art)
            rest = m.group(3)
            if rest:
                art["paragraphs"].append(rest)
            continue
        if not articles:
            raise ValueError(f"text before the first article: {line[:20]}")
        articles[-1]["paragraphs"].append(line)
    return [_finish_article(a) for a in articles]


def _finish_article(art: dict) -> dict:
    lines: list[str] = []
    for para in art.pop("paragraphs"):
        lines.extend(split_inline_items(para))
    items: list[dict] = []
    item_lines = [i for i, line in enumerate(lines) if _ITEM.match(line)]
    last_item = item_lines[-1] if item_lines else -1
    for i, line in enumerate(lines):
        if m := _ITEM.match(line):
            number = parse_cn_number(m.group(1))
            if number != len(items) + 1:
                raise ValueError(f"{art['label']}: item {number} out of sequence")
            items.append({"number": number, "label": f"（{m.group(1)}）", "text": m.group(2)})
        elif items and i < last_item:
            # a paragraph between two items continues the item before it
            items[-1]["text"] += "\n" + line
    result = {
        "number": art["number"],
        "label": art["label"],
        "chapter": art["chapter"],
    }
    if art["title"]:
        result["title"] = art["title"]
    result["text"] = "\n".join(lines)
    if items:
        result["items"] = items
    return result


def join_broken_lines(lines: list[str], clean: Cleaning, why: str) -> list[str]:
    """Join a line to the previous one where the previous stops mid-sentence."""
    out: list[str] = []
    for line in lines:
        starts_new = bool(_CHAPTER.match(line) or ARTICLE_HEAD.match(line) or _ITEM.match(line))
        if out and not starts_new and not out[-1].endswith(TERMINAL):
            where = place_of(out)
            clean.note("joined", where, f"「{out[-1][-6:]}」+「{line[:6]}」", why)
            out[-1] += line
        else:
            out.append(line)
    return out


def place_of(lines: list[str]) -> str:
    """The article (第N条) the last of ``lines`` belongs to, or "header" before the first."""
    for line in reversed(lines):
        if m := ARTICLE_HEAD.match(line):
            return f"第{m.group(1)}条"
    return "header"


def locate(lines: list[str], needle: str) -> list[str]:
    """The articles (as 第N条 labels) whose text contains ``needle``."""
    found = []
    current = "header"
    for line in lines:
        if m := ARTICLE_HEAD.match(line):
            current = f"第{m.group(1)}条"
        if needle in line and current not in found:
            found.append(current)
    return found


