"""Property checks a criteria author can run on any award of a catalog.

Each check runs hypothesis itself: it draws nominees and dates with
:mod:`award_rules.testing.strategies`, evaluates them, and raises
:class:`AssertionError` describing the smallest counter-example it found (the
nominee as JSON data, ready for a nominee file). A check that does not apply
to an award returns a :class:`CheckReport` saying why instead of checking.

>>> from award_rules import load_catalog
>>> report = check_deterministic(load_catalog(), "vss.year_end_registration", max_examples=5)
>>> report.applicable
True

This module needs hypothesis, which award-rules itself does not depend on.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, TypeVar

import hypothesis
from hypothesis import HealthCheck, given
from hypothesis import strategies as st
from hypothesis.errors import Flaky
from hypothesis.strategies import SearchStrategy

from ..catalog import Catalog
from ..errors import NotInForceError
from ..facts import add_years
from ..model import Discipline, Individual, Unit
from ..verdict import Status, Verdict
from .strategies import (
    criteria_leaves,
    disciplines,
    evaluation_spans,
    more_time,
    nominees_and_dates,
    nominees_for,
)

__all__ = [
    "CheckReport",
    "check_all",
    "check_deterministic",
    "check_discipline_never_helps",
    "check_monotone_in_time",
    "check_outside_in_force_is_an_error",
    "default_settings",
]

T = TypeVar("T")
Nominee = Individual | Unit

_RANK: dict[Status, int] = {"ineligible": 0, "undetermined": 1, "eligible": 2}
_OUTSIDE_YEARS = 30
_FIRST_DAY, _LAST_DAY = dt.date(1901, 1, 1), dt.date(2199, 12, 31)
_DAY = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class CheckReport:
    """What a property check did for one award: checked it, or why it does not apply."""

    check: str
    award_id: str
    applicable: bool
    note: str

    def __str__(self) -> str:
        done = "checked" if self.applicable else "not applicable"
        return f"{self.check} {self.award_id}: {done} ({self.note})"


def default_settings(max_examples: int = 100) -> hypothesis.settings:
    """The checks' settings: no deadline, no example database, the first bug reported."""
    return hypothesis.settings(
        max_examples=max_examples,
        deadline=None,
        database=None,
        report_multiple_bugs=False,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )


# --------------------------------------------------------------------------- helpers


def _run(
    strategy: SearchStrategy[T],
    body: Callable[[T], None],
    config: hypothesis.settings,
    what: str,
) -> None:
    """Run ``body`` on examples of ``strategy``; it raises AssertionError on a counter-example."""

    @config
    @given(strategy)
    def property_holds(case: T) -> None:
        body(case)

    try:
        property_holds()
    except Flaky as exc:
        raise AssertionError(
            f"{what}: an example failed once and passed when replayed, so the verdict "
            f"depends on more than the nominee and the date ({exc})"
        ) from exc


def _config(max_examples: int, settings: hypothesis.settings | None) -> hypothesis.settings:
    return settings if settings is not None else default_settings(max_examples)


def _data(nominee: Nominee) -> str:
    """The nominee as JSON data, as a nominee file would hold it."""
    data = {"kind": nominee.kind, **nominee.model_dump(mode="json", exclude_defaults=True)}
    return json.dumps(data, ensure_ascii=False, indent=2)


def _summary(verdict: Verdict) -> str:
    failed = ", ".join(verdict.failed) or "-"
    missing = ", ".join(verdict.missing) or "-"
    return f"{verdict.status} (failed: {failed}; missing: {missing})"


def _indent(text: str) -> str:
    return text.replace("\n", "\n    ")


def _with(nominee: Nominee, **changes: Any) -> Nominee:
    """A valid copy of ``nominee`` with ``changes`` (the model's validators run again)."""
    data = nominee.model_dump()
    data.update(changes)
    return type(nominee).model_validate(data)


# --------------------------------------------------------------------------- the checks


