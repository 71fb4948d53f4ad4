"""The strategies draw the extensions a catalog declares, typed as declared, and admitted."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st

from award_rules import (
    Args,
    Catalog,
    Individual,
    Outcome,
    Unit,
    Vocabulary,
    default_vocabulary,
    load_catalog,
)
from award_rules.context import Context
from award_rules.extensions import extension_problems
from award_rules.model import ExtensionValue, nominee_adapter
from award_rules.testing import strategies as gen
from award_rules.testing.strategies import host_facts
from award_rules.verdict import STATUS_OF
from award_rules.vocabulary.base import ExtensionType
from conftest import examples, shipped_catalog

FAST = settings(max_examples=examples(50), deadline=None)
FIND = settings(
    max_examples=300, deadline=None, database=None, phases=[Phase.generate], derandomize=True
)

EVERY_TYPE: dict[str, ExtensionType] = {
    "union_member_years": "int",
    "veteran": "bool",
    "score": "number",
    "badge": "string",
    "joined_on": "date",
}


EXACT_TYPES: dict[ExtensionType, tuple[type, ...]] = {
    "bool": (bool,),
    "int": (int,),
    "number": (int, float),
    "string": (str,),
    "date": (dt.date,),
}
"""The Python types a value of each declared type has (a bool is no int, a date no text)."""


def strictly(value: ExtensionValue | None, kind: ExtensionType) -> ExtensionValue | None:
    """``value`` when it is exactly of ``kind`` (or absent); a wrong type raises TypeError."""
    if value is not None and type(value) not in EXACT_TYPES[kind]:
        raise TypeError(f"expected {kind}, got {type(value).__name__} {value!r}")
    return value


# Each check reads one extension strictly, and passes by a rule its values meet or not
# (a rule of the value and the date judged on).
RULES: dict[str, tuple[str, ExtensionType, frozenset[str], Callable[[Any, dt.date], bool]]] = {
    "union_years": (
        "union_member_years",
        "int",
        frozenset({"individual"}),
        lambda value, day: value >= 5,
    ),
    "is_veteran": ("veteran", "bool", frozenset({"individual"}), lambda value, day: value),
    "joined_before": (
        "joined_on",
        "date",
        frozenset({"individual"}),
        lambda value, day: value <= day,
    ),
    "score_at_least": (
        "score",
        "number",
        frozenset({"individual", "unit"}),
        lambda value, day: value >= 50,
    ),
    "long_badge": ("badge", "string", frozenset({"unit"}), lambda value, day: len(value) >= 3),
}
SUBJECT = {frozenset({"individual"}): "individual", frozenset({"unit"}): "unit"}


def expected_status(nominee: Individual | Unit, check: str, day: dt.date) -> str:
    """The status the check's rule gives the nominee's value (undetermined when absent)."""
    key, _, _, rule = RULES[check]
    value = nominee.extensions.get(key)
    return STATUS_OF[None if value is None else bool(rule(value, day))]


def host_vocabulary() -> Vocabulary:
    """The default vocabulary and one check per rule, declaring the key it reads."""
    vocab = default_vocabulary()
    for name, (key, kind, subjects, rule) in RULES.items():

        def check(
            args: Args,
            ctx: Context,
            key: str = key,
            kind: ExtensionType = kind,
            rule: Callable[[Any, dt.date], bool] = rule,
        ) -> Outcome:
            value = strictly(ctx.nominee.extensions.get(key), kind)
            if value is None:
                return Outcome(None, missing=(f"extensions.{key}",))
            return Outcome(bool(rule(value, ctx.as_of)), value)

        vocab.predicate(
            name,
            requirement={"vi": name, "en": name},
            subjects=subjects,
            extensions={key: kind},
        )(check)
    return vocab


CRITERIA = """\
id: host.{check}
name: {{vi: Ví dụ, en: Example}}
subject: {subject}
source: "Ví dụ"
in_force: {{from: 2024-01-01}}
conditions:
  - {{id: fact, check: {check}}}
"""


@cache
def host_catalog() -> Catalog:
    """The shipped catalog with the host's checks, and one award per check."""
    with tempfile.TemporaryDirectory() as folder:
        for check, (_, _, subjects, _) in RULES.items():
            text = CRITERIA.format(check=check, subject=SUBJECT.get(subjects, "any"))
            (Path(folder) / f"{check}.yaml").write_text(text, encoding="utf-8")
        return load_catalog(extra=[folder], vocabulary=host_vocabulary())


HOST = host_catalog()
HOST_AWARDS = [f"host.{check}" for check in RULES]


def fits(value: ExtensionValue, kind: ExtensionType) -> bool:
    """Whether ``value`` is exactly of ``kind`` (a bool is no number, a date no text)."""
    try:
        strictly(value, kind)
    except TypeError:
        return False
    return True


# -- extensions() and extension_values() on their own -------------------------


