"""Derived facts: durations, service, unit age, records in windows, rating streaks.

Pure functions of the domain model and a date. Conventions (documented in
docs/domain-model.md):

- A service period's ``end`` is inclusive: 20/07/2010 to 19/07/2020 is exactly
  10 years. An open period (``end`` is ``None``) runs up to the cut-off date,
  which is counted as a day worked.
- Overlapping or touching periods are merged before counting; gaps are not
  counted.
- A single period keeps its calendar length (20/04/2010 to 18/04/2020 is
  9 years 11 months 30 days, short of 10 years). Durations of separate periods
  are added component-wise, then 30 days make a month and 12 months a year
  (the social-insurance habit of counting months).
- A unit's age on a date is the calendar difference from ``established_on``:
  a unit founded on 20/07/2010 is 10 years old on 20/07/2020.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from functools import total_ordering
from typing import Any, TypeVar

from .model import AwardRecord, Discipline, DisciplineForm, Rating, RatingLevel, ServicePeriod

__all__ = [
    "DateRange",
    "Duration",
    "FactCache",
    "add_months",
    "add_years",
    "awards_in",
    "disciplines_in",
    "in_ranges",
    "merge_periods",
    "merge_spans",
    "rating_streak",
    "service_length",
    "spans_length",
    "spans_years_months_days",
    "unit_age",
]

ONE_DAY = dt.timedelta(days=1)
T = TypeVar("T")


@total_ordering
@dataclass(frozen=True, slots=True)
class Duration:
    """Years, months and days, always normalised (months < 12, days < 31)."""

    years: int = 0
    months: int = 0
    days: int = 0

    @classmethod
    def between(cls, start: dt.date, end_exclusive: dt.date) -> Duration:
        """The calendar difference from ``start`` up to (not including) ``end_exclusive``."""
        if end_exclusive <= start:
            return cls()
        months, days = _months_and_days(start, end_exclusive)
        return cls(months // 12, months % 12, days)

    @classmethod
    def of_years(cls, years: int, months: int = 0) -> Duration:
        """A threshold such as "10 years"."""
        return cls(years + months // 12, months % 12, 0)

    def __add__(self, other: Duration) -> Duration:
        # Zero is the identity: a single span keeps its calendar form (9y 11m 30d
        # stays short of 10 years); carrying happens only when spans are summed.
        if not other:
            return self
        if not self:
            return other
        days = self.days + other.days
        months = self.months + other.months + days // 30
        years = self.years + other.years + months // 12
        return Duration(years, months % 12, days % 30)

    def __bool__(self) -> bool:
        return bool(self.years or self.months or self.days)

    def _key(self) -> tuple[int, int, int]:
        return (self.years, self.months, self.days)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Duration):
            return NotImplemented
        return self._key() < other._key()

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Duration):
            return NotImplemented
        return (self.years, self.months, self.days) >= (other.years, other.months, other.days)

    def to_dict(self) -> dict[str, int]:
        """JSON-ready form."""
        return {"years": self.years, "months": self.months, "days": self.days}


def _months_and_days(start: dt.date, end_exclusive: dt.date) -> tuple[int, int]:
    """Whole calendar months from ``start``, then the days left (``start < end_exclusive``)."""
    months = (end_exclusive.year - start.year) * 12 + end_exclusive.month - start.month
    if start.day <= end_exclusive.day:
        # The anchor falls in the end's month on the same day, unclamped.
        return months, end_exclusive.day - start.day
    # The anchor in the end's month falls after the end, unless it is clamped
    # to the end itself, the last day of a shorter month: then no days are left.
    if (end_exclusive + ONE_DAY).day == 1:
        return months, 0
    return months - 1, (end_exclusive - add_months(start, months - 1)).days


@dataclass(slots=True, unsafe_hash=True)
class DateRange:
    """An inclusive range of dates; ``None`` on either side means unbounded.

    Read-only by convention, not frozen: windows make one per service span for
    every nominee, and a frozen dataclass sets each field through
    ``object.__setattr__`` (860 ns a range, against 190 ns).
    """

    start: dt.date | None
    end: dt.date | None

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, dt.date):
            return False
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)

    def years(self) -> range:
        """The calendar years the range touches (both ends must be bounded)."""
        if self.start is None or self.end is None:
            raise ValueError("an unbounded range has no finite list of years")
        return range(self.start.year, self.end.year + 1)


def add_years(day: dt.date, years: int) -> dt.date:
    """``day`` moved by whole years; 29 February becomes 28 February when needed."""
    return add_months(day, 12 * years)


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, clamped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month0 = divmod(index, 12)
    days = day.day
    if days > 28:
        last = 29 if month0 == 1 and calendar.isleap(year) else _MONTH_DAYS[month0]
        days = min(days, last)
    return dt.date(year, month0 + 1, days)


def merge_periods(
    periods: Iterable[ServicePeriod], cutoff: dt.date, in_sector_only: bool = True
) -> list[tuple[dt.date, dt.date]]:
    """Periods clipped to ``cutoff`` (inclusive), merged where they overlap or touch."""
    spans: list[tuple[dt.date, dt.date]] = []
    for period in periods:  # a plain loop: this runs for every nominee judged
        start = period.start
        if start > cutoff or (in_sector_only and not period.in_sector):
            continue
        end = period.end
        spans.append((start, cutoff if end is None or end > cutoff else end))
    return merge_spans(spans)


def merge_spans(spans: Iterable[tuple[dt.date, dt.date]]) -> list[tuple[dt.date, dt.date]]:
    """Inclusive date spans, sorted and merged where they overlap or touch."""
    ordered = sorted(spans)
    if not ordered:
        return []
    merged: list[tuple[dt.date, dt.date]] = []
    current_start, current_end = ordered[0]
    for start, end in ordered:  # the first merges into itself: no copy of the rest
        if start <= current_end + ONE_DAY:
            if end > current_end:
                current_end = end
        else:
            merged.append((current_start, current_end))
            current_start, current_end = start, end
    merged.append((current_start, current_end))
    return merged


def service_length(
    periods: Iterable[ServicePeriod], cutoff: dt.date, *, in_sector_only: bool = True
) -> Duration:
    """Total service up to ``cutoff`` (inclusive), gaps not counted."""
    return spans_length(merge_periods(periods, cutoff, in_sector_only=in_sector_only))


def spans_length(spans: Iterable[tuple[dt.date, dt.date]]) -> Duration:
    """The summed length of inclusive, non-overlapping date spans.

    One span keeps its calendar form; several add up as ``Duration.__add__``
    does (days carry into months at 30), summed in whole numbers.
    """
    return Duration(*spans_years_months_days(spans))


def spans_years_months_days(spans: Iterable[tuple[dt.date, dt.date]]) -> tuple[int, int, int]:
    """:func:`spans_length` as a plain ``(years, months, days)``: it compares as the
    Duration does, without making one (where only the comparison is wanted)."""
    count = total_months = total_days = 0
    for start, end in spans:
        # Each date attribute read once: on 3.11 a read costs about as much as
        # making a date. The day after ``end`` is made only at a month's end.
        start_day, end_day = start.day, end.day
        if end_day < 28:
            stop_year, stop_month, stop_day = end.year, end.month, end_day + 1
        else:
            stop = end + ONE_DAY
            stop_year, stop_month, stop_day = stop.year, stop.month, stop.day
        if start_day <= stop_day:  # _months_and_days without building the anchor date
            months = (stop_year - start.year) * 12 + stop_month - start.month
            days = stop_day - start_day
        else:
            months, days = _months_and_days(start, end + ONE_DAY)
        count += 1
        total_months += months
        total_days += days
    if count == 1:
        return (total_months // 12, total_months % 12, total_days)
    months = total_months + total_days // 30
    return (months // 12, months % 12, total_days % 30)


def unit_age(established_on: dt.date, as_of: dt.date) -> Duration:
    """How old a unit is on ``as_of``."""
    return Duration.between(established_on, as_of)


def disciplines_in(
    disciplines: Iterable[Discipline],
    window: Sequence[DateRange],
    min_form: DisciplineForm = DisciplineForm.REPRIMAND,
) -> list[Discipline]:
    """Discipline decided inside any range of ``window``, of ``min_form`` or heavier."""
    lightest = min_form.severity
    return [
        d for d in disciplines if d.form.severity >= lightest and in_ranges(d.decided_on, window)
    ]


def in_ranges(day: dt.date, window: Sequence[DateRange]) -> bool:
    """Whether ``day`` falls inside any range of ``window`` (as ``day in r`` for some ``r``)."""
    for r in window:
        start, end = r.start, r.end
        if (start is None or day >= start) and (end is None or day <= end):
            return True
    return False


def award_matches(record_award: str, wanted: str) -> bool:
    """An award id matches itself and its dotted sub-ids (``a.b`` matches ``a.b.c``)."""
    return record_award == wanted or record_award.startswith(wanted + ".")


def awards_in(
    awards: Iterable[AwardRecord], wanted: str, window: Sequence[DateRange]
) -> list[AwardRecord]:
    """Awards matching ``wanted`` received inside ``window`` (by decision date, else year)."""
    found = []
    for record in awards:
        if not award_matches(record.award, wanted):
            continue
        if record.decided_on is not None:
            inside = in_ranges(record.decided_on, window)
        else:
            inside = any(
                (r.start is None or record.year >= r.start.year)
                and (r.end is None or record.year <= r.end.year)
                for r in window
            )
        if inside:
            found.append(record)
    return found


def rating_streak(ratings: Iterable[Rating], end_year: int, min_level: RatingLevel) -> int:
    """How many consecutive years up to ``end_year`` are rated ``min_level`` or better."""
    by_year = {r.year: r.level for r in ratings}
    count = 0
    year = end_year
    while year in by_year and by_year[year].rank >= min_level.rank:
        count += 1
        year -= 1
    return count


_UNSET: Any = object()
"""Marks a fact not computed yet (a fact may be ``None``)."""


class FactCache:
    """Memoises derived facts for one nominee and date: each is computed once."""

    __slots__ = ("_values", "computed")

    def __init__(self) -> None:
        self._values: dict[Hashable, Any] = {}
        self.computed = 0

    def get(self, key: Hashable, compute: Callable[..., T], *args: Any) -> T:
        """The fact named ``key``, ``compute(*args)`` the first time it is asked for.

        Passing ``args`` spares the caller a closure made on every call.
        """
        values = self._values
        value: T = values.get(key, _UNSET)
        if value is _UNSET:
            value = compute(*args)
            values[key] = value
            self.computed += 1
        return value
