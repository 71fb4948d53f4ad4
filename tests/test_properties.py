"""Tests for award_rules.testing: the hypothesis strategies' knobs and the property checks."""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import ClassVar

import hypothesis
import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st

from award_rules import (
    Args,
    AwardRulesError,
    Individual,
    NoArgs,
    NotInForceError,
    Outcome,
    Predicate,
    Unit,
    default_vocabulary,
    load_catalog,
    shipped_criteria_dir,
)
from award_rules.context import Context
from award_rules.criteria.schema import InForce
from award_rules.facts import Duration, service_length, unit_age
from award_rules.model import (
    AwardRecord,
    Discipline,
    DisciplineForm,
    Rating,
    RatingLevel,
    Registration,
    ServicePeriod,
    UnitLevel,
    nominee_adapter,
)
from award_rules.testing import strategies as gen
from award_rules.testing.properties import (
    CHECKS,
    CheckReport,
    check_all,
    check_deterministic,
    check_discipline_never_helps,
    check_monotone_in_time,
    check_outside_in_force_is_an_error,
    default_settings,
)
from conftest import REGISTRATION, RETIREMENT, SMALL, examples, shipped_catalog

ON_ANNIVERSARY = dt.date(2020, 7, 20)
EXAMPLES = 50

CATALOG = shipped_catalog()
SHIPPED = CATALOG.ids()


def status_or_error(award_id: str, case: tuple[Individual | Unit, dt.date]) -> str:
    """The verdict's status, or the name of the library error that stopped the evaluation."""
    try:
        return CATALOG.evaluate(case[0], award_id, case[1]).status
    except AwardRulesError as exc:
        return type(exc).__name__


