"""The predicate achievements_after_discipline (vocabulary/discipline_end.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from award_rules import Individual, Outcome
from award_rules.context import Context
from predicate_helpers import bind, person, predicate

AS_OF = dt.date(2025, 12, 31)
NAME = "achievements_after_discipline"
THIS_YEAR = {"years": {"last": 1, "to": "evaluation"}}


def run(nominee: Individual, args: dict[str, Any] = THIS_YEAR) -> Outcome:
    """Evaluate the predicate on AS_OF (the year 2025)."""
    ctx = Context(nominee, AS_OF, award_id="national.advanced_worker")
    return predicate(NAME).evaluate(bind(NAME, args), ctx)


def disciplined(decided: str, ends: str | None = None, form: str = "reprimand") -> Individual:
    """A person with one discipline decision."""
    return person(disciplines=[{"form": form, "decided_on": decided, "ends_on": ends}])


@pytest.mark.parametrize(
    ("decided", "ends", "passed"),
    [
        ("2024-03-01", "2024-12-31", True),  # ended before the year counted
        ("2024-03-01", "2025-02-28", False),  # still in effect in 2025
        ("2023-01-10", None, None),  # end date unknown: missing
    ],
)
def test_the_years_counted_start_after_the_discipline(
    decided: str, ends: str | None, passed: bool | None
) -> None:
    """A discipline still in effect in the years counted fails; an unknown end is missing."""
    assert run(disciplined(decided, ends)).passed is passed


def test_a_missing_end_names_the_record() -> None:
    """The missing fact is the record's ends_on."""
    outcome = run(disciplined("2023-01-10"))
    assert outcome.missing == ("disciplines[0].ends_on",)


def test_assumed_months_stand_in_for_a_missing_end() -> None:
    """With assumed_months: 12, a discipline of 10/01/2024 ends on 09/01/2025."""
    args = {**THIS_YEAR, "assumed_months": 12}
    assert run(disciplined("2024-01-10"), args).passed is False
    assert run(disciplined("2023-12-31"), args).passed is True


def test_lighter_forms_can_be_left_out() -> None:
    """from_form: warning ignores a reprimand."""
    args = {**THIS_YEAR, "from_form": "warning"}
    assert run(disciplined("2025-02-01", "2026-01-31"), args).passed is True
    assert run(disciplined("2025-02-01", "2026-01-31", "warning"), args).passed is False


def test_five_years_counted_reach_further_back() -> None:
    """Counting the last five years, a discipline that ended in 2022 still fails."""
    five = {"years": {"last": 5, "to": "evaluation"}}
    assert run(disciplined("2021-05-01", "2022-04-30"), five).passed is False
    assert run(disciplined("2021-05-01", "2022-04-30")).passed is True


def test_a_discipline_decided_after_the_evaluation_date_is_ignored() -> None:
    """Records dated after the evaluation date are not looked at."""
    assert run(disciplined("2026-01-05", "2026-12-31")).passed is True


def test_wording_in_both_languages() -> None:
    """Requirement and finding in Vietnamese and English."""
    nominee = disciplined("2024-03-01", "2025-02-28")
    args = bind(NAME, THIS_YEAR)
    outcome = run(nominee)
    found = predicate(NAME).finding(args, outcome, "en")
    assert found == "discipline in effect: reprimand (01/03/2024–28/02/2025)"
    assert predicate(NAME).finding(args, outcome, "vi") == (
        "kỷ luật còn hiệu lực: khiển trách (01/03/2024–28/02/2025)"
    )
    assert (
        predicate(NAME)
        .requirement(args, "vi")
        .startswith("Thành tích được tính sau khi hết thời hạn kỷ luật")
    )


def test_can_be_missing_only_without_an_assumed_length() -> None:
    """Coverage asks for a missing case only when an end date can be unknown."""
    assert predicate(NAME).can_be_missing(bind(NAME, THIS_YEAR)) is True
    assumed = bind(NAME, {**THIS_YEAR, "assumed_months": 12})
    assert predicate(NAME).can_be_missing(assumed) is False
