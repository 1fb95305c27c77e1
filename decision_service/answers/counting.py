"""Count a procedure's limits on the calendar (contract §2).

One function serves decision timelines and deadline answers alike, so that
the same limits (``parameters.limits``, in the order of ``parameters.paths``)
always give the same dates. Each limit says how it is counted (``count``),
how many days (``n``), from when (``from``: the event, the step before, or a
named earlier step) and in which direction:

- ``after``: a due date, the latest day to act (N working or calendar days
  after the start; 及时, 立即, 实时 … have no number, so no date);
- ``before``: a due date counted backwards ("提前N个工作日" before the event);
- ``not_before``: the earliest day something may happen (公示30天后方可删除;
  an advance period seen from the application). ``not_before_day: end``
  allows the counted day itself; ``after_end`` the day after a period that
  must run out first.

A step counted from a step without a date has no date either, unless the
caller says when that step was done (``done``): the text sets no number, so
none is invented.
"""

from __future__ import annotations

import datetime as dt

from .calendar import Calendar

#: Counts that carry a number of days.
NUMERIC = frozenset({"working_days", "calendar_days", "working_days_before", "calendar_days_before"})


def count_steps(
    calendar: Calendar, event: dt.date, steps: list[dict], done: dict[str, dt.date] | None = None
) -> tuple[list[dict], bool]:
    """Each step with ``start``, ``due``, ``not_before`` and
    ``working_days_from_start`` (the working days from the event when every
    step back to it counts working days); ``confirmed`` is false if a count
    touched a year whose holiday schedule is not known."""
    done = done or {}
    out: list[dict] = []
    ends: dict[str, tuple[dt.date | None, int | None]] = {}
    confirmed = True
    for s in steps:
        start, base = _origin(event, s["from"], out, ends)
        due = not_before = end = None
        step_confirmed = True
        if start is not None and s["count"] in NUMERIC:
            counted = _count(calendar, start, s["count"], s["n"])
            step_confirmed = counted.confirmed
            if s["direction"] == "not_before":
                end = counted.due
                after = s.get("not_before_day") == "after_end"
                not_before = end + dt.timedelta(days=1) if after else end
            else:
                due = end = counted.due
        total = base + s["n"] if base is not None and s["count"] == "working_days" and s["direction"] == "after" else None
        finished = done.get(s["key"])
        if finished is not None:
            end, total = finished, None
        confirmed = confirmed and step_confirmed
        entry = {
            **s,
            "start": _iso(start),
            "due": _iso(due),
            "not_before": _iso(not_before),
            "done": _iso(finished),
            "working_days_from_start": total,
            "calendar_confirmed": step_confirmed,
        }
        out.append(entry)
        ends[s["key"]] = (end, total)
    return out, confirmed


def _origin(
    event: dt.date, origin: str, out: list[dict], ends: dict[str, tuple[dt.date | None, int | None]]
) -> tuple[dt.date | None, int | None]:
    """Where a step starts, and the working days from the event to there."""
    if origin == "event" or (origin == "previous" and not out):
        return event, 0
    key = out[-1]["key"] if origin == "previous" else origin
    return ends.get(key, (None, None))


def _count(calendar: Calendar, start: dt.date, count: str, n: int):  # noqa: ANN202
    if count == "working_days":
        return calendar.add_working_days(start, n)
    if count == "calendar_days":
        return calendar.add_calendar_days(start, n)
    if count == "working_days_before":
        return calendar.subtract_working_days(start, n)
    return calendar.subtract_calendar_days(start, n)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


#: A count in a few words (matrix cells, tables), in Chinese and English.
SHORT = {
    "working_days": ("{n} 个工作日", "{n} working days"),
    "calendar_days": ("{n} 日", "{n} days"),
    "working_days_before": ("提前 {n} 个工作日", "{n} working days ahead"),
    "calendar_days_before": ("提前 {n} 日", "{n} days ahead"),
    "immediately": ("立即", "at once"),
    "without_delay": ("及时", "without delay"),
    "real_time": ("实时", "in real time"),
    "periodic": ("定期", "periodically"),
    "yearly": ("每年", "yearly"),
    "set_by_authority": ("限期（由主管机关确定）", "within a period the authority sets"),
    "no_limit": ("未规定期限", "no time limit"),
}


def short(limit: dict) -> tuple[str, str]:
    """How a limit is counted, in a few words; a not_before limit says it is the earliest day."""
    zh, en = SHORT[limit["count"]]
    zh, en = zh.format(n=limit["n"]), en.format(n=limit["n"])
    if limit.get("direction") == "not_before":
        zh, en = f"{zh}后方可（最早日期）", f"not before {en} (earliest day)"
    return zh, en


def when(limit: dict) -> str:
    """The date a counted limit gives: the due date, "≥ day" for an earliest day,
    "done day" for a step the request says was done, or —."""
    if limit.get("done"):
        return f"done {limit['done']}"
    if limit.get("due"):
        return limit["due"]
    if limit.get("not_before"):
        return f"≥ {limit['not_before']}"
    return "—"
