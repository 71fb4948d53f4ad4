"""Tests for award_rules.facts: durations, service length, windows, streaks, caching."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from award_rules.facts import (
    DateRange,
    Duration,
    FactCache,
    add_months,
    add_years,
    award_matches,
    awards_in,
    disciplines_in,
    merge_periods,
    rating_streak,
    service_length,
    spans_length,
    unit_age,
)
from award_rules.model import (
    AwardRecord,
    Discipline,
    DisciplineForm,
    Rating,
    RatingLevel,
    ServicePeriod,
)

# --------------------------------------------------------------------------- helpers

TEN_YEARS = Duration.of_years(10)


def d(text: str) -> dt.date:
    """A date from its ISO text."""
    return dt.date.fromisoformat(text)


def period(start: str, end: str | None = None, *, in_sector: bool = True) -> ServicePeriod:
    """A service period from ISO strings; ``end`` inclusive, None for open."""
    return ServicePeriod(start=d(start), end=d(end) if end else None, in_sector=in_sector)


def year_range(first: int, last: int) -> DateRange:
    """The inclusive DateRange from 1 January ``first`` to 31 December ``last``."""
    return DateRange(dt.date(first, 1, 1), dt.date(last, 12, 31))


def discipline(form: DisciplineForm, decided_on: str) -> Discipline:
    """A discipline record decided on an ISO date."""
    return Discipline(form=form, decided_on=d(decided_on))


def ratings(levels: dict[int, RatingLevel]) -> list[Rating]:
    """Rating records from a year -> level mapping."""
    return [Rating(year=year, level=level) for year, level in levels.items()]


GOOD, EXCELLENT, COMPLETED = RatingLevel.GOOD, RatingLevel.EXCELLENT, RatingLevel.COMPLETED

# --------------------------------------------------------------------------- Duration.between


@pytest.mark.parametrize(
    ("start", "end_exclusive", "expected"),
    [
        ("2010-07-20", "2020-07-20", Duration(10, 0, 0)),
        ("2010-07-20", "2020-07-19", Duration(9, 11, 29)),
        ("2010-08-20", "2020-08-19", Duration(9, 11, 30)),
        ("2020-01-01", "2020-01-02", Duration(0, 0, 1)),
        ("2020-01-01", "2021-01-01", Duration(1, 0, 0)),
        ("2020-03-15", "2020-05-10", Duration(0, 1, 25)),
        ("2019-12-15", "2020-01-10", Duration(0, 0, 26)),  # across the new year
        ("2021-01-15", "2021-03-01", Duration(0, 1, 14)),
        ("2020-01-15", "2020-03-01", Duration(0, 1, 15)),  # leap February
    ],
)
def test_between_calendar_difference(start: str, end_exclusive: str, expected: Duration) -> None:
    """Duration.between gives whole calendar months from start, then the remaining days."""
    assert Duration.between(d(start), d(end_exclusive)) == expected


def test_between_exactly_ten_years_meets_threshold() -> None:
    """2010-07-20 up to (excluding) 2020-07-20 is >= 10 years; a day less is not."""
    assert Duration.between(d("2010-07-20"), d("2020-07-20")) >= TEN_YEARS
    assert Duration.between(d("2010-07-20"), d("2020-07-19")) < TEN_YEARS


@pytest.mark.parametrize(
    ("start", "end_exclusive", "expected"),
    [
        ("2021-01-31", "2021-03-01", Duration(0, 1, 1)),  # 31 Jan + 1 month = 28 Feb, + 1 day
        ("2020-01-31", "2020-03-01", Duration(0, 1, 1)),  # 31 Jan + 1 month = 29 Feb, + 1 day
        ("2021-01-30", "2021-03-01", Duration(0, 1, 1)),
        ("2021-01-31", "2021-02-28", Duration(0, 1, 0)),  # the month is clamped to 28 Feb
        ("2021-01-31", "2021-02-27", Duration(0, 0, 27)),
        ("2021-01-31", "2021-03-31", Duration(0, 2, 0)),
        ("2021-01-31", "2021-03-30", Duration(0, 1, 30)),
        ("2021-03-31", "2021-05-01", Duration(0, 1, 1)),  # 31 Mar + 1 month = 30 Apr
    ],
)
def test_between_month_end_start(start: str, end_exclusive: str, expected: Duration) -> None:
    """From a month-end day, a month lands on the last day of a shorter month; never negative."""
    result = Duration.between(d(start), d(end_exclusive))
    assert result == expected
    assert 0 <= result.months < 12
    assert 0 <= result.days < 31


@pytest.mark.parametrize(
    ("start", "end_exclusive", "expected"),
    [
        ("2020-02-29", "2021-02-28", Duration(1, 0, 0)),
        ("2020-02-29", "2021-02-27", Duration(0, 11, 29)),
        ("2020-02-29", "2021-03-01", Duration(1, 0, 1)),
        ("2020-02-29", "2024-02-29", Duration(4, 0, 0)),
        ("2020-02-29", "2020-03-29", Duration(0, 1, 0)),
        ("2019-02-28", "2020-02-29", Duration(1, 0, 1)),
    ],
)
def test_between_leap_day(start: str, end_exclusive: str, expected: Duration) -> None:
    """From 29 February, a year is reached on 28 February of a common year (as add_years)."""
    assert Duration.between(d(start), d(end_exclusive)) == expected


def test_between_leap_day_agrees_with_add_years() -> None:
    """Duration.between and add_years agree on the anniversary of 29 February."""
    start = d("2016-02-29")
    for years in range(1, 9):
        assert Duration.between(start, add_years(start, years)) == Duration.of_years(years)


@pytest.mark.parametrize(
    ("start", "end_exclusive"),
    [("2020-07-20", "2020-07-20"), ("2020-07-20", "2020-07-19"), ("2020-07-20", "1990-01-01")],
)
def test_between_empty_or_negative_range_is_zero(start: str, end_exclusive: str) -> None:
    """An empty or reversed range gives a zero Duration, never a negative one."""
    assert Duration.between(d(start), d(end_exclusive)) == Duration()


# --------------------------------------------------------------------------- Duration arithmetic


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (Duration(1, 2, 3), Duration(4, 5, 6), Duration(5, 7, 9)),
        (Duration(0, 0, 20), Duration(0, 0, 15), Duration(0, 1, 5)),
        (Duration(0, 0, 15), Duration(0, 0, 15), Duration(0, 1, 0)),
        (Duration(0, 0, 29), Duration(0, 0, 0), Duration(0, 0, 29)),
        (Duration(0, 11, 0), Duration(0, 1, 0), Duration(1, 0, 0)),
        (Duration(0, 7, 0), Duration(0, 8, 0), Duration(1, 3, 0)),
        (Duration(0, 11, 20), Duration(0, 0, 10), Duration(1, 0, 0)),  # carries twice
        (Duration(4, 11, 29), Duration(5, 0, 1), Duration(10, 0, 0)),
        (Duration(0, 0, 30), Duration(0, 0, 1), Duration(0, 1, 1)),  # 30 days make a month
        (Duration(0, 0, 30), Duration(0, 0, 30), Duration(0, 2, 0)),
    ],
)
def test_duration_addition_normalises(a: Duration, b: Duration, expected: Duration) -> None:
    """Adding durations carries 30 days into a month and 12 months into a year."""
    assert a + b == expected


@pytest.mark.parametrize(
    "calendar_form", [Duration(9, 11, 30), Duration(0, 0, 30), Duration(1, 2, 3), Duration()]
)
def test_duration_zero_is_identity(calendar_form: Duration) -> None:
    """Adding zero keeps a duration's calendar form (9y 11m 30d stays short of 10 years)."""
    assert calendar_form + Duration() == calendar_form
    assert Duration() + calendar_form == calendar_form


