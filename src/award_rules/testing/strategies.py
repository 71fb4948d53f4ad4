"""Hypothesis strategies for the domain model: dates, service, records, nominees.

Every strategy gives valid models (the model's own validators run on each
example), and every knob states something that holds of every example:
``service_histories(as_of=day, min_years=9, max_years=11)`` gives periods whose
in-sector service on ``day``, counted as :func:`award_rules.facts.service_length`
counts it, is between 9 and 11 years.

Strategies of one value are named like hypothesis' own (``ratings()`` gives a
:class:`~award_rules.model.Rating`); ``*_histories`` give a tuple of records.

This module needs hypothesis, which award-rules itself does not depend on.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from itertools import pairwise
from typing import Any, TypeVar

from hypothesis import reject
from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy

from ..catalog import Catalog
from ..criteria.loader import BoundLeaf, BoundNode
from ..facts import Duration, add_months, add_years, service_length, unit_age
from ..model import (
    Absence,
    AbsenceKind,
    AwardRecord,
    Discipline,
    DisciplineForm,
    Gender,
    Individual,
    Initiative,
    InitiativeLevel,
    MemberCounts,
    Position,
    Rating,
    RatingLevel,
    Registration,
    ResearchTopic,
    ServicePeriod,
    Unit,
    UnitLevel,
    YearResult,
)

__all__ = [
    "ALL_LEVELS",
    "DEFAULT_AWARD_IDS",
    "GOOD_OR_BETTER",
    "MAX_DATE",
    "MIN_DATE",
    "absences",
    "award_records",
    "criteria_leaves",
    "dates",
    "disciplines",
    "evaluation_spans",
    "in_force_dates",
    "individuals",
    "initiatives",
    "is_annual",
    "member_counts",
    "more_time",
    "nominees_and_dates",
    "nominees_for",
    "rating_histories",
    "ratings",
    "registrations",
    "related_award_ids",
    "research_topics",
    "service_histories",
    "service_periods",
    "units",
    "year_results",
]

MIN_DATE = dt.date(1950, 1, 1)
"""The earliest date :func:`dates` draws by default."""

MAX_DATE = dt.date(2050, 12, 31)
"""The latest date :func:`dates` draws by default."""

ALL_LEVELS: tuple[RatingLevel, ...] = tuple(RatingLevel)
"""Every rating level."""

GOOD_OR_BETTER: tuple[RatingLevel, ...] = (RatingLevel.EXCELLENT, RatingLevel.GOOD)
"""The rating levels of a nominee who always completed its tasks well."""

DEFAULT_AWARD_IDS: tuple[str, ...] = (
    "vss.dg_certificate",
    "vss.emulation_fighter",
    "vss.emulation_flag",
    "national.advanced_worker",
)
"""Award ids drawn for award records and registered titles when none are given."""

_DAY = dt.timedelta(days=1)
_DEFAULT_AS_OF = (dt.date(1990, 1, 1), dt.date(2040, 12, 31))
_OPEN_HORIZON_YEARS = 20
_MAX_GAP_DAYS = 3 * 366
_YEAR_MIN, _YEAR_MAX = 1900, 2200  # the model's bounds for a year
_MAX_YEARS = 80  # the longest service or unit age the knobs accept

_FULL_NAMES = tuple(
    unicodedata.normalize("NFC", name)
    for name in (
        "Nguyễn Văn An",
        "Trần Thị Bình",
        "Lê Hoàng Cường",
        "Phạm Thu Dung",
        "Hoàng Minh Đức",
        "Vũ Thị Hạnh",
    )
)
_UNIT_NAMES = tuple(
    unicodedata.normalize("NFC", name)
    for name in (
        "Phòng Thu",
        "Phòng Chế độ BHXH",
        "Tổ Giám định",
        "BHXH huyện Đông Anh",
        "BHXH tỉnh Nghệ An",
        "Ban Thi đua - Khen thưởng",
    )
)
_LEVELS = {level.value for level in UnitLevel}
_POSITIONS = {position.value for position in Position}
_E = TypeVar("_E", bound=Enum)
_Y = TypeVar("_Y", YearResult, MemberCounts)
AchievementT = TypeVar("AchievementT", Initiative, ResearchTopic)
_UNIT_IDS = tuple(f"U-{n}" for n in range(1, 10))
_CLUSTERS = ("cluster-1", "cluster-2", "cluster-3")

# Strategies drawn often, built once (a strategy is validated the first time it is drawn).
_BOOL = st.booleans()
_UNIT_ID = st.sampled_from(_UNIT_IDS)
_MAYBE_UNIT_ID = st.none() | _UNIT_ID
_MAYBE_POSITION = st.none() | st.sampled_from(tuple(Position))
_MAYBE_GENDER = st.none() | st.sampled_from(tuple(Gender))
_MAYBE_CLUSTER = st.none() | st.sampled_from(_CLUSTERS)
_FULL_NAME = st.sampled_from(_FULL_NAMES)
_UNIT_NAME = st.sampled_from(_UNIT_NAMES)
_INDIVIDUAL_ID = st.integers(1, 99_999).map(lambda n: f"I-{n}")
_UNIT_NOMINEE_ID = st.integers(1, 99_999).map(lambda n: f"U-{n}")
_AWARD_DECISION = st.none() | st.integers(1, 9999).map(lambda n: f"{n}/QĐ-BHXH")
_DISCIPLINE_DECISION = st.none() | st.integers(1, 9999).map(lambda n: f"{n}/QĐ-KL")


# --------------------------------------------------------------------------- knobs


def _check_range(low: dt.date, high: dt.date, what: str) -> None:
    if high < low:
        raise ValueError(f"{what}: {high} is before {low}")


def _check_years(low: int, high: int, what: str, limit: int = _MAX_YEARS) -> None:
    if not 0 <= low <= high <= limit:
        raise ValueError(f"{what}: need 0 <= min <= max <= {limit}, got {low} and {high}")


def _year_list(years: Iterable[int]) -> list[int]:
    out = sorted(set(years))
    if not out:
        raise ValueError("years: give at least one year")
    if out[0] < _YEAR_MIN or out[-1] > _YEAR_MAX:
        raise ValueError(f"years must lie between {_YEAR_MIN} and {_YEAR_MAX}")
    return out


def _nonempty(values: Sequence[object], what: str) -> None:
    if not values:
        raise ValueError(f"{what}: give at least one")


def _deadline(year: int, month_day: str) -> dt.date:
    return dt.date.fromisoformat(f"{year}-{month_day}")


def _years_between(first: int, last: int) -> range:
    return range(max(first, _YEAR_MIN), min(last, _YEAR_MAX) + 1)


# --------------------------------------------------------------------------- dates and records


def dates(min_value: dt.date = MIN_DATE, max_value: dt.date = MAX_DATE) -> SearchStrategy[dt.date]:
    """Calendar dates from ``min_value`` to ``max_value``, both included."""
    _check_range(min_value, max_value, "dates")
    return st.dates(min_value, max_value)


def service_periods(
    *,
    start_between: tuple[dt.date, dt.date] = (MIN_DATE, MAX_DATE),
    max_days: int = 20 * 366,
    in_sector: bool | None = None,
    open_ended: bool | None = None,
) -> SearchStrategy[ServicePeriod]:
    """One period starting in ``start_between``, at most ``max_days`` days long when closed."""
    _check_range(*start_between, "start_between")
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
    is_open = draw(_BOOL) if open_ended is None else open_ended
    end = None
    if not is_open:
        room = (dt.date.max - start).days
        end = start + dt.timedelta(days=draw(st.integers(0, min(max_days - 1, room))))
    return ServicePeriod(
        unit_id=draw(_MAYBE_UNIT_ID),
        start=start,
        end=end,
        in_sector=draw(_BOOL) if in_sector is None else in_sector,
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
    _check_years(min_years, max_years, "service years")
    if max_periods < 1 or max_gap_days < 1:
        raise ValueError("max_periods and max_gap_days must be at least 1")
    return _service_histories(
        as_of, min_years, max_years, in_sector, max_periods, ongoing, out_of_sector, max_gap_days
    )


def _later_than(day: dt.date, max_days: int = 3650) -> SearchStrategy[dt.date]:
    """Dates from the day after ``day`` up to ``max_days`` later."""
    return st.dates(day + _DAY, min(dt.date.max, day + dt.timedelta(days=max_days)))


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
    reach = True if ongoing else draw(_BOOL)
    end_exclusive = as_of + _DAY
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
            end_exclusive -= _DAY
            start = _exact_start(end_exclusive, m, d)
        spans.append((start, end_exclusive - _DAY))
        gap = draw(st.integers(0, max_gap_days - 1))
        end_exclusive = start - _DAY - dt.timedelta(days=gap)
    spans.reverse()

    records: list[ServicePeriod] = []
    for index, (start, end) in enumerate(spans):
        flag = draw(_BOOL) if in_sector is None else in_sector
        last_end: dt.date | None = end
        if index == len(spans) - 1 and reach:
            if ongoing:
                last_end = None
            elif ongoing is None:
                last_end = draw(st.none() | st.just(end) | _later_than(end))
        if end > start and draw(_BOOL):
            # A transfer: two records that touch or overlap; merged, they are the span.
            cut = start + dt.timedelta(days=draw(st.integers(0, (end - start).days - 1)))
            overlap = draw(st.integers(0, min(30, (cut - start).days)))
            records.append(
                ServicePeriod(unit_id=draw(_UNIT_ID), start=start, end=cut, in_sector=flag)
            )
            start = cut + _DAY - dt.timedelta(days=overlap)
        records.append(
            ServicePeriod(
                unit_id=draw(_MAYBE_UNIT_ID),
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
    year_list = _year_list(years)
    _nonempty(levels, "levels")
    return st.builds(Rating, year=st.sampled_from(year_list), level=st.sampled_from(levels))


def rating_histories(
    *,
    years: Iterable[int] = range(2000, 2031),
    levels: Sequence[RatingLevel] = ALL_LEVELS,
    gaps: bool = True,
) -> SearchStrategy[tuple[Rating, ...]]:
    """Ratings for ``years`` (one per year, oldest first); with ``gaps`` some years are unrated."""
    year_list = _year_list(years) if years else []
    _nonempty(levels, "levels")
    return _rating_histories(year_list, tuple(levels), gaps)


@st.composite
def _rating_histories(
    draw: DrawFn, years: list[int], levels: tuple[RatingLevel, ...], gaps: bool
) -> tuple[Rating, ...]:
    out = []
    for year in years:
        if gaps and not draw(_BOOL):
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
    _nonempty(award_ids, "award_ids")
    return _award_records(tuple(award_ids), _year_list(years), dated)


@st.composite
def _award_records(
    draw: DrawFn, award_ids: tuple[str, ...], years: list[int], dated: bool | None
) -> AwardRecord:
    year = draw(st.sampled_from(years))
    decided_on = None
    if dated or (dated is None and draw(_BOOL)):
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
    _check_range(*between, "between")
    _nonempty(forms, "forms")
    return _disciplines(between, tuple(forms))


@st.composite
def _disciplines(
    draw: DrawFn, between: tuple[dt.date, dt.date], forms: tuple[DisciplineForm, ...]
) -> Discipline:
    decided_on = draw(st.dates(*between))
    ends_on = None
    if draw(_BOOL):
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
        _deadline(2001, pledge_deadline)  # a common year: refuses 02-29 and nonsense
    return _registrations(
        _year_list(years), tuple(titles), tuple(including), pledged, pledge_deadline
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
    if pledged or (pledged is None and draw(_BOOL)):
        first = dt.date(year - 1, 12, 1) if year > _YEAR_MIN else dt.date(year, 1, 1)
        last = _deadline(year, pledge_deadline) if pledge_deadline else dt.date(year, 12, 31)
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
    _check_range(*between, "between")
    _nonempty(levels, "levels")
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
    _check_range(*between, "between")
    _nonempty(kinds, "kinds")
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
        year=st.sampled_from(_year_list(years)),
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
    return _member_counts(_year_list(years), outstanding)


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


# --------------------------------------------------------------------------- nominees


@dataclass(frozen=True, slots=True)
class _Records:
    """The knobs individuals and units share: ratings, discipline, awards, registrations."""

    rating_levels: tuple[RatingLevel, ...]
    rating_gaps: bool
    disciplined: bool | None
    award_ids: tuple[str, ...]
    awards_each_year: int
    titles: tuple[str, ...]
    registered: bool | None
    registered_titles: tuple[str, ...]
    pledged: bool | None
    pledge_deadline: str | None

    def __post_init__(self) -> None:
        _nonempty(self.rating_levels, "rating_levels")
        if self.pledge_deadline is not None:
            _deadline(2001, self.pledge_deadline)
        if not 0 <= self.awards_each_year <= _MAX_YEARS:
            raise ValueError(f"awards_each_year must be within 0..{_MAX_YEARS}")

    def draw_into(
        self, draw: DrawFn, as_of: dt.date, years: range, window: tuple[dt.date, dt.date]
    ) -> dict[str, Any]:
        """Ratings for ``years``, awards, discipline in ``window``, registrations near ``as_of``."""
        awards: tuple[AwardRecord, ...] = ()
        if self.award_ids and self.awards_each_year:
            recent = _years_between(as_of.year - self.awards_each_year + 1, as_of.year)
            awards = tuple(AwardRecord(award=a, year=y) for y in recent for a in self.award_ids)
        elif self.award_ids and years:
            strategy = award_records(award_ids=self.award_ids, years=years)
            awards = tuple(draw(st.lists(strategy, max_size=3)))
        found: tuple[Discipline, ...] = ()
        if self.disciplined is not False:
            least = 1 if self.disciplined else 0
            found = tuple(draw(st.lists(disciplines(between=window), min_size=least, max_size=2)))
        ratings_drawn: tuple[Rating, ...] = ()
        if years:
            ratings_drawn = draw(
                rating_histories(years=years, levels=self.rating_levels, gaps=self.rating_gaps)
            )
        return {
            "ratings": ratings_drawn,
            "awards": awards,
            "disciplines": found,
            "registrations": self._registrations(draw, as_of.year),
        }

    def _registrations(self, draw: DrawFn, year: int) -> tuple[Registration, ...]:
        others = [y for y in range(year - 2, year + 2) if y != year and _YEAR_MIN <= y <= _YEAR_MAX]
        out: list[Registration] = []
        if others:
            strategy = registrations(
                years=others, titles=self.titles, pledge_deadline=self.pledge_deadline
            )
            out.extend(draw(st.lists(strategy, max_size=len(others), unique_by=lambda r: r.year)))
        if not _YEAR_MIN <= year <= _YEAR_MAX:
            return tuple(out)
        if self.registered or (self.registered is None and draw(_BOOL)):
            this_year = registrations(
                years=[year],
                titles=self.titles,
                including=self.registered_titles,
                pledged=self.pledged,
                pledge_deadline=self.pledge_deadline,
            )
            out.append(draw(this_year))
        return tuple(sorted(out, key=lambda r: r.year))


def _choices(value: _E | Sequence[_E] | None, every: tuple[_E, ...], what: str) -> tuple[_E, ...]:
    if value is None:
        return every
    if isinstance(value, Enum):
        return (value,)
    chosen = tuple(value)
    _nonempty(chosen, what)
    return chosen


def individuals(
    *,
    as_of: dt.date | None = None,
    min_service_years: int = 0,
    max_service_years: int = 40,
    ongoing: bool | None = None,
    retired: bool | None = None,
    deceased: bool | None = None,
    position: Position | Sequence[Position] | None = None,
    rating_levels: Sequence[RatingLevel] = ALL_LEVELS,
    rating_gaps: bool = True,
    disciplined: bool | None = None,
    absent: bool | None = None,
    award_ids: Sequence[str] = DEFAULT_AWARD_IDS,
    awards_each_year: int = 0,
    achievements_each_year: bool = False,
    titles: Sequence[str] = DEFAULT_AWARD_IDS,
    registered: bool | None = None,
    registered_titles: Sequence[str] = (),
    pledged: bool | None = None,
    pledge_deadline: str | None = None,
) -> SearchStrategy[Individual]:
    """Individuals whose records are told relative to ``as_of`` (drawn when ``None``).

    - In-sector service, counted up to ``as_of`` (up to the day before the
      retirement date for a retired individual, as the retirement award counts
      it), is from ``min_service_years`` to ``max_service_years`` years;
      ``ongoing`` as for :func:`service_histories` (a retired individual's
      service is closed).
    - ``retired=True``: a retirement date at most five years before ``as_of``
      and at the latest on 31 December of its year; ``False``: none; ``None``:
      either. ``deceased``: a date of death is recorded.
    - ``position``: one, several to choose from, or ``None`` (any, or unrecorded).
    - Ratings for the years of service up to the year of ``as_of``, at
      ``rating_levels``; ``rating_gaps`` leaves some years unrated.
    - ``disciplined=True``: at least one discipline, ``False``: none; decided
      during service or up to a year after ``as_of``. ``absent``: absences in
      the years around ``as_of`` (``False``: none).
    - Awards received: ids of ``award_ids`` (empty: none); with
      ``awards_each_year=N``, every id for each of the N years up to the year of
      ``as_of`` (records without a decision date, judged by their year).
    - Initiatives and research topics: drawn freely, or with
      ``achievements_each_year`` one of each at national level in each of the
      six years up to ``as_of`` (dated no later than ``as_of``).
    - Registrations around the year of ``as_of`` listing some of ``titles``.
      ``registered`` says whether the year of ``as_of`` has one; it lists
      ``registered_titles``; ``pledged`` says whether it has a pledge date.
      Pledges are signed by ``pledge_deadline`` (``MM-DD``) when given.
    """
    _check_years(min_service_years, max_service_years, "service years")
    records = _Records(
        tuple(rating_levels),
        rating_gaps,
        disciplined,
        tuple(award_ids),
        awards_each_year,
        tuple(titles),
        registered,
        tuple(registered_titles),
        pledged,
        pledge_deadline,
    )
    positions = None if position is None else _choices(position, tuple(Position), "position")
    return _individuals(
        as_of,
        min_service_years,
        max_service_years,
        ongoing,
        retired,
        deceased,
        positions,
        absent,
        achievements_each_year,
        records,
    )


def _achievements_each_year(as_of: dt.date) -> tuple[list[Initiative], list[ResearchTopic]]:
    found, topics = [], []
    for year in _years_between(as_of.year - 5, as_of.year):
        day = min(as_of, dt.date(year, 6, 15))
        found.append(
            Initiative(title="Sáng kiến", level=InitiativeLevel.NATIONAL, recognized_on=day)
        )
        topics.append(
            ResearchTopic(title="Đề tài", level=InitiativeLevel.NATIONAL, accepted_on=day)
        )
    return found, topics


@st.composite
def _individuals(
    draw: DrawFn,
    as_of: dt.date | None,
    min_service_years: int,
    max_service_years: int,
    ongoing: bool | None,
    retired: bool | None,
    deceased: bool | None,
    positions: tuple[Position, ...] | None,
    absent: bool | None,
    achievements_each_year: bool,
    records: _Records,
) -> Individual:
    day = as_of or draw(dates(*_DEFAULT_AS_OF))
    retirement = None
    if retired or (retired is None and draw(_BOOL)):
        retirement = draw(dates(add_years(day, -5), dt.date(day.year, 12, 31)))
    cutoff = retirement - _DAY if retirement else day
    service = draw(
        service_histories(
            as_of=cutoff,
            min_years=min_service_years,
            max_years=max_service_years,
            ongoing=False if retirement else ongoing,
        )
    )
    starts = [p.start for p in service]
    in_sector = [p.start for p in service if p.in_sector]
    first = min(in_sector) if in_sector else add_years(day, -10)

    birth = None
    if draw(_BOOL):
        earliest = min([*starts, first, retirement or day, day])
        birth = add_years(earliest, -draw(st.integers(18, 40)))
    death = None
    if deceased or (deceased is None and draw(_BOOL)):
        floor = max([*starts, birth or first, retirement or first])
        death = draw(dates(floor, max(floor, add_years(day, 3))))
    position = draw(_MAYBE_POSITION if positions is None else st.sampled_from(positions))

    window = (first, day + dt.timedelta(days=365))
    recent = (max(first, add_years(day, -6)), day + dt.timedelta(days=365))
    if achievements_each_year:
        found, topics = _achievements_each_year(day)
    else:
        found = draw(st.lists(initiatives(between=recent), max_size=2))
        topics = draw(st.lists(research_topics(between=recent), max_size=2))
    away: list[Absence] = []
    if absent or (absent is None and draw(_BOOL)):
        around = (dt.date(max(day.year - 1, 1), 1, 1), dt.date(day.year, 12, 31))
        away = draw(st.lists(absences(between=around), min_size=int(bool(absent)), max_size=3))
    return Individual(
        id=draw(_INDIVIDUAL_ID),
        full_name=draw(_FULL_NAME),
        gender=draw(_MAYBE_GENDER),
        birth_date=birth,
        unit_id=draw(_MAYBE_UNIT_ID),
        position=position,
        service=service,
        retirement_date=retirement,
        death_date=death,
        initiatives=tuple(found),
        research_topics=tuple(topics),
        absences=tuple(away),
        **records.draw_into(draw, day, _years_between(first.year, day.year), window),
    )


def units(
    *,
    as_of: dt.date | None = None,
    min_age_years: int = 0,
    max_age_years: int = 40,
    established_between: tuple[dt.date, dt.date] | None = None,
    established: bool | None = True,
    level: UnitLevel | Sequence[UnitLevel] | None = None,
    rating_levels: Sequence[RatingLevel] = ALL_LEVELS,
    rating_gaps: bool = True,
    results_every_year: bool = False,
    plan_completion_between: tuple[float, float] = (0, 150),
    outstanding_members: bool = False,
    disciplined: bool | None = None,
    award_ids: Sequence[str] = DEFAULT_AWARD_IDS,
    awards_each_year: int = 0,
    titles: Sequence[str] = DEFAULT_AWARD_IDS,
    registered: bool | None = None,
    registered_titles: Sequence[str] = (),
    pledged: bool | None = None,
    pledge_deadline: str | None = None,
) -> SearchStrategy[Unit]:
    """Units whose records are told relative to ``as_of`` (drawn when ``None``).

    - ``established=True``: ``established_on`` is set, inside
      ``established_between`` when given, else so that the unit's age on
      ``as_of`` (:func:`award_rules.facts.unit_age`) is from ``min_age_years``
      to ``max_age_years``; ``False``: not recorded; ``None``: either.
    - ``level``: one level, several to choose from, or any (``None``).
    - Ratings for every year from the year of establishment to the year of
      ``as_of``, at ``rating_levels``; ``rating_gaps`` leaves some unrated.
    - Results and member counts for some of those years (every year with
      ``results_every_year``), plan completion within
      ``plan_completion_between``; ``outstanding_members`` as for
      :func:`member_counts`, and outstanding results as for :func:`year_results`.
    - Discipline, awards and registrations as for :func:`individuals`.
    """
    _check_years(min_age_years, max_age_years, "unit age")
    if established_between is not None:
        _check_range(*established_between, "established_between")
    year_results(years=[2000], plan_completion_between=plan_completion_between)  # checks it
    records = _Records(
        tuple(rating_levels),
        rating_gaps,
        disciplined,
        tuple(award_ids),
        awards_each_year,
        tuple(titles),
        registered,
        tuple(registered_titles),
        pledged,
        pledge_deadline,
    )
    levels = _choices(level, tuple(UnitLevel), "level")
    return _units(
        as_of,
        min_age_years,
        max_age_years,
        established_between,
        established,
        levels,
        results_every_year,
        plan_completion_between,
        outstanding_members,
        records,
    )


def _founded_between(as_of: dt.date, min_age: int, max_age: int) -> tuple[dt.date, dt.date]:
    """The establishment dates giving an age from ``min_age`` to ``max_age`` years on ``as_of``."""
    youngest = add_years(as_of, -min_age)
    oldest = add_years(as_of, -max_age)
    while unit_age(oldest, as_of) > Duration.of_years(max_age):  # 29 February moved back
        oldest += _DAY
    return oldest, youngest


def _per_year(
    draw: DrawFn,
    strategy: Callable[[list[int]], SearchStrategy[_Y]],
    years: range,
    every_year: bool,
) -> tuple[_Y, ...]:
    """One record per year of ``years`` (every year, or some), oldest first."""
    if not years:
        return ()
    if every_year:
        return tuple(draw(strategy([year])) for year in years)
    drawn = draw(st.lists(strategy(list(years)), max_size=len(years), unique_by=_year_of))
    return tuple(sorted(drawn, key=_year_of))


def _year_of(record: YearResult | MemberCounts) -> int:
    return record.year


@st.composite
def _units(
    draw: DrawFn,
    as_of: dt.date | None,
    min_age_years: int,
    max_age_years: int,
    established_between: tuple[dt.date, dt.date] | None,
    established: bool | None,
    levels: tuple[UnitLevel, ...],
    results_every_year: bool,
    plan_completion_between: tuple[float, float],
    outstanding_members: bool,
    records: _Records,
) -> Unit:
    day = as_of or draw(dates(*_DEFAULT_AS_OF))
    founded = None
    if established or (established is None and draw(_BOOL)):
        bounds = established_between or _founded_between(day, min_age_years, max_age_years)
        if bounds[1] < bounds[0]:
            reject()  # on 29 February no unit is exactly N years old
        founded = draw(st.dates(*bounds) | st.sampled_from(bounds))
    first = founded or add_years(day, -10)
    years = _years_between(first.year, day.year)
    window = (first, max(first, day + dt.timedelta(days=365)))

    def results_for(years: list[int]) -> SearchStrategy[YearResult]:
        return year_results(
            years=years,
            plan_completion_between=plan_completion_between,
            outstanding=outstanding_members,
        )

    def members_for(years: list[int]) -> SearchStrategy[MemberCounts]:
        return member_counts(years=years, outstanding=outstanding_members)

    return Unit(
        id=draw(_UNIT_NOMINEE_ID),
        name=draw(_UNIT_NAME),
        level=draw(st.sampled_from(levels)),
        parent_id=draw(_MAYBE_UNIT_ID),
        established_on=founded,
        cluster=draw(_MAYBE_CLUSTER),
        remote_area=draw(_BOOL),
        results=_per_year(draw, results_for, years, results_every_year),
        members=_per_year(draw, members_for, years, results_every_year),
        **records.draw_into(draw, day, years, window),
    )


# --------------------------------------------------------------------------- for a catalog


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


def evaluation_spans(catalog: Catalog, award_id: str) -> list[tuple[dt.date, dt.date | None]]:
    """The dates on which evaluating the award gives a verdict, as inclusive spans.

    Every version's ``in_force`` range; for an annual award, every day of the
    years whose 31 December is in force (the version judging that year).
    ``None`` ends an open-ended span.
    """
    annual = is_annual(catalog, award_id)
    spans: list[tuple[dt.date, dt.date | None]] = []
    for version in catalog.versions(award_id):
        start, until = version.doc.in_force.from_, version.doc.in_force.until
        if annual:
            first_year = start.year  # 31 December of the year of ``from`` is in force
            last_year = None
            if until is not None:
                last_year = until.year if until.month == 12 and until.day == 31 else until.year - 1
                if last_year < first_year:
                    continue
            span = (
                dt.date(first_year, 1, 1),
                None if last_year is None else dt.date(last_year, 12, 31),
            )
        else:
            span = (start, until)
        if spans and spans[-1][1] is not None and spans[-1][1] + _DAY >= span[0]:
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
            days |= st.integers(bounds[0].year, bounds[1].year).map(
                lambda year: dt.date(year, 12, 31)
            )
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
            if name.endswith("_years") and isinstance(value, int) and 0 <= value <= _MAX_YEARS:
                thresholds.add(value)
    # Two ranges meeting at the threshold, whose ends are drawn now and then.
    return [
        pair
        for t in sorted(thresholds)
        for pair in ((max(0, t - 1), t), (t, min(_MAX_YEARS, t + 1)))
    ]


def nominees_for(
    catalog: Catalog, award_id: str, *, as_of: dt.date | None = None
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
      each of the last six years, with national initiatives and research
      topics every year, in service (individuals) or with outstanding members
      and results above plan every year (units).

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
    wanted = [a for a in related if a != award_id]

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
        }
        if "individual" in kinds:
            person: dict[str, Any] = {"deceased": False, "position": positions or None}
            options.append(individuals(as_of=day, award_ids=related + others, titles=related))
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
            unit: dict[str, Any] = {"level": levels or None}
            options.append(units(as_of=day, award_ids=related + others, titles=related))
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
    catalog: Catalog, award_id: str
) -> SearchStrategy[tuple[Individual | Unit, dt.date]]:
    """A date on which the award gives a verdict, and a nominee for it (:func:`nominees_for`)."""

    def with_nominee(day: dt.date) -> SearchStrategy[tuple[Individual | Unit, dt.date]]:
        return nominees_for(catalog, award_id, as_of=day).map(lambda nominee: (nominee, day))

    return in_force_dates(catalog, award_id).flatmap(with_nominee)


# --------------------------------------------------------------------------- more time


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
            out.append((cursor, start - _DAY))
        cursor = max(cursor, end + _DAY)
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
    ends = [as_of, person.death_date, person.retirement_date and person.retirement_date - _DAY]
    high = min(day for day in ends if day is not None)
    far = dt.date(9999, 1, 1)  # an open-ended period occupies every later day
    occupied: list[tuple[dt.date, dt.date]] = []
    for start, end in sorted((p.start, p.end or far) for p in person.service):
        if occupied and start <= occupied[-1][1] + _DAY:
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
        top = high if next_start is None else min(high, next_start - 2 * _DAY)
        # A new period, a day away from both neighbours.
        for a, b in _quiet(max(low, previous_end + 2 * _DAY), top, events, event_years):
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
        added = ServicePeriod(unit_id=draw(_MAYBE_UNIT_ID), start=start, end=end)
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
    quiet = _quiet(previous_end + _DAY, top, events, event_years)
    if index is None or not quiet or quiet[0][0] != previous_end + _DAY:
        return None
    last = quiet[0][1]

    def move() -> tuple[ServicePeriod, ...]:
        new_end = draw(st.dates(previous_end + _DAY, last))
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
    quiet = _quiet(dt.date(founded.year, 1, 1), founded - _DAY, events, event_years)
    if not quiet or quiet[-1][1] != founded - _DAY:
        reject()
    earlier = draw(st.dates(quiet[-1][0], founded - _DAY))
    data = unit.model_dump()
    data["established_on"] = earlier
    return Unit.model_validate(data)
