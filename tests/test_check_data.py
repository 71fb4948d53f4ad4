"""docs/check-data.md stays true: the shapes of each check's ``required`` and ``found``."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from award_rules import load_nominees
from award_rules.model import AwardRecord, Discipline, LedUnitYear, PendingCase, RatingLevel
from award_rules.testing.strategies import nominees_and_dates
from award_rules.vocabulary import default_vocabulary
from conftest import EXAMPLES_DIR, ROOT, examples, shipped_catalog

PAGE = ROOT / "docs" / "check-data.md"
ROW = re.compile(r"^\| `(?P<check>[a-z_]+)` \| (?P<required>[^|]+) \| (?P<found>[^|]+) \|$", re.M)
TOKEN = re.compile(r"`([^`]+)`")
DURATION = {"years", "months", "days"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
RATINGS = {level.value for level in RatingLevel}


def documented() -> dict[str, tuple[str, list[str]]]:
    """Each documented check: its ``required`` cell and its ``found`` shapes."""
    section = PAGE.read_text(encoding="utf-8").split("## Every check", 1)[1]
    return {
        m["check"]: (m["required"].strip(), _found_tokens(m["found"]))
        for m in ROW.finditer(section)
    }


def _found_tokens(cell: str) -> list[str]:
    """The backticked shapes of a ``found`` cell (words in brackets are explanations)."""
    return TOKEN.findall(re.sub(r"\([^()]*\)", "", cell))


def _record(model: type[Any]) -> Callable[[Any], bool]:
    fields = set(model.model_fields)
    needed = {n for n, info in model.model_fields.items() if info.is_required()}
    return lambda v: isinstance(v, dict) and needed <= set(v) <= fields


def _list_of(check: Callable[[Any], bool]) -> Callable[[Any], bool]:
    return lambda v: isinstance(v, list) and all(check(item) for item in v)


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_date(v: Any) -> bool:
    return isinstance(v, str) and bool(DATE.match(v))


SHAPES: dict[str, Callable[[Any], bool]] = {
    "null": lambda v: v is None,
    "integer": _is_int,
    "number": lambda v: _is_int(v) or isinstance(v, float),
    "boolean": lambda v: isinstance(v, bool),
    "text": lambda v: isinstance(v, str),
    "date": _is_date,
    "duration": lambda v: isinstance(v, dict) and set(v) == DURATION,
    "[integer]": _list_of(_is_int),
    "[text]": _list_of(lambda v: isinstance(v, str)),
    "{year: rating}": lambda v: (
        isinstance(v, dict)
        and all(k.isdigit() and (r is None or r in RATINGS) for k, r in v.items())
    ),
    "[award record]": _list_of(_record(AwardRecord)),
    "[discipline]": _list_of(_record(Discipline)),
    "[pending case]": _list_of(_record(PendingCase)),
    "[[discipline, date]]": _list_of(
        lambda v: (
            isinstance(v, list) and len(v) == 2 and _record(Discipline)(v[0]) and _is_date(v[1])
        )
    ),
    "led unit year": _record(LedUnitYear),
}


def required_keys(cell: str) -> set[str]:
    """The keys a ``required`` cell promises: ``{a, b}``, ``duration`` or ``{}``."""
    (token,) = TOKEN.findall(cell)
    if token == "duration":
        return DURATION
    return {k.strip() for k in token.strip("{}").split(",") if k.strip()}


def condition_leaves(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    if node["check"]:
        yield node
    for child in node["children"]:
        yield from condition_leaves(child)


def assert_documented_shapes(node: dict[str, Any], doc: dict[str, tuple[str, list[str]]]) -> None:
    """Every leaf's ``required`` keys and ``found`` shape are the documented ones."""
    for leaf in condition_leaves(node):
        cell, shapes = doc[leaf["check"]]
        assert set(leaf["required"]) == required_keys(cell), leaf["check"]
        assert any(SHAPES[s](leaf["found"]) for s in shapes), (leaf["check"], leaf["found"])


def python_names(value: Any) -> list[str]:
    """Keys spelt the Python way (``from_``, ``in_``) anywhere in ``value``."""
    if isinstance(value, dict):
        return [k for k in value if k.endswith("_")] + [
            n for v in value.values() for n in python_names(v)
        ]
    if isinstance(value, list):
        return [n for v in value for n in python_names(v)]
    return []


DOC = documented()


