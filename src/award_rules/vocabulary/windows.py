"""Windows of time that predicates look in: date windows and year spans."""

from __future__ import annotations

import datetime as dt
from abc import abstractmethod
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Literal, TypeVar

from pydantic import ConfigDict, Field, model_validator

from ..context import Context
from ..facts import DateRange
from ..i18n import pick
from ..model import Individual, Unit
from ..results import Outcome
from .base import INDIVIDUAL, SUBJECTS, UNIT, Args, Predicate
from .service import merged_service

__all__ = [
    "DateWindow",
    "LastYears",
    "NamedWindow",
    "ResolvedWindow",
    "WindowArgs",
    "WindowedPredicate",
    "YearAnchor",
    "YearRef",
    "YearSpan",
    "YearSpanArgs",
    "YearSpanPredicate",
    "describe_window",
    "describe_year",
    "describe_years",
    "first_year",
    "resolve_window",
    "resolve_year",
    "resolve_years",
    "window_can_be_missing",
    "window_fits",
    "window_missing",
    "window_subjects",
    "year_span_fits",
    "years_unknown",
]


class LastYears(Args):
    """The N calendar years ending with the evaluation year."""

    last_years: Annotated[int, Field(ge=1, le=100)]


NamedWindow = Literal["ever", "evaluation_year", "in_sector_service", "since_established"]
DateWindow = NamedWindow | LastYears
"""Where to look for dated records:

- ``ever``: any date up to the evaluation date;
- ``evaluation_year``: 1 January of the evaluation year to the evaluation date;
- ``in_sector_service``: during the individual's in-sector service periods;
- ``since_established``: from the unit's establishment;
- ``{last_years: N}``: the N calendar years ending with the evaluation year.
"""


@dataclass(frozen=True, slots=True)
class ResolvedWindow:
    """A window made concrete for one nominee: ranges, or the fact that was missing."""

    ranges: tuple[DateRange, ...]
    missing: tuple[str, ...] = ()


def resolve_window(window: DateWindow, ctx: Context) -> ResolvedWindow:
    """The date ranges ``window`` covers for the nominee in ``ctx`` (never past ``as_of``).

    Made concrete once per window, date and year under review (a shared fact).
    """
    named = window if isinstance(window, str) else window.last_years
    return ctx.facts.get(("window", named, ctx.as_of, ctx.year), _resolve_window, window, ctx)


def _resolve_window(window: DateWindow, ctx: Context) -> ResolvedWindow:
    as_of = ctx.as_of
    if isinstance(window, LastYears):
        start = dt.date(ctx.year - window.last_years + 1, 1, 1)
        return ResolvedWindow((DateRange(start, as_of),))
    if window == "ever":
        return ResolvedWindow((DateRange(None, as_of),))
    if window == "evaluation_year":
        return ResolvedWindow((DateRange(dt.date(ctx.year, 1, 1), as_of),))
    nominee = ctx.nominee
    if window == "in_sector_service":
        assert isinstance(nominee, Individual)
        periods = merged_service(ctx, as_of, in_sector_only=True)
        if not nominee.service:
            return ResolvedWindow((), ("service",))
        return ResolvedWindow(tuple(DateRange(s, e) for s, e in periods))
    assert isinstance(nominee, Unit)
    if nominee.established_on is None:
        return ResolvedWindow((), ("established_on",))
    return ResolvedWindow((DateRange(nominee.established_on, as_of),))


def window_missing(window: DateWindow, ctx: Context) -> bool:
    """Whether ``window`` cannot be made concrete for the nominee (as ``resolve_window`` finds)."""
    if not isinstance(window, str):  # ``{last_years: N}`` (spares a model's ``__eq__``)
        return False
    if window == "in_sector_service":
        nominee = ctx.nominee
        return isinstance(nominee, Individual) and not nominee.service
    if window == "since_established":
        nominee = ctx.nominee
        return isinstance(nominee, Unit) and nominee.established_on is None
    return False


def window_can_be_missing(window: DateWindow) -> bool:
    """Whether some nominee data leaves the window unknown (no service, no establishment date)."""
    return window in ("in_sector_service", "since_established")


def window_subjects(window: DateWindow) -> frozenset[str]:
    """Which nominee kinds a window makes sense for."""
    if window == "in_sector_service":
        return INDIVIDUAL
    if window == "since_established":
        return UNIT
    return SUBJECTS


def window_fits(window: DateWindow, subject: str) -> list[str]:
    """Problems using ``window`` in an award for ``subject`` (empty when it fits)."""
    needed = {"individual", "unit"} if subject == "any" else {subject}
    if needed <= window_subjects(window):
        return []
    return [f"window {window!r} does not apply to {_award_of(subject)}"]


def _award_of(subject: str) -> str:
    return {"individual": "an individual's award", "unit": "a unit's award"}.get(
        subject, "an award for individuals and units"
    )


