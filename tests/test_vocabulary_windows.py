"""What the predicates share through vocabulary/windows.py: windows, year anchors, award ids."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError

from award_rules import Individual, Outcome, Unit
from award_rules.context import Context
from award_rules.criteria.schema import AWARD_ID_PATTERN
from award_rules.vocabulary.windows import (
    WindowedPredicate,
    YearSpan,
    YearSpanPredicate,
    first_year,
    window_can_be_missing,
    window_fits,
    window_unknown,
    year_span_fits,
    years_unknown,
)
from predicate_helpers import VOCAB, bind, person, predicate, unit

AS_OF = dt.date(2020, 7, 20)
WINDOWS = ["ever", "evaluation_year", "in_sector_service", "since_established", {"last_years": 3}]
WINDOWED = sorted(p.name for p in VOCAB if isinstance(p, WindowedPredicate))
REQUIRED = {"received_award": {"award": "vss.dg_certificate"}}
REQUIRED["not_received_award"] = REQUIRED["received_award"]


def run(name: str, args: dict[str, Any], nominee: Individual | Unit) -> Outcome:
    """Evaluate predicate ``name`` with ``args`` for ``nominee`` on 20/07/2020."""
    ctx = Context(nominee, AS_OF, award_id="vss.dg_certificate.retirement")
    return predicate(name).evaluate(bind(name, args), ctx)


def service(start: str, end: str | None = None, in_sector: bool = True) -> dict[str, Any]:
    """A service period."""
    return {"start": start, "end": end, "in_sector": in_sector}


# --------------------------------------------------------------------------- windows


def test_the_window_predicates_are_the_ones_that_take_a_window() -> None:
    """Every predicate with a window argument shares the windowed base, and only those."""
    with_window = sorted(p.name for p in VOCAB if "window" in p.args_model.model_fields)
    assert with_window == WINDOWED
    assert {"received_award", "not_received_award", "no_discipline", "initiatives"} <= set(WINDOWED)


@pytest.mark.parametrize("name", WINDOWED)
@pytest.mark.parametrize("window", WINDOWS)
def test_windowed_predicates_agree_on_each_window(name: str, window: object) -> None:
    """can_be_missing and check follow the window alone, the same for every such predicate."""
    args = bind(name, {**REQUIRED.get(name, {}), "window": window})
    named = args.window  # type: ignore[attr-defined]
    assert predicate(name).can_be_missing(args) is window_can_be_missing(named)
    for subject in ("individual", "unit", "any"):
        assert predicate(name).check(args, subject) == window_fits(named, subject)


@pytest.mark.parametrize("name", WINDOWED)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_windowed_predicates_without_service_are_undetermined(name: str, lang: str) -> None:
    """in_sector_service without any service period: undetermined, service missing, said so."""
    args = {**REQUIRED.get(name, {}), "window": "in_sector_service"}
    outcome = run(name, args, person())
    assert outcome.passed is None
    assert outcome.missing == ("service",)
    assert predicate(name).finding(bind(name, args), outcome, lang) == window_unknown(lang)


def test_window_can_be_missing_only_for_windows_read_from_the_nominee() -> None:
    """Only the service and establishment windows depend on nominee data."""
    assert [w for w in WINDOWS if window_can_be_missing(w)] == [  # type: ignore[arg-type]
        "in_sector_service",
        "since_established",
    ]


# --------------------------------------------------------------------------- year spans

SPANNED = sorted(p.name for p in VOCAB if isinstance(p, YearSpanPredicate))
SPAN_ARGS = {"ratings_count": {"level": "good", "min_count": 1}}


def test_the_year_span_predicates_are_the_ones_that_take_years() -> None:
    """Every predicate with a span of years shares the year-span base, and only those."""
    fields = {p.name: p.args_model.model_fields.get("years") for p in VOCAB}
    with_span = sorted(n for n, f in fields.items() if f is not None and f.annotation is YearSpan)
    assert with_span == SPANNED
    assert {"ratings_at_least", "ratings_count"} <= set(SPANNED)


@pytest.mark.parametrize("name", SPANNED)
@pytest.mark.parametrize(
    ("nominee", "anchor", "missing"),
    [(unit(), "established", "established_on"), (person(), "service_start", "service")],
)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_year_span_predicates_with_an_unknown_anchor(
    name: str, nominee: Individual | Unit, anchor: str, missing: str, lang: str
) -> None:
    """An anchor whose date is not recorded: undetermined, the fact missing, said so."""
    args = {**SPAN_ARGS.get(name, {}), "years": {"from": anchor}}
    outcome = run(name, args, nominee)
    assert (outcome.passed, outcome.missing) == (None, (missing,))
    assert predicate(name).finding(bind(name, args), outcome, lang) == years_unknown(lang)
    assert predicate(name).can_be_missing(bind(name, args))


@pytest.mark.parametrize("name", SPANNED)
@pytest.mark.parametrize("anchor", ["established", "service_start", "evaluation", 2015])
def test_year_span_predicates_check_their_anchors(name: str, anchor: object) -> None:
    """Each year-span predicate refuses an anchor of the wrong subject, as year_span_fits says."""
    args = bind(name, {**SPAN_ARGS.get(name, {}), "years": {"from": anchor, "to": "evaluation"}})
    for subject in ("individual", "unit", "any"):
        expected = year_span_fits(args.years, subject)  # type: ignore[attr-defined]
        assert predicate(name).check(args, subject) == expected


# --------------------------------------------------------------------------- award ids


AWARD_ARGS = sorted(p.name for p in VOCAB if "award" in p.args_model.model_fields)


def test_award_arguments_are_found() -> None:
    """The predicates naming an award id are the ones expected."""
    assert {
        "received_award",
        "not_received_award",
        "award_each_year",
        "meets_criteria",
        "title_registered",
    } <= set(AWARD_ARGS)


@pytest.mark.parametrize("name", AWARD_ARGS)
@pytest.mark.parametrize("award", ["VSS.Certificate", "vss", "vss.", "1vss.x", "vss..x"])
def test_every_award_argument_refuses_what_criteria_ids_refuse(name: str, award: str) -> None:
    """Each award argument is the criteria's award id type: the same pattern, the same refusal."""
    base = {"years": 2} if name == "award_each_year" else {}
    with pytest.raises(ValidationError, match="should match pattern"):
        bind(name, {**base, "award": award})