def test_every_registered_check_is_documented_once() -> None:
    """The page lists exactly the checks of the default vocabulary."""
    rows = ROW.findall(PAGE.read_text(encoding="utf-8").split("## Every check", 1)[1])
    assert len(rows) == len(DOC)
    assert sorted(DOC) == default_vocabulary().names()


def test_documented_shapes_are_known() -> None:
    """Each ``found`` cell names at least one shape, and only shapes the legend defines."""
    legend = PAGE.read_text(encoding="utf-8").split("## `found`", 1)[1].split("## Every check")[0]
    defined = {
        token
        for line in legend.splitlines()
        if line.startswith("| `")
        for token in TOKEN.findall(line.split(" | ")[0])
    }
    assert defined == set(SHAPES)
    for check, (_, shapes) in DOC.items():
        assert shapes, check
        assert set(shapes) <= defined, check


LENGTHS = {"service_years", "unit_age", "months_worked", "not_new_hire"}
"""The checks whose ``required`` is a length, not their arguments."""


@pytest.mark.parametrize(
    "predicate",
    [p for p in default_vocabulary() if p.name not in LENGTHS],
    ids=lambda p: p.name,
)
def test_argument_shaped_required_lists_the_public_argument_names(predicate: Any) -> None:
    """Where ``required`` is the arguments, the page lists their public names (``in``)."""
    cell = DOC[predicate.name][0]
    public = {info.alias or name for name, info in predicate.args_model.model_fields.items()}
    assert required_keys(cell) == public


def test_every_shipped_leaf_reports_the_documented_required_keys() -> None:
    """``required`` of every leaf of the shipped criteria has the documented keys, public names."""
    seen = set()
    catalog = shipped_catalog()
    for award_id in catalog.ids():
        for version in catalog.versions(award_id):
            for leaf in version.leaves():
                value = leaf.predicate.required_value(leaf.args)
                assert set(value) == required_keys(DOC[leaf.predicate.name][0]), leaf.id
                assert not python_names(value), leaf.id
                seen.add(leaf.predicate.name)
    months = default_vocabulary().get("months_worked")
    assert months is not None
    assert months.required_value(months.args_model.model_validate({"min_months": 10})) == {
        "months": 10
    }
    assert seen | {"months_worked"} == set(DOC)
    assert {c for c in LENGTHS if "{" not in DOC[c][0] or DOC[c][0] == "`{months}`"} == LENGTHS


def test_a_year_span_is_reported_with_from_not_from_() -> None:
    """The regression: a span's ``from`` kept its Python name ``from_`` in ``required``."""
    predicate = default_vocabulary().get("ratings_count")
    assert predicate is not None
    args = predicate.args_model.model_validate(
        {"level": "good", "years": {"from": 2016, "to": 2019}, "min_count": 2}
    )
    assert predicate.required_value(args) == {
        "level": "good",
        "years": {"from": 2016, "to": 2019, "last": None},
        "min_count": 2,
    }
    field = default_vocabulary().get("field")
    assert field is not None
    args = field.args_model.model_validate({"field": "level", "in": ["province"]})
    wanted = field.required_value(args)
    assert wanted["in"] == ["province"]
    assert not python_names(wanted)


def test_example_nominees_report_documented_shapes() -> None:
    """Every verdict on the example nominees, on several dates, fits the documented shapes."""
    catalog = shipped_catalog()
    nominees = [
        *load_nominees(EXAMPLES_DIR / "cluster1_2012.yaml"),
        *(
            n
            for path in sorted((EXAMPLES_DIR / "nominees").rglob("*.yaml"))
            for n in load_nominees(path)
        ),
    ]
    checks = set()
    for nominee in nominees:
        for year in (2012, 2016, 2020, 2024):
            for verdict in catalog.evaluate_all(nominee, dt.date(year, 12, 31), year=year).values():
                data = verdict.to_dict()["conditions"]
                assert_documented_shapes(data, DOC)
                checks |= {leaf["check"] for leaf in condition_leaves(data)}
    assert len(checks) >= 20  # most checks are reached by the examples


AWARDS = shipped_catalog().ids()


@settings(
    max_examples=examples(100),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_generated_nominees_report_documented_shapes(data: st.DataObject) -> None:
    """Verdicts on generated nominees, for any shipped award, fit the documented shapes."""
    award_id = data.draw(st.sampled_from(AWARDS), label="award")
    nominee, day = data.draw(nominees_and_dates(shipped_catalog(), award_id), label="nominee, day")
    verdict = shipped_catalog().evaluate(nominee, award_id, day)
    assert_documented_shapes(verdict.to_dict()["conditions"], DOC)