def test_duration_truthiness() -> None:
    """Only the zero Duration is falsy."""
    assert not Duration()
    assert Duration(0, 0, 1)
    assert Duration(0, 1, 0)
    assert Duration(1, 0, 0)


def test_of_years_normalises_months() -> None:
    """Duration.of_years builds a threshold and folds months >= 12 into years."""
    assert Duration.of_years(10) == Duration(10, 0, 0)
    assert Duration.of_years(1, 18) == Duration(2, 6, 0)
    assert Duration.of_years(0, 12) == Duration(1, 0, 0)


@pytest.mark.parametrize(
    ("smaller", "larger"),
    [
        (Duration(), Duration(0, 0, 1)),
        (Duration(0, 0, 30), Duration(0, 1, 0)),
        (Duration(0, 11, 30), Duration(1, 0, 0)),
        (Duration(9, 11, 29), Duration(10)),
        (Duration(9, 11, 30), Duration(10)),
        (Duration(1, 0, 0), Duration(1, 0, 1)),
        (Duration(1, 11, 30), Duration(2, 0, 0)),
    ],
)
def test_duration_ordering(smaller: Duration, larger: Duration) -> None:
    """Durations order by years, then months, then days."""
    assert smaller < larger
    assert smaller <= larger
    assert larger > smaller
    assert larger >= smaller
    assert smaller != larger
    assert not larger < smaller