FAST = settings(
    max_examples=examples(EXAMPLES), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
"""Settings for the tests that draw from the strategies directly."""

REPRODUCIBLE = hypothesis.settings(default_settings(EXAMPLES), derandomize=True)
"""The checks' settings with a fixed seed: a broken criterion is caught on every run."""

DETECT = hypothesis.settings(REPRODUCIBLE, phases=[Phase.explicit, Phase.reuse, Phase.generate])
"""REPRODUCIBLE without shrinking, for tests that only need the failure, fast."""


def years(n: int) -> Duration:
    """``n`` years as a Duration."""
    return Duration.of_years(n)


def write_criteria(folder: Path, text: str) -> Path:
    """Write one criteria file into ``folder`` and return the folder."""
    (folder / "criteria.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


# --------------------------------------------------------------------------- strategies


@FAST
@given(gen.service_histories(as_of=ON_ANNIVERSARY, min_years=9, max_years=11))
def test_service_histories_between_nine_and_eleven_years(
    history: tuple[ServicePeriod, ...],
) -> None:
    """In-sector service as of the date is between 9 and 11 years, as the library counts it."""
    assert years(9) <= service_length(history, ON_ANNIVERSARY) <= years(11)


@FAST
@given(gen.service_histories(as_of=ON_ANNIVERSARY, min_years=10, max_years=10, ongoing=False))
def test_service_histories_exact_length_and_closed(history: tuple[ServicePeriod, ...]) -> None:
    """min_years == max_years gives exactly that service; ongoing=False closes every record."""
    assert service_length(history, ON_ANNIVERSARY) == years(10)
    assert all(p.end is not None and p.end <= ON_ANNIVERSARY for p in history)


@FAST
@given(gen.service_histories(as_of=ON_ANNIVERSARY, min_years=3, max_years=5, ongoing=True))
def test_service_histories_ongoing_runs_to_the_date(history: tuple[ServicePeriod, ...]) -> None:
    """ongoing=True leaves an in-sector record open-ended, counted up to the date."""
    assert any(p.end is None and p.in_sector for p in history)
    assert years(3) <= service_length(history, ON_ANNIVERSARY) <= years(5)


@FAST
@given(gen.service_histories(as_of=ON_ANNIVERSARY, min_years=2, max_years=4, in_sector=None))
def test_service_histories_regardless_of_sector(history: tuple[ServicePeriod, ...]) -> None:
    """in_sector=None bounds all service; in-sector service is part of it."""
    total = service_length(history, ON_ANNIVERSARY, in_sector_only=False)
    assert years(2) <= total <= years(4)
    assert service_length(history, ON_ANNIVERSARY) <= total


@FAST
@given(gen.individuals(as_of=ON_ANNIVERSARY, min_service_years=9, max_service_years=11))
def test_individuals_service_range_and_validity(person: Individual) -> None:
    """Service up to the date (or to retirement) is in range, and the JSON data validates back."""
    cutoff = person.retirement_date - dt.timedelta(days=1) if person.retirement_date else None
    assert years(9) <= service_length(person.service, cutoff or ON_ANNIVERSARY) <= years(11)
    assert nominee_adapter.validate_python(person.model_dump(mode="json")) == person


@FAST
@given(
    gen.individuals(
        as_of=ON_ANNIVERSARY,
        retired=True,
        deceased=False,
        disciplined=False,
        rating_levels=gen.GOOD_OR_BETTER,
        rating_gaps=False,
        award_ids=(),
        registered=True,
        registered_titles=(RETIREMENT,),
        pledged=True,
        pledge_deadline="03-31",
    )
)
def test_individuals_exemplary_knobs(person: Individual) -> None:
    """Retired, never disciplined, rated good every year, registered and pledged by 31 March."""
    assert person.retirement_date is not None
    assert person.retirement_date <= dt.date(2020, 12, 31)
    assert person.death_date is None
    assert person.disciplines == ()
    assert person.awards == ()
    rated = [r.year for r in person.ratings]
    assert rated
    assert rated == list(range(rated[0], 2021))
    assert all(r.level in gen.GOOD_OR_BETTER for r in person.ratings)
    registration = person.registration_for(2020)
    assert registration is not None
    assert RETIREMENT in registration.titles
    assert registration.pledge_signed_on is not None
    assert registration.pledge_signed_on <= dt.date(2020, 3, 31)


@FAST
@given(gen.individuals(as_of=ON_ANNIVERSARY, retired=False, disciplined=True))
def test_individuals_not_retired_but_disciplined(person: Individual) -> None:
    """retired=False records no retirement date; disciplined=True at least one discipline."""
    assert person.retirement_date is None
    assert len(person.disciplines) >= 1


@FAST
@given(gen.units(as_of=ON_ANNIVERSARY, min_age_years=10, max_age_years=12))
def test_units_age_range_and_validity(unit: Unit) -> None:
    """The unit's age on the date is between 10 and 12 years; its JSON data validates back."""
    assert unit.established_on is not None
    assert years(10) <= unit_age(unit.established_on, ON_ANNIVERSARY) <= years(12)
    assert nominee_adapter.validate_python(unit.model_dump(mode="json")) == unit


@FAST
@given(
    gen.units(
        as_of=ON_ANNIVERSARY,
        level=UnitLevel.DIVISION,
        rating_levels=(RatingLevel.GOOD,),
        rating_gaps=False,
        established_between=(dt.date(2001, 3, 1), dt.date(2005, 6, 30)),
    )
)
def test_units_level_and_ratings_every_year(unit: Unit) -> None:
    """Fixed level, establishment in the range, a good rating for every year since."""
    assert unit.level is UnitLevel.DIVISION
    assert unit.established_on is not None
    assert dt.date(2001, 3, 1) <= unit.established_on <= dt.date(2005, 6, 30)
    assert [r.year for r in unit.ratings] == list(range(unit.established_on.year, 2021))
    assert {r.level for r in unit.ratings} == {RatingLevel.GOOD}


@FAST
@given(gen.units(as_of=ON_ANNIVERSARY, established=False))
def test_units_without_establishment_date(unit: Unit) -> None:
    """established=False leaves established_on unrecorded."""
    assert unit.established_on is None


@FAST
@given(
    gen.rating_histories(
        years=range(2010, 2016), levels=(RatingLevel.EXCELLENT, RatingLevel.COMPLETED)
    )
)
def test_rating_histories_unique_years_and_levels(history: tuple[Rating, ...]) -> None:
    """One rating per year at most, inside the years, at the levels given."""
    found = [r.year for r in history]
    assert found == sorted(set(found))
    assert set(found) <= set(range(2010, 2016))
    assert {r.level for r in history} <= {RatingLevel.EXCELLENT, RatingLevel.COMPLETED}


@FAST
@given(
    gen.disciplines(
        between=(dt.date(2015, 1, 1), dt.date(2015, 12, 31)), forms=(DisciplineForm.WARNING,)
    )
)
def test_disciplines_between_and_forms(record: Discipline) -> None:
    """A discipline is decided inside the range, of a form given, ending after it is decided."""
    assert record.form is DisciplineForm.WARNING
    assert dt.date(2015, 1, 1) <= record.decided_on <= dt.date(2015, 12, 31)
    assert record.ends_on is None or record.ends_on >= record.decided_on


@FAST
@given(
    gen.registrations(
        years=[2019, 2020], titles=("a.b", "c.d"), including=("x.y",), pledge_deadline="03-31"
    )
)
def test_registrations_titles_and_pledge(registration: Registration) -> None:
    """Titles come from the lists given; a pledge is signed by the deadline of its year."""
    assert "x.y" in registration.titles
    assert set(registration.titles) <= {"a.b", "c.d", "x.y"}
    signed = registration.pledge_signed_on
    assert signed is None or signed <= dt.date(registration.year, 3, 31)


@FAST
@given(gen.award_records(award_ids=("vss.dg_certificate",), years=[2018], dated=True))
def test_award_records_dated_in_their_year(record: AwardRecord) -> None:
    """dated=True sets a decision date inside the award's year."""
    assert record.award == "vss.dg_certificate"
    assert record.decided_on is not None
    assert record.decided_on.year == record.year == 2018


@pytest.mark.parametrize(
    ("make", "match"),
    [
        (
            lambda: gen.service_histories(as_of=ON_ANNIVERSARY, min_years=11, max_years=9),
            "need 0 <= min <= max",
        ),
        (lambda: gen.individuals(rating_levels=()), "rating_levels: give at least one"),
        (lambda: gen.units(pledge_deadline="02-30"), "Invalid isoformat|day is out of range"),
        (lambda: gen.dates(dt.date(2020, 1, 2), dt.date(2020, 1, 1)), "is before"),
        (lambda: gen.ratings(years=[1800]), "between 1900 and 2200"),
        (lambda: gen.award_records(award_ids=()), "award_ids: give at least one"),
    ],
)
def test_knobs_refuse_impossible_requests(make: Callable[[], object], match: str) -> None:
    """A knob that cannot be honoured is refused when the strategy is built."""
    with pytest.raises(ValueError, match=match):
        make()


@pytest.mark.parametrize("award_id", SHIPPED)
@FAST
@given(data=st.data())
def test_nominees_for_fit_the_award(award_id: str, data: st.DataObject) -> None:
    """Nominees drawn for an award are of its subject, on a date some version judges."""
    nominee, day = data.draw(gen.nominees_and_dates(CATALOG, award_id))
    version = CATALOG.index.plan(award_id, day, None).version
    assert version.doc.subject in ("any", nominee.kind)


@pytest.mark.parametrize("award_id", SHIPPED)
@pytest.mark.parametrize("status", ["eligible", "ineligible"])
def test_nominees_for_reach_both_verdicts(award_id: str, status: str) -> None:
    """The strategies reach eligible and ineligible nominees, so the checks are not vacuous."""
    case = find(
        gen.nominees_and_dates(CATALOG, award_id),
        lambda case: status_or_error(award_id, case) == status,
        settings=settings(max_examples=300, deadline=None, database=None, phases=[Phase.generate]),
    )
    assert CATALOG.evaluate(case[0], award_id, case[1]).status == status


def test_evaluation_spans_of_an_annual_award() -> None:
    """An annual award gives verdicts for whole years: those whose 31 December is in force."""
    spans = gen.evaluation_spans(CATALOG, "national.advanced_worker")
    assert spans == [(dt.date(2004, 1, 1), None)]
    person = {"kind": "individual", "id": "I-1", "full_name": "Trần Thị Bình"}
    verdict = CATALOG.evaluate(person, "national.advanced_worker", dt.date(2004, 3, 1))
    assert verdict.version.doc.in_force.from_ == dt.date(2004, 7, 1)


def test_evaluation_spans_of_annual_versions_ending_mid_year(tmp_path: Path) -> None:
    """An annual version ending before 31 December judges no year it ends in; the catalog agrees."""
    folder = write_criteria(
        tmp_path,
        """\
        id: test.yearly
        name: {vi: Hằng năm, en: Yearly}
        subject: any
        annual: true
        source: "A test"
        in_force: {from: 2015-03-01, until: 2017-06-30}
        conditions:
          - {id: registered, check: registered}
        ---
        id: test.yearly
        name: {vi: Hằng năm, en: Yearly}
        subject: any
        annual: true
        source: "A test"
        in_force: {from: 2019-12-31, until: 2020-12-30}
        conditions:
          - {id: registered, check: registered}
        """,
    )
    catalog = load_catalog(folder)
    assert gen.evaluation_spans(catalog, "test.yearly") == [
        (dt.date(2015, 1, 1), dt.date(2016, 12, 31)),
        (dt.date(2019, 1, 1), dt.date(2019, 12, 31)),
    ]
    person = {"kind": "individual", "id": "I-1", "full_name": "Trần Thị Bình"}
    for day in (dt.date(2015, 1, 1), dt.date(2016, 12, 31), dt.date(2019, 1, 1)):
        assert catalog.evaluate(person, "test.yearly", day).as_of == day
    for day in (dt.date(2017, 1, 1), dt.date(2020, 6, 1)):
        with pytest.raises(NotInForceError):
            catalog.evaluate(person, "test.yearly", day)


def test_strategies_package_keeps_the_module_names() -> None:
    """Every public name of the former strategies module is importable from the package."""
    names = {
        "ALL_LEVELS", "DEFAULT_AWARD_IDS", "GOOD_OR_BETTER", "MAX_DATE", "MIN_DATE", "absences",
        "award_records", "criteria_leaves", "dates", "disciplines", "evaluation_spans",
        "in_force_dates", "individuals", "initiatives", "is_annual", "member_counts", "more_time",
        "nominees_and_dates", "nominees_for", "rating_histories", "ratings", "registrations",
        "related_award_ids", "research_topics", "service_histories", "service_periods", "units",
        "year_results",
    }  # fmt: skip
    assert names <= set(gen.__all__)
    assert all(getattr(gen, name) is not None for name in names)
    assert gen.is_annual(CATALOG, "national.advanced_worker") is CATALOG.is_annual(
        "national.advanced_worker"
    )


def test_annual_award_judges_its_first_year_from_1_january() -> None:
    """An annual award referring to a criterion in force from 4 January answers on 1 January."""
    person = {"kind": "individual", "id": "I-1", "full_name": "Trần Thị Bình"}
    verdict = CATALOG.evaluate(person, "vss.advanced_worker", dt.date(2011, 1, 1))
    assert verdict.status in ("eligible", "ineligible", "undetermined")
    assert verdict.as_of == dt.date(2011, 1, 1)


def test_criteria_leaves_follow_references_and_count_nots(tmp_path: Path) -> None:
    """Leaves of referenced criteria are found; a leaf under one 'not' is negated."""
    found = {
        (leaf.id, negated) for leaf, negated in gen.criteria_leaves(CATALOG, "vss.advanced_worker")
    }
    assert ("no_discipline", False) in found  # inside national.advanced_worker
    catalog = load_catalog(write_criteria(tmp_path, DISCIPLINE_HELPS))
    found = {
        (leaf.id, negated)
        for leaf, negated in gen.criteria_leaves(catalog, "test.discipline_helps")
    }
    assert found == {("established", False), ("clean", True)}


@FAST
@given(data=st.data())
def test_more_time_adds_service_and_nothing_else(data: st.DataObject) -> None:
    """more_time gives an individual more in-sector service, same records, same first year."""
    person = data.draw(gen.individuals(as_of=ON_ANNIVERSARY, min_service_years=1))
    later = data.draw(gen.more_time(person, ON_ANNIVERSARY))
    assert isinstance(later, Individual)
    assert service_length(later.service, ON_ANNIVERSARY) >= service_length(
        person.service, ON_ANNIVERSARY
    )
    added = set(later.service) - set(person.service)
    kept = set(person.service) & set(later.service)
    assert len(added) == 1
    assert len(kept) in (len(set(person.service)), len(set(person.service)) - 1)
    first = min(p.start for p in person.service if p.in_sector)
    assert min(p.start for p in later.service if p.in_sector) == first
    assert (later.disciplines, later.awards, later.ratings) == (
        person.disciplines,
        person.awards,
        person.ratings,
    )


@FAST
@given(data=st.data())
def test_more_time_establishes_a_unit_earlier_in_the_same_year(data: st.DataObject) -> None:
    """more_time moves a unit's establishment earlier, within its year."""
    unit = data.draw(gen.units(as_of=ON_ANNIVERSARY))
    later = data.draw(gen.more_time(unit, ON_ANNIVERSARY))
    assert isinstance(later, Unit)
    assert unit.established_on is not None
    assert later.established_on is not None
    assert later.established_on < unit.established_on
    assert later.established_on.year == unit.established_on.year
    assert later.model_copy(update={"established_on": unit.established_on}) == unit


# --------------------------------------------------------------------------- shipped criteria


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("award_id", SHIPPED)
def test_every_shipped_award_passes_every_check(
    award_id: str, check: Callable[..., CheckReport]
) -> None:
    """Every property check holds for every shipped criterion (or says why it does not apply)."""
    report = check(CATALOG, award_id, max_examples=examples(EXAMPLES))
    assert (report.check, report.award_id) == (check.__name__, award_id)
    assert report.note


@pytest.mark.parametrize(
    ("award_id", "check", "applicable"),
    [
        (RETIREMENT, check_monotone_in_time, True),
        (SMALL, check_monotone_in_time, True),
        (REGISTRATION, check_monotone_in_time, False),
        (RETIREMENT, check_discipline_never_helps, True),
        (SMALL, check_discipline_never_helps, True),
        (REGISTRATION, check_discipline_never_helps, False),
        (REGISTRATION, check_outside_in_force_is_an_error, True),
        (SMALL, check_outside_in_force_is_an_error, True),
    ],
)
def test_checks_apply_where_the_criteria_call_for_them(
    award_id: str, check: Callable[..., CheckReport], applicable: bool
) -> None:
    """Monotony needs a leaf that grows with time; the discipline check a no_discipline leaf."""
    assert check(CATALOG, award_id, max_examples=5).applicable is applicable


def test_check_all_reports_every_check_for_every_award(tmp_path: Path) -> None:
    """check_all runs each check on each award of a catalog and reports it."""
    for name in ("dg_certificate.retirement.yaml", "year_end_registration.yaml"):
        shutil.copy(shipped_criteria_dir() / "vss" / name, tmp_path / name)
    catalog = load_catalog(tmp_path)
    reports = check_all(catalog, max_examples=10)
    assert {(r.award_id, r.check) for r in reports} == {
        (award_id, check.__name__) for award_id in (RETIREMENT, REGISTRATION) for check in CHECKS
    }


def test_check_all_refuses_an_unknown_award() -> None:
    """An unknown award id is the caller's mistake, raised at once."""
    with pytest.raises(KeyError, match=r"did you mean vss\.dg_certificate\.retirement"):
        check_all(CATALOG, "vss.dg_certificate.retiremnt", max_examples=5)


# --------------------------------------------------------------------------- broken criteria

DISCIPLINE_HELPS = """\
    id: test.discipline_helps
    name: {vi: Thử kỷ luật, en: Discipline test}
    subject: unit
    source: "A deliberately wrong criterion"
    in_force: {from: 2020-01-01}
    conditions:
      - id: established
        check: unit_age
        min_years: 1
      - not:
          id: clean
          check: no_discipline
"""


def test_discipline_check_catches_a_not_around_no_discipline(tmp_path: Path) -> None:
    """A criterion where discipline helps fails the check, with a shrunk counter-example."""
    catalog = load_catalog(write_criteria(tmp_path, DISCIPLINE_HELPS))
    with pytest.raises(AssertionError, match="turned ineligible into eligible") as caught:
        check_discipline_never_helps(catalog, "test.discipline_helps", settings=REPRODUCIBLE)
    message = str(caught.value)
    assert '"kind": "unit"' in message
    assert "discipline added" in message


def test_check_all_collects_the_failure_of_a_broken_criterion(tmp_path: Path) -> None:
    """check_all names the failing check and award, after running the others."""
    catalog = load_catalog(write_criteria(tmp_path, DISCIPLINE_HELPS))
    with pytest.raises(AssertionError, match=r"check_discipline_never_helps\(test\.") as caught:
        check_all(catalog, "test.discipline_helps", settings=DETECT)
    assert str(caught.value).startswith("1 property check failed")


class _AtMostArgs(Args):
    max_years: int


class UnitAgeAtMost(Predicate[_AtMostArgs]):
    """A unit at most ``max_years`` old, wrongly declared to grow with time."""

    name = "unit_age_at_most"
    args_model = _AtMostArgs
    subjects = frozenset({"unit"})
    grows_with_time = True  # the mistake under test: waiting makes it fail, not pass
    label: ClassVar[Mapping[str, str]] = {"vi": "Tuổi tối đa", "en": "Age at most"}

    def evaluate(self, args: _AtMostArgs, ctx: Context) -> Outcome:
        unit = ctx.nominee
        assert isinstance(unit, Unit)
        if unit.established_on is None:
            return Outcome(None, missing=("established_on",))
        age = unit_age(unit.established_on, ctx.as_of)
        return Outcome(age <= years(args.max_years), age)

    def requirement(self, args: _AtMostArgs, lang: str) -> str:
        return f"at most {args.max_years} years old"


def test_monotone_check_catches_a_predicate_that_shrinks_with_time(tmp_path: Path) -> None:
    """A leaf claiming to grow with time that fails with age is caught by the monotony check."""
    vocabulary = default_vocabulary().copy()
    vocabulary.register(UnitAgeAtMost())
    folder = write_criteria(
        tmp_path,
        """\
        id: test.young_unit
        name: {vi: Đơn vị trẻ, en: Young unit}
        subject: unit
        source: "A deliberately wrong predicate"
        in_force: {from: 2020-01-01}
        conditions:
          - id: young
            check: unit_age_at_most
            max_years: 5
        """,
    )
    catalog = load_catalog(folder, vocabulary=vocabulary)
    with pytest.raises(AssertionError, match="more time made an eligible nominee ineligible"):
        check_monotone_in_time(catalog, "test.young_unit", settings=DETECT)


def test_monotone_check_does_not_apply_to_a_maximum_duration(tmp_path: Path) -> None:
    """A service_years leaf under a 'not' asks for at most a duration: not applicable."""
    folder = write_criteria(
        tmp_path,
        """\
        id: test.junior
        name: {vi: Cán bộ trẻ, en: Junior}
        subject: individual
        source: "A test"
        in_force: {from: 2020-01-01}
        conditions:
          - not:
              id: long_service
              check: service_years
              min_years: 5
        """,
    )
    report = check_monotone_in_time(load_catalog(folder), "test.junior", max_examples=5)
    assert not report.applicable
    assert "long_service" in report.note
    assert "not" in report.note


class Coin(Predicate[NoArgs]):
    """Passes every other time it is asked: a predicate with hidden state."""

    name = "coin"
    label: ClassVar[Mapping[str, str]] = {"vi": "Đồng xu", "en": "Coin"}

    def __init__(self) -> None:
        self.calls = 0

    def evaluate(self, args: NoArgs, ctx: Context) -> Outcome:
        self.calls += 1
        return Outcome(self.calls % 2 == 0, self.calls)

    def requirement(self, args: NoArgs, lang: str) -> str:
        return "heads"


def test_deterministic_check_catches_a_predicate_with_state(tmp_path: Path) -> None:
    """A verdict that changes between two evaluations fails the determinism check."""
    vocabulary = default_vocabulary().copy()
    vocabulary.register(Coin())
    folder = write_criteria(
        tmp_path,
        """\
        id: test.coin
        name: {vi: Đồng xu, en: Coin}
        subject: any
        source: "A deliberately wrong predicate"
        in_force: {from: 2020-01-01}
        conditions:
          - id: heads
            check: coin
        """,
    )
    catalog = load_catalog(folder, vocabulary=vocabulary)
    with pytest.raises(AssertionError, match="the verdict changed when the nominee was"):
        check_deterministic(catalog, "test.coin", settings=DETECT)


def test_outside_check_covers_gaps_between_versions(tmp_path: Path) -> None:
    """Dates in a gap between two versions must raise NotInForceError too."""
    folder = write_criteria(
        tmp_path,
        """\
        id: test.gappy
        name: {vi: Có khoảng trống, en: Gappy}
        subject: any
        source: "A test"
        in_force: {from: 2015-01-01, until: 2015-12-31}
        conditions:
          - {id: registered, check: registered}
        ---
        id: test.gappy
        name: {vi: Có khoảng trống, en: Gappy}
        subject: any
        source: "A test"
        in_force: {from: 2017-01-01}
        conditions:
          - {id: registered, check: registered}
        """,
    )
    report = check_outside_in_force_is_an_error(
        load_catalog(folder), "test.gappy", max_examples=EXAMPLES
    )
    assert report.applicable
    assert "2016-01-01..2016-12-31" in report.note


def test_outside_check_catches_a_verdict_outside_in_force(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """If a version answered on every date, the in-force check would fail."""
    monkeypatch.setattr(InForce, "covers", lambda self, day: True)
    with pytest.raises(AssertionError, match="yet evaluating returned a verdict"):
        check_outside_in_force_is_an_error(CATALOG, SMALL, settings=DETECT)


# --------------------------------------------------------------------------- a known issue

ONE_DAY_GAP = [
    {"start": "2010-01-01", "end": "2010-01-30"},
    {"start": "2010-02-01", "end": "2019-12-30"},
]
NO_GAP = [{"start": "2010-01-01", "end": "2019-12-30"}]


def retiring(service: list[dict[str, str]]) -> dict[str, object]:
    """An official retiring on 31 December 2019 with the given service."""
    return {
        "kind": "individual",
        "id": "T-1",
        "full_name": "Nguyễn Văn Thử",
        "retirement_date": "2019-12-31",
        "service": service,
    }


def test_ten_years_with_a_one_day_gap_is_eligible() -> None:
    """Two spans adding up to 10 years (30-day months) meet the retirement award's threshold."""
    verdict = CATALOG.evaluate(retiring(ONE_DAY_GAP), RETIREMENT, ON_ANNIVERSARY)
    assert verdict.status == "eligible"


@pytest.mark.xfail(
    strict=True,
    reason=(
        "service_length is not monotone: one span is counted by the calendar "
        "(9y 11m 30d) but separate spans add 30-day months (10y), so working the "
        "gap day costs the award"
    ),
)
def test_working_the_gap_day_never_costs_the_retirement_award() -> None:
    """One more day of service (no gap) never turns an eligible official ineligible."""
    verdict = CATALOG.evaluate(retiring(NO_GAP), RETIREMENT, ON_ANNIVERSARY)
    assert verdict.status == "eligible"
