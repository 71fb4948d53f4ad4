"""Predicates about units: age and yearly results."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, NonNegativeInt, model_validator

from ..context import Context
from ..facts import Duration, unit_age
from ..i18n import format_date, format_duration, format_value, pick
from ..results import Outcome
from .base import UNIT, Args, Predicate, unit_in
from .windows import YearRef, describe_year, resolve_year

__all__ = ["ResultThreshold", "UnitAge"]


class UnitAgeArgs(Args):
    min_years: NonNegativeInt
    min_months: int = Field(default=0, ge=0, le=11)


class UnitAge(Predicate[UnitAgeArgs]):
    """Established at least ``min_years`` years before the evaluation date."""

    name = "unit_age"
    args_model = UnitAgeArgs
    subjects = UNIT
    grows_with_time = True
    label = {"vi": "Thời gian thành lập", "en": "Time since establishment"}

    def evaluate(self, args: UnitAgeArgs, ctx: Context) -> Outcome:
        unit = unit_in(ctx)
        founded = unit.established_on
        if founded is None:
            return Outcome(None, missing=("established_on",))
        age = ctx.facts.get(("unit_age", ctx.as_of), lambda: unit_age(founded, ctx.as_of))
        required = Duration.of_years(args.min_years, args.min_months)
        return Outcome(
            age >= required,
            age,
            (f"established_on {founded.isoformat()}",),
            note={"established_on": founded, "as_of": ctx.as_of},
        )

    def can_be_missing(self, args: UnitAgeArgs) -> bool:
        return True

    def requirement(self, args: UnitAgeArgs, lang: str) -> str:
        amount = format_duration(Duration.of_years(args.min_years, args.min_months), lang)
        return pick(lang, f"Thành lập từ {amount} trở lên", f"Established at least {amount} ago")

    def finding(self, args: UnitAgeArgs, outcome: Outcome, lang: str) -> str:
        if not isinstance(outcome.found, Duration):
            return pick(lang, "không có ngày thành lập", "no establishment date recorded")
        founded = format_date(outcome.note["established_on"])
        as_of = format_date(outcome.note["as_of"])
        amount = format_duration(outcome.found, lang)
        return pick(
            lang,
            f"thành lập ngày {founded}, được {amount} tính đến {as_of}",
            f"established on {founded}: {amount} as of {as_of}",
        )

    def required_value(self, args: UnitAgeArgs) -> object:
        return Duration.of_years(args.min_years, args.min_months).to_dict()


ResultField = Literal[
    "plan_completion_pct",
    "score",
    "health_insurance_coverage_pct",
    "votes",
    "communes_meeting_criterion_pct",
    "districts_meeting_criterion_pct",
]

_RESULT_WORDS = {
    "plan_completion_pct": ("Tỷ lệ hoàn thành kế hoạch (%)", "Plan completion (%)"),
    "score": ("Điểm thi đua", "Emulation score"),
    "health_insurance_coverage_pct": ("Tỷ lệ bao phủ BHYT (%)", "Health-insurance coverage (%)"),
    "votes": ("Số phiếu bầu", "Votes"),
    "communes_meeting_criterion_pct": (
        "Tỷ lệ xã đạt tiêu chí BHYT nông thôn mới (%)",
        "Communes meeting the new-rural health-insurance criterion (%)",
    ),
    "districts_meeting_criterion_pct": (
        "Tỷ lệ huyện đạt tiêu chí BHYT nông thôn mới (%)",
        "Districts meeting the new-rural health-insurance criterion (%)",
    ),
}


class ResultArgs(Args):
    field: ResultField
    min: float | None = None
    max: float | None = None
    above: float | None = Field(default=None, description="Strictly greater than.")
    year: YearRef = "evaluation"

    @model_validator(mode="after")
    def _bounded(self) -> ResultArgs:
        if self.min is None and self.max is None and self.above is None:
            raise ValueError("give at least one of min, max, above")
        return self


class ResultThreshold(Predicate[ResultArgs]):
    """A unit's result for a year (plan completion, score, coverage) within bounds."""

    name = "result"
    args_model = ResultArgs
    subjects = UNIT
    label = {"vi": "Kết quả thực hiện nhiệm vụ", "en": "Results"}

    def evaluate(self, args: ResultArgs, ctx: Context) -> Outcome:
        unit = unit_in(ctx)
        year = resolve_year(args.year, ctx)
        result = unit.result_for(year)
        value = getattr(result, args.field) if result is not None else None
        if value is None:
            return Outcome(None, missing=(f"results[{year}].{args.field}",), note={"year": year})
        passed = (
            (args.min is None or value >= args.min)
            and (args.max is None or value <= args.max)
            and (args.above is None or value > args.above)
        )
        return Outcome(
            passed, value, (f"results[{year}].{args.field} = {value}",), note={"year": year}
        )

    def can_be_missing(self, args: ResultArgs) -> bool:
        return True

    def requirement(self, args: ResultArgs, lang: str) -> str:
        what = pick(lang, *_RESULT_WORDS[args.field])
        bounds = []
        if args.min is not None:
            bounds.append(
                pick(
                    lang,
                    f"từ {format_value(args.min, lang)} trở lên",
                    f"at least {format_value(args.min, lang)}",
                )
            )
        if args.above is not None:
            bounds.append(
                pick(
                    lang,
                    f"trên {format_value(args.above, lang)}",
                    f"above {format_value(args.above, lang)}",
                )
            )
        if args.max is not None:
            bounds.append(
                pick(
                    lang,
                    f"không quá {format_value(args.max, lang)}",
                    f"at most {format_value(args.max, lang)}",
                )
            )
        year = describe_year(args.year, lang)
        return f"{what} ({year}): {', '.join(bounds)}"

    def finding(self, args: ResultArgs, outcome: Outcome, lang: str) -> str:
        year = outcome.note.get("year")
        if outcome.found is None:
            return pick(lang, f"không có số liệu năm {year}", f"no figure for {year}")
        return f"{format_value(outcome.found, lang)} ({year})"

    def check(self, args: ResultArgs, subject: str) -> list[str]:
        if args.min is not None and args.max is not None and args.min > args.max:
            return [f"min {args.min} is above max {args.max}: this can never be true"]
        if args.above is not None and args.max is not None and args.above >= args.max:
            return [f"above {args.above} with max {args.max}: this can never be true"]
        return []