def test_duration_equality_and_hash() -> None:
    """Equal durations compare equal and hash equally; they equal nothing else."""
    assert Duration(1, 2, 3) == Duration(years=1, months=2, days=3)
    assert hash(Duration(1, 2, 3)) == hash(Duration(1, 2, 3))
    assert Duration(1, 2, 3) <= Duration(1, 2, 3)
    assert Duration(1, 2, 3) >= Duration(1, 2, 3)
    assert Duration(1) != (1, 0, 0)


def test_duration_refuses_ordering_against_other_types() -> None:
    """Ordering a Duration against a non-Duration raises TypeError."""
    with pytest.raises(TypeError):
        _ = Duration(1) < 1  # type: ignore[operator]


def test_duration_to_dict() -> None:
    """to_dict gives the JSON-ready years/months/days mapping."""
    assert Duration(3, 4, 5).to_dict() == {"years": 3, "months": 4, "days": 5}


def test_duration_is_immutable() -> None:
    """A Duration cannot be changed after creation."""
    duration = Duration(1)
    with pytest.raises(AttributeError):
        duration.years = 2  # type: ignore[misc]
    assert duration.years == 1


# --------------------------------------------------------------------------- DateRange


@pytest.mark.parametrize(
    ("day", "inside"),
    [
        ("2019-12-31", False),
        ("2020-01-01", True),
        ("2020-06-15", True),
        ("2020-12-31", True),
        ("2021-01-01", False),
    ],
)
def test_date_range_inclusive_bounds(day: str, inside: bool) -> None:
    """A DateRange contains both of its end days and nothing beyond."""
    assert (d(day) in year_range(2020, 2020)) is inside


def test_date_range_unbounded_sides() -> None:
    """None on either side of a DateRange means unbounded."""
    assert d("1900-01-01") in DateRange(None, d("2020-01-01"))
    assert d("2020-01-02") not in DateRange(None, d("2020-01-01"))
    assert d("2200-01-01") in DateRange(d("2020-01-01"), None)
    assert d("2019-12-31") not in DateRange(d("2020-01-01"), None)
    assert d("2000-01-01") in DateRange(None, None)


def test_date_range_non_date_not_contained() -> None:
    """Objects that are not dates are never in a DateRange."""
    assert "2020-01-01" not in DateRange(None, None)
    assert 2020 not in DateRange(None, None)


def test_date_range_years() -> None:
    """DateRange.years lists the calendar years touched; unbounded ranges refuse."""
    assert list(DateRange(d("2018-07-01"), d("2020-01-01")).years()) == [2018, 2019, 2020]
    with pytest.raises(ValueError, match="unbounded"):
        DateRange(None, d("2020-01-01")).years()


# --------------------------------------------------------------------------- service_length


def test_service_exactly_ten_years_inclusive_end() -> None:
    """20/07/2010 to 19/07/2020 (inclusive) is exactly 10 years; a day less is not."""
    cutoff = d("2025-01-01")
    assert service_length([period("2010-07-20", "2020-07-19")], cutoff) == TEN_YEARS
    assert service_length([period("2010-07-20", "2020-07-19")], cutoff) >= TEN_YEARS
    assert service_length([period("2010-07-20", "2020-07-18")], cutoff) < TEN_YEARS


def test_service_one_day_short_of_ten_years_after_31_day_month() -> None:
    """20/08/2010 to 18/08/2020 (inclusive) is 9y 11m 30d, not rounded up to 10 years."""
    length = service_length([period("2010-08-20", "2020-08-18")], d("2025-01-01"))
    assert length == Duration(9, 11, 30)
    assert length < TEN_YEARS
    assert service_length([period("2010-08-20", "2020-08-19")], d("2025-01-01")) == TEN_YEARS