def check_deterministic(
    catalog: Catalog,
    award_id: str,
    *,
    max_examples: int = 100,
    settings: hypothesis.settings | None = None,
) -> CheckReport:
    """Evaluating a nominee twice, or its JSON data, gives the same verdict.

    Compares the status, the failed leaves, the missing facts and
    :meth:`Verdict.to_dict` (which holds the explanation in both languages).
    ``settings`` replaces :func:`default_settings` (and ``max_examples``).
    """

    def body(case: tuple[Nominee, dt.date]) -> None:
        nominee, day = case
        first = catalog.evaluate(nominee, award_id, day)
        again = catalog.evaluate(nominee, award_id, day)
        from_data = catalog.evaluate(nominee.model_dump(mode="json"), award_id, day)
        for how, other in (("evaluated again", again), ("given as JSON data", from_data)):
            first_dict, other_dict = first.to_dict(), other.to_dict()
            differences = [
                f"{name}: {mine!r} != {theirs!r}"
                for name, mine, theirs in (
                    ("status", first.status, other.status),
                    ("failed", first.failed, other.failed),
                    ("missing", first.missing, other.missing),
                )
                if mine != theirs
            ]
            differences += [
                f"to_dict()[{key!r}] differs"
                for key in sorted(set(first_dict) | set(other_dict))
                if first_dict.get(key) != other_dict.get(key)
            ]
            if differences:
                raise AssertionError(
                    f"{award_id}: the verdict changed when the nominee was {how}, "
                    f"as of {day.isoformat()}:\n  "
                    + "\n  ".join(differences)
                    + f"\n  nominee: {_indent(_data(nominee))}"
                )

    _run(
        nominees_and_dates(catalog, award_id),
        body,
        _config(max_examples, settings),
        f"check_deterministic({award_id})",
    )
    return CheckReport(
        "check_deterministic", award_id, True, "the same verdict each time, and from JSON data"
    )


def check_monotone_in_time(
    catalog: Catalog,
    award_id: str,
    *,
    max_examples: int = 100,
    settings: hypothesis.settings | None = None,
) -> CheckReport:
    """More service, or an older unit, on the same date never costs an eligible nominee.

    Applies to awards with leaves whose predicate ``grows_with_time`` (service
    length, a unit's age), none of them under a ``not``, which would make it
    ask for at most a duration. Evaluating on a later date is not the test:
    it also moves the evaluation year and windows such as ``evaluation_year``.
    Instead the nominee gets more time behind it on the same date, and nothing
    else (:func:`award_rules.testing.strategies.more_time`): the added time is
    free of dated records and the year anchors stay put, so an eligible
    nominee must stay eligible.
    """
    timed = [
        (leaf, negated)
        for leaf, negated in criteria_leaves(catalog, award_id)
        if leaf.predicate.grows_with_time
    ]
    if not timed:
        return CheckReport(
            "check_monotone_in_time", award_id, False, "no leaf's predicate grows with time"
        )
    capped = sorted({leaf.id for leaf, negated in timed if negated})
    if capped:
        return CheckReport(
            "check_monotone_in_time",
            award_id,
            False,
            f"leaf {', '.join(capped)} sits under a 'not': it asks for at most a duration",
        )

    def extended(case: tuple[Nominee, dt.date]) -> SearchStrategy[tuple[Nominee, dt.date, Nominee]]:
        nominee, day = case
        return more_time(nominee, day).map(lambda later: (nominee, day, later))

    def body(case: tuple[Nominee, dt.date, Nominee]) -> None:
        nominee, day, later = case
        before = catalog.evaluate(nominee, award_id, day)
        if before.status != "eligible":
            return
        after = catalog.evaluate(later, award_id, day)
        if after.status != "eligible":
            if isinstance(later, Individual):
                change = "service: " + json.dumps(
                    [p.model_dump(mode="json") for p in later.service], ensure_ascii=False
                )
            else:
                assert later.established_on is not None
                change = f"established_on: {later.established_on.isoformat()}"
            raise AssertionError(
                f"{award_id}: more time made an eligible nominee {_summary(after)}, "
                f"as of {day.isoformat()}\n  nominee: {_indent(_data(nominee))}\n"
                f"  changed to {change}"
            )

    _run(
        nominees_and_dates(catalog, award_id).flatmap(extended),
        body,
        _config(max_examples, settings),
        f"check_monotone_in_time({award_id})",
    )
    names = ", ".join(sorted({leaf.id for leaf, _ in timed}))
    return CheckReport("check_monotone_in_time", award_id, True, f"more time for {names}")


