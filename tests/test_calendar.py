"""Working days as contract §2 counts them."""

from __future__ import annotations

import datetime as dt

import holidays
import pytest

from decision_service.answers.calendar import Calendar


@pytest.fixture(scope="module")
def cal():
    return Calendar.from_file()


def test_two_libraries_agree_2020_to_2026(cal):
    other = holidays.China(years=range(2020, 2027))
    day = dt.date(2020, 1, 1)
    disagreements = []
    while day <= dt.date(2026, 12, 31):
        if cal.is_workday(day) != other.is_working_day(day):
            disagreements.append(day)
        day += dt.timedelta(days=1)
    assert disagreements == []


def test_contract_example_ten_working_days(cal):
    assert cal.add_working_days(dt.date(2026, 11, 23), 10).due == dt.date(2026, 12, 7)


def test_national_day_is_skipped(cal):
    # 2026: 1–7 October off; 8 October is a working day.
    assert cal.add_working_days(dt.date(2026, 9, 30), 1).due == dt.date(2026, 10, 8)


def test_make_up_saturday_counts(cal):
    # 2026-10-10 (Saturday) is a make-up working day after National Day.
    assert cal.is_workday(dt.date(2026, 10, 10))
    assert cal.add_working_days(dt.date(2026, 10, 9), 1).due == dt.date(2026, 10, 10)


def test_unknown_year_is_counted_but_not_confirmed(cal):
    count = cal.add_working_days(dt.date(2026, 12, 28), 10)
    assert count.confirmed is False
    assert count.due == dt.date(2027, 1, 11)


def test_operator_file_confirms_a_new_year(tmp_path):
    f = tmp_path / "cal.yaml"
    f.write_text("years:\n  2027:\n    holidays: [2027-01-01]\n    workdays: []\n")
    cal = Calendar.from_file(f)
    count = cal.add_working_days(dt.date(2026, 12, 31), 1)
    assert count.confirmed is True
    assert count.due == dt.date(2027, 1, 4)


def test_in_advance_counts_backwards(cal):
    assert cal.subtract_working_days(dt.date(2026, 10, 8), 2).due == dt.date(2026, 9, 29)