@pytest.mark.parametrize("name", AWARD_ARGS)
def test_every_award_argument_schema_has_the_criteria_pattern(name: str) -> None:
    """The JSON Schema of each award argument carries the criteria's award-id pattern."""
    schema = predicate(name).args_model.model_json_schema()["properties"]["award"]
    patterns = [schema.get("pattern")] + [s.get("pattern") for s in schema.get("anyOf", [])]
    assert AWARD_ID_PATTERN in patterns


# --------------------------------------------------------------------------- first year


def test_first_year_of_a_unit_is_its_establishment() -> None:
    """A unit's first year is the year it was established, unknown without the date."""
    assert first_year(unit(established_on="2005-03-01")) == 2005
    assert first_year(unit()) is None


def test_first_year_of_service_counts_the_sector_unless_told_otherwise() -> None:
    """In-sector periods by default; every period with in_sector_only=False."""
    nominee = person(service=[service("2012-05-01", "2014-12-31", False), service("2016-01-04")])
    assert first_year(nominee) == 2016
    assert first_year(nominee, in_sector_only=False) == 2012
    assert first_year(person(service=[service("2012-05-01", "2014-12-31", False)])) is None
    assert first_year(person()) is None


def test_rating_streak_counts_years_worked_outside_the_sector() -> None:
    """A year worked outside the sector may hold a rating: unrecorded, it is missing (no break)."""
    nominee = person(
        service=[service("2016-01-01", "2017-12-31", False), service("2018-01-01")],
        ratings=[{"year": 2018, "level": "good"}, {"year": 2019, "level": "good"}],
    )
    outcome = run("rating_streak", {"min_years": 3, "ending": "previous"}, nominee)
    assert outcome.passed is None
    assert outcome.missing == ("ratings[2017]",)


def test_rating_streak_counts_a_recorded_rating_from_outside_the_sector() -> None:
    """A rating given for a year worked outside the sector completes the streak."""
    nominee = person(
        service=[service("2016-01-01", "2017-12-31", False), service("2018-01-01")],
        ratings=[{"year": y, "level": "good"} for y in (2017, 2018, 2019)],
    )
    assert run("rating_streak", {"min_years": 3, "ending": "previous"}, nominee).passed is True


def test_rating_streak_cannot_reach_before_any_service() -> None:
    """A year before the first period of any kind holds no rating: the streak fails."""
    nominee = person(
        service=[service("2017-01-01", "2017-12-31", False), service("2018-01-01")],
        ratings=[{"year": 2018, "level": "good"}, {"year": 2019, "level": "good"}],
    )
    outcome = run("rating_streak", {"min_years": 4, "ending": "previous"}, nominee)
    assert outcome.passed is False
    assert outcome.evidence == ("no year 2016: before 2017",)


def test_service_start_anchor_is_the_first_year_in_the_sector() -> None:
    """The year anchor service_start skips periods outside the sector."""
    nominee = person(
        service=[service("2016-01-01", "2017-12-31", False), service("2018-01-01")],
        ratings=[{"year": y, "level": "good"} for y in (2018, 2019)],
    )
    outcome = run("ratings_at_least", {"years": {"from": "service_start"}}, nominee)
    assert outcome.passed is True
    assert list(outcome.found) == [2018, 2019]
