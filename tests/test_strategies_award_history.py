"""The strategies' award histories: an award others build on is held once, some years back."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import Phase, find, given, settings

from award_rules import Individual, Unit
from award_rules.testing import strategies as gen
from award_rules.testing.strategies.catalog_aware import built_on_award_ids
from conftest import RETIREMENT, examples, shipped_catalog

CATALOG = shipped_catalog()
LABOUR_ORDER = "state.labor_medal.third"
PM_CERTIFICATE = "government.pm_certificate"
GRASSROOTS = "national.grassroots_emulation_fighter"
PROPOSAL = dt.date(2024, 12, 31)

FAST = settings(max_examples=examples(50), deadline=None)
FIND = settings(
    max_examples=300, deadline=None, database=None, phases=[Phase.generate], derandomize=True
)


@FAST
@given(
    gen.individuals(
        as_of=PROPOSAL,
        award_ids=(GRASSROOTS,),
        awards_each_year=6,
        earlier_award_ids=(PM_CERTIFICATE,),
        earlier_years=(2, 8),
    )
)
def test_earlier_awards_are_held_once_in_the_years_asked(person: Individual) -> None:
    """Each earlier award is held once, 2 to 8 years back; the yearly titles every year."""
    held = [r for r in person.awards if r.award == PM_CERTIFICATE]
    assert len(held) == 1
    assert 2016 <= held[0].year <= 2022
    assert held[0].decided_on is None or held[0].decided_on.year == held[0].year
    titles = sorted(r.year for r in person.awards if r.award == GRASSROOTS)
    assert titles == list(range(2019, 2025))


@FAST
@given(gen.units(as_of=PROPOSAL, award_ids=(), earlier_award_ids=("vss.emulation_flag",)))
def test_units_take_earlier_awards_too(unit: Unit) -> None:
    """Units honour the knob as individuals do (1 to 10 years back by default)."""
    assert [r.award for r in unit.awards] == ["vss.emulation_flag"]
    assert 2014 <= unit.awards[0].year <= 2023


def test_earlier_years_out_of_order_are_refused() -> None:
    """A range of years back whose nearest end is farther than its farthest is refused."""
    with pytest.raises(ValueError, match="earlier_years"):
        gen.individuals(earlier_award_ids=(PM_CERTIFICATE,), earlier_years=(5, 2))


@pytest.mark.parametrize(
    ("award_id", "built_on"),
    [
        (LABOUR_ORDER, (PM_CERTIFICATE,)),
        (PM_CERTIFICATE, ("national.ministerial_certificate",)),
        (RETIREMENT, ()),
    ],
)
def test_built_on_awards_are_those_after_award_counts_from(
    award_id: str, built_on: tuple[str, ...]
) -> None:
    """The awards a criterion counts achievements after are read from its after_award leaves."""
    assert built_on_award_ids(CATALOG, award_id) == built_on


def rated_well_since(nominee: Individual | Unit) -> bool:
    """Rated good or better in every year after the latest PM's certificate, up to 2024."""
    certificates = [r.year for r in nominee.awards if r.award == PM_CERTIFICATE]
    if not certificates:
        return False
    ratings = [nominee.rating_for(year) for year in range(max(certificates) + 1, 2025)]
    return all(r is not None and r.level in gen.GOOD_OR_BETTER for r in ratings)


@pytest.mark.parametrize(
    ("wanted", "failed"),
    [("eligible", []), ("ineligible", ["five_good_years"])],
)
def test_labour_order_nominees_reach_both_sides_of_the_following_years(
    wanted: str, failed: list[str]
) -> None:
    """On 31/12/2024 drawn nominees are eligible, or fail only because the certificate is recent."""

    def found(nominee: Individual | Unit) -> bool:
        verdict = CATALOG.evaluate(nominee, LABOUR_ORDER, PROPOSAL)
        return verdict.status == wanted and verdict.failed == failed and rated_well_since(nominee)

    nominee = find(gen.nominees_for(CATALOG, LABOUR_ORDER, as_of=PROPOSAL), found, settings=FIND)
    latest = max(r.year for r in nominee.awards if r.award == PM_CERTIFICATE)
    assert (latest <= 2019) is (wanted == "eligible")