def test_the_package_exports_the_extension_strategies() -> None:
    """The new strategies are public names of the package, next to the former ones."""
    new = {"JUDGED_DATES", "extensions_for_kind", "extension_values", "extensions"}
    assert new <= set(gen.__all__)
    assert gen.extensions is host_facts.extensions


@FAST
@given(gen.extensions(EVERY_TYPE))
def test_drawn_extensions_hold_declared_keys_with_values_of_their_type(
    drawn: dict[str, ExtensionValue],
) -> None:
    """Every key is declared and its value is exactly of the declared type."""
    assert set(drawn) <= set(EVERY_TYPE)
    assert all(fits(value, EVERY_TYPE[key]) for key, value in drawn.items())


@FAST
@given(gen.extensions(EVERY_TYPE))
def test_drawn_extensions_validate_unchanged_and_pass_the_declarations(
    drawn: dict[str, ExtensionValue],
) -> None:
    """The model keeps the values as drawn (text already normalised), and none is refused."""
    nominee = Individual(id="X-1", full_name="Đỗ Mai", extensions=drawn)
    assert nominee.extensions == drawn
    assert extension_problems(nominee, EVERY_TYPE) == []


@pytest.mark.parametrize("kind", list(EVERY_TYPE.values()))
def test_each_key_is_drawn_present_and_absent(kind: ExtensionType) -> None:
    """With ``present=None`` some examples have the key and some do not."""
    strategy = gen.extensions({"fact": kind})
    assert find(strategy, lambda drawn: "fact" in drawn, settings=FIND)
    assert find(strategy, lambda drawn: "fact" not in drawn, settings=FIND) == {}


@FAST
@given(gen.extensions(EVERY_TYPE, present=True), gen.extensions(EVERY_TYPE, present=False))
def test_present_asks_for_every_key_or_none(
    every: dict[str, ExtensionValue], none: dict[str, ExtensionValue]
) -> None:
    """``present=True`` gives every declared key, ``present=False`` an empty mapping."""
    assert set(every) == set(EVERY_TYPE)
    assert none == {}


LOW, HIGH = dt.date(2001, 2, 3), dt.date(2001, 3, 4)


@FAST
@given(
    gen.extension_values("date", dates_between=(LOW, HIGH)),
    gen.extension_values("int", ints_between=(-3, 7)),
    gen.extension_values("number", ints_between=(-3, 7)),
)
def test_values_keep_within_the_knobs(day: Any, whole: Any, number: Any) -> None:
    """Dates within ``dates_between``, whole numbers within ``ints_between`` (or a float)."""
    assert type(day) is dt.date
    assert LOW <= day <= HIGH
    assert type(whole) is int
    assert -3 <= whole <= 7
    assert type(number) is float or -3 <= number <= 7


@pytest.mark.parametrize("offset", [-1, 0, 1])
def test_dates_near_a_day_draw_it_and_the_days_either_side(offset: int) -> None:
    """``dates_near`` draws the day itself and its neighbours, rare among 300 years of dates."""
    day = LOW + dt.timedelta(days=offset)
    strategy = gen.extension_values("date", dates_near=LOW)
    assert find(strategy, lambda drawn: drawn == day, settings=FIND) == day


def test_a_number_is_sometimes_a_float_and_sometimes_whole() -> None:
    """``number`` draws both kinds of number a host may send."""
    strategy = gen.extension_values("number")
    assert type(find(strategy, lambda v: type(v) is float, settings=FIND)) is float
    assert type(find(strategy, lambda v: type(v) is int, settings=FIND)) is int


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: gen.extensions({"Years": "int"}), "does not match"),
        (lambda: gen.extensions({"years": "integer"}), "use one of"),  # type: ignore[dict-item]
        (lambda: gen.extension_values("text"), "use one of"),  # type: ignore[arg-type]
        (
            lambda: gen.extension_values("date", dates_between=(dt.date(1899, 12, 31), HIGH)),
            "within the years 1900 to 2200",
        ),
        (lambda: gen.extension_values("date", dates_between=(HIGH, LOW)), "is before"),
        (lambda: gen.extension_values("int", ints_between=(2, 1)), "is below"),
        (lambda: gen.individuals(extensions={"Bad": "int"}), "does not match"),
    ],
)
def test_bad_knobs_are_refused_when_the_strategy_is_built(
    call: Callable[[], object], message: str
) -> None:
    """Keys and types a vocabulary would refuse, and dates the gate would refuse, fail at once."""
    with pytest.raises(ValueError, match=message):
        call()


@FAST
@given(gen.units(extensions=EVERY_TYPE, as_of=dt.date(2024, 6, 30)))
def test_nominee_strategies_draw_extension_dates_around_as_of(unit: Unit) -> None:
    """``units(extensions=...)`` dates fall in the years from 80 before the year of ``as_of``
    to 80 after it."""
    joined = unit.extensions.get("joined_on", dt.date(2000, 1, 1))
    assert isinstance(joined, dt.date)
    assert dt.date(1944, 1, 1) <= joined <= dt.date(2104, 12, 31)