def window_unknown(lang: str) -> str:
    """Wording for a window that could not be made concrete (a date was missing)."""
    return pick(
        lang,
        "không xác định được khoảng thời gian cần xét",
        "the period to look in could not be determined",
    )


def describe_window(window: DateWindow, lang: str) -> str:
    """The window in words, e.g. "trong thời gian công tác trong Ngành"."""
    if isinstance(window, LastYears):
        n = window.last_years
        return pick(lang, f"trong {n} năm gần nhất", f"in the last {n} years")
    return {
        "ever": pick(lang, "từ trước đến nay", "at any time"),
        "evaluation_year": pick(lang, "trong năm đánh giá", "in the year under review"),
        "in_sector_service": pick(
            lang, "trong thời gian công tác trong Ngành", "during service in the sector"
        ),
        "since_established": pick(lang, "từ khi thành lập", "since establishment"),
    }[window]


class WindowArgs(Args):
    """Arguments with a ``window`` (each model declares it, with its own default)."""

    # Declared for the type checker only: a field here would come first in every
    # model, changing the order of their fields in JSON Schema and required values.
    if TYPE_CHECKING:
        window: DateWindow


WindowArgsT = TypeVar("WindowArgsT", bound=WindowArgs)


class WindowedPredicate(Predicate[WindowArgsT]):
    """A predicate that looks for dated records inside ``args.window``.

    :meth:`evaluate` makes the window concrete (undetermined when the nominee's
    data cannot) and hands its ranges to :meth:`look`; :meth:`finding` says
    the window was unknown, or hands over to :meth:`found_words`.
    """

    def evaluate(self, args: WindowArgsT, ctx: Context) -> Outcome:
        window = resolve_window(args.window, ctx)
        if window.missing:
            return Outcome(None, missing=window.missing)
        return self.look(args, ctx, window.ranges)

    def holds(self, args: WindowArgsT, ctx: Context) -> bool | None:
        window = resolve_window(args.window, ctx)
        if window.missing:
            return None
        return self.look_holds(args, ctx, window.ranges)

    @abstractmethod
    def look(self, args: WindowArgsT, ctx: Context, ranges: tuple[DateRange, ...]) -> Outcome:
        """Check the nominee's records dated inside ``ranges``."""

    def look_holds(
        self, args: WindowArgsT, ctx: Context, ranges: tuple[DateRange, ...]
    ) -> bool | None:
        """Only whether :meth:`look` passes; override it where ``look`` builds evidence."""
        return self.look(args, ctx, ranges).passed

    def finding(self, args: WindowArgsT, outcome: Outcome, lang: str) -> str:
        if outcome.passed is None:
            return window_unknown(lang)
        return self.found_words(args, outcome, lang)

    def found_words(self, args: WindowArgsT, outcome: Outcome, lang: str) -> str:
        """What was found inside a known window, in words (default: the found value)."""
        return super().finding(args, outcome, lang)

    def can_be_missing(self, args: WindowArgsT) -> bool:
        return window_can_be_missing(args.window)

    def check(self, args: WindowArgsT, subject: str) -> list[str]:
        return window_fits(args.window, subject)


YearAnchor = int | Literal["established", "service_start", "evaluation", "previous"]
"""A year: a number, or ``established`` (the unit's founding year), ``service_start``
(the first year of in-sector service), ``evaluation`` (the year under review),
``previous`` (the year before it)."""


YearRef = int | Literal["evaluation", "previous"]
"""A single year: a number, ``evaluation`` (the year under review) or ``previous``."""


def resolve_year(ref: YearRef, ctx: Context) -> int:
    """The year ``ref`` names for ``ctx``."""
    if isinstance(ref, int):
        return ref
    return ctx.year - 1 if ref == "previous" else ctx.year


def describe_year(ref: YearRef, lang: str) -> str:
    """The year in words."""
    if isinstance(ref, int):
        return str(ref)
    if ref == "previous":
        return pick(lang, "năm trước năm đánh giá", "the year before the year under review")
    return pick(lang, "năm đánh giá", "the year under review")


