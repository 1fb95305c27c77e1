"""The decision told to the applicant: plain sentences in Chinese and English
that a portal can print as they are (``explanation.applicant``).

They use the labels of the request's fields, never their paths or the
service's codes; they say the outcome and the way to the data in words, the
conditions and duties in the texts' own words, the time limit as a date, and
name each article with its number and a link to where the workbench shows it
(``/regulations/{id}#art-N``). The reviewers' reading notes stay in the
reviewers' explanation and in ``notes``; here only what an applicant acts on.
"""

from __future__ import annotations

import datetime as dt
from typing import Callable

from .words import FIELD_LABELS

OUTCOME = {
    ("permit", "direct"): ("您可以直接获取该数据。", "You may get the data directly."),
    ("permit", None): ("您可以获取该数据。", "You may get the data."),
    ("apply", "application"): ("您需要提出申请，经审核同意后获取该数据。",
                               "You need to apply; the data is provided once the application is approved."),
    ("apply", "competitive_selection"): ("该数据须通过公开招标等竞争性方式确定获取者，您可以参与。",
                                         "Who gets this data is decided by public tender or another competitive "
                                         "method, in which you may take part."),
    ("apply", "negotiation"): ("您需要与数据提供单位协商获取该数据。", "You need to agree with the providing body to get the data."),
    ("apply", None): ("您需要提出申请，经审核同意后获取该数据。",
                      "You need to apply; the data is provided once the application is approved."),
    ("deny", None): ("该数据不能向您提供。", "This data cannot be provided to you."),
    ("incomplete", None): ("还需要补充信息才能作出判断。", "More information is needed before a decision can be made."),
    ("not_applicable", None): ("所依据的规定不适用于此项请求。", "The rules read do not apply to this request."),
}


def _day_zh(iso: str) -> str:
    d = dt.date.fromisoformat(iso)
    return f"{d.year}年{d.month}月{d.day}日"


def _day_en(iso: str) -> str:
    d = dt.date.fromisoformat(iso)
    return f"{d.day} {d.strftime('%B')} {d.year}"


def deadline_words(decision: dict, day_zh: Callable[[str], str] = str, day_en: Callable[[str], str] = str
                   ) -> tuple[str, str] | None:
    """The sentence on the time to answer, in zh and en (days as ``day_zh``/``day_en`` write
    them); for an application with none, that the texts set none; else None."""
    d = decision.get("deadline")
    if d and d.get("due"):
        unconfirmed_zh = "" if d["calendar_confirmed"] else "（该年度节假日安排尚未公布，按周一至周五计算）"
        unconfirmed_en = "" if d["calendar_confirmed"] else " (that year's holidays are not yet published; counted Monday to Friday)"
        who = d["responsible_en"][:1].upper() + d["responsible_en"][1:]
        return (f"{d['responsible']}应在{d['working_days']}个工作日内办理，最迟于{day_zh(d['due'])}{unconfirmed_zh}。",
                f"{who} must act within {d['working_days']} working days, by {day_en(d['due'])}{unconfirmed_en}.")
    if decision["outcome"] == "apply":
        return "文本未规定办理期限。", "The text sets no time limit."
    return None


def _label_zh(path: str) -> str:
    return FIELD_LABELS.get(path, ("所需信息", "information needed"))[0]


def _label_en(path: str) -> str:
    return FIELD_LABELS.get(path, ("所需信息", "information needed"))[1]


def _articles(decision: dict, titles: dict[str, tuple[str, str]], label_of: Callable[[str], str | None]) -> list[dict]:
    """Each article the decision rests on once (items folded into their article), in order."""
    out: list[dict] = []
    seen: set[str] = set()
    for a in decision["basis"]:
        reg, _, where = a["ref"].partition("#")
        number = where.split(".", 1)[0]
        ref = f"{reg}#{number}"
        if ref in seen:
            continue
        seen.add(ref)
        title_zh, title_en = titles.get(reg, (reg, reg))
        out.append({"ref": ref, "title": title_zh, "title_en": title_en, "label": label_of(ref) or f"第{number}条",
                    "label_en": f"Article {number}", "href": f"/regulations/{reg}#art-{number}"})
    return out


