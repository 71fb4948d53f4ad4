"""Predicates about an individual's service: length, retirement, being alive."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, NonNegativeInt

from ..context import Context
from ..facts import ONE_DAY, Duration, merge_periods, spans_length, spans_years_months_days
from ..i18n import format_date, format_duration, pick
from ..results import Outcome
from .base import INDIVIDUAL, Args, NoArgs, Predicate, individual_in

__all__ = ["Alive", "Retired", "ServiceYears", "days_decide", "merged_service"]


def merged_service(
    ctx: Context, cutoff: dt.date, *, in_sector_only: bool
) -> list[tuple[dt.date, dt.date]]:
    """The nominee's service spans up to ``cutoff``, merged; computed once per context."""
    return ctx.facts.get(
        ("merged_service", cutoff, in_sector_only),
        merge_periods,
        individual_in(ctx).service,
        cutoff,
        in_sector_only,
    )


MONTH_DAYS_NUM, MONTH_DAYS_DEN = 146097, 4800
"""The mean calendar month, 365.2425 / 12 = 146097 / 4800 days (exact, in whole numbers)."""
MONTHS_SLACK = 8
"""Days by which ``m`` calendar months from any date differ from ``m`` mean months at
most, with room to spare: measured from -3.8 to +4.3 over every start day of
1896-2104 (every month count to 24, then every 7th to 1,300) and 2,000,000 random
starts and counts of 1900-2200 (the dates the library judges)."""


def days_decide(spans: list[tuple[dt.date, dt.date]], months: int) -> bool | None:
    """Whether ``spans_length(spans)`` reaches ``months`` whole months, told by days alone.

    A span of ``m`` months and ``d`` leftover days (at most 30) has
    ``m * mu + e + d`` days, ``mu`` the mean month and ``|e| <= MONTHS_SLACK``. A
    single span counts ``m`` months (its days do not carry); several count
    ``sum(m) + sum(d) // 30``, least when no days are left over and most when
    every span has 30. So the days ``D`` served bound the months counted: the
    answer when even the bound decides, ``None`` when the days leave it open.
    """
    count = len(spans)
    if not count:
        return None
    days = count  # D: each span's days, both ends counted
    for start, end in spans:
        days += (end - start).days
    slack, num, den = MONTHS_SLACK, MONTH_DAYS_NUM, MONTH_DAYS_DEN
    if count == 1:  # (D - 30 - slack) / mu <= m <= (D + slack) / mu
        if (days - 30 - slack) * den >= months * num:
            return True
        if (days + slack) * den < months * num:
            return False
        return None
    # (D - count slack) / mu - 29/30 <= months counted <= (D - 30 count + count slack) / mu + count
    if (days - count * slack) * den * 30 >= (30 * months + 29) * num:
        return True
    if (days - 30 * count + count * slack) * den < (months - count) * num:
        return False
    return None


class ServiceYearsArgs(Args):
    min_years: NonNegativeInt
    min_months: int = Field(default=0, ge=0, le=11)
    in_sector_only: bool = True
    counted_until: Literal["evaluation_date", "retirement"] = "evaluation_date"


