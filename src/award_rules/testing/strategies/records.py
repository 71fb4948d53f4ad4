"""Strategies of one record each (and service and rating histories)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import TypeVar

from hypothesis import reject
from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy

from ...facts import Duration, add_months, add_years, service_length
from ...model import (
    Absence,
    AbsenceKind,
    AwardRecord,
    Discipline,
    DisciplineForm,
    Initiative,
    InitiativeLevel,
    MemberCounts,
    Rating,
    RatingLevel,
    Registration,
    ResearchTopic,
    ServicePeriod,
    YearResult,
)
from ._knobs import (
    ALL_LEVELS,
    BOOL,
    DAY,
    DEFAULT_AWARD_IDS,
    MAX_DATE,
    MAYBE_UNIT_ID,
    MIN_DATE,
    UNIT_ID,
    YEAR_MIN,
    check_range,
    check_years,
    deadline,
    nonempty,
    year_list,
)

_MAX_GAP_DAYS = 3 * 366
_AWARD_DECISION = st.none() | st.integers(1, 9999).map(lambda n: f"{n}/QĐ-BHXH")
_DISCIPLINE_DECISION = st.none() | st.integers(1, 9999).map(lambda n: f"{n}/QĐ-KL")
AchievementT = TypeVar("AchievementT", Initiative, ResearchTopic)


def dates(min_value: dt.date = MIN_DATE, max_value: dt.date = MAX_DATE) -> SearchStrategy[dt.date]:
    """Calendar dates from ``min_value`` to ``max_value``, both included."""
    check_range(min_value, max_value, "dates")
    return st.dates(min_value, max_value)


def service_periods(
    *,
    start_between: tuple[dt.date, dt.date] = (MIN_DATE, MAX_DATE),
    max_days: int = 20 * 366,
    in_sector: bool | None = None,
    open_ended: bool | None = None,
) -> SearchStrategy[ServicePeriod]:
    """One period starting in ``start_between``, at most ``max_days`` days long when closed."""
    check_range(*start_between, "start_between")
    if max_days < 1:
        raise ValueError("max_days must be at least 1")
    return _service_periods(start_between, max_days, in_sector, open_ended)


@st.composite
def _service_periods(
    draw: DrawFn,
    start_between: tuple[dt.date, dt.date],
    max_days: int,
    in_sector: bool | None,
    open_ended: bool | None,
) -> ServicePeriod:
    start = draw(st.dates(*start_between))
    is_open = draw(BOOL) if open_ended is None else open_ended
    end = None
    if not is_open:
        room = (dt.date.max - start).days
        end = start + dt.timedelta(days=draw(st.integers(0, min(max_days - 1, room))))
    return ServicePeriod(
        unit_id=draw(MAYBE_UNIT_ID),
        start=start,
        end=end,
        in_sector=draw(BOOL) if in_sector is None else in_sector,
    )


def service_histories(
    *,
    as_of: dt.date,
    min_years: int = 0,
    max_years: int = 40,
    in_sector: bool | None = True,
    max_periods: int = 4,
    ongoing: bool | None = None,
    out_of_sector: bool = True,
    max_gap_days: int = _MAX_GAP_DAYS,
) -> SearchStrategy[tuple[ServicePeriod, ...]]:
    """Periods whose service up to ``as_of`` (inclusive) is from ``min_years`` to ``max_years``.

    ``in_sector=True`` (the default): the counted periods are in the sector and
    the range holds for in-sector service; with ``out_of_sector`` periods
    outside the sector (never counted) may be added. ``in_sector=False``: every
    counted period is outside the sector; ``None``: each is either. With
    ``False`` or ``None`` the range holds for service regardless of sector
    (``service_length(..., in_sector_only=False)``).

    Counted periods are separated by gaps of at least one day (up to
    ``max_gap_days``); a period may be recorded as two touching or overlapping
    records (a transfer), which the library merges. ``ongoing=True``: the last
    period (if the range allows any) is open-ended and runs to ``as_of``;
    ``False``: every record is closed and ends on or before ``as_of``;
    ``None``: either, or a last record ending after ``as_of``. Both bounds
    are included: the total is between ``Duration.of_years(min_years)`` and
    ``Duration.of_years(max_years)``.
    """
    check_years(min_years, max_years, "service years")
    if max_periods < 1 or max_gap_days < 1:
        raise ValueError("max_periods and max_gap_days must be at least 1")
    return _service_histories(
        as_of, min_years, max_years, in_sector, max_periods, ongoing, out_of_sector, max_gap_days
    )


def _later_than(day: dt.date, max_days: int = 3650) -> SearchStrategy[dt.date]:
    """Dates from the day after ``day`` up to ``max_days`` later."""
    return st.dates(day + DAY, min(dt.date.max, day + dt.timedelta(days=max_days)))


def _exact_start(end_exclusive: dt.date, months: int, days: int) -> dt.date | None:
    """The start of a span lasting exactly ``months`` and ``days`` up to ``end_exclusive``."""
    start = add_months(end_exclusive - dt.timedelta(days=days), -months)
    if Duration.between(start, end_exclusive) == Duration(months // 12, months % 12, days):
        return start
    return None


@st.composite
def _service_histories(
    draw: DrawFn,
    as_of: dt.date,
    min_years: int,
    max_years: int,
    in_sector: bool | None,
    max_periods: int,
    ongoing: bool | None,
    out_of_sector: bool,
    max_gap_days: int,
) -> tuple[ServicePeriod, ...]:
    # The total is planned as whole months plus fewer than 30 days, split into
    # pieces of at most 27 days each: spans of that form have an exact calendar
    # length, and the library's sum of separate spans is then the plan itself.
    count = draw(st.integers(1, max_periods))
    low, high = 12 * min_years, 12 * max_years
    total_months = draw(st.integers(low, high) | st.sampled_from((low, high)))
    budget = 0 if total_months == high else (29 if count > 1 else 27)
    days: list[int] = []
    for _ in range(count):
        piece = draw(st.integers(0, min(27, budget)))
        budget -= piece
        days.append(piece)
    cuts = sorted(
        draw(st.lists(st.integers(0, total_months), min_size=count - 1, max_size=count - 1))
    )
    months = [b - a for a, b in pairwise([0, *cuts, total_months])]
    pieces = [(m, d) for m, d in zip(months, days, strict=True) if m or d]

    # Lay the pieces out backwards from ``as_of``.
    reach = True if ongoing else draw(BOOL)
    end_exclusive = as_of + DAY
    if not reach:
        end_exclusive -= dt.timedelta(days=draw(st.integers(1, max_gap_days)))
    spans: list[tuple[dt.date, dt.date]] = []
    for index, (m, d) in enumerate(reversed(pieces)):
        start = _exact_start(end_exclusive, m, d)
        if start is None and index == 0 and reach:
            if ongoing:
                reject()  # the calendar cannot end this piece on as_of exactly
            reach = False
        while start is None:  # at most three days back, to a day of the month <= 28
            end_exclusive -= DAY
            start = _exact_start(end_exclusive, m, d)
        spans.append((start, end_exclusive - DAY))
        gap = draw(st.integers(0, max_gap_days - 1))
        end_exclusive = start - DAY - dt.timedelta(days=gap)
    spans.reverse()

    records: list[ServicePeriod] = []
    for index, (start, end) in enumerate(spans):
        flag = draw(BOOL) if in_sector is None else in_sector
        last_end: dt.date | None = end
        if index == len(spans) - 1 and reach:
            if ongoing:
                last_end = None
            elif ongoing is None:
                last_end = draw(st.none() | st.just(end) | _later_than(end))
        if end > start and draw(BOOL):
            # A transfer: two records that touch or overlap; merged, they are the span.
            cut = start + dt.timedelta(days=draw(st.integers(0, (end - start).days - 1)))
            overlap = draw(st.integers(0, min(30, (cut - start).days)))
            records.append(
                ServicePeriod(unit_id=draw(UNIT_ID), start=start, end=cut, in_sector=flag)
            )
            start = cut + DAY - dt.timedelta(days=overlap)
        records.append(
            ServicePeriod(
                unit_id=draw(MAYBE_UNIT_ID),
                start=start,
                end=last_end,
                in_sector=flag,
            )
        )
    if in_sector is True and out_of_sector:
        earliest = spans[0][0] if spans else add_years(as_of, -20)
        others = service_periods(
            start_between=(add_years(earliest, -10), as_of),
            in_sector=False,
            max_days=10 * 366,
            open_ended=False if ongoing is False else None,
        )
        for period in draw(st.lists(others, max_size=2)):
            if ongoing is False and period.end is not None and period.end > as_of:
                period = period.model_copy(update={"end": as_of})  # still >= start
            records.append(period)
    history = tuple(draw(st.permutations(records)))

    counted = service_length(history, as_of, in_sector_only=in_sector is True)
    assert Duration.of_years(min_years) <= counted <= Duration.of_years(max_years), (
        f"service_histories built {counted} outside [{min_years}, {max_years}] years: {history}"
    )
    return history


def ratings(
    *, years: Iterable[int] = range(2000, 2031), levels: Sequence[RatingLevel] = ALL_LEVELS
) -> SearchStrategy[Rating]:
    """One rating for a year of ``years`` at a level of ``levels``."""
    chosen = year_list(years)
    nonempty(levels, "levels")
    return st.builds(Rating, year=st.sampled_from(chosen), level=st.sampled_from(levels))


def rating_histories(
    *,
    years: Iterable[int] = range(2000, 2031),
    levels: Sequence[RatingLevel] = ALL_LEVELS,
    gaps: bool = True,
) -> SearchStrategy[tuple[Rating, ...]]:
    """Ratings for ``years`` (one per year, oldest first); with ``gaps`` some years are unrated."""
    chosen = year_list(years) if years else []
    nonempty(levels, "levels")
    return _rating_histories(chosen, tuple(levels), gaps)


@st.composite
def _rating_histories(
    draw: DrawFn, years: list[int], levels: tuple[RatingLevel, ...], gaps: bool
) -> tuple[Rating, ...]:
    out = []
    for year in years:
        if gaps and not draw(BOOL):
            continue
        out.append(Rating(year=year, level=draw(st.sampled_from(levels))))
    return tuple(out)


def award_records(
    *,
    award_ids: Sequence[str] = DEFAULT_AWARD_IDS,
    years: Iterable[int] = range(2000, 2031),
    dated: bool | None = None,
) -> SearchStrategy[AwardRecord]:
    """One award received: an id of ``award_ids``, a year of ``years``, maybe a decision date.

    ``dated=True``: ``decided_on`` is set (a day of the award's year); ``False``:
    it is not, and windows judge the record by its year; ``None``: either.
    """
    nonempty(award_ids, "award_ids")
    return _award_records(tuple(award_ids), year_list(years), dated)


@st.composite
def _award_records(
    draw: DrawFn, award_ids: tuple[str, ...], years: list[int], dated: bool | None
) -> AwardRecord:
    year = draw(st.sampled_from(years))
    decided_on = None
    if dated or (dated is None and draw(BOOL)):
        decided_on = draw(st.dates(dt.date(year, 1, 1), dt.date(year, 12, 31)))
    return AwardRecord(
        award=draw(st.sampled_from(award_ids)),
        year=year,
        decision=draw(_AWARD_DECISION),
        decided_on=decided_on,
    )


def disciplines(
    *,
    between: tuple[dt.date, dt.date] = (MIN_DATE, MAX_DATE),
    forms: Sequence[DisciplineForm] = tuple(DisciplineForm),
) -> SearchStrategy[Discipline]:
    """One discipline of a form of ``forms``, decided on a day ``between`` (start, end)."""
    check_range(*between, "between")
    nonempty(forms, "forms")
    return _disciplines(between, tuple(forms))


@st.composite
def _disciplines(
    draw: DrawFn, between: tuple[dt.date, dt.date], forms: tuple[DisciplineForm, ...]
) -> Discipline:
    decided_on = draw(st.dates(*between))
    ends_on = None
    if draw(BOOL):
        room = (dt.date.max - decided_on).days
        ends_on = decided_on + dt.timedelta(days=draw(st.integers(0, min(3 * 366, room))))
    return Discipline(
        form=draw(st.sampled_from(forms)),
        decided_on=decided_on,
        ends_on=ends_on,
        decision=draw(_DISCIPLINE_DECISION),
    )


def registrations(
    *,
    years: Iterable[int] = range(2000, 2031),
    titles: Sequence[str] = DEFAULT_AWARD_IDS,
    including: Sequence[str] = (),
    pledged: bool | None = None,
    pledge_deadline: str | None = None,
) -> SearchStrategy[Registration]:
    """One registration for a year of ``years``, listing ``including`` and some of ``titles``.

    ``pledged=True``: a pledge date is recorded, from 1 December of the year
    before up to ``pledge_deadline`` (``MM-DD``) of the year, or its 31 December;
    ``False``: none is; ``None``: either.
    """
    if pledge_deadline is not None:
        deadline(2001, pledge_deadline)  # a common year: refuses 02-29 and nonsense
    return _registrations(
        year_list(years), tuple(titles), tuple(including), pledged, pledge_deadline
    )


@st.composite
def _registrations(
    draw: DrawFn,
    years: list[int],
    titles: tuple[str, ...],
    including: tuple[str, ...],
    pledged: bool | None,
    pledge_deadline: str | None,
) -> Registration:
    year = draw(st.sampled_from(years))
    chosen = list(dict.fromkeys(including))
    if titles:
        chosen += draw(st.lists(st.sampled_from(titles), unique=True, max_size=3))
    signed = None
    if pledged or (pledged is None and draw(BOOL)):
        first = dt.date(year - 1, 12, 1) if year > YEAR_MIN else dt.date(year, 1, 1)
        last = deadline(year, pledge_deadline) if pledge_deadline else dt.date(year, 12, 31)
        signed = draw(st.dates(first, last))
    return Registration(year=year, titles=tuple(dict.fromkeys(chosen)), pledge_signed_on=signed)


def initiatives(
    *,
    between: tuple[dt.date, dt.date] = (MIN_DATE, MAX_DATE),
    levels: Sequence[InitiativeLevel] = tuple(InitiativeLevel),
) -> SearchStrategy[Initiative]:
    """One initiative at a level of ``levels``, recognised on a day ``between`` (start, end)."""
    titles = ("Số hoá hồ sơ", "Thu BHXH tự nguyện", "Giám định điện tử")
    return _achievements(Initiative, "recognized_on", titles, between, levels)


def research_topics(
    *,
    between: tuple[dt.date, dt.date] = (MIN_DATE, MAX_DATE),
    levels: Sequence[InitiativeLevel] = tuple(InitiativeLevel),
) -> SearchStrategy[ResearchTopic]:
    """One research topic at a level of ``levels``, accepted on a day ``between`` (start, end)."""
    titles = ("Quỹ BHXH bền vững", "Bao phủ BHYT", "Chuyển đổi số")
    return _achievements(ResearchTopic, "accepted_on", titles, between, levels)


def _achievements(
    model: type[AchievementT],
    date_field: str,
    titles: Sequence[str],
    between: tuple[dt.date, dt.date],
    levels: Sequence[InitiativeLevel],
) -> SearchStrategy[AchievementT]:
    """Initiatives or research topics: a title, a level, a dated recognition."""
    check_range(*between, "between")
    nonempty(levels, "levels")
    return st.builds(
        model,
        title=st.sampled_from(tuple(titles)),
        level=st.sampled_from(tuple(levels)),
        **{date_field: st.dates(*between)},
    )


def absences(
    *,
    between: tuple[dt.date, dt.date] = (MIN_DATE, MAX_DATE),
    kinds: Sequence[AbsenceKind] = tuple(AbsenceKind),
    max_days: int = 120,
) -> SearchStrategy[Absence]:
    """One absence of a kind of ``kinds`` from a day ``between``, up to ``max_days`` long."""
    check_range(*between, "between")
    nonempty(kinds, "kinds")
    if max_days < 1:
        raise ValueError("max_days must be at least 1")
    return _absences(between, tuple(kinds), max_days)


@st.composite
def _absences(
    draw: DrawFn, between: tuple[dt.date, dt.date], kinds: tuple[AbsenceKind, ...], max_days: int
) -> Absence:
    start = draw(st.dates(*between))
    end = start + dt.timedelta(days=draw(st.integers(0, max_days - 1)))
    return Absence(kind=draw(st.sampled_from(kinds)), start=start, end=end)


def year_results(
    *,
    years: Iterable[int] = range(2000, 2031),
    plan_completion_between: tuple[float, float] = (0, 150),
    outstanding: bool = False,
) -> SearchStrategy[YearResult]:
    """A unit's results for a year of ``years``: plan completion, score, coverage (each maybe).

    A plan completion, when recorded, is within ``plan_completion_between`` (percent).
    ``outstanding=True``: health-insurance coverage above 90% and every district and
    commune meeting the new-rural criterion (rule R10).
    """
    low, high = plan_completion_between
    if not 0 <= low <= high:
        raise ValueError(f"plan_completion_between: need 0 <= low <= high, got {low}, {high}")
    percent = st.floats(low, high, allow_nan=False, allow_infinity=False)
    if int(high) >= low:
        percent = st.integers(math.ceil(low), int(high)) | percent
    coverage = st.integers(0, 100) | st.floats(0, 100, allow_nan=False, allow_infinity=False)
    shares = st.none() | st.just(100) | coverage
    if outstanding:
        coverage = st.integers(91, 100) | st.floats(90.5, 100, allow_nan=False)
        shares = st.just(100)
    return st.builds(
        YearResult,
        year=st.sampled_from(year_list(years)),
        plan_completion_pct=st.none() | percent,
        score=st.none() | st.integers(0, 100),
        health_insurance_coverage_pct=coverage if outstanding else st.none() | coverage,
        votes=st.none() | st.integers(0, 60),
        communes_meeting_criterion_pct=shares,
        districts_meeting_criterion_pct=shares,
    )


def member_counts(
    *, years: Iterable[int] = range(2000, 2031), outstanding: bool = False
) -> SearchStrategy[MemberCounts]:
    """A collective's member counts for a year of ``years``; each count within the members.

    ``outstanding=True``: every member completed their duties and holds both the
    advanced-worker and the grassroots-fighter titles; none was disciplined.
    """
    return _member_counts(year_list(years), outstanding)


@st.composite
def _member_counts(draw: DrawFn, years: list[int], outstanding: bool) -> MemberCounts:
    year = draw(st.sampled_from(years))
    members = draw(st.integers(1 if outstanding else 0, 60))
    if outstanding:
        return MemberCounts(
            year=year,
            members=members,
            completed_duties=members,
            advanced_workers=members,
            grassroots_fighters=members,
            disciplined_warning_or_above=0,
        )
    part = st.none() | st.integers(0, members)
    return MemberCounts(
        year=year,
        members=members,
        completed_duties=draw(part),
        advanced_workers=draw(part),
        grassroots_fighters=draw(part),
        disciplined_warning_or_above=draw(part),
    )
