"""Strategies for one award of a catalog: its dates, its nominees."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from ...catalog import Catalog
from ...criteria.loader import BoundLeaf, BoundNode, CriteriaVersion
from ...facts import add_years
from ...model import (
    Individual,
    Position,
    RatingLevel,
    Unit,
    UnitLevel,
)
from ...vocabulary.after_award import AfterAwardArgs
from ...vocabulary.base import ExtensionType
from ._knobs import (
    DAY,
    GOOD_OR_BETTER,
    MAX_YEARS,
)
from .nominees import individuals, units

_OPEN_HORIZON_YEARS = 20
_LEVELS = {level.value for level in UnitLevel}
_POSITIONS = {position.value for position in Position}


def criteria_leaves(catalog: Catalog, award_id: str) -> list[tuple[BoundLeaf, bool]]:
    """Every leaf of every version of an award, through ``meets_criteria`` references.

    Each comes with ``True`` when it sits under an odd number of ``not`` (it
    counts against the nominee when it passes).
    """
    out: list[tuple[BoundLeaf, bool]] = []
    seen: set[tuple[str, bool]] = set()

    def visit_award(current: str, negated: bool) -> None:
        if (current, negated) in seen or current not in catalog:
            return
        seen.add((current, negated))
        for version in catalog.versions(current):
            visit(version.root, negated)

    def visit(node: BoundNode, negated: bool) -> None:
        if isinstance(node, BoundLeaf):
            out.append((node, negated))
            for referenced in node.predicate.referenced_criteria(node.args):
                visit_award(referenced, negated)
            return
        for child in node.children:
            visit(child, negated != (node.kind == "not"))

    visit_award(award_id, False)
    return out


def is_annual(catalog: Catalog, award_id: str) -> bool:
    """Whether the award is judged for a year (``annual: true``), as the catalog decides it."""
    return catalog.is_annual(award_id)


def _judged_on(year: int) -> dt.date:
    """The day whose version in force judges ``year`` of an annual award (31 December).

    :meth:`Catalog.evaluate` judges an annual award for a year with the version
    in force on that day; this is the only place the strategies restate it.
    """
    return dt.date(year, 12, 31)


def _span(version: CriteriaVersion, annual: bool) -> tuple[dt.date, dt.date | None] | None:
    """The dates on which ``version`` gives the verdicts (``None``: none)."""
    start, until = version.doc.in_force.from_, version.doc.in_force.until
    if not annual:
        return start, until
    # The years whose judging day the version covers: that of ``from`` onwards.
    first_year, last_year = start.year, None
    if until is not None:
        last_year = until.year if until >= _judged_on(until.year) else until.year - 1
        if last_year < first_year:
            return None
    return dt.date(first_year, 1, 1), None if last_year is None else _judged_on(last_year)


def evaluation_spans(catalog: Catalog, award_id: str) -> list[tuple[dt.date, dt.date | None]]:
    """The dates on which evaluating the award gives a verdict, as inclusive spans.

    Every version's ``in_force`` range; for an annual award
    (:meth:`Catalog.is_annual`), every day of the years whose 31 December is
    in force (the version judging that year). ``None`` ends an open-ended span.
    """
    annual = is_annual(catalog, award_id)
    spans: list[tuple[dt.date, dt.date | None]] = []
    for version in catalog.versions(award_id):
        span = _span(version, annual)
        if span is None:
            continue
        if spans and spans[-1][1] is not None and spans[-1][1] + DAY >= span[0]:
            spans[-1] = (spans[-1][0], span[1])
        else:
            spans.append(span)
    return spans


def in_force_dates(
    catalog: Catalog, award_id: str, *, horizon_years: int = _OPEN_HORIZON_YEARS
) -> SearchStrategy[dt.date]:
    """Dates on which evaluating the award gives a verdict (see :func:`evaluation_spans`).

    The ends of each span are drawn now and then, and for an annual award
    31 December (when the year is judged); an open-ended span is taken to run
    ``horizon_years`` past its start.
    """
    bounded = [
        (start, end if end is not None else add_years(start, horizon_years))
        for start, end in evaluation_spans(catalog, award_id)
    ]
    annual = is_annual(catalog, award_id)

    def inside(bounds: tuple[dt.date, dt.date]) -> SearchStrategy[dt.date]:
        days = st.dates(*bounds) | st.sampled_from(bounds)
        if annual:
            days |= st.integers(bounds[0].year, bounds[1].year).map(_judged_on)
        return days

    return st.sampled_from(bounded).flatmap(inside)


def related_award_ids(catalog: Catalog, award_id: str) -> tuple[str, ...]:
    """Award ids an award's criteria look for: itself, what it grants, what its leaves name."""
    found = {award_id}
    for leaf, _ in criteria_leaves(catalog, award_id):
        found.update(leaf.predicate.mentioned_awards(leaf.args))
        found.update(leaf.predicate.referenced_criteria(leaf.args))
    for current in list(found):
        if current in catalog:
            found.update(v.doc.granted_award for v in catalog.versions(current))
    return tuple(sorted(found))