def applicant(decision: dict, governs: dict[str, list[str]], label_of: Callable[[str], str | None]) -> dict:
    """``{zh, en, articles}`` for ``decision``; ``governs`` says what each regulation
    governs (open, share), ``label_of`` gives an article's label (第十五条) by its ref."""
    titles = {r["id"]: (r["title"], r["title_en"]) for r in decision["regulations"]}
    action_zh = "开放" if decision["action"] == "open" else "共享"
    key = (decision["outcome"], decision["route"])
    zh_out, en_out = OUTCOME.get(key) or OUTCOME[(decision["outcome"], None)]
    applying = [r for r in decision["regulations"] if r["applies"]]
    if applying:
        names_zh = "、".join(f"《{r['title']}》" for r in applying)
        names_en = "; ".join(r["title_en"] for r in applying)
        zh, en = [f"依据{names_zh}，关于数据{action_zh}：{zh_out}"], [f"Under {names_en}: {en_out}"]
    else:
        zh = [f"{_day_zh(decision['as_of'])}没有施行中的规定适用于此项请求。"]
        en = [f"No rule in force on {_day_en(decision['as_of'])} applies to this request."]
    if decision["outcome"] == "not_applicable" and applying:
        if not any(decision["action"] in governs.get(r["id"], ()) for r in applying):
            zh.append(f"这些规定不涉及数据{action_zh}。")
            en.append(f"These rules do not govern {'opening' if decision['action'] == 'open' else 'sharing'} data.")
        elif decision["action"] == "share":
            zh.append("这些规定的数据共享不涵盖此类申请人；可以按数据开放提出申请。")
            en.append("Sharing under these rules does not cover this kind of requester; the data may be asked for as opening instead.")
    if decision["missing"]:
        zh.append("请补充：" + "、".join(dict.fromkeys(_label_zh(m) for m in decision["missing"])) + "。")
        en.append("Please give: " + ", ".join(dict.fromkeys(_label_en(m) for m in decision["missing"])) + ".")
    if decision["conditions"]:
        zh.append("需要满足的条件：" + "；".join(t["text"].rstrip("。；") for t in decision["conditions"]) + "。")
        en.append("Conditions: " + "; ".join(t["text_en"].rstrip(".") for t in decision["conditions"]) + ".")
    told = deadline_words(decision, _day_zh, _day_en)
    if told:
        zh.append(told[0])
        en.append(told[1])
    if decision["obligations"]:
        zh.append("获取数据后须遵守：" + "；".join(t["text"].rstrip("。；") for t in decision["obligations"]) + "。")
        en.append("Once you have the data: " + "; ".join(t["text_en"].rstrip(".") for t in decision["obligations"]) + ".")
    if decision["remedies"]:
        zh.append("仍可采取的合法途径：" + "；".join(t["text"].rstrip("。；") for t in decision["remedies"]) + "。")
        en.append("Lawful ways that remain: " + "; ".join(t["text_en"].rstrip(".") for t in decision["remedies"]) + ".")
    if applying and not decision["binding"]:
        zh.append("所依据的规定是征求意见稿，结果仅供参考，不具有约束力。")
        en.append("The rules are a draft for comment, so this is guidance only and binds no one.")
    articles = _articles(decision, titles, label_of)
    if articles:
        by_title: dict[str, list[dict]] = {}
        for a in articles:
            by_title.setdefault(a["ref"].split("#")[0], []).append(a)
        zh.append("依据条文：" + "；".join(f"《{arts[0]['title']}》" + "、".join(a["label"] for a in arts)
                                       for arts in by_title.values()) + "。")
        en.append("Articles: " + "; ".join(f"{arts[0]['title_en']}, " + ", ".join(a["label_en"] for a in arts)
                                           for arts in by_title.values()) + ".")
    return {"zh": "".join(zh), "en": " ".join(en), "articles": articles}