def test_service_overlapping_periods_counted_once() -> None:
    """Overlapping periods are merged: the overlap counts once."""
    periods = [period("2000-01-01", "2005-12-31"), period("2003-01-01", "2008-12-31")]
    assert service_length(periods, d("2020-01-01")) == Duration(9)


def test_service_contained_period_adds_nothing() -> None:
    """A period inside another adds no time."""
    periods = [period("2000-01-01", "2009-12-31"), period("2002-03-04", "2003-05-06")]
    assert service_length(periods, d("2020-01-01")) == Duration(10)


def test_service_touching_periods_merged_into_one_span() -> None:
    """Touching periods (31/12 then 01/01) count as one calendar span, not two added parts."""
    periods = [period("2010-07-20", "2015-12-31"), period("2016-01-01", "2020-07-19")]
    assert merge_periods(periods, d("2025-01-01")) == [(d("2010-07-20"), d("2020-07-19"))]
    # Added separately the parts would give 5y5m12d + 4y6m19d = 10y0m1d.
    assert service_length(periods, d("2025-01-01")) == TEN_YEARS


def test_service_gap_not_counted() -> None:
    """The gap between two periods is not counted."""
    periods = [period("2000-01-01", "2004-12-31"), period("2006-01-01", "2010-12-31")]
    assert service_length(periods, d("2020-01-01")) == Duration(10)


def test_service_separate_periods_added_with_30_day_months() -> None:
    """Separate periods are added component-wise with 30 days making a month."""
    periods = [period("2020-01-01", "2020-01-20"), period("2020-03-01", "2020-03-15")]
    # 20 days + 15 days = 35 days = 1 month 5 days.
    assert service_length(periods, d("2021-01-01")) == Duration(0, 1, 5)


@pytest.mark.parametrize(
    ("cutoff", "expected"),
    [
        ("2020-07-19", TEN_YEARS),
        ("2020-07-18", Duration(9, 11, 29)),
        ("2010-07-20", Duration(0, 0, 1)),
    ],
)
def test_service_open_period_runs_to_cutoff_inclusive(cutoff: str, expected: Duration) -> None:
    """An open period runs to the cut-off date, which counts as a day worked."""
    assert service_length([period("2010-07-20")], d(cutoff)) == expected


def test_service_period_starting_after_cutoff_ignored() -> None:
    """A period starting after the cut-off adds nothing."""
    periods = [period("2000-01-01", "2004-12-31"), period("2021-01-01")]
    assert service_length(periods, d("2020-12-31")) == Duration(5)
    assert service_length([period("2021-01-01")], d("2020-12-31")) == Duration()


def test_service_period_ending_after_cutoff_clipped() -> None:
    """A period ending after the cut-off counts only up to the cut-off."""
    periods = [period("2010-07-20", "2030-01-01")]
    assert service_length(periods, d("2020-07-19")) == TEN_YEARS


def test_service_in_sector_only() -> None:
    """in_sector_only=True (the default) excludes out-of-sector periods; False includes them."""
    periods = [
        period("2000-01-01", "2004-12-31"),
        period("2005-01-01", "2009-12-31", in_sector=False),
    ]
    cutoff = d("2020-01-01")
    assert service_length(periods, cutoff) == Duration(5)
    assert service_length(periods, cutoff, in_sector_only=True) == Duration(5)
    assert service_length(periods, cutoff, in_sector_only=False) == Duration(10)


def test_service_no_periods_is_zero() -> None:
    """No service gives a zero Duration."""
    assert service_length([], d("2020-01-01")) == Duration()


def test_spans_length_adds_inclusive_spans() -> None:
    """spans_length sums inclusive spans; a single span keeps its calendar form."""
    assert spans_length([]) == Duration()
    assert spans_length([(d("2010-08-20"), d("2020-08-18"))]) == Duration(9, 11, 30)
    assert spans_length([(d("2020-01-01"), d("2020-01-01"))]) == Duration(0, 0, 1)
    two = [(d("2020-01-01"), d("2020-01-20")), (d("2020-03-01"), d("2020-03-15"))]
    assert spans_length(two) == Duration(0, 1, 5)


# --------------------------------------------------------------------------- merge_periods