# -- the catalog-aware strategies ------------------------------------------------


def test_the_declarations_for_each_kind_follow_the_checks_subjects() -> None:
    """A kind gets the keys its checks read (by their subjects); the shipped catalog has none."""
    assert gen.extensions_for_kind(HOST, "individual") == {
        "joined_on": "date",
        "score": "number",
        "union_member_years": "int",
        "veteran": "bool",
    }
    assert gen.extensions_for_kind(HOST, "unit") == {"badge": "string", "score": "number"}
    assert gen.extensions_for_kind(shipped_catalog(), "individual") == {}


@pytest.mark.parametrize("award_id", HOST_AWARDS)
def test_nominees_for_an_award_are_admitted_and_round_trip_through_json(award_id: str) -> None:
    """The catalog admits every nominee as it is; its JSON form reads back equal once admitted."""

    @FAST
    @given(gen.nominees_for(HOST, award_id))
    def check(nominee: Individual | Unit) -> None:
        assert set(nominee.extensions) <= set(gen.extensions_for_kind(HOST, nominee.kind))
        assert HOST.admit(nominee) is nominee
        read = nominee_adapter.validate_json(nominee.model_dump_json())
        assert HOST.admit(read) == nominee
        # The JSON form carries dates as text; everything else reads back as it was.
        assert read.model_dump(mode="json") == nominee.model_dump(mode="json")

    check()


@pytest.mark.parametrize("kind", ["individual", "unit"])
def test_nominees_for_carry_every_key_declared_for_their_kind(kind: str) -> None:
    """Some nominee of each kind has each extension its kind's checks read (for ``any`` awards)."""
    strategy = gen.nominees_for(HOST, "host.score_at_least", as_of=dt.date(2024, 6, 30))
    keys = set(gen.extensions_for_kind(HOST, kind))
    found = find(strategy, lambda n: n.kind == kind and set(n.extensions) == keys, settings=FIND)
    assert set(found.extensions) == keys


@pytest.mark.parametrize("award_id", HOST_AWARDS)
def test_a_check_reading_an_extension_judges_every_drawn_value(award_id: str) -> None:
    """Evaluation never raises over drawn nominees, and its status is the one the value gives."""
    check_name = award_id.removeprefix("host.")

    @FAST
    @given(gen.nominees_and_dates(HOST, award_id))
    def check(drawn: tuple[Individual | Unit, dt.date]) -> None:
        nominee, day = drawn
        verdict = HOST.evaluate(nominee, award_id, day)
        assert verdict.status == expected_status(nominee, check_name, day)

    check()


@pytest.mark.parametrize("status", ["eligible", "ineligible", "undetermined"])
@pytest.mark.parametrize("award_id", HOST_AWARDS)
def test_each_status_a_check_can_give_is_reached(award_id: str, status: str) -> None:
    """Drawn extensions are varied enough to pass, fail and miss every host check."""
    found = find(
        gen.nominees_and_dates(HOST, award_id),
        lambda drawn: HOST.status(drawn[0], award_id, drawn[1]) == status,
        settings=FIND,
    )
    assert HOST.status(found[0], award_id, found[1]) == status


@FAST
@given(gen.nominees_for(HOST, "host.score_at_least", extensions={"score": "number"}))
def test_extensions_given_to_nominees_for_are_drawn_instead(nominee: Individual | Unit) -> None:
    """``extensions=`` draws those keys only, for both kinds."""
    assert set(nominee.extensions) <= {"score"}


@FAST
@given(gen.nominees_and_dates(HOST, "host.union_years", extensions={}))
def test_no_extensions_are_drawn_when_none_are_asked(drawn: tuple[Individual | Unit, Any]) -> None:
    """``extensions={}`` draws none."""
    assert drawn[0].extensions == {}


@pytest.mark.parametrize(
    ("extensions", "message"),
    [
        ({"scor": "number"}, "'scor' as number: the catalog does not declare it"),
        ({"score": "int"}, "'score' as int: the catalog declares it as number"),
    ],
)
def test_extensions_the_catalog_would_refuse_are_refused(
    extensions: dict[str, ExtensionType], message: str
) -> None:
    """Keys the catalog does not declare, or with another type, fail when the strategy is built."""
    with pytest.raises(ValueError, match=message):
        gen.nominees_for(HOST, "host.score_at_least", extensions=extensions)
    with pytest.raises(ValueError, match=message):
        gen.nominees_and_dates(HOST, "host.score_at_least", extensions=extensions)


@FAST
@given(st.data())
def test_the_shipped_catalog_s_nominees_carry_no_extensions(data: st.DataObject) -> None:
    """A catalog that declares no extension gets nominees without any."""
    catalog = shipped_catalog()
    award_id = data.draw(st.sampled_from(sorted(catalog.awards)[:5]))
    nominee = data.draw(gen.nominees_for(catalog, award_id))
    assert nominee.extensions == {}