def built_on_award_ids(catalog: Catalog, award_id: str) -> tuple[str, ...]:
    """Award ids the award's criteria count achievements after (``after_award``'s ``award``).

    An accomplished nominee receives these once, some years back, rather than
    every year: the years, titles and initiatives counted follow the latest one.
    """
    found = {
        leaf.args.award
        for leaf, _ in criteria_leaves(catalog, award_id)
        if isinstance(leaf.args, AfterAwardArgs)
    }
    return tuple(sorted(found - {award_id}))


def _field_hints(catalog: Catalog, award_id: str, field: str) -> list[Any]:
    """Values the award's (positive) ``field`` leaves ask ``field`` to have."""
    values: list[Any] = []
    for leaf, negated in criteria_leaves(catalog, award_id):
        args = leaf.args
        if negated or leaf.predicate.name != "field" or getattr(args, "field", None) != field:
            continue
        equals = getattr(args, "equals", None)
        if equals is not None:
            values.append(equals)
        values.extend(getattr(args, "in_", None) or ())
    return values


def _borderline(catalog: Catalog, award_id: str, kind: str) -> list[tuple[int, int]]:
    """Year ranges around the thresholds (``*_years`` arguments) of leaves that grow with time."""
    thresholds = set()
    for leaf, _ in criteria_leaves(catalog, award_id):
        if not leaf.predicate.grows_with_time or kind not in leaf.predicate.subjects:
            continue
        for name, value in leaf.args:
            if name.endswith("_years") and isinstance(value, int) and 0 <= value <= MAX_YEARS:
                thresholds.add(value)
    # Two ranges meeting at the threshold, whose ends are drawn now and then.
    return [
        pair
        for t in sorted(thresholds)
        for pair in ((max(0, t - 1), t), (t, min(MAX_YEARS, t + 1)))
    ]


def extensions_for_kind(catalog: Catalog, kind: str) -> dict[str, ExtensionType]:
    """The extensions the catalog declares for nominees of ``kind`` (``individual``, ``unit``).

    The keys, with their types, that the catalog's checks for that kind read
    (a check declares them with its ``subjects``): a part of
    ``catalog.vocabulary.extensions``.
    """
    return dict(
        sorted(
            (key, declared)
            for predicate in catalog.vocabulary
            if kind in predicate.subjects
            for key, declared in predicate.extensions.items()
        )
    )


def _extensions_by_kind(
    catalog: Catalog, extensions: Mapping[str, ExtensionType] | None
) -> dict[str, dict[str, ExtensionType]]:
    """The extensions to draw for each kind: the catalog's, or ``extensions`` if it admits them."""
    if extensions is None:
        return {kind: extensions_for_kind(catalog, kind) for kind in ("individual", "unit")}
    admitted = catalog.vocabulary.extensions
    for key, kind in extensions.items():
        if admitted.get(key) != kind:
            declared = admitted.get(key)
            said = "does not declare it" if declared is None else f"declares it as {declared}"
            raise ValueError(f"extension {key!r} as {kind}: the catalog {said}")
    return {"individual": dict(extensions), "unit": dict(extensions)}


