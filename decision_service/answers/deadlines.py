"""Time limits attached to an event (contract §5), counted as contract §2 says.

The policy (``data.osd.deadline``) names, from the text in force, the paths
(procedures) that follow the event, whether they are alternatives or all
hold, and each path's limits: what must be done, by whom, how it is counted
and from when. This module counts the dates with the same function that
counts a decision's timeline (``counting.count_steps``) and attaches the
cited text; it adds no limit.
"""

from __future__ import annotations

import datetime as dt

from ..store.bundle import jurisdictions_named
from .counting import count_steps
from .decide import Decider, ref_key

#: How each count reads, in Chinese and English ({n}: the number of days).
COUNT_WORDS = {
    "working_days": ("{n}个工作日", "{n} working days"),
    "calendar_days": ("{n}日（期满日为法定节假日的顺延）", "{n} calendar days (a last day on a holiday moves to the next working day)"),
    "working_days_before": ("提前{n}个工作日", "{n} working days in advance"),
    "calendar_days_before": ("提前{n}日", "{n} calendar days in advance"),
    "immediately": ("立即（文本未规定天数）", "at once (no number of days in the text)"),
    "without_delay": ("及时（文本未规定天数）", "without delay (no number of days in the text)"),
    "real_time": ("实时", "in real time"),
    "periodic": ("定期（文本未规定周期）", "periodically (the text sets no period)"),
    "yearly": ("每年至少一次", "at least once a year"),
    "set_by_authority": ("在主管机关确定的期限内（文本未规定天数）", "within the period the authority sets (no number of days in the text)"),
    "no_limit": ("文本未规定期限", "no time limit in the text"),
}


def inputs_of(request: dict) -> list[dict]:
    """One policy input per jurisdiction named (all five when none is). The
    text in force on the event's day sets its limits, unless as_of says otherwise."""
    names = jurisdictions_named(request)
    as_of = request.get("as_of") or request["date"]
    return [{"jurisdiction": j, "event": request["event"], "date": request["date"], "as_of": as_of} for j in names]


class Deadlines:
    """Deadlines with the decider's engine, bundle and calendar."""

    def __init__(self, decider: Decider) -> None:
        self.decider = decider
        self.bundle = decider.bundle
        self.calendar = decider.calendar

    def deadlines(self, request: dict) -> dict:
        """The limits for one validated request, per jurisdiction named (all when none is)."""
        docs = inputs_of(request)
        done = {k: dt.date.fromisoformat(v) for k, v in (request.get("done") or {}).items()}
        return {
            "event": request["event"],
            "date": request["date"],
            "as_of": docs[0]["as_of"],
            "results": [self.expand(doc, self.decider.engine.evaluate(doc, "osd/deadline/result"), done) for doc in docs],
            "bundle_revision": self.bundle.revision,
        }

    def expand(self, doc: dict, r: dict, done: dict[str, dt.date] | None = None) -> dict:
        event = dt.date.fromisoformat(doc["date"])
        paths, confirmed = [], True
        for p in r["paths"]:
            counted, ok = count_steps(self.calendar, event, p["limits"], done)
            paths.append({**p, "limits": counted})
            confirmed = confirmed and ok
        regs = r["regulations"]
        entries = [self.decider.regulation_entry(reg, r["versions"].get(reg)) for reg in regs]
        used = [e for e in entries if e["id"] == r["governing"]]
        out = {
            "jurisdiction": doc["jurisdiction"],
            "outcome": r["outcome"],
            "governing": r["governing"],
            "relation": r["relation"],
            "paths": paths,
            "limits": [{**limit, "path": p["key"]} for p in paths for limit in p["limits"]],
            "regulations": entries,
            "binding": bool(used) and all(e["binding"] for e in used),
            "calendar_confirmed": confirmed,
            "notes": r["notes"],
            "basis": [self.decider.article(ref) for ref in sorted(r["basis"], key=lambda x: ref_key(regs, x))],
        }
        out["explanation"] = explain(out, doc)
        return out


def limit_words(limit: dict, origin: dict | None) -> tuple[str, str]:
    """One limit as a sentence: who, how counted, and the date where there is one;
    ``origin`` is the step it counts from, named when that step has no date."""
    zh_count, en_count = COUNT_WORDS[limit["count"]]
    zh, en = zh_count.format(n=limit["n"]), en_count.format(n=limit["n"])
    if limit["due"]:
        zh += f"，最迟于{limit['due']}"
        en += f", by {limit['due']}"
    elif limit["not_before"]:
        zh += f"，最早于{limit['not_before']}起方可"
        en += f", not before {limit['not_before']}"
    elif limit["n"] is not None and limit["start"] is None:
        name_zh = origin["text"] if origin else "上一步"
        name_en = origin["text_en"] if origin else "the step before"
        zh += f"，自“{name_zh}”起算，而该步骤没有期限（可在 done 中给出其完成日期）"
        en += f", counted from “{name_en}”, which has no time limit (give its date in done)"
    who_en = limit["responsible_en"][:1].upper() + limit["responsible_en"][1:]
    return f"{limit['responsible']}：{limit['text']}，{zh}。", f"{who_en}: {limit['text_en']}; {en}."


def explain(r: dict, doc: dict) -> dict:
    """The answer in Chinese and English: each path and its limits, or which
    texts were read and found silent."""
    titles = [(e["title"], e["title_en"]) for e in r["regulations"] if e["applies"]]
    if r["outcome"] == "not_applicable":
        return {"zh": "该日期没有施行中的规定可以适用。", "en": "No encoded text is in force on this date."}
    if r["outcome"] == "not_stated":
        read_zh = "、".join(f"《{t}》" for t, _ in titles)
        read_en = "; ".join(t for _, t in titles)
        several = len(titles) > 1
        zh = [f"已查阅{read_zh}，{'均' if several else ''}未为该事件规定期限，本服务不作推定。"]
        en = [f"Texts read: {read_en}. {'None of them sets' if several else 'It sets no'} time limit for this event, and none is assumed."]
        for note in r["notes"]:
            if note["kind"] in ("silent", "copy_cut", "superior"):
                zh.append(note["zh"])
                en.append(note["en"])
        return {"zh": "".join(zh), "en": " ".join(en)}
    zh, en = [], []
    several = len(r["paths"]) > 1
    if several and r["relation"] == "alternatives":
        zh.append("以下办理途径视情形择一适用。")
        en.append("One of these paths applies, as the case may be.")
    elif several:
        zh.append("以下各项义务同时适用。")
        en.append("Each of these duties holds.")
    for p in r["paths"]:
        if several:
            zh.append(f"【{p['text']}（{p['when']['zh']}）】")
            en.append(f"[{p['text_en']} ({p['when']['en']})]")
        by_key: dict[str, dict] = {}
        previous = None
        for limit in p["limits"]:
            origin = previous if limit["from"] == "previous" else by_key.get(limit["from"])
            words_zh, words_en = limit_words(limit, origin)
            zh.append(words_zh)
            en.append(words_en)
            by_key[limit["key"]] = previous = limit
    if not r["binding"]:
        zh.append("依据的是征求意见稿，仅供参考。")
        en.append("It rests on a draft for comment and is not binding.")
    if not r["calendar_confirmed"]:
        zh.append("涉及的年度节假日安排尚未公布，按周一至周五计算。")
        en.append("A year counted has no published holiday schedule yet; it was counted Monday to Friday.")
    for note in r["notes"]:
        if note["kind"] == "superior":
            zh.append(note["zh"])
            en.append(note["en"])
    return {"zh": "".join(zh), "en": " ".join(en)}