def check_discipline_never_helps(
    catalog: Catalog,
    award_id: str,
    *,
    max_examples: int = 100,
    settings: hypothesis.settings | None = None,
) -> CheckReport:
    """Adding a discipline record never improves a verdict.

    Applies to awards with a ``no_discipline`` leaf (in any version, or in a
    criterion they reference). A discipline decided in the fifteen years up to
    the evaluation date is added; the status must not improve, in the order
    ineligible < undetermined < eligible (so never ineligible -> eligible). A
    discipline may leave the verdict as it was: it may fall outside the window.
    """
    leaves = [
        leaf.id
        for leaf, _ in criteria_leaves(catalog, award_id)
        if leaf.predicate.name == "no_discipline"
    ]
    if not leaves:
        return CheckReport(
            "check_discipline_never_helps", award_id, False, "no 'no_discipline' leaf"
        )

    def with_discipline(
        case: tuple[Nominee, dt.date],
    ) -> SearchStrategy[tuple[Nominee, dt.date, Discipline]]:
        nominee, day = case
        added = disciplines(between=(add_years(day, -15), day))
        return added.map(lambda record: (nominee, day, record))

    def body(case: tuple[Nominee, dt.date, Discipline]) -> None:
        nominee, day, record = case
        before = catalog.evaluate(nominee, award_id, day)
        disciplined = _with(nominee, disciplines=[*nominee.disciplines, record])
        after = catalog.evaluate(disciplined, award_id, day)
        if _RANK[after.status] > _RANK[before.status]:
            raise AssertionError(
                f"{award_id}: adding a discipline turned {before.status} into "
                f"{_summary(after)}, as of {day.isoformat()}\n"
                f"  nominee: {_indent(_data(nominee))}\n"
                f"  discipline added: {json.dumps(record.model_dump(mode='json'))}"
            )

    _run(
        nominees_and_dates(catalog, award_id).flatmap(with_discipline),
        body,
        _config(max_examples, settings),
        f"check_discipline_never_helps({award_id})",
    )
    return CheckReport(
        "check_discipline_never_helps",
        award_id,
        True,
        f"a discipline never improves the verdict ({', '.join(sorted(set(leaves)))})",
    )


def _outside(spans: list[tuple[dt.date, dt.date | None]]) -> list[tuple[dt.date, dt.date]]:
    """The dates around and between ``spans`` on which no verdict may be given (bounded)."""
    ranges = []
    first = spans[0][0]
    if first > _FIRST_DAY:
        ranges.append((max(_FIRST_DAY, add_years(first, -_OUTSIDE_YEARS)), first - _DAY))
    for (_, end), (start, _) in pairwise(spans):
        if end is not None and end + _DAY < start:
            ranges.append((end + _DAY, start - _DAY))
    last = spans[-1][1]
    if last is not None and last < _LAST_DAY:
        ranges.append((last + _DAY, min(_LAST_DAY, add_years(last, _OUTSIDE_YEARS))))
    return ranges


