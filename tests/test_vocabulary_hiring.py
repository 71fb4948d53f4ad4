"""The predicate not_new_hire (vocabulary/hiring.py): time since recruitment."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from award_rules import Individual, Outcome
from award_rules.context import Context
from award_rules.facts import Duration, add_months
from predicate_helpers import bind, person, predicate

YEAR_END = dt.date(2019, 12, 31)


def run(nominee: Individual, months: int = 10, as_of: dt.date = YEAR_END) -> Outcome:
    """Evaluate not_new_hire with ``min_months: months``."""
    ctx = Context(nominee, as_of, award_id="national.advanced_worker")
    return predicate("not_new_hire").evaluate(bind("not_new_hire", {"min_months": months}), ctx)


def finding(nominee: Individual, lang: str) -> str:
    """The finding in ``lang``."""
    args = bind("not_new_hire", {"min_months": 10})
    return predicate("not_new_hire").finding(args, run(nominee), lang)


@pytest.mark.parametrize(
    ("start", "passed"),
    [("2019-03-01", True), ("2019-03-02", False), ("2015-06-01", True)],
)
def test_ten_months_to_the_end_of_the_year(start: str, passed: bool) -> None:
    """Recruited on 1 March: exactly 10 months by 31 December; a day later is short."""
    assert run(person(service=[{"start": start}])).passed is passed


def test_absences_do_not_make_a_new_hire() -> None:
    """Five months of unpaid leave leave a long-serving official not a new hire."""
    nominee = person(
        service=[{"start": "2010-01-01"}],
        absences=[{"kind": "unpaid", "start": "2019-03-01", "end": "2019-07-31"}],
    )
    assert run(nominee).passed is True


def test_a_contract_and_civil_service_add_up() -> None:
    """A contract period followed by civil service counts from the contract's start."""
    nominee = person(
        service=[
            {"start": "2019-02-01", "end": "2019-06-30", "in_sector": False},
            {"start": "2019-07-01"},
        ]
    )
    outcome = run(nominee)
    assert (outcome.passed, outcome.found) == (True, Duration(0, 11, 0))


def test_a_gap_starts_a_new_employment() -> None:
    """After a gap, recruitment is the start of the latest continuous employment."""
    nominee = person(
        service=[{"start": "2012-01-01", "end": "2018-12-31"}, {"start": "2019-06-01"}]
    )
    assert (run(nominee).passed, run(nominee).found) == (False, Duration(0, 7, 0))


def test_no_service_is_missing() -> None:
    """Without service periods the fact is missing."""
    outcome = run(person())
    assert (outcome.passed, outcome.missing) == (None, ("service",))
    assert predicate("not_new_hire").can_be_missing(bind("not_new_hire", {"min_months": 6}))


def test_wording_in_both_languages() -> None:
    """The requirement and finding read in both languages."""
    nominee = person(service=[{"start": "2019-05-01"}])
    args = bind("not_new_hire", {"min_months": 10})
    assert predicate("not_new_hire").requirement(args, "en") == (
        "Not a new hire with under 10 months by the end of the year"
    )
    assert predicate("not_new_hire").requirement(args, "vi") == (
        "Không phải người mới tuyển dụng dưới 10 tháng tính đến cuối năm"
    )
    assert finding(nominee, "en") == "employed since 01/05/2019: 8 months up to 31/12/2019"
    assert finding(nominee, "vi") == "tuyển dụng từ 01/05/2019: 8 tháng đến 31/12/2019"


@pytest.mark.parametrize("months", [0, 25])
def test_months_out_of_range_are_refused(months: int) -> None:
    """min_months must lie between 1 and 24."""
    with pytest.raises(ValidationError, match="min_months"):
        bind("not_new_hire", {"min_months": months})


def test_counted_to_the_evaluation_date_inside_the_year() -> None:
    """Evaluated mid-year, the time runs to the evaluation date."""
    nominee = person(service=[{"start": "2019-01-01"}])
    assert run(nominee, 6, dt.date(2019, 5, 31)).passed is False
    assert run(nominee, 6, dt.date(2019, 6, 30)).passed is True


@settings(max_examples=300, deadline=None)
@given(
    earlier=st.lists(st.integers(1, 900), max_size=2),
    start=st.dates(dt.date(2016, 1, 1), dt.date(2019, 12, 31)),
    months=st.integers(1, 24),
    offset=st.integers(-2, 2),
)
def test_the_status_only_check_agrees_with_evaluate(
    earlier: list[int], start: dt.date, months: int, offset: int
) -> None:
    """holds() (cached spans, a date comparison) gives evaluate()'s result, on the boundary too.

    The evaluation date falls within two days of the day the months are complete,
    after earlier periods that end before the latest employment (or touch it).
    """
    as_of = add_months(start, months) - dt.timedelta(days=1 - offset)
    service: list[dict[str, str]] = [
        {
            "start": (start - dt.timedelta(days=gap + 400)).isoformat(),
            "end": (start - dt.timedelta(days=gap)).isoformat(),
        }
        for gap in earlier
    ]
    nominee = person(service=[*service, {"start": start.isoformat()}])
    args = bind("not_new_hire", {"min_months": months})
    ctx = Context(nominee, as_of, award_id="national.advanced_worker")
    assert predicate("not_new_hire").holds(args, ctx) is run(nominee, months, as_of).passed