class YearSpan(Args):
    """Calendar years from ``from`` to ``to`` inclusive, or the ``last`` N ending at ``to``."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    from_: YearAnchor | None = Field(default=None, alias="from")
    to: YearAnchor = "previous"
    last: Annotated[int, Field(ge=1, le=100)] | None = None

    @model_validator(mode="after")
    def _one_start(self) -> YearSpan:
        if (self.from_ is None) == (self.last is None):
            raise ValueError("give exactly one of 'from' and 'last'")
        if isinstance(self.from_, int) and isinstance(self.to, int) and self.from_ > self.to:
            raise ValueError(f"'from' {self.from_} is after 'to' {self.to}: no year is in the span")
        return self


def first_year(nominee: Individual | Unit, *, in_sector_only: bool = True) -> int | None:
    """The first year of a nominee: a unit's establishment, an individual's first service.

    An individual's service counts in the sector only by default, as the year
    anchor ``service_start`` reads it; ``in_sector_only=False`` takes every
    period, as the first year the nominee can hold a rating (see "First year of
    service" in docs/domain-model.md). ``None`` when the date is not recorded.
    """
    if isinstance(nominee, Unit):
        return nominee.established_on.year if nominee.established_on else None
    starts = [p.start for p in nominee.service if p.in_sector or not in_sector_only]
    return min(starts).year if starts else None


def _anchor_year(anchor: YearAnchor, ctx: Context) -> tuple[int | None, str | None]:
    nominee = ctx.nominee
    if anchor == "established":
        year = first_year(nominee) if isinstance(nominee, Unit) else None
        return (year, None) if year is not None else (None, "established_on")
    if anchor == "service_start":
        year = first_year(nominee) if isinstance(nominee, Individual) else None
        return (year, None) if year is not None else (None, "service")
    return resolve_year(anchor, ctx), None


def resolve_years(span: YearSpan, ctx: Context) -> tuple[range, tuple[str, ...]]:
    """The years of ``span`` for the nominee, and any fact missing to know them."""
    end, missing_end = _anchor_year(span.to, ctx)
    if span.last is not None:
        if end is None:
            return range(0), (missing_end or "",)
        return range(end - span.last + 1, end + 1), ()
    assert span.from_ is not None
    start, missing_start = _anchor_year(span.from_, ctx)
    missing = tuple(m for m in (missing_start, missing_end) if m)
    if start is None or end is None:
        return range(0), missing
    return range(start, end + 1), ()


def year_span_fits(span: YearSpan, subject: str) -> list[str]:
    """Problems using ``span``'s anchors in an award for ``subject`` (empty when they fit)."""
    anchors = {span.from_, span.to}
    problems = []
    if "established" in anchors and subject != "unit":
        problems.append("year anchor 'established' applies only to unit awards")
    if "service_start" in anchors and subject != "individual":
        problems.append("year anchor 'service_start' applies only to individual awards")
    return problems


def years_unknown(lang: str) -> str:
    """Wording for a span of years whose anchor was not recorded."""
    return pick(lang, "không xác định được các năm cần xét", "the years could not be determined")


class YearSpanArgs(Args):
    """Arguments with a span of ``years`` (each model declares it, where it belongs)."""

    # For the type checker only, as in WindowArgs.
    if TYPE_CHECKING:
        years: YearSpan


YearSpanArgsT = TypeVar("YearSpanArgsT", bound=YearSpanArgs)


class YearSpanPredicate(Predicate[YearSpanArgsT]):
    """A predicate that looks at each year of ``args.years`` (rated, counted...).

    :meth:`evaluate` resolves the span (undetermined when an anchor's date is
    not recorded) and hands its years to :meth:`look`; :meth:`finding` says the
    years were unknown, or hands over to :meth:`found_words`. A year without
    its record may always leave the leaf undetermined.
    """

    def evaluate(self, args: YearSpanArgsT, ctx: Context) -> Outcome:
        years, missing = resolve_years(args.years, ctx)
        if missing:
            return Outcome(None, missing=missing)
        return self.look(args, ctx, years)

    @abstractmethod
    def look(self, args: YearSpanArgsT, ctx: Context, years: range) -> Outcome:
        """Check the nominee's records for ``years``."""

    def finding(self, args: YearSpanArgsT, outcome: Outcome, lang: str) -> str:
        if outcome.found is None:
            return years_unknown(lang)
        return self.found_words(args, outcome, lang)

    def found_words(self, args: YearSpanArgsT, outcome: Outcome, lang: str) -> str:
        """What was found for known years, in words (default: the found value)."""
        return super().finding(args, outcome, lang)

    def can_be_missing(self, args: YearSpanArgsT) -> bool:
        return True

    def check(self, args: YearSpanArgsT, subject: str) -> list[str]:
        return year_span_fits(args.years, subject)


def _anchor_words(anchor: YearAnchor, lang: str) -> str:
    if anchor == "established":
        return pick(lang, "năm thành lập", "the year of establishment")
    if anchor == "service_start":
        return pick(lang, "năm bắt đầu công tác", "the first year of service")
    return describe_year(anchor, lang)


def describe_years(span: YearSpan, lang: str) -> str:
    """The span in words."""
    to = _anchor_words(span.to, lang)
    if span.last == 1:
        return pick(lang, f"trong {to}", f"in {to}")
    if span.last is not None:
        return pick(lang, f"{span.last} năm liên tục đến {to}", f"{span.last} years up to {to}")
    assert span.from_ is not None
    start = _anchor_words(span.from_, lang)
    return pick(lang, f"mỗi năm từ {start} đến {to}", f"every year from {start} to {to}")