def test_merge_periods_shape() -> None:
    """merge_periods returns sorted, clipped, merged (start, end) date pairs."""
    periods = [
        period("2012-01-01", "2013-06-30"),
        period("2000-01-01", "2002-12-31"),
        period("2002-06-01", "2004-12-31"),  # overlaps the previous
        period("2005-01-01", "2005-12-31"),  # touches the previous
        period("2008-01-01", "2008-12-31", in_sector=False),
        period("2013-01-01"),  # open, overlaps 2012-2013
        period("2030-01-01"),  # after the cut-off
    ]
    merged = merge_periods(periods, d("2020-12-31"))
    assert merged == [
        (d("2000-01-01"), d("2005-12-31")),
        (d("2012-01-01"), d("2020-12-31")),
    ]
    assert all(isinstance(pair, tuple) and len(pair) == 2 for pair in merged)


def test_merge_periods_includes_out_of_sector_when_asked() -> None:
    """With in_sector_only=False, out-of-sector periods are merged in too."""
    periods = [
        period("2000-01-01", "2004-12-31"),
        period("2005-01-01", "2009-12-31", in_sector=False),
    ]
    merged = merge_periods(periods, d("2020-01-01"), in_sector_only=False)
    assert merged == [(d("2000-01-01"), d("2009-12-31"))]


def test_merge_periods_keeps_one_day_gap() -> None:
    """Periods separated by one free day are not merged."""
    periods = [period("2000-01-01", "2000-01-10"), period("2000-01-12", "2000-01-20")]
    assert merge_periods(periods, d("2001-01-01")) == [
        (d("2000-01-01"), d("2000-01-10")),
        (d("2000-01-12"), d("2000-01-20")),
    ]


def test_merge_periods_period_starting_on_cutoff_kept() -> None:
    """A period starting on the cut-off day is kept as a one-day span."""
    assert merge_periods([period("2020-01-01")], d("2020-01-01")) == [
        (d("2020-01-01"), d("2020-01-01"))
    ]


# --------------------------------------------------------------------------- unit_age


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("2020-07-20", Duration(10)),
        ("2020-07-19", Duration(9, 11, 29)),
        ("2010-07-21", Duration(0, 0, 1)),
        ("2010-07-20", Duration()),
        ("2009-01-01", Duration()),
    ],
)
def test_unit_age(as_of: str, expected: Duration) -> None:
    """A unit founded 20/07/2010 is 10 years old on 20/07/2020, not the day before."""
    assert unit_age(d("2010-07-20"), d(as_of)) == expected


def test_unit_age_ten_year_threshold() -> None:
    """unit_age meets 10 years exactly on the anniversary and not one day earlier."""
    assert unit_age(d("2010-07-20"), d("2020-07-20")) >= TEN_YEARS
    assert unit_age(d("2010-07-20"), d("2020-07-19")) < TEN_YEARS


# --------------------------------------------------------------------------- disciplines_in

RECORDS = [
    discipline(DisciplineForm.REPRIMAND, "2015-03-01"),
    discipline(DisciplineForm.WARNING, "2017-12-31"),
    discipline(DisciplineForm.DEMOTION, "2019-01-01"),
]


@pytest.mark.parametrize(
    ("window", "expected_dates"),
    [
        ([year_range(2015, 2015)], ["2015-03-01"]),
        ([year_range(2016, 2017)], ["2017-12-31"]),
        ([DateRange(d("2018-01-01"), d("2019-01-01"))], ["2019-01-01"]),
        ([DateRange(d("2019-01-02"), None)], []),
        ([year_range(2015, 2015), year_range(2019, 2019)], ["2015-03-01", "2019-01-01"]),
        ([DateRange(None, None)], ["2015-03-01", "2017-12-31", "2019-01-01"]),
        ([], []),
    ],
    ids=["one-year", "bound-end", "bound-start", "after-all", "two-ranges", "unbounded", "empty"],
)
def test_disciplines_in_window(window: list[DateRange], expected_dates: list[str]) -> None:
    """Disciplines decided inside any range of the window (inclusive) are returned in order."""
    found = disciplines_in(RECORDS, window)
    assert [r.decided_on for r in found] == [d(x) for x in expected_dates]