def check_outside_in_force_is_an_error(
    catalog: Catalog,
    award_id: str,
    *,
    max_examples: int = 100,
    settings: hypothesis.settings | None = None,
) -> CheckReport:
    """Outside every version's ``in_force`` range, evaluating raises NotInForceError.

    Dates before the first version, after the last one's ``until`` and in
    gaps between versions must raise :class:`award_rules.NotInForceError`
    rather than return a verdict; the first and last day of each range must
    return one (the ranges are inclusive). An annual award is judged with the
    version in force on 31 December of the year under review, so for it the
    ranges are whole years (:func:`~award_rules.testing.strategies.evaluation_spans`).
    """
    spans = evaluation_spans(catalog, award_id)
    outside = _outside(spans)
    if not outside:
        return CheckReport(
            "check_outside_in_force_is_an_error", award_id, False, "in force on every date"
        )
    edges = sorted({start for start, _ in spans} | {end for _, end in spans if end is not None})

    def around(bounds: tuple[dt.date, dt.date]) -> SearchStrategy[dt.date]:
        return st.sampled_from(bounds) | st.dates(*bounds)

    outside_days = st.sampled_from(outside).flatmap(around).map(lambda day: (day, False))
    edge_days = st.sampled_from(edges).map(lambda day: (day, True))
    days = outside_days | edge_days

    def with_nominee(
        case: tuple[dt.date, bool],
    ) -> SearchStrategy[tuple[Nominee, dt.date, bool]]:
        day, in_force = case
        return nominees_for(catalog, award_id, as_of=day).map(lambda n: (n, day, in_force))

    def body(case: tuple[Nominee, dt.date, bool]) -> None:
        nominee, day, in_force = case
        try:
            verdict = catalog.evaluate(nominee, award_id, day)
        except NotInForceError as exc:
            if in_force:
                raise AssertionError(
                    f"{award_id}: {day.isoformat()} is the first or last day on which a "
                    f"version is in force, yet evaluating raised NotInForceError: {exc}"
                ) from exc
            return
        if not in_force:
            raise AssertionError(
                f"{award_id}: no version is in force on {day.isoformat()}, yet evaluating "
                f"returned a verdict: {_summary(verdict)} (version in force "
                f"{verdict.version.doc.in_force})\n  nominee: {_indent(_data(nominee))}"
            )

    _run(
        days.flatmap(with_nominee),
        body,
        _config(max_examples, settings),
        f"check_outside_in_force_is_an_error({award_id})",
    )
    shown = "; ".join(f"{a.isoformat()}..{b.isoformat()}" for a, b in outside)
    return CheckReport(
        "check_outside_in_force_is_an_error", award_id, True, f"not in force on {shown}"
    )


CHECKS: tuple[Callable[..., CheckReport], ...] = (
    check_deterministic,
    check_monotone_in_time,
    check_discipline_never_helps,
    check_outside_in_force_is_an_error,
)
"""Every check, in the order :func:`check_all` runs them."""


def check_all(
    catalog: Catalog,
    award_id: str | None = None,
    *,
    max_examples: int = 100,
    settings: hypothesis.settings | None = None,
) -> list[CheckReport]:
    """Run every check on one award (or on every award of the catalog); report each.

    Every check runs even when an earlier one fails; the failures are raised
    together in one AssertionError, each with its counter-example.
    """
    ids = catalog.ids() if award_id is None else [award_id]
    for current in ids:
        catalog.versions(current)  # an unknown id is the caller's mistake: raise it now
    reports: list[CheckReport] = []
    failures: list[str] = []
    for current in ids:
        for check in CHECKS:
            try:
                reports.append(
                    check(catalog, current, max_examples=max_examples, settings=settings)
                )
            except AssertionError as exc:
                failures.append(f"{check.__name__}({current}) failed: {exc}")
            except Exception as exc:  # a crash is a finding too; keep checking the rest
                failures.append(f"{check.__name__}({current}) crashed: {exc!r}")
    if failures:
        count = len(failures)
        raise AssertionError(
            f"{count} property check{'s' * (count > 1)} failed:\n\n" + "\n\n".join(failures)
        )
    return reports
