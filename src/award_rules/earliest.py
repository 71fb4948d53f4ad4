"""The earliest date on which waiting alone would make a failing verdict pass."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from .context import Context
from .facts import add_years
from .results import NodeResult, combine_all, fold

__all__ = ["earliest_eligible_on"]

SEARCH_YEARS = 60
"""How far ahead :func:`earliest_eligible_on` looks."""


def earliest_eligible_on(
    root: NodeResult, ctx: Context, until: dt.date | None = None
) -> dt.date | None:
    """The first date on which ``root`` would pass if only time moved on.

    Only leaves whose predicate grows with time (service, a unit's age) are
    moved; every other condition keeps its present result. ``None`` when the
    root already passes, is undetermined, or cannot pass by waiting until
    ``until`` (the last day the criteria version is in force).
    """
    if root.passed is not False:
        return None
    dates: dict[int, dt.date] = {}
    for leaf in root.leaves():
        predicate = leaf.predicate
        if leaf.passed is False and predicate is not None and predicate.grows_with_time:
            assert leaf.rerun is not None
            day = _first_passing_day(leaf.rerun, ctx, until)
            if day is not None:
                dates[id(leaf)] = day
    for day in sorted(set(dates.values())):
        moved = {key for key, when in dates.items() if when <= day}
        if _passes(root, moved):
            return day
    return None


def _first_passing_day(
    rerun: Callable[[Context], NodeResult], ctx: Context, until: dt.date | None
) -> dt.date | None:
    def passes(day: dt.date) -> bool:
        return rerun(ctx.on(day)).passed is True

    low, high = ctx.as_of, add_years(ctx.as_of, SEARCH_YEARS)
    if until is not None:
        high = min(high, until)
    if high <= low or not passes(high):
        return None
    while (high - low).days > 1:
        middle = low + (high - low) / 2
        if passes(middle):
            high = middle
        else:
            low = middle
    return high


def _passes(node: NodeResult, moved: set[int]) -> bool | None:
    if node.kind == "check":
        if id(node) in moved:
            return True
        inner = node.outcome.children if node.outcome else ()
        if inner:
            return combine_all([_passes(child, moved) for child in inner])
        return node.passed
    return fold(node.kind, [_passes(child, moved) for child in node.children])