@pytest.mark.parametrize(
    ("min_form", "expected_forms"),
    [
        (
            DisciplineForm.REPRIMAND,
            [DisciplineForm.REPRIMAND, DisciplineForm.WARNING, DisciplineForm.DEMOTION],
        ),
        (DisciplineForm.WARNING, [DisciplineForm.WARNING, DisciplineForm.DEMOTION]),
        (DisciplineForm.SALARY_DOWNGRADE, [DisciplineForm.DEMOTION]),
        (DisciplineForm.DEMOTION, [DisciplineForm.DEMOTION]),
        (DisciplineForm.FORCED_RESIGNATION, []),
    ],
)
def test_disciplines_in_min_form(
    min_form: DisciplineForm, expected_forms: list[DisciplineForm]
) -> None:
    """Only disciplines of min_form or heavier are returned."""
    found = disciplines_in(RECORDS, [DateRange(None, None)], min_form=min_form)
    assert [r.form for r in found] == expected_forms


# --------------------------------------------------------------------------- awards


@pytest.mark.parametrize(
    ("record", "wanted", "matches"),
    [
        ("a.b", "a.b", True),
        ("a.b.c", "a.b", True),
        ("a.b.c.d", "a.b", True),
        ("a.bc", "a.b", False),
        ("a", "a.b", False),
        ("a.b", "a", True),
        ("ab", "a", False),
        ("x.a.b", "a.b", False),
    ],
)
def test_award_matches_dotted_sub_ids(record: str, wanted: str, matches: bool) -> None:
    """An award id matches itself and its dotted sub-ids, never a mere prefix."""
    assert award_matches(record, wanted) is matches


def award(name: str, year: int, decided_on: str | None = None) -> AwardRecord:
    """An award record, optionally with its decision date."""
    return AwardRecord(award=name, year=year, decided_on=d(decided_on) if decided_on else None)


def test_awards_in_by_decided_on() -> None:
    """With a decision date, the date (not the year) decides whether it is in the window."""
    inside = award("bang_khen.tgd", 2020, "2020-12-31")
    decided_next_year = award("bang_khen.tgd", 2020, "2021-01-15")
    found = awards_in([inside, decided_next_year], "bang_khen.tgd", [year_range(2020, 2020)])
    assert found == [inside]


def test_awards_in_by_year_without_decided_on() -> None:
    """Without a decision date, the award's year is compared with the window's years."""
    in_start_year = award("bang_khen.tgd", 2020)
    in_end_year = award("bang_khen.tgd", 2021)
    before = award("bang_khen.tgd", 2019)
    after = award("bang_khen.tgd", 2022)
    window = [DateRange(d("2020-06-01"), d("2021-05-31"))]
    found = awards_in([before, in_start_year, in_end_year, after], "bang_khen.tgd", window)
    assert found == [in_start_year, in_end_year]


def test_awards_in_by_year_with_unbounded_window() -> None:
    """An open-ended range bounds the year on one side only."""
    old, new = award("x", 1995), award("x", 2020)
    assert awards_in([old, new], "x", [DateRange(None, d("2000-01-01"))]) == [old]
    assert awards_in([old, new], "x", [DateRange(d("2000-01-01"), None)]) == [new]


def test_awards_in_filters_by_award_id() -> None:
    """Only awards whose id matches (itself or dotted sub-id) are returned."""
    exact = award("bang_khen.tgd", 2020)
    sub = award("bang_khen.tgd.dac_cach", 2020)
    prefix_only = award("bang_khen.tgdx", 2020)
    other = award("co_thi_dua", 2020)
    found = awards_in([exact, sub, prefix_only, other], "bang_khen.tgd", [DateRange(None, None)])
    assert found == [exact, sub]


def test_awards_in_empty_window_finds_nothing() -> None:
    """An empty window contains no awards."""
    assert awards_in([award("x", 2020), award("x", 2020, "2020-01-01")], "x", []) == []


# --------------------------------------------------------------------------- rating_streak


@pytest.mark.parametrize(
    ("levels", "end_year", "min_level", "expected"),
    [
        ({y: GOOD for y in range(2016, 2021)}, 2020, GOOD, 5),
        ({2018: EXCELLENT, 2019: GOOD, 2020: EXCELLENT}, 2020, GOOD, 3),
        ({2016: GOOD, 2017: GOOD, 2019: GOOD, 2020: GOOD}, 2020, GOOD, 2),  # 2018 missing
        ({2017: GOOD, 2018: GOOD, 2019: COMPLETED, 2020: GOOD}, 2020, GOOD, 1),  # 2019 lower
        ({2019: GOOD, 2020: COMPLETED}, 2020, GOOD, 0),
        ({2018: GOOD, 2019: GOOD}, 2020, GOOD, 0),  # end year unrated
        ({y: GOOD for y in range(2016, 2021)}, 2018, GOOD, 3),  # later years ignored
        ({y: GOOD for y in range(2016, 2021)}, 2020, EXCELLENT, 0),
        ({2019: RatingLevel.NOT_COMPLETED, 2020: COMPLETED}, 2020, RatingLevel.NOT_COMPLETED, 2),
        ({}, 2020, COMPLETED, 0),
    ],
)
def test_rating_streak(
    levels: dict[int, RatingLevel], end_year: int, min_level: RatingLevel, expected: int
) -> None:
    """Counts consecutive years back from end_year rated min_level or better."""
    assert rating_streak(ratings(levels), end_year, min_level) == expected


