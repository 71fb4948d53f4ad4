"""The shipped table of Vietnam's public holidays (vocabulary/holidays_vn.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from award_rules.context import Context
from award_rules.vocabulary import holidays_vn
from predicate_helpers import bind, person, predicate


def test_the_table_matches_the_holidays_package() -> None:
    """The shipped table is what the `holidays` package gives for Vietnam, 2004-2035."""
    pytest.importorskip("holidays")
    assert holidays_vn.generate() == holidays_vn._TABLE


def test_the_table_covers_its_years() -> None:
    """Every year 2004-2035 has New Year's Day, National Day and the Lunar New Year."""
    for year in range(holidays_vn.FIRST_YEAR, holidays_vn.LAST_YEAR + 1):
        names = {holidays_vn.holiday_name(d) for d in holidays_vn.HOLIDAYS if d.year == year}
        assert {"New Year's Day", "National Day", "Lunar New Year"} <= names, year


def test_working_days_leave_out_weekends_and_holidays() -> None:
    """Tết 2019 (4-8 February) and 2 September 2019 are not working days."""
    assert holidays_vn.working_days(dt.date(2019, 2, 4), dt.date(2019, 2, 8)) == 0
    assert holidays_vn.working_days(dt.date(2019, 2, 1), dt.date(2019, 2, 11)) == 2
    assert not holidays_vn.is_working_day(dt.date(2019, 9, 2))
    assert holidays_vn.is_working_day(dt.date(2019, 9, 3))
    assert not holidays_vn.is_working_day(dt.date(2019, 9, 7))  # a Saturday


def test_years_outside_the_table_count_weekdays_only() -> None:
    """1 January 2040 is a Sunday; 2 January 2040, a Monday, counts (no table)."""
    assert holidays_vn.working_days(dt.date(2040, 1, 1), dt.date(2040, 1, 2)) == 1


def test_absence_days_leaves_out_public_holidays() -> None:
    """Sick leave over Tết 2016 counts only the working days around it."""
    nominee = person(
        service=[{"start": "2010-01-01"}],
        absences=[{"kind": "sick", "start": "2016-02-01", "end": "2016-02-19"}],
    )
    ctx = Context(nominee, dt.date(2016, 12, 31), award_id="national.advanced_worker")
    outcome = predicate("absence_days").evaluate(bind("absence_days", {"fewer_than": 40}), ctx)
    assert outcome.found == 10  # 15 weekdays less Tết, 8-12 February
