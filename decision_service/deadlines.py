"""Time limits attached to an event (contract §5), counted as contract §2 says.

The policy (``data.osd.deadline``) names, from the text in force, each limit:
what must be done, by whom, how it is counted (working days, calendar days,
working days in advance, or "at once" / "without delay" with no number) and
from when (the event, the step before, or a named step). This module counts
the dates on the calendar and attaches the cited text; it adds no limit.
"""

from __future__ import annotations

import datetime as dt

from .decide import Decider, ref_key
from .bundle import jurisdictions_named

COUNT_WORDS = {
    "working_days": ("{n}个工作日内", "within {n} working days"),
    "calendar_days": ("{n}日（期满日为法定节假日的顺延）", "{n} calendar days (a last day on a holiday moves to the next working day)"),
    "working_days_before": ("提前{n}个工作日", "{n} working days in advance"),
    "immediately": ("立即", "at once"),
    "without_delay": ("及时（文本未规定天数）", "without delay (no number of days in the text)"),
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
        return {
            "event": request["event"],
            "date": request["date"],
            "as_of": docs[0]["as_of"],
            "results": [self.expand(doc, self.decider.engine.evaluate(doc, "osd/deadline/result")) for doc in docs],
            "bundle_revision": self.bundle.revision,
        }

    def expand(self, doc: dict, r: dict) -> dict:
        event = dt.date.fromisoformat(doc["date"])
        limits, confirmed = self.count(event, r["limits"])
        regs = r["regulations"]
        entries = [self.decider.regulation_entry(reg, r["versions"].get(reg)) for reg in regs]
        used = [e for e in entries if e["id"] == r["governing"]]
        out = {
            "jurisdiction": doc["jurisdiction"],
            "outcome": r["outcome"],
            "governing": r["governing"],
            "limits": limits,
            "regulations": entries,
            "binding": bool(used) and all(e["binding"] for e in used),
            "calendar_confirmed": confirmed,
            "notes": r["notes"],
            "basis": [self.decider.article(ref) for ref in sorted(r["basis"], key=lambda x: ref_key(regs, x))],
        }
        out["explanation"] = explain(out, doc)
        return out

    def count(self, event: dt.date, limits: list[dict]) -> tuple[list[dict], bool]:
        """Each limit with its start and due date; ``confirmed`` is false if any
        count touched a year whose holiday schedule is not known."""
        done: dict[str, dict] = {}
        out: list[dict] = []
        confirmed = True
        for limit in limits:
            start = self._start(event, limit["from"], out, done)
            due = None
            if start is not None and limit["n"] is not None:
                n = limit["n"]
                if limit["count"] == "working_days":
                    counted = self.calendar.add_working_days(start, n)
                elif limit["count"] == "calendar_days":
                    counted = self.calendar.add_calendar_days(start, n)
                elif limit["count"] == "working_days_before":
                    counted = self.calendar.subtract_working_days(start, n)
                else:
                    counted = None
                if counted is not None:
                    due = counted.due
                    confirmed = confirmed and counted.confirmed
            entry = {
                **limit,
                "start": start.isoformat() if start else None,
                "due": due.isoformat() if due else None,
                "direction": "before" if limit["count"] == "working_days_before" else "after",
            }
            out.append(entry)
            done[limit["key"]] = entry
        return out, confirmed

    @staticmethod
    def _start(event: dt.date, origin: str, out: list[dict], done: dict[str, dict]) -> dt.date | None:
        if origin == "event" or (origin == "previous" and not out):
            return event
        before = out[-1] if origin == "previous" else done.get(origin)
        if before is None or before["due"] is None:
            return None
        return dt.date.fromisoformat(before["due"])


def explain(r: dict, doc: dict) -> dict:
    if r["outcome"] == "not_applicable":
        return {"zh": "该日期没有施行中的规定可以适用。", "en": "No encoded text is in force on this date."}
    if r["outcome"] == "not_stated":
        return {"zh": "施行中的文本没有为该事件规定期限。", "en": "No text in force sets a time limit for this event."}
    zh, en = [], []
    for limit in r["limits"]:
        words_zh, words_en = COUNT_WORDS[limit["count"]]
        when_zh = f"，即{limit['due']}{'前' if limit['direction'] == 'after' else '（最迟）'}" if limit["due"] else ""
        when_en = f", by {limit['due']}" if limit["due"] else ""
        zh.append(f"{limit['responsible']}：{words_zh.format(n=limit['n'])}{when_zh}。")
        en.append(f"{limit['responsible_en'][:1].upper()}{limit['responsible_en'][1:]}: {words_en.format(n=limit['n'])}{when_en}.")
    if not r["binding"]:
        zh.append("依据的是征求意见稿，仅供参考。")
        en.append("It rests on a draft for comment and is not binding.")
    if not r["calendar_confirmed"]:
        zh.append("涉及的年度节假日安排尚未公布，按周一至周五计算。")
        en.append("A year counted has no published holiday schedule yet; it was counted Monday to Friday.")
    return {"zh": "".join(zh), "en": " ".join(en)}
