"""Strategies of nominees: individuals and units with their records."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, TypeVar

from hypothesis import reject
from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy

from ...facts import Duration, add_years, unit_age
from ...model import (
    Absence,
    AwardRecord,
    Discipline,
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
    Unit,
    UnitLevel,
    YearResult,
)
from ...vocabulary.base import ExtensionType
from ._knobs import (
    ALL_LEVELS,
    BOOL,
    DAY,
    DEFAULT_AWARD_IDS,
    MAX_YEARS,
    MAYBE_UNIT_ID,
    YEAR_MAX,
    YEAR_MIN,
    check_range,
    check_years,
    deadline,
    nonempty,
    years_between,
)
from .host_facts import JUDGED_DATES
from .host_facts import extensions as extension_maps
from .records import (
    absences,
    award_records,
    dates,
    disciplines,
    initiatives,
    member_counts,
    rating_histories,
    registrations,
    research_topics,
    service_histories,
    year_results,
)

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
_CLUSTERS = ("cluster-1", "cluster-2", "cluster-3")
_E = TypeVar("_E", bound=Enum)
_Y = TypeVar("_Y", YearResult, MemberCounts)
_MAYBE_POSITION = st.none() | st.sampled_from(tuple(Position))
_MAYBE_GENDER = st.none() | st.sampled_from(tuple(Gender))
_MAYBE_CLUSTER = st.none() | st.sampled_from(_CLUSTERS)
_FULL_NAME = st.sampled_from(_FULL_NAMES)
_UNIT_NAME = st.sampled_from(_UNIT_NAMES)
_INDIVIDUAL_ID = st.integers(1, 99_999).map(lambda n: f"I-{n}")
_UNIT_NOMINEE_ID = st.integers(1, 99_999).map(lambda n: f"U-{n}")

_DEFAULT_AS_OF = (dt.date(1990, 1, 1), dt.date(2040, 12, 31))


@dataclass(frozen=True, slots=True)
class _Records:
    """The knobs individuals and units share: ratings, discipline, awards, registrations."""

    rating_levels: tuple[RatingLevel, ...]
    rating_gaps: bool
    disciplined: bool | None
    award_ids: tuple[str, ...]
    awards_each_year: int
    earlier_award_ids: tuple[str, ...]
    earlier_years: tuple[int, int]
    titles: tuple[str, ...]
    registered: bool | None
    registered_titles: tuple[str, ...]
    pledged: bool | None
    pledge_deadline: str | None
    extensions: tuple[tuple[str, ExtensionType], ...] = ()

    def __post_init__(self) -> None:
        nonempty(self.rating_levels, "rating_levels")
        extension_maps(dict(self.extensions))  # checks the declarations
        if self.pledge_deadline is not None:
            deadline(2001, self.pledge_deadline)
        if not 0 <= self.awards_each_year <= MAX_YEARS:
            raise ValueError(f"awards_each_year must be within 0..{MAX_YEARS}")
        check_years(*self.earlier_years, "earlier_years")

    def draw_into(
        self, draw: DrawFn, as_of: dt.date, years: range, window: tuple[dt.date, dt.date]
    ) -> dict[str, Any]:
        """Ratings for ``years``, awards, discipline in ``window``, registrations near ``as_of``."""
        awards: tuple[AwardRecord, ...] = ()
        if self.award_ids and self.awards_each_year:
            recent = years_between(as_of.year - self.awards_each_year + 1, as_of.year)
            awards = tuple(AwardRecord(award=a, year=y) for y in recent for a in self.award_ids)
        elif self.award_ids and years:
            strategy = award_records(award_ids=self.award_ids, years=years)
            awards = tuple(draw(st.lists(strategy, max_size=3)))
        awards += self._earlier_awards(draw, as_of.year)
        found: tuple[Discipline, ...] = ()
        if self.disciplined is not False:
            least = 1 if self.disciplined else 0
            found = tuple(draw(st.lists(disciplines(between=window), min_size=least, max_size=2)))
        ratings_drawn: tuple[Rating, ...] = ()
        if years:
            ratings_drawn = draw(
                rating_histories(years=years, levels=self.rating_levels, gaps=self.rating_gaps)
            )
        drawn: dict[str, Any] = {
            "ratings": ratings_drawn,
            "awards": awards,
            "disciplines": found,
            "registrations": self._registrations(draw, as_of.year),
        }
        if self.extensions:  # nothing drawn otherwise: examples without them are unchanged
            extension_dates = _extension_dates(as_of)
            declared = dict(self.extensions)
            drawn["extensions"] = draw(
                extension_maps(declared, dates_between=extension_dates, dates_near=as_of)
            )
        return drawn

    def _earlier_awards(self, draw: DrawFn, year: int) -> tuple[AwardRecord, ...]:
        """One record of each earlier award, in a year ``earlier_years`` before ``year``."""
        nearest, farthest = self.earlier_years
        span = years_between(year - farthest, year - nearest)
        if not span:
            return ()
        return tuple(
            draw(award_records(award_ids=(award,), years=span)) for award in self.earlier_award_ids
        )

    def _registrations(self, draw: DrawFn, year: int) -> tuple[Registration, ...]:
        others = [y for y in range(year - 2, year + 2) if y != year and YEAR_MIN <= y <= YEAR_MAX]
        out: list[Registration] = []
        if others:
            strategy = registrations(
                years=others, titles=self.titles, pledge_deadline=self.pledge_deadline
            )
            out.extend(draw(st.lists(strategy, max_size=len(others), unique_by=lambda r: r.year)))
        if not YEAR_MIN <= year <= YEAR_MAX:
            return tuple(out)
        if self.registered or (self.registered is None and draw(BOOL)):
            this_year = registrations(
                years=[year],
                titles=self.titles,
                including=self.registered_titles,
                pledged=self.pledged,
                pledge_deadline=self.pledge_deadline,
            )
            out.append(draw(this_year))
        return tuple(sorted(out, key=lambda r: r.year))


def _extension_dates(as_of: dt.date) -> tuple[dt.date, dt.date]:
    """The years from ``MAX_YEARS`` before the year of ``as_of`` to ``MAX_YEARS`` after it."""
    low = dt.date(max(as_of.year - MAX_YEARS, JUDGED_DATES[0].year), 1, 1)
    high = dt.date(min(as_of.year + MAX_YEARS, JUDGED_DATES[1].year), 12, 31)
    return (low, high) if low <= high else JUDGED_DATES


def _declared(
    extensions: Mapping[str, ExtensionType] | None,
) -> tuple[tuple[str, ExtensionType], ...]:
    return tuple(sorted((extensions or {}).items()))


def _choices(value: _E | Sequence[_E] | None, every: tuple[_E, ...], what: str) -> tuple[_E, ...]:
    if value is None:
        return every
    if isinstance(value, Enum):
        return (value,)
    chosen = tuple(value)
    nonempty(chosen, what)
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
    earlier_award_ids: Sequence[str] = (),
    earlier_years: tuple[int, int] = (1, 10),
    achievements_each_year: bool = False,
    titles: Sequence[str] = DEFAULT_AWARD_IDS,
    registered: bool | None = None,
    registered_titles: Sequence[str] = (),
    pledged: bool | None = None,
    pledge_deadline: str | None = None,
    extensions: Mapping[str, ExtensionType] | None = None,
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
    - ``earlier_award_ids``: each received once, in a year from
      ``earlier_years[0]`` to ``earlier_years[1]`` years before the year of
      ``as_of`` (maybe with a decision date in it): an award that later ones
      build on, such as the Prime Minister's certificate before the Labour
      Order, with the years after it to count.
    - Initiatives and research topics: drawn freely, or with
      ``achievements_each_year`` one of each at national level in each of the
      six years up to ``as_of`` (dated no later than ``as_of``).
    - Registrations around the year of ``as_of`` listing some of ``titles``.
      ``registered`` says whether the year of ``as_of`` has one; it lists
      ``registered_titles``; ``pledged`` says whether it has a pledge date.
      Pledges are signed by ``pledge_deadline`` (``MM-DD``) when given.
    - ``extensions``: the keys and types a catalog declares
      (``catalog.vocabulary.extensions``), each key there or not, values as
      :func:`~.host_facts.extensions` draws them, dates in the years from
      ``MAX_YEARS`` (80) before the year of ``as_of`` to 80 after it (within
      the judged years), and now and then ``as_of`` or a day either side of it.
      ``None`` or empty: no extensions.
    """
    check_years(min_service_years, max_service_years, "service years")
    records = _Records(
        tuple(rating_levels),
        rating_gaps,
        disciplined,
        tuple(award_ids),
        awards_each_year,
        tuple(earlier_award_ids),
        earlier_years,
        tuple(titles),
        registered,
        tuple(registered_titles),
        pledged,
        pledge_deadline,
        _declared(extensions),
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
    for year in years_between(as_of.year - 5, as_of.year):
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
    if retired or (retired is None and draw(BOOL)):
        retirement = draw(dates(add_years(day, -5), dt.date(day.year, 12, 31)))
    cutoff = retirement - DAY if retirement else day
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
    if draw(BOOL):
        earliest = min([*starts, first, retirement or day, day])
        birth = add_years(earliest, -draw(st.integers(18, 40)))
    death = None
    if deceased or (deceased is None and draw(BOOL)):
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
    if absent or (absent is None and draw(BOOL)):
        around = (dt.date(max(day.year - 1, 1), 1, 1), dt.date(day.year, 12, 31))
        away = draw(st.lists(absences(between=around), min_size=int(bool(absent)), max_size=3))
    return Individual(
        id=draw(_INDIVIDUAL_ID),
        full_name=draw(_FULL_NAME),
        gender=draw(_MAYBE_GENDER),
        birth_date=birth,
        unit_id=draw(MAYBE_UNIT_ID),
        position=position,
        service=service,
        retirement_date=retirement,
        death_date=death,
        initiatives=tuple(found),
        research_topics=tuple(topics),
        absences=tuple(away),
        **records.draw_into(draw, day, years_between(first.year, day.year), window),
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
    earlier_award_ids: Sequence[str] = (),
    earlier_years: tuple[int, int] = (1, 10),
    titles: Sequence[str] = DEFAULT_AWARD_IDS,
    registered: bool | None = None,
    registered_titles: Sequence[str] = (),
    pledged: bool | None = None,
    pledge_deadline: str | None = None,
    extensions: Mapping[str, ExtensionType] | None = None,
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
    - Discipline, awards (``earlier_award_ids`` too), registrations and
      ``extensions`` as for :func:`individuals`.
    """
    check_years(min_age_years, max_age_years, "unit age")
    if established_between is not None:
        check_range(*established_between, "established_between")
    year_results(years=[2000], plan_completion_between=plan_completion_between)  # checks it
    records = _Records(
        tuple(rating_levels),
        rating_gaps,
        disciplined,
        tuple(award_ids),
        awards_each_year,
        tuple(earlier_award_ids),
        earlier_years,
        tuple(titles),
        registered,
        tuple(registered_titles),
        pledged,
        pledge_deadline,
        _declared(extensions),
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
        oldest += DAY
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
    if established or (established is None and draw(BOOL)):
        bounds = established_between or _founded_between(day, min_age_years, max_age_years)
        if bounds[1] < bounds[0]:
            reject()  # on 29 February no unit is exactly N years old
        founded = draw(st.dates(*bounds) | st.sampled_from(bounds))
    first = founded or add_years(day, -10)
    years = years_between(first.year, day.year)
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
        parent_id=draw(MAYBE_UNIT_ID),
        established_on=founded,
        cluster=draw(_MAYBE_CLUSTER),
        remote_area=draw(BOOL),
        results=_per_year(draw, results_for, years, results_every_year),
        members=_per_year(draw, members_for, years, results_every_year),
        **records.draw_into(draw, day, years, window),
    )
