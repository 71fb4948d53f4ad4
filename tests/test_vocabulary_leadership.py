"""The predicate led_unit_rating (vocabulary/leadership.py) and the model's led_units."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError

from award_rules import Individual, Outcome
from award_rules.context import Context
from predicate_helpers import bind, person, predicate

AS_OF = dt.date(2016, 12, 31)


def run(nominee: Individual, args: dict[str, Any] | None = None) -> Outcome:
    """Evaluate led_unit_rating for the year 2016."""
    ctx = Context(nominee, AS_OF, award_id="national.advanced_worker")
    return predicate("led_unit_rating").evaluate(bind("led_unit_rating", args or {}), ctx)


def head(rating: str | None, year: int = 2016) -> Individual:
    """A head of unit whose unit has ``rating`` for ``year``."""
    return person(
        position="leader", led_units=[{"year": year, "unit_id": "bhxh-ha-noi", "rating": rating}]
    )


@pytest.mark.parametrize(
    ("rating", "passed"), [("excellent", True), ("good", True), ("completed", False)]
)
def test_a_head_is_judged_on_the_led_units_rating(rating: str, passed: bool) -> None:
    """The led unit must be rated 'good' or better (the default level)."""
    assert run(head(rating)).passed is passed


def test_staff_are_not_concerned() -> None:
    """Someone who heads no unit passes, whatever led_units says."""
    outcome = run(person(position="staff"))
    assert (outcome.passed, outcome.found) == (True, None)
    args = bind("led_unit_rating", {})
    assert predicate("led_unit_rating").finding(args, outcome, "en") == "not the head of a unit"


def test_missing_facts() -> None:
    """No position, no record for the year, or no rating: missing, each named."""
    assert run(person()).missing == ("position",)
    assert run(head("good", year=2015)).missing == ("led_units[2016]",)
    assert run(head(None)).missing == ("led_units[0].rating",)


def test_heads_can_include_managers() -> None:
    """heads: [leader, manager] applies the rule to managers too."""
    manager = person(
        position="manager",
        led_units=[{"year": 2016, "unit_id": "phong-thu", "rating": "completed"}],
    )
    assert run(manager).passed is True
    assert run(manager, {"heads": ["leader", "manager"]}).passed is False


def test_wording_in_both_languages() -> None:
    """Requirement and finding in Vietnamese and English."""
    args = bind("led_unit_rating", {})
    outcome = run(head("completed"))
    lur = predicate("led_unit_rating")
    assert lur.requirement(args, "vi") == (
        "Nếu là người đứng đầu: tập thể do mình lãnh đạo xếp loại “hoàn thành tốt nhiệm vụ” "
        "trở lên (năm đánh giá)"
    )
    assert lur.finding(args, outcome, "en") == "bhxh-ha-noi: completed duties (2016)"


def test_led_unit_years_are_unique() -> None:
    """Two records for the same year are a data error."""
    with pytest.raises(ValidationError, match="given twice"):
        person(
            led_units=[
                {"year": 2016, "unit_id": "a", "rating": "good"},
                {"year": 2016, "unit_id": "b", "rating": "good"},
            ]
        )