def nominees_for(
    catalog: Catalog,
    award_id: str,
    *,
    as_of: dt.date | None = None,
    extensions: Mapping[str, ExtensionType] | None = None,
) -> SearchStrategy[Individual | Unit]:
    """Nominees of the award's subject (``any``: both kinds) with records around ``as_of``.

    A mixture, so that the criteria's verdicts vary:

    - drawn freely, with award records and registered titles taken from the
      ids the criteria mention (:func:`related_award_ids`);
    - exemplary: never disciplined, rated good or better every year,
      registered for the award with a pledge by 31 March, of the level or
      position the criteria's ``field`` leaves ask for; individuals retired;
      some with service or age within a year of a threshold the criteria name
      (an integer ``*_years`` argument of a leaf that grows with time);
    - accomplished: exemplary, rated excellent, holding every related award in
      each of the last six years, except the awards the criteria count
      achievements after (:func:`built_on_award_ids`): each of those is held
      once, one to ten years back, so that some nominees have enough years
      after it and some too few; with national initiatives and research
      topics every year, in service (individuals) or with outstanding members
      and results above plan every year (units).

    Every nominee carries some of the extensions the catalog declares for its
    kind (:func:`extensions_for_kind`), each key there or not, values of the
    declared type (:func:`~.host_facts.extensions`): the catalog admits every
    nominee (``catalog.admit``). ``extensions`` draws these keys instead
    (keys the catalog declares, with its types; ``{}``: none).

    ``as_of`` is drawn by :func:`in_force_dates` when ``None``.
    """
    subjects = {version.doc.subject for version in catalog.versions(award_id)}
    related = related_award_ids(catalog, award_id)
    others = tuple(a for a in sorted(catalog.awards) if a not in related)[:3]
    kinds = {"individual", "unit"} if "any" in subjects else subjects
    levels = [UnitLevel(v) for v in _field_hints(catalog, award_id, "level") if v in _LEVELS]
    positions = [
        Position(v) for v in _field_hints(catalog, award_id, "position") if v in _POSITIONS
    ]
    built_on = built_on_award_ids(catalog, award_id)
    wanted = [a for a in related if a != award_id and a not in built_on]
    drawn_extensions = _extensions_by_kind(catalog, extensions)

    def around(day: dt.date) -> SearchStrategy[Individual | Unit]:
        options: list[SearchStrategy[Individual | Unit]] = []
        exemplary: dict[str, Any] = {
            "as_of": day,
            "disciplined": False,
            "rating_levels": GOOD_OR_BETTER,
            "rating_gaps": False,
            "award_ids": (),
            "titles": related,
            "registered": True,
            "registered_titles": (award_id,),
            "pledged": True,
            "pledge_deadline": "03-31",
        }
        accomplished = exemplary | {
            "rating_levels": (RatingLevel.EXCELLENT,),
            "award_ids": wanted,
            "awards_each_year": 6,
            "earlier_award_ids": built_on,
            "earlier_years": (1, 10),
        }
        if "individual" in kinds:
            declared = drawn_extensions["individual"]
            person: dict[str, Any] = {
                "deceased": False,
                "position": positions or None,
                "extensions": declared,
            }
            options.append(
                individuals(
                    as_of=day, award_ids=related + others, titles=related, extensions=declared
                )
            )
            options.append(individuals(retired=True, **person, **exemplary))
            for low, high in _borderline(catalog, award_id, "individual"):
                options.append(
                    individuals(
                        retired=True,
                        min_service_years=low,
                        max_service_years=high,
                        **person,
                        **exemplary,
                    )
                )
            options.append(
                individuals(
                    retired=False,
                    ongoing=True,
                    min_service_years=1,
                    absent=False,
                    achievements_each_year=True,
                    **person,
                    **accomplished,
                )
            )
        if "unit" in kinds:
            declared = drawn_extensions["unit"]
            unit: dict[str, Any] = {"level": levels or None, "extensions": declared}
            options.append(
                units(as_of=day, award_ids=related + others, titles=related, extensions=declared)
            )
            options.append(units(**unit, **exemplary))
            for low, high in _borderline(catalog, award_id, "unit"):
                options.append(units(min_age_years=low, max_age_years=high, **unit, **exemplary))
            options.append(
                units(
                    results_every_year=True,
                    plan_completion_between=(101, 150),
                    outstanding_members=True,
                    **unit,
                    **accomplished,
                )
            )
        return st.one_of(options)

    if as_of is not None:
        return around(as_of)
    return in_force_dates(catalog, award_id).flatmap(around)


def nominees_and_dates(
    catalog: Catalog,
    award_id: str,
    *,
    extensions: Mapping[str, ExtensionType] | None = None,
) -> SearchStrategy[tuple[Individual | Unit, dt.date]]:
    """A date on which the award gives a verdict, and a nominee for it (:func:`nominees_for`)."""
    _extensions_by_kind(catalog, extensions)  # checks them now

    def with_nominee(day: dt.date) -> SearchStrategy[tuple[Individual | Unit, dt.date]]:
        nominees = nominees_for(catalog, award_id, as_of=day, extensions=extensions)
        return nominees.map(lambda nominee: (nominee, day))

    return in_force_dates(catalog, award_id).flatmap(with_nominee)
