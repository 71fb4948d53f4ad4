"""Facts and statuses shared by the awards judged for one nominee and date: computed once,
told apart by everything they depend on."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from award_rules import load_catalog
from award_rules.context import Context
from award_rules.facts import (
    ONE_DAY,
    Duration,
    FactCache,
    _months_and_days,
    add_months,
    merge_spans,
    spans_length,
)
from award_rules.model import AbsenceKind, Individual
from award_rules.nominees import parse_nominee
from award_rules.vocabulary.annual import MonthsWorked, MonthsWorkedArgs, _working_days
from award_rules.vocabulary.holidays_vn import is_working_day
from award_rules.vocabulary.ratings import rating_levels
from award_rules.vocabulary.service import (
    MONTH_DAYS_DEN,
    MONTH_DAYS_NUM,
    MONTHS_SLACK,
    days_decide,
)
from award_rules.vocabulary.windows import LastYears, resolve_window

CATALOG = load_catalog()
ON = dt.date(2020, 12, 31)
REGISTRATION = "vss.year_end_registration"
ADVANCED = "vss.advanced_worker"
GRASSROOTS = "vss.grassroots_emulation_fighter"


def person(**extra: Any) -> Individual:
    data: dict[str, Any] = {
        "kind": "individual",
        "id": "NV-1",
        "full_name": "Nguyễn Văn A",
        "service": [{"unit_id": "U-1", "start": "2005-03-01", "in_sector": True}],
        "ratings": [{"year": y, "level": "excellent"} for y in range(2012, 2021)],
    }
    data.update(extra)
    nominee = parse_nominee(data)
    assert isinstance(nominee, Individual)
    return nominee


def context(nominee: Individual, award_id: str = ADVANCED, day: dt.date = ON) -> Context:
    return Context(nominee, day, award_id, day.year, FactCache(), CATALOG.index.resolve)


def test_only_criteria_that_read_the_award_judged_are_remembered_per_award() -> None:
    """The status cache names the award judged only where a leaf (or a reference) reads it."""
    index = CATALOG.index
    assert all(c.reads_award_id for c in index.compiled(REGISTRATION))
    assert all(c.reads_award_id for c in index.compiled(ADVANCED))  # through its reference
    assert not any(c.reads_award_id for c in index.compiled("national.advanced_worker"))
    assert all(c.referenced for c in index.compiled("national.advanced_worker"))
    assert not any(c.referenced for c in index.compiled("vss.dg_certificate.retirement"))


def test_a_status_reading_the_award_judged_is_not_shared_between_awards() -> None:
    """Registration for one title passes for that award and fails for another, in one cache."""
    registered = person(
        registrations=[{"year": 2020, "titles": [ADVANCED], "pledge_signed_on": "2020-02-01"}]
    )
    ctx = context(registered, ADVANCED)
    compiled = CATALOG.index.resolve(REGISTRATION, ON, 2020)
    assert compiled.holds(ctx) is True
    ctx.award_id = GRASSROOTS
    assert compiled.holds(ctx) is False
    statuses = CATALOG.statuses(registered, ON)
    for award_id, status in statuses.items():
        assert CATALOG.evaluate(registered, award_id, ON).status == status, award_id


def test_a_referenced_status_is_checked_once_per_nominee_and_date(
    computed_facts: list[Any],
) -> None:
    """national.advanced_worker, referenced by several awards, is checked once by statuses."""
    CATALOG.statuses(person(), ON)
    wanted = ("holds", "national.advanced_")
    checked = [k for k in computed_facts if k[0] == wanted[0] and k[1].startswith(wanted[1])]
    assert len(checked) == 1
    assert checked[0][4] is None  # the award judged is not part of the key


def test_a_window_is_made_concrete_once_per_date_and_year() -> None:
    """resolve_window computes a window once per context, afresh for another year."""
    ctx = context(person())
    first = resolve_window(LastYears(last_years=2), ctx)
    assert resolve_window(LastYears(last_years=2), ctx) is first
    assert ctx.facts.computed == 1
    ctx.year = 2019
    other = resolve_window(LastYears(last_years=2), ctx)
    assert other.ranges[0].start == dt.date(2018, 1, 1) != first.ranges[0].start
    assert resolve_window("ever", ctx).ranges[0].start is None
    assert resolve_window(LastYears(last_years=1), ctx).ranges[0].start == dt.date(2019, 1, 1)


def test_work_time_is_shared_per_kinds_of_absence_counted() -> None:
    """months_worked keeps one fact per set of absences counted as work, never mixing them."""
    trained = person(
        absences=[{"kind": "training", "start": "2020-01-01", "end": "2020-06-30"}],
    )
    ctx = context(trained)
    counted = MonthsWorkedArgs(min_months=10)
    deducted = MonthsWorkedArgs(min_months=10, counted_absences=(AbsenceKind.MATERNITY,))
    predicate = MonthsWorked()
    assert predicate.holds(counted, ctx) is True
    assert predicate.holds(deducted, ctx) is False
    computed = ctx.facts.computed
    assert predicate.holds(counted, ctx) is True
    assert predicate.holds(deducted, ctx) is False
    assert ctx.facts.computed == computed
    assert predicate.evaluate(deducted, ctx).passed is False


def test_rating_levels_are_indexed_once() -> None:
    """The ratings by year are built once per context and hold every rating."""
    nominee = person()
    ctx = context(nominee)
    levels = rating_levels(ctx)
    assert rating_levels(ctx) is levels
    assert levels == {r.year: r.level for r in nominee.ratings}


@given(
    start=st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)),
    length=st.integers(-3, 800),
)
def test_working_days_count_monday_to_friday(start: dt.date, length: int) -> None:
    """Working days counted by whole weeks, less weekday holidays, equal a day-by-day count."""
    end = start + dt.timedelta(days=length)
    expected = sum(
        1 for n in range(max(0, length + 1)) if is_working_day(start + dt.timedelta(days=n))
    )
    assert _working_days(start, end) == expected


@given(
    st.lists(
        st.tuples(st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)), st.integers(0, 2000)),
        max_size=5,
    )
)
def test_service_length_adds_calendar_parts(pairs: list[tuple[dt.date, int]]) -> None:
    """spans_length gives each span's calendar months and days, summed with 30-day months."""
    spans = [(start, start + dt.timedelta(days=days)) for start, days in pairs]
    parts = [_months_and_days(start, end + ONE_DAY) for start, end in spans]
    if len(parts) == 1:
        months, days = parts[0]
        expected = Duration(months // 12, months % 12, days)
    else:
        days = sum(d for _, d in parts)
        months = sum(m for m, _ in parts) + days // 30
        expected = Duration(months // 12, months % 12, days % 30)
    assert spans_length(spans) == expected


@given(
    st.lists(
        st.tuples(st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)), st.integers(0, 2500)),
        max_size=6,
    ),
    st.integers(0, 480),
)
def test_days_served_decide_only_what_the_calendar_count_decides(
    pairs: list[tuple[dt.date, int]], months: int
) -> None:
    """When the days served decide a threshold of months, the legal count agrees."""
    spans = merge_spans((start, start + dt.timedelta(days=days)) for start, days in pairs)
    decided = days_decide(spans, months)
    if decided is not None:
        length = spans_length(spans)
        assert (12 * length.years + length.months >= months) is decided
        assert (length >= Duration.of_years(months // 12, months % 12)) is decided


def test_days_decide_leaves_the_edge_of_a_threshold_to_the_calendar() -> None:
    """Ten years less a day, or exactly ten years, are counted by the calendar."""
    start = dt.date(2010, 7, 20)
    assert days_decide([(start, dt.date(2020, 7, 18))], 120) is None
    assert days_decide([(start, dt.date(2020, 7, 19))], 120) is None
    assert days_decide([(start, dt.date(2012, 1, 1))], 120) is False
    assert days_decide([(start, dt.date(2021, 1, 1))], 120) is True


def test_the_days_decide_the_clear_cases_a_month_of_28_to_31_days_left_open() -> None:
    """Half a year short, or a quarter over, is told by the days alone (the calendar count
    runs only near the threshold)."""
    start = dt.date(2010, 7, 20)
    assert days_decide([(start, dt.date(2020, 1, 31))], 120) is False
    assert days_decide([(start, dt.date(2020, 10, 31))], 120) is True
    two = [(start, dt.date(2015, 1, 31)), (dt.date(2015, 3, 1), dt.date(2019, 12, 31))]
    assert days_decide(two, 120) is False


@given(st.dates(dt.date(1900, 1, 1), dt.date(2199, 12, 31)), st.integers(0, 3600))
def test_months_from_any_day_stay_within_the_slack_of_mean_months(
    start: dt.date, months: int
) -> None:
    """``m`` calendar months from any day last ``m`` mean months give or take
    ``MONTHS_SLACK`` days (the bound days_decide rests on)."""
    anchor = add_months(start, months)
    if anchor.year <= 2200:
        error = (anchor - start).days * MONTH_DAYS_DEN - months * MONTH_DAYS_NUM
        assert abs(error) <= MONTHS_SLACK * MONTH_DAYS_DEN