# --------------------------------------------------------------------------- add_years


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [
        ("2020-02-29", 1, "2021-02-28"),
        ("2020-02-29", 4, "2024-02-29"),
        ("2020-02-29", -1, "2019-02-28"),
        ("2020-02-29", 0, "2020-02-29"),
        ("2019-03-15", 5, "2024-03-15"),
        ("2020-02-28", 1, "2021-02-28"),
        ("2020-12-31", -10, "2010-12-31"),
    ],
)
def test_add_years(day: str, years: int, expected: str) -> None:
    """add_years moves whole years; 29 February becomes 28 February in common years."""
    assert add_years(d(day), years) == d(expected)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        ("2021-01-31", 1, "2021-02-28"),
        ("2020-01-31", 1, "2020-02-29"),
        ("2021-03-31", 1, "2021-04-30"),
        ("2021-03-31", -1, "2021-02-28"),
        ("2020-11-15", 2, "2021-01-15"),
        ("2021-01-15", -1, "2020-12-15"),
        ("2020-02-29", 12, "2021-02-28"),
        ("2020-05-05", 0, "2020-05-05"),
        ("2020-05-05", -125, "2009-12-05"),
    ],
)
def test_add_months(day: str, months: int, expected: str) -> None:
    """add_months moves whole months, clamping to the end of a shorter month."""
    assert add_months(d(day), months) == d(expected)


# --------------------------------------------------------------------------- FactCache


def test_fact_cache_computes_once_per_key() -> None:
    """FactCache.get calls compute once per key and counts the computations."""
    cache = FactCache()
    calls: list[str] = []

    def compute(name: str) -> object:
        def run() -> object:
            calls.append(name)
            return {"value": name}

        return run

    first = cache.get(("service_length", 2020), compute("a"))
    again = cache.get(("service_length", 2020), compute("a-again"))
    other = cache.get(("service_length", 2021), compute("b"))
    assert calls == ["a", "b"]
    assert again is first
    assert other == {"value": "b"}
    assert cache.computed == 2


def test_fact_cache_caches_falsy_values() -> None:
    """None and other falsy results are cached, not recomputed."""
    cache = FactCache()
    calls = []

    def compute() -> None:
        calls.append(1)

    assert cache.get("k", compute) is None
    assert cache.get("k", compute) is None
    assert len(calls) == 1
    assert cache.computed == 1


def test_fact_cache_does_not_cache_failures() -> None:
    """A compute that raises is not cached: the next get tries again."""
    cache = FactCache()

    def fail() -> int:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        cache.get("k", fail)
    assert cache.computed == 0
    assert cache.get("k", lambda: 7) == 7
    assert cache.computed == 1


def test_fact_cache_starts_empty() -> None:
    """A new cache has computed nothing."""
    assert FactCache().computed == 0


# --------------------------------------------------------------------------- properties

DATES = st.dates(min_value=dt.date(1960, 1, 1), max_value=dt.date(2060, 12, 31))
NORMALISED = st.builds(
    Duration,
    years=st.integers(0, 60),
    months=st.integers(0, 11),
    days=st.integers(0, 29),
)


@given(start=DATES, cutoff_a=DATES, cutoff_b=DATES)
def test_property_service_length_monotone_in_cutoff(
    start: dt.date, cutoff_a: dt.date, cutoff_b: dt.date
) -> None:
    """Service of a single open period never decreases as the cut-off moves later."""
    early, late = sorted([cutoff_a, cutoff_b])
    periods = [ServicePeriod(start=start)]
    assert service_length(periods, early) <= service_length(periods, late)