class ServiceYears(Predicate[ServiceYearsArgs]):
    """Service (in the sector by default) of at least ``min_years`` years.

    ``counted_until: retirement`` counts up to the day before the retirement
    date when one is recorded (an open period is taken to run until then), and
    up to the evaluation date otherwise.
    """

    name = "service_years"
    args_model = ServiceYearsArgs
    subjects = INDIVIDUAL
    grows_with_time = True
    label = {"vi": "Thời gian công tác", "en": "Length of service"}
    cost = 3

    def evaluate(self, args: ServiceYearsArgs, ctx: Context) -> Outcome:
        measured = self._measure(args, ctx)
        if measured is None:
            return Outcome(None, missing=("service",))
        cutoff, spans, length = measured
        evidence = tuple(f"service {s.isoformat()}..{e.isoformat()}" for s, e in spans)
        required = Duration.of_years(args.min_years, args.min_months)
        return Outcome(length >= required, length, evidence, note={"cutoff": cutoff})

    def holds(self, args: ServiceYearsArgs, ctx: Context) -> bool | None:
        person = individual_in(ctx)
        service = person.service
        if not service:
            return None
        cutoff = ctx.as_of
        if args.counted_until == "retirement":
            retirement = person.retirement_date  # a model's attribute: read once
            if retirement is not None:
                cutoff = retirement - ONE_DAY
        # Merged here, not remembered: a status merges once per award, and merging a
        # record's few periods costs less than remembering them (windows and the
        # verdict's evidence read the remembered spans, ``merged_service``).
        spans = merge_periods(service, cutoff, args.in_sector_only)
        # Decided by the days served when they are clearly short or clearly enough
        # (see days_decide); the calendar count only in between.
        years, months = args.min_years, args.min_months
        decided = days_decide(spans, 12 * years + months)
        if decided is not None:
            return decided
        # (years, months, days) compares as the Duration would (see Duration.of_years)
        return spans_years_months_days(spans) >= (years + months // 12, months % 12, 0)

    @staticmethod
    def _measure(
        args: ServiceYearsArgs, ctx: Context
    ) -> tuple[dt.date, list[tuple[dt.date, dt.date]], Duration] | None:
        """The cutoff, the merged spans and their length; ``None`` with no service recorded."""
        person = individual_in(ctx)
        if not person.service:
            return None
        cutoff = ctx.as_of
        if args.counted_until == "retirement" and person.retirement_date is not None:
            cutoff = person.retirement_date - ONE_DAY
        in_sector = args.in_sector_only
        spans = merged_service(ctx, cutoff, in_sector_only=in_sector)
        length = ctx.facts.get(("service_length", cutoff, in_sector), lambda: spans_length(spans))
        return cutoff, spans, length

    def can_be_missing(self, args: ServiceYearsArgs) -> bool:
        return True

    def requirement(self, args: ServiceYearsArgs, lang: str) -> str:
        amount = format_duration(Duration.of_years(args.min_years, args.min_months), lang)
        where = pick(lang, " trong Ngành", " in the sector") if args.in_sector_only else ""
        until = (
            pick(lang, ", tính đến khi nghỉ hưu", ", counted up to retirement")
            if args.counted_until == "retirement"
            else ""
        )
        return pick(
            lang,
            f"Thời gian công tác{where} từ {amount} trở lên{until}",
            f"At least {amount} of service{where}{until}",
        )

    def finding(self, args: ServiceYearsArgs, outcome: Outcome, lang: str) -> str:
        if not isinstance(outcome.found, Duration):
            return pick(lang, "không có dữ liệu quá trình công tác", "no service history recorded")
        cutoff: dt.date = outcome.note["cutoff"]
        amount = format_duration(outcome.found, lang)
        return pick(
            lang,
            f"{amount} (tính đến {format_date(cutoff)})",
            f"{amount} (as of {format_date(cutoff)})",
        )

    def required_value(self, args: ServiceYearsArgs) -> object:
        return Duration.of_years(args.min_years, args.min_months).to_dict()


class RetiredArgs(Args):
    or_in_evaluation_year: bool = True


class Retired(Predicate[RetiredArgs]):
    """Has a retirement date on or before the evaluation date (or in the evaluation year)."""

    name = "retired"
    args_model = RetiredArgs
    subjects = INDIVIDUAL
    label = {"vi": "Nghỉ hưu", "en": "Retirement"}

    def evaluate(self, args: RetiredArgs, ctx: Context) -> Outcome:
        person = individual_in(ctx)
        day = person.retirement_date
        if day is None:
            return Outcome(False, None)
        passed = day <= ctx.as_of or (args.or_in_evaluation_year and day.year == ctx.year)
        return Outcome(passed, day, (f"retirement_date {day.isoformat()}",))

    def holds(self, args: RetiredArgs, ctx: Context) -> bool | None:
        day = individual_in(ctx).retirement_date
        if day is None:
            return False
        return day <= ctx.as_of or (args.or_in_evaluation_year and day.year == ctx.year)

    def requirement(self, args: RetiredArgs, lang: str) -> str:
        if args.or_in_evaluation_year:
            return pick(
                lang,
                "Đã nghỉ hưởng chế độ hưu trí, hoặc nghỉ hưu trong năm đánh giá",
                "Retired on a pension by the evaluation date, or retiring in the year under review",
            )
        return pick(
            lang, "Đã nghỉ hưởng chế độ hưu trí", "Retired on a pension by the evaluation date"
        )

    def finding(self, args: RetiredArgs, outcome: Outcome, lang: str) -> str:
        if outcome.found is None:
            return pick(lang, "chưa có ngày nghỉ hưu", "no retirement date recorded")
        return pick(
            lang,
            f"nghỉ hưu từ {format_date(outcome.found)}",
            f"on a pension from {format_date(outcome.found)}",
        )


class Alive(Predicate[NoArgs]):
    """Not deceased on the evaluation date (for awards never given posthumously)."""

    name = "alive"
    subjects = INDIVIDUAL
    label = {"vi": "Còn sống", "en": "Alive"}

    def evaluate(self, args: NoArgs, ctx: Context) -> Outcome:
        person = individual_in(ctx)
        died = person.death_date
        if died is None or died > ctx.as_of:
            return Outcome(True, None)
        return Outcome(False, died, (f"death_date {died.isoformat()}",))

    def holds(self, args: NoArgs, ctx: Context) -> bool | None:
        died = individual_in(ctx).death_date
        return died is None or died > ctx.as_of

    def requirement(self, args: NoArgs, lang: str) -> str:
        return pick(
            lang,
            "Không xét tặng truy tặng (người được đề nghị còn sống)",
            "Not awarded posthumously (the nominee is alive)",
        )

    def finding(self, args: NoArgs, outcome: Outcome, lang: str) -> str:
        if outcome.found is None:
            return pick(lang, "không có ngày mất", "no date of death recorded")
        return pick(
            lang,
            f"đã mất ngày {format_date(outcome.found)}",
            f"died on {format_date(outcome.found)}",
        )
