"""Reading each seed copy and mending its known defects (see
../shared/seeds/README.md): Nanning's advert and cut end, Qingyang's page
markers and OCR slips, Wuxi's stray spaces, Nanjing's junk characters,
mis-conversions and doubled articles, Guangxi's Markdown marks and page
breaks. Each cleaner returns the cleaned lines and notes what it changed.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

from .cleaning import (
    ARTICLE_HEAD,
    Cleaning,
    cn_number,
    join_broken_lines,
    locate,
    normalize,
    parse_articles,
    place_of,
)

SEEDS_DIR = Path(os.environ.get("OSD_SEEDS_DIR") or Path(__file__).resolve().parents[4] / "shared" / "seeds")

#: Seed file for each regulation id (see ../shared/seeds/README.md).
SEED_FILES = {
    "nanning-open": "000_b47ba48022ba1327.txt",
    "qingyang-resources": "001_437a97f91f426903.txt",
    "wuxi-open": "002_1c073ea1654dda9d.txt",
    "nanjing-govdata": "003_e02fa6cf64daab24.txt",
    "guangxi-scheduling": "004_fb1804cf6983a715.txt",
}


def clean_nanning(raw: str, clean: Cleaning) -> list[str]:
    advert = "广西南宁58同城招聘信息"
    clean.note("removed", "第六条", advert, "an advertising line pasted into item (四) of the copy")
    raw = raw.replace(advert, "")
    lines = [normalize(line) for line in raw.splitlines() if line.strip()]
    clean.note(
        "normalized",
        "whole text",
        "ASCII , ; : ( ) → ，；：（）",
        "the copy mixes ASCII punctuation into Chinese text",
    )
    lines = join_broken_lines(lines, clean, "a line break inside a word or sentence (page break of the copy)")
    clean.note(
        "defect",
        "第八条",
        "the list of duties ends on item (二) with 「；」",
        "the copy appears to have lost the last item(s); nothing is added",
    )
    clean.note(
        "defect",
        "第十二条",
        "「确定使用……的相关人员及，报市大数据发展局备案」",
        "a word is missing after 及 in the copy; the text is kept as received",
    )
    clean.note(
        "defect",
        "第十六条",
        "the text stops at 「对列入数据资源开放目录的数」",
        "the copy is cut in the middle of 第十六条; every later article is missing",
    )
    return lines


_PAGE_MARKER = re.compile(r"^\d+、")


def clean_qingyang(raw: str, clean: Cleaning) -> list[str]:
    raw_lines = raw.splitlines()
    clean.note("removed", "header", raw_lines[0][:40] + "…", "the hosting site's banner, not part of the document")
    pieces = []
    for line in raw_lines[1:]:
        pieces.append(_PAGE_MARKER.sub("", line))
    clean.note(
        "removed",
        "whole text",
        "page markers 1、 to 14、 at the start of each line",
        "page numbers of the scanned copy, cut into words and articles; the pieces are joined",
    )
    text = "".join(pieces)
    start = text.index("第一章")
    clean.note(
        "removed",
        "header",
        text[:start][:60] + "…",
        "the issuing notice (庆政办发〔2021〕34号, dated 2021-03-30) is kept as metadata, not as articles",
    )
    text = text[start:]
    tail = "抄送:市委办公室,市人大常委会办公室,市政协"
    if text.endswith(tail):
        text = text[: -len(tail)]
        clean.note("removed", "第三十七条", tail, "distribution list of the notice, not part of the document")
    for wrong, right, where in (("(-)", "(一)", "第十六条"), ("(A)", "(八)", "第三十二条")):
        if wrong in text:
            text = text.replace(wrong, right)
            clean.note("corrected", where, f"{wrong} → {right}", "OCR slip in the item number")
    text = normalize(text)
    clean.note(
        "normalized",
        "whole text",
        "stray spaces removed; ASCII , ; : ( ) → ，；：（）",
        "the copy mixes ASCII punctuation and spaces into Chinese text",
    )
    clean.note(
        "defect",
        "whole text",
        "paragraph breaks inside articles are lost (the copy is one line)",
        "each article is kept as one paragraph; items are split at their numbers (一)(二)…",
    )
    return _split_stream(text)


def _split_stream(text: str) -> list[str]:
    """Cut a single-line text before each chapter and article heading, in order."""
    lines: list[str] = []
    pos = 0
    article = 1
    chapter = 1
    while True:
        heads = []
        a = text.find(f"第{cn_number(article)}条", pos + 1 if lines else pos)
        c = text.find(f"第{cn_number(chapter)}章", pos + 1 if lines else pos)
        if a >= 0:
            heads.append((a, "a"))
        if c >= 0:
            heads.append((c, "c"))
        if not heads:
            break
        idx, kind = min(heads)
        if idx > pos:
            lines.append(text[pos:idx])
        pos = idx
        if kind == "a":
            article += 1
        else:
            chapter += 1
    lines.append(text[pos:])
    # a chapter line holds its title only up to the first article heading
    return [line for line in lines if line]


def clean_wuxi(raw: str, clean: Cleaning) -> list[str]:
    start = raw.index("第一章")
    clean.note(
        "removed",
        "header",
        "publication banner, the 文号/制发机关/成文日期/文件状态 table and the notice 锡政规〔2024〕7号",
        "web-page furniture and the issuing notice; kept as metadata, not as articles",
    )
    body = raw[start:]
    tail = "责编:司法局"
    if tail in body:
        body = body.replace(tail, "")
        clean.note("removed", "第二十七条", tail, "the web page's editor line, not part of the document")
    lines = [normalize(line) for line in body.splitlines() if line.strip()]
    clean.note(
        "normalized",
        "whole text",
        "stray spaces inside words and before punctuation removed (e.g. 「安 全责任」, 「开放活动 ,」); ASCII , ; : ( ) → ，；：（）",
        "typesetting artefacts of the web copy",
    )
    return lines


NANJING_JUNK = {
    "第二条": "凶乐端判",
    "第五条": "脚恋循",
}

#: Words that the traditional-character web copy carries in Taiwan usage or as
#: mis-conversions of the mainland original; each is put back to mainland usage.
NANJING_WORDS = (
    ("套用", "应用", "mis-conversion of 应用 (README of the seeds)"),
    ("最佳化", "优化", "mis-conversion of 优化 (README of the seeds)"),
    ("程式", "程序", "mis-conversion of 程序 (README of the seeds)"),
    ("协定", "协议", "mis-conversion of 协议 (README of the seeds)"),
    ("网路", "网络", "Taiwan usage for 网络"),
    ("资料库", "数据库", "Taiwan usage for 数据库"),
    ("入口网站", "门户网站", "Taiwan usage for 门户网站"),
    ("智慧型", "智能", "Taiwan usage for 智能 (智慧城市 is left as it is)"),
    ("许可权", "权限", "Taiwan usage for 权限 (访问权限)"),
    ("覆核", "复核", "traditional form 覆核 left by the conversion; mainland 复核"),
)


def clean_nanjing(raw: str, clean: Cleaning) -> list[str]:
    from opencc_purepy import OpenCC

    to_simplified = OpenCC("t2s").convert
    first_start = raw.index("第一章 總則")
    first_end = raw.index("內容解讀", first_start)
    second_start = raw.index("第九條", first_end)
    second_end = raw.index("內容解讀", second_start)
    clean.note(
        "removed",
        "header",
        "encyclopaedia page furniture (基本介绍, 办法发布, 内容解读, 热门词条, 联络我们) and the promulgation notice",
        "not part of the document; the order number and dates are kept as metadata",
    )
    first = [to_simplified(line.strip()) for line in raw[first_start:first_end].splitlines() if line.strip()]
    second = [to_simplified(line.strip()) for line in raw[second_start:second_end].splitlines() if line.strip()]
    clean.note(
        "normalized",
        "whole text",
        "traditional characters → simplified (OpenCC t2s)",
        "the copy was converted to traditional characters from a mainland web page",
    )
    # 第九条 to 第四十二条 appear twice; the second copy is the clean one.
    cut = next(i for i, line in enumerate(first) if line.startswith("第九条"))
    head, first_tail = first[:cut], first[cut:]
    dropped = _junk_between(first_tail, second)
    clean.note(
        "source_choice",
        "第九条–第四十二条",
        "the second copy of 第九条 to 第四十二条 is used",
        "the copy repeats these articles; the first repetition carries junk characters "
        + "、".join(f"「{junk}」({where})" for where, junk in dropped),
    )
    for where, junk in NANJING_JUNK.items():
        for i, line in enumerate(head):
            if junk in line:
                head[i] = line.replace(junk, "")
                clean.note("removed", where, junk, "junk characters inserted into the copy")
    lines = head + second
    for wrong, right, why in NANJING_WORDS:
        where = locate(lines, wrong)
        if where:
            lines = [line.replace(wrong, right) for line in lines]
            clean.note("corrected", "、".join(where), f"{wrong} → {right}", why)
    clean.note(
        "kept",
        "第十二条、第十三条、第二十六条",
        "线上",
        "valid mainland usage; whether the original read 在线 cannot be told from the copy",
    )
    lines = [normalize(line) for line in lines]
    return lines


def _junk_between(dirty: list[str], cleaned: list[str]) -> list[tuple[str, str]]:
    """What the first copy has that the clean copy lacks, article by article."""
    import difflib

    found = []
    current = ""
    for d, c in zip(dirty, cleaned, strict=True):
        if m := ARTICLE_HEAD.match(c):
            current = f"第{m.group(1)}条"
        if d != c:
            sm = difflib.SequenceMatcher(a=c, b=d, autojunk=False)
            for op, _a1, _a2, b1, b2 in sm.get_opcodes():
                if op == "insert":
                    found.append((current, d[b1:b2]))
                elif op != "equal":
                    raise ValueError(f"{current}: the two copies differ by more than inserted junk")
    return found


_GX_FOOTER = "广西壮族自治区大数据发展局"


def clean_guangxi(raw: str, clean: Cleaning) -> list[str]:
    lines = [line.strip() for line in raw.splitlines() if line.strip()]
    start = next(i for i, line in enumerate(lines) if line.startswith("第一章"))
    clean.note("removed", "header", " ".join(lines[:start]), "the title and 征求意见稿 mark, kept as metadata")
    lines = lines[start:]
    kept = []
    for line in lines:
        if line == _GX_FOOTER:
            clean.note(
                "removed",
                place_of(kept),
                _GX_FOOTER,
                "the drafting body's name standing alone between articles (page footer or signature)",
            )
            continue
        if line.startswith("- "):
            line = line[2:]
        kept.append(normalize(line))
    clean.note("removed", "whole text", "Markdown list marks 「- 」 before items", "formatting of the copy")
    clean.note(
        "normalized",
        "whole text",
        "stray spaces removed (e.g. 「2 个工作日」 → 「2个工作日」); ASCII , ; : ( ) → ，；：（）",
        "typesetting artefacts of the copy",
    )
    kept = join_broken_lines(kept, clean, "a page break inside a sentence")
    clean.note(
        "defect",
        "第四十五条",
        "the heading reads 【数据数据安全风险】",
        "a doubled word in the draft's heading; kept as received",
    )
    return kept


CLEANERS: dict[str, Callable[[str, Cleaning], list[str]]] = {
    "nanning-open": clean_nanning,
    "qingyang-resources": clean_qingyang,
    "wuxi-open": clean_wuxi,
    "nanjing-govdata": clean_nanjing,
    "guangxi-scheduling": clean_guangxi,
}


def clean_seed(regulation_id: str, seeds_dir: Path) -> dict:
    """Return ``{"articles": [...], "cleaning": [...]}`` for one regulation."""
    raw = (seeds_dir / SEED_FILES[regulation_id]).read_text(encoding="utf-8")
    clean = Cleaning()
    lines = CLEANERS[regulation_id](raw, clean)
    return {"articles": parse_articles(lines), "cleaning": clean.notes}

