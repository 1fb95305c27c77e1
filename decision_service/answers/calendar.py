"""Mainland China working days, counted as contract §2 says.

Sources, in order: the operator's schedule file (``calendar/cn-workdays.yaml``
or ``OSD_CALENDAR_FILE``) for years published after this release, then the
``chinesecalendar`` library (State Council schedules with 调休 make-up days).
A year neither knows is counted Monday to Friday and every result that touches
it says ``calendar_confirmed: false``: the count is never silently guessed.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

DEFAULT_FILE = Path(__file__).resolve().parents[2] / "calendar" / "cn-workdays.yaml"


@dataclass(frozen=True)
class Count:
    """A counted date and whether every day counted is in a known schedule."""

    due: dt.date
    confirmed: bool
    n: int = 0  # working_days_left: the working days to the due date (negative: late)


@dataclass
class Calendar:
    """Working days of mainland China, with the operator's extra years."""

    extra_holidays: set[dt.date] = field(default_factory=set)
    extra_workdays: set[dt.date] = field(default_factory=set)
    extra_years: set[int] = field(default_factory=set)

    @classmethod
    def from_file(cls, path: Path | None = None) -> Calendar:
        """Load the operator's schedule file (missing file: no extra years)."""
        path = path or Path(os.environ.get("OSD_CALENDAR_FILE", DEFAULT_FILE))
        cal = cls()
        if not path.exists():
            return cal
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for year, spec in (doc.get("years") or {}).items():
            cal.extra_years.add(int(year))
            for key, target in (("holidays", cal.extra_holidays), ("workdays", cal.extra_workdays)):
                for day in spec.get(key) or []:
                    day = day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day))
                    if day.year != int(year):
                        raise ValueError(f"{path}: {day} is listed under year {year}")
                    target.add(day)
        return cal

    def known(self, year: int) -> bool:
        """Whether the official schedule of ``year`` is known."""
        return year in self.extra_years or _library_knows(year)

    def is_workday(self, day: dt.date) -> bool:
        """Working day by the State Council schedule; Monday–Friday if unknown."""
        if day.year in self.extra_years:
            if day in self.extra_workdays:
                return True
            if day in self.extra_holidays:
                return False
            return day.weekday() < 5
        if _library_knows(day.year):
            return _library_workday(day)
        return day.weekday() < 5

    def add_working_days(self, start: dt.date, n: int) -> Count:
        """The Nth working day after ``start`` (the start day never counts)."""
        return self._walk(start, n, +1)

    def subtract_working_days(self, event: dt.date, n: int) -> Count:
        """"提前N个工作日": the Nth working day before ``event``."""
        return self._walk(event, n, -1)

    def subtract_calendar_days(self, event: dt.date, n: int) -> Count:
        """"提前N日": N calendar days before ``event``; a day that is not a working
        day moves to the working day before it, so that acting on it is in time."""
        day = event - dt.timedelta(days=n)
        confirmed = self.known(event.year) and self.known(day.year)
        while not self.is_workday(day):
            day -= dt.timedelta(days=1)
            confirmed = confirmed and self.known(day.year)
        return Count(day, confirmed)

    def _walk(self, start: dt.date, n: int, step: int) -> Count:
        if n < 0:
            raise ValueError("a number of working days cannot be negative")
        day = start
        confirmed = self.known(start.year)
        left = n
        while left > 0:
            day += dt.timedelta(days=step)
            confirmed = confirmed and self.known(day.year)
            if self.is_workday(day):
                left -= 1
        return Count(day, confirmed)

    def add_calendar_days(self, start: dt.date, n: int) -> Count:
        """N calendar days after ``start``; a last day that is not a working day
        (a statutory holiday or rest day, 民法典 第二百零三条) moves to the next
        working day."""
        day = start + dt.timedelta(days=n)
        confirmed = self.known(start.year) and self.known(day.year)
        while not self.is_workday(day):
            day += dt.timedelta(days=1)
            confirmed = confirmed and self.known(day.year)
        return Count(day, confirmed)

    def working_days_left(self, today: dt.date, due: dt.date) -> Count:
        """Working days from ``today`` to ``due``: 0 on the due day itself, N when
        ``due`` is the Nth working day after today, and -N when today is the Nth
        working day after ``due`` (late). ``Count.due`` holds the number as days
        past a fixed origin is not meaningful here, so the number is returned in
        ``n`` of the result."""
        sign, a, b = (1, today, due) if due >= today else (-1, due, today)
        n, day, confirmed = 0, a, self.known(a.year)
        while day < b:
            day += dt.timedelta(days=1)
            confirmed = confirmed and self.known(day.year)
            n += self.is_workday(day)
        return Count(due, confirmed, sign * n)


@lru_cache(maxsize=64)
def _library_knows(year: int) -> bool:
    import chinese_calendar

    try:
        chinese_calendar.is_workday(dt.date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


@lru_cache(maxsize=8192)
def _library_workday(day: dt.date) -> bool:
    """chinesecalendar's answer, remembered: the library scans its whole table
    to validate each date, which would otherwise dominate a decision's time."""
    import chinese_calendar

    return bool(chinese_calendar.is_workday(day))
