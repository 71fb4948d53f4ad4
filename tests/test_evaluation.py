"""The evaluation core: status-only path, shared facts, argument checks, the engine registry."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from award_rules import Catalog, Verdict, load_catalog
from award_rules.engines import engine_for, engine_names, register_engine
from award_rules.errors import ArgumentError, NotInForceError, UnknownAwardError
from award_rules.evaluation import judge, plan_for, prepare
from award_rules.model import Individual, Unit
from award_rules.nominees import load_nominee
from award_rules.testing import strategies as gen

ROOT = Path(__file__).resolve().parents[1]
CATALOG = load_catalog()
RETIREMENT = "vss.dg_certificate.retirement"
ON = dt.date(2020, 7, 20)


def official() -> Individual:
    nominee = load_nominee(ROOT / "examples" / "nominees" / "short_service_official.yaml")
    assert isinstance(nominee, Individual)
    return nominee


@pytest.mark.parametrize("award_id", CATALOG.ids())
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_status_only_agrees_with_the_verdict(award_id: str, data: st.DataObject) -> None:
    """For every shipped award, the status-only path gives the full verdict's status."""
    nominee, day = data.draw(gen.nominees_and_dates(CATALOG, award_id))
    assert CATALOG.status(nominee, award_id, day) == CATALOG.evaluate(nominee, award_id, day).status


def test_statuses_and_evaluate_all_agree_with_one_award_at_a_time() -> None:
    """Judging every applicable award at once gives what judging each alone gives."""
    person = official()
    statuses = CATALOG.statuses(person, ON)
    verdicts = CATALOG.evaluate_all(person, ON)
    assert set(statuses) == set(verdicts) == set(CATALOG.applicable("individual", ON))
    assert RETIREMENT in statuses
    for award_id, status in statuses.items():
        alone = CATALOG.evaluate(person, award_id, ON)
        assert verdicts[award_id].status == status == alone.status
        assert verdicts[award_id].explain("en") == alone.explain("en")


def test_applicable_awards_follow_subject_and_dates() -> None:
    """Only awards for the nominee's kind with a version applying on the date are listed."""
    for_units = CATALOG.applicable("unit", ON)
    assert "vss.dg_certificate.small_collective" in for_units
    assert RETIREMENT not in for_units
    assert RETIREMENT not in CATALOG.applicable("individual", dt.date(2015, 6, 1))


def test_facts_are_shared_between_awards_of_one_date(computed_facts: list[Any]) -> None:
    """The merged service windows read is computed once per nominee, date and cutoff,
    however many awards ask for it."""
    CATALOG.statuses(official(), ON)
    merged = [key for key in computed_facts if key[0] == "merged_service"]
    assert len(merged) == len(set(merged)) > 0


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c, p: c.evaluate(p, RETIREMENT, as_of="20/07/2020"), "as_of: expected a date"),
        (lambda c, p: c.evaluate(p, RETIREMENT, as_of=20200720), "as_of: expected a date"),
        (lambda c, p: c.evaluate(p, None), "award_id: expected an award id"),
        (lambda c, p: c.evaluate(p, RETIREMENT, year="2019"), "year: expected a whole number"),
        (lambda c, p: c.evaluate(p, RETIREMENT, year=True), "year: expected a whole number"),
        (lambda c, p: c.evaluate(p, RETIREMENT, year=0), "year: 0 is outside"),
        (lambda c, p: c.status(p, RETIREMENT, as_of=dt.date(9999, 12, 31)), "is outside"),
        (lambda c, p: c.statuses(p, year=-1), "year: -1 is outside"),
    ],
)
def test_bad_arguments_raise_the_librarys_error(call: Any, message: str) -> None:
    """Wrong types and out-of-range dates or years are ArgumentErrors naming the argument."""
    with pytest.raises(ArgumentError, match=message):
        call(CATALOG, official())