@given(start=DATES, length=st.integers(0, 20_000), cutoff_a=DATES, cutoff_b=DATES)
def test_property_closed_period_monotone_in_cutoff(
    start: dt.date, length: int, cutoff_a: dt.date, cutoff_b: dt.date
) -> None:
    """Service of a closed period never decreases as the cut-off moves later."""
    early, late = sorted([cutoff_a, cutoff_b])
    periods = [ServicePeriod(start=start, end=start + dt.timedelta(days=length))]
    assert service_length(periods, early) <= service_length(periods, late)


@given(start=DATES, end=DATES)
def test_property_between_normalised_and_consistent(start: dt.date, end: dt.date) -> None:
    """between is normalised, and start + its months + its days lands back on the end."""
    result = Duration.between(start, end)
    assert result.years >= 0
    assert 0 <= result.months < 12
    assert 0 <= result.days < 31
    if end > start:
        months = result.years * 12 + result.months
        assert add_months(start, months) + dt.timedelta(days=result.days) == end
        assert add_months(start, months + 1) > end


@given(start=DATES, end_a=DATES, end_b=DATES)
def test_property_between_monotone_in_end(start: dt.date, end_a: dt.date, end_b: dt.date) -> None:
    """between never decreases as the end moves later."""
    early, late = sorted([end_a, end_b])
    assert Duration.between(start, early) <= Duration.between(start, late)


@given(a=NORMALISED, b=NORMALISED, c=NORMALISED)
def test_property_duration_addition_commutative_associative(
    a: Duration, b: Duration, c: Duration
) -> None:
    """Duration addition is commutative and associative."""
    assert a + b == b + a
    assert (a + b) + c == a + (b + c)


@given(a=NORMALISED, b=NORMALISED)
def test_property_duration_addition_normalised_and_monotone(a: Duration, b: Duration) -> None:
    """A sum is normalised, has zero as identity and is never smaller than either part."""
    total = a + b
    assert 0 <= total.months < 12
    assert 0 <= total.days < 30
    assert a + Duration() == a
    assert total >= a
    assert total >= b


@given(start=DATES, years=st.integers(1, 40))
def test_property_anniversary_is_whole_years(start: dt.date, years: int) -> None:
    """On the add_years anniversary a unit is exactly N years old; the day before, less."""
    anniversary = add_years(start, years)
    assert Duration.between(start, anniversary) == Duration.of_years(years)
    assert unit_age(start, anniversary - dt.timedelta(days=1)) < Duration.of_years(years)


@given(
    spec=st.lists(st.tuples(DATES, st.integers(0, 2_000), st.booleans()), min_size=0, max_size=6),
    cutoff=DATES,
)
def test_property_merge_periods_disjoint_and_sorted(
    spec: list[tuple[dt.date, int, bool]], cutoff: dt.date
) -> None:
    """Merged spans are sorted, within the cut-off, and separated by at least one free day."""
    periods = [
        ServicePeriod(start=start, end=start + dt.timedelta(days=length), in_sector=in_sector)
        for start, length, in_sector in spec
    ]
    for in_sector_only in (True, False):
        merged = merge_periods(periods, cutoff, in_sector_only=in_sector_only)
        for start, end in merged:
            assert start <= end <= cutoff
        for (_, prev_end), (next_start, _) in itertools.pairwise(merged):
            assert next_start > prev_end + dt.timedelta(days=1)
        covered = sum((end - start).days + 1 for start, end in merged)
        wanted = {
            p.start + dt.timedelta(days=i)
            for p in periods
            if p.in_sector or not in_sector_only
            for i in range(((min(p.end, cutoff) if p.end else cutoff) - p.start).days + 1)
        }
        assert covered == len(wanted)


def test_open_period_beside_a_later_one_is_merged_and_cut() -> None:
    """An open period and a later one merge once, then each cutoff cuts them the same way."""
    from award_rules import Individual, load_catalog

    person = Individual.model_validate(
        {
            "kind": "individual",
            "id": "P-1",
            "full_name": "Nguyễn Văn A",
            "service": [
                {"start": "2006-01-01"},
                {"start": "2010-01-01", "end": "2011-01-01"},
            ],
        }
    )
    catalog = load_catalog()
    verdict = catalog.evaluate(person, "vss.dg_certificate.retirement", dt.date(2016, 1, 1))
    service = verdict.to_dict()["conditions"]["children"][0]
    assert service["found"] == {"years": 10, "months": 0, "days": 1}
