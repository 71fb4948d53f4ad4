"""A reference to another award's criteria (a shared precondition, a lower title)."""

from __future__ import annotations

from ..context import Context
from ..criteria.schema import AwardId
from ..i18n import pick
from ..results import Outcome
from .base import Args, Predicate

__all__ = ["MeetsCriteria"]


class MeetsCriteriaArgs(Args):
    award: AwardId


class MeetsCriteria(Predicate[MeetsCriteriaArgs]):
    """Meets the criteria of another award (its version in force on the same date)."""

    name = "meets_criteria"
    args_model = MeetsCriteriaArgs
    label = {"vi": "Điều kiện", "en": "Criteria"}
    cost = 6

    def evaluate(self, args: MeetsCriteriaArgs, ctx: Context) -> Outcome:
        result = ctx.reference(args.award)
        return Outcome(result.passed, result.passed, children=(result,))

    def holds(self, args: MeetsCriteriaArgs, ctx: Context) -> bool | None:
        return ctx.reference_holds(args.award)

    def requirement(self, args: MeetsCriteriaArgs, lang: str) -> str:
        return pick(
            lang, f"Đạt các điều kiện của “{args.award}”", f"Meets the criteria of '{args.award}'"
        )

    def finding(self, args: MeetsCriteriaArgs, outcome: Outcome, lang: str) -> str:
        if outcome.passed is None:
            return pick(lang, "chưa đủ dữ liệu để xác định", "not enough data to decide")
        return pick(
            lang, "đạt" if outcome.passed else "không đạt", "met" if outcome.passed else "not met"
        )

    def referenced_criteria(self, args: MeetsCriteriaArgs) -> tuple[str, ...]:
        return (args.award,)