def test_dates_may_be_iso_text_or_datetimes() -> None:
    """An ISO date string and a datetime judge on the same day as a date."""
    person = official()
    expected = CATALOG.evaluate(person, RETIREMENT, ON).to_dict()
    assert CATALOG.evaluate(person, RETIREMENT, "2020-07-20").to_dict() == expected
    assert CATALOG.evaluate(person, RETIREMENT, dt.datetime(2020, 7, 20, 9, 30)).to_dict() == (
        expected
    )


def test_unknown_award_and_dates_out_of_force_are_the_librarys_errors() -> None:
    """An unknown id suggests the closest; a date before every version says which exist."""
    with pytest.raises(UnknownAwardError, match="did you mean"):
        CATALOG.status(official(), "vss.dg_certificate.retiremnt", ON)
    with pytest.raises(NotInForceError, match="versions:"):
        CATALOG.status(official(), RETIREMENT, dt.date(2001, 1, 1))


def test_verdict_parts_are_computed_when_read() -> None:
    """The earliest date and the unverified list are computed on first read, then kept."""
    verdict = CATALOG.evaluate(official(), RETIREMENT, ON)
    assert "earliest_eligible_on" not in vars(verdict)
    first = verdict.earliest_eligible_on
    assert vars(verdict)["earliest_eligible_on"] == first
    assert verdict.unverified == (RETIREMENT,)


class Recording:
    """An engine that records what it was asked and judges with the evaluation functions."""

    def __init__(self, catalog: Catalog) -> None:
        self.index = catalog.index  # what it needs of the catalog, not the catalog
        self.asked: list[str] = []

    def evaluate(
        self,
        nominee: Individual | Unit | Mapping[str, Any],
        award_id: str,
        as_of: dt.date | str | None = None,
        *,
        year: int | None = None,
    ) -> Verdict:
        self.asked.append(award_id)
        subject, plan = plan_for(self.index, nominee, award_id, as_of, year)
        return judge(self.index, plan, prepare(self.index, subject, award_id, plan))


def test_engines_register_by_name_and_are_kept_per_catalog() -> None:
    """A registered engine is created once per catalog, and another for another catalog."""
    register_engine("recording-test", Recording, replace=True)
    assert "recording-test" in engine_names()
    first = engine_for(CATALOG, "recording-test")
    assert engine_for(CATALOG, "recording-test") is first
    other = load_catalog()
    assert engine_for(other, "recording-test") is not first
    assert first.evaluate(official(), RETIREMENT, ON).status == "ineligible"
    assert isinstance(first, Recording)
    assert first.asked == [RETIREMENT]
    with pytest.raises(ValueError, match="already registered"):
        register_engine("recording-test", Recording)
    with pytest.raises(ValueError, match="choose one of: native, durable"):
        engine_for(CATALOG, "rete")


def test_engines_do_not_keep_their_catalog_alive() -> None:
    """A catalog no longer used is freed even though an engine was made for it."""
    import weakref

    register_engine("recording-gc-test", Recording, replace=True)
    catalog = load_catalog()
    engine_for(catalog, "recording-gc-test")
    engine_for(catalog, "native")
    gone = weakref.ref(catalog)
    del catalog
    gc.collect()
    assert gone() is None


def test_the_plan_asked_last_is_reused_only_for_the_very_same_question() -> None:
    """A loop asking the same question reuses its plan; a new date, award or year gets its own
    (the version in force then), however the questions alternate."""
    award = "government.pm_certificate"
    person = official()
    early, late = dt.date(2016, 6, 1), dt.date(2024, 6, 1)
    expected = {day: CATALOG.version_on(award, day).owner for day in (early, late)}
    assert expected[early] != expected[late]
    for day in (early, early, late, early, late, late):
        assert CATALOG.evaluate(person, award, day).version.owner == expected[day]
        assert CATALOG.index.planned(award, day, None) == CATALOG.index.plan(award, day, None)
    assert CATALOG.evaluate(person, RETIREMENT, late).award_id == RETIREMENT
    assert CATALOG.index.planned(award, dt.date(2016, 6, 2), None) is None  # never asked
