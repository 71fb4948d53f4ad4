"""New hires: time since recruitment ("mới tuyển dụng dưới 10 tháng", NĐ 65/2014 Art. 5(6))."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from ..context import Context
from ..facts import ONE_DAY, Duration, add_months
from ..i18n import format_date, format_duration, pick
from ..results import Outcome
from .base import Args, Predicate, individual_in
from .service import merged_service

__all__ = ["NotNewHire"]


class NotNewHireArgs(Args):
    min_months: int = Field(ge=1, le=24, description="Months since recruitment required.")


def _recruited(ctx: Context) -> tuple[dt.date | None, dt.date]:
    """The start of the latest continuous employment up to ``last``, and ``last``.

    ``last`` is the end of the year under review, or the evaluation date within it.
    """
    last = min(dt.date(ctx.year, 12, 31), max(ctx.as_of, dt.date(ctx.year, 1, 1)))
    spans = merged_service(ctx, last, in_sector_only=False)
    return (spans[-1][0] if spans else None), last


class NotNewHire(Predicate[NotNewHireArgs]):
    """Recruited at least ``min_months`` before the end of the year under review.

    The recruitment date is the start of the latest continuous employment
    (every service period, in the sector or not, merged where they touch: a
    contract period followed by civil service counts as one). Absences do not
    shorten it: the texts exclude new hires, not people on leave.
    """

    name = "not_new_hire"
    args_model = NotNewHireArgs
    subjects = frozenset({"individual"})
    label = {"vi": "Thời gian từ khi tuyển dụng", "en": "Time since recruitment"}

    def evaluate(self, args: NotNewHireArgs, ctx: Context) -> Outcome:
        if not individual_in(ctx).service:
            return Outcome(None, missing=("service",))
        hired, last = _recruited(ctx)
        if hired is None:
            return Outcome(False, Duration(), note={"hired": None, "until": last})
        length = Duration.between(hired, last + ONE_DAY)
        required = Duration.of_years(0, args.min_months)
        evidence = (f"employed since {hired.isoformat()}",)
        return Outcome(length >= required, length, evidence, note={"hired": hired, "until": last})

    def holds(self, args: NotNewHireArgs, ctx: Context) -> bool | None:
        if not individual_in(ctx).service:
            return None
        hired, last = _recruited(ctx)
        # Whole months from ``hired`` to the day after ``last`` (Duration.between's count).
        return hired is not None and add_months(hired, args.min_months) <= last + ONE_DAY

    def requirement(self, args: NotNewHireArgs, lang: str) -> str:
        return pick(
            lang,
            f"Không phải người mới tuyển dụng dưới {args.min_months} tháng tính đến cuối năm",
            f"Not a new hire with under {args.min_months} months by the end of the year",
        )

    def finding(self, args: NotNewHireArgs, outcome: Outcome, lang: str) -> str:
        if not isinstance(outcome.found, Duration):
            return pick(lang, "không có dữ liệu quá trình công tác", "no service history recorded")
        until = format_date(outcome.note["until"], lang)
        hired = outcome.note["hired"]
        if hired is None:
            return pick(lang, f"chưa làm việc đến {until}", f"not employed by {until}")
        amount = format_duration(outcome.found, lang)
        since = format_date(hired, lang)
        return pick(
            lang,
            f"tuyển dụng từ {since}: {amount} đến {until}",
            f"employed since {since}: {amount} up to {until}",
        )

    def can_be_missing(self, args: NotNewHireArgs) -> bool:
        return True

    def required_value(self, args: NotNewHireArgs) -> object:
        return {"months": args.min_months}
