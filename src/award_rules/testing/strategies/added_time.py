"""More time behind a nominee on the same date, and nothing else."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from itertools import pairwise

from hypothesis import reject
from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy

from ...model import (
    Individual,
    ServicePeriod,
    Unit,
)
from ._knobs import (
    DAY,
    MAYBE_UNIT_ID,
)


def more_time(nominee: Individual | Unit, as_of: dt.date) -> SearchStrategy[Individual | Unit]:
    """The same nominee with more time behind it on ``as_of``, and nothing else changed.

    An individual gets more in-sector service up to ``as_of`` (and before any
    retirement or death): a new period in a free stretch (at least a day away
    from every other period), or a period's end moved later into free time.
    A unit is established earlier in the same calendar year.

    The added time is uneventful: no discipline, award, initiative or research
    topic is dated in it (no undated award falls in its years). The year
    anchors stay put (the first year of in-sector service, the year of
    establishment), so windows and year spans anchored there do not grow to
    take in more records. Filling a gap so that two periods merge is not
    offered: the library counts one span by the calendar but adds separate
    spans with 30-day months, so merging two spans can shorten the total.

    Examples where nothing can be added are rejected (:func:`hypothesis.reject`).
    """
    if isinstance(nominee, Individual):
        return _more_service(nominee, as_of)
    return _earlier_establishment(nominee)


def _event_days(nominee: Individual | Unit) -> tuple[set[dt.date], set[int]]:
    days = {d.decided_on for d in nominee.disciplines}
    days |= {a.decided_on for a in nominee.awards if a.decided_on is not None}
    if isinstance(nominee, Individual):
        days |= {i.recognized_on for i in nominee.initiatives}
        days |= {r.accepted_on for r in nominee.research_topics}
    years = {a.year for a in nominee.awards if a.decided_on is None}
    return days, years


def _quiet(
    low: dt.date, high: dt.date, days: set[dt.date], years: set[int]
) -> list[tuple[dt.date, dt.date]]:
    """The stretches of ``low``..``high`` with no day of ``days`` and no day in ``years``."""
    blocked = sorted(
        [(d, d) for d in days if low <= d <= high]
        + [
            (max(low, dt.date(y, 1, 1)), min(high, dt.date(y, 12, 31)))
            for y in years
            if low.year <= y <= high.year
        ]
    )
    out = []
    cursor = low
    for start, end in blocked:
        if start > cursor:
            out.append((cursor, start - DAY))
        cursor = max(cursor, end + DAY)
    if cursor <= high:
        out.append((cursor, high))
    return out


@st.composite
def _more_service(draw: DrawFn, person: Individual, as_of: dt.date) -> Individual | Unit:
    in_sector = [p.start for p in person.service if p.in_sector]
    if not in_sector:
        reject()
    low = min(in_sector)
    # No service after death or retirement: the stretch ends on the last day either allows.
    ends = [as_of, person.death_date, person.retirement_date and person.retirement_date - DAY]
    high = min(day for day in ends if day is not None)
    far = dt.date(9999, 1, 1)  # an open-ended period occupies every later day
    occupied: list[tuple[dt.date, dt.date]] = []
    for start, end in sorted((p.start, p.end or far) for p in person.service):
        if occupied and start <= occupied[-1][1] + DAY:
            occupied[-1] = (occupied[-1][0], max(occupied[-1][1], end))
        else:
            occupied.append((start, end))
    events, event_years = _event_days(person)

    moves: list[Callable[[], tuple[ServicePeriod, ...]]] = []
    # The free time after each occupied stretch (none before the first: ``low`` is in it).
    bounds: list[tuple[dt.date, dt.date | None]] = [(a[1], b[0]) for a, b in pairwise(occupied)]
    bounds.append((occupied[-1][1], None))
    for previous_end, next_start in bounds:
        if previous_end >= far:
            continue
        top = high if next_start is None else min(high, next_start - 2 * DAY)
        # A new period, a day away from both neighbours.
        for a, b in _quiet(max(low, previous_end + 2 * DAY), top, events, event_years):
            moves.append(_new_period(draw, person, a, b))
        # The period ending there runs on into the free time.
        extended = _extend_end(draw, person, previous_end, top, events, event_years)
        if extended is not None:
            moves.append(extended)
    if not moves:
        reject()
    service = draw(st.sampled_from(moves))()
    data = person.model_dump()
    data["service"] = [p.model_dump() for p in service]
    return Individual.model_validate(data)


def _new_period(
    draw: DrawFn, person: Individual, low: dt.date, high: dt.date
) -> Callable[[], tuple[ServicePeriod, ...]]:
    def move() -> tuple[ServicePeriod, ...]:
        start = draw(st.dates(low, high))
        end = draw(st.dates(start, high))
        added = ServicePeriod(unit_id=draw(MAYBE_UNIT_ID), start=start, end=end)
        return (*person.service, added)

    return move


def _extend_end(
    draw: DrawFn,
    person: Individual,
    previous_end: dt.date,
    top: dt.date,
    events: set[dt.date],
    event_years: set[int],
) -> Callable[[], tuple[ServicePeriod, ...]] | None:
    index = next(
        (i for i, p in enumerate(person.service) if p.in_sector and p.end == previous_end), None
    )
    quiet = _quiet(previous_end + DAY, top, events, event_years)
    if index is None or not quiet or quiet[0][0] != previous_end + DAY:
        return None
    last = quiet[0][1]

    def move() -> tuple[ServicePeriod, ...]:
        new_end = draw(st.dates(previous_end + DAY, last))
        service = list(person.service)
        service[index] = service[index].model_copy(update={"end": new_end})
        return tuple(service)

    return move


@st.composite
def _earlier_establishment(draw: DrawFn, unit: Unit) -> Individual | Unit:
    founded = unit.established_on
    if founded is None:
        reject()
    events, event_years = _event_days(unit)
    quiet = _quiet(dt.date(founded.year, 1, 1), founded - DAY, events, event_years)
    if not quiet or quiet[-1][1] != founded - DAY:
        reject()
    earlier = draw(st.dates(quiet[-1][0], founded - DAY))
    data = unit.model_dump()
    data["established_on"] = earlier
    return Unit.model_validate(data)
