"""Pending cases bar an award (NĐ 98/2023 Art. 4; NĐ 152/2025 Art. 4).

No award while the nominee is under discipline review, investigation or
inspection, or while a complaint or denunciation about them is unresolved.
"""

from __future__ import annotations

from pydantic import Field

from ..context import Context
from ..i18n import format_date, pick
from ..model import PendingCase, PendingCaseKind
from ..results import Outcome
from .base import Args, Predicate, record_ref

__all__ = ["NoPendingCase"]

_KIND_WORDS = {
    PendingCaseKind.DISCIPLINE_REVIEW: ("đang xem xét kỷ luật", "discipline under review"),
    PendingCaseKind.INVESTIGATION: (
        "đang bị điều tra, thanh tra, kiểm tra",
        "under investigation or inspection",
    ),
    PendingCaseKind.COMPLAINT: (
        "khiếu nại, tố cáo chưa được giải quyết",
        "unresolved complaint or denunciation",
    ),
}


class NoPendingCaseArgs(Args):
    kinds: tuple[PendingCaseKind, ...] = Field(
        default=tuple(PendingCaseKind), min_length=1, description="Which pending cases bar."
    )


class NoPendingCase(Predicate[NoPendingCaseArgs]):
    """No case of ``kinds`` is pending on the evaluation date (opened, not yet resolved)."""

    name = "no_pending_case"
    args_model = NoPendingCaseArgs
    label = {"vi": "Vụ việc đang xem xét", "en": "Pending cases"}

    def evaluate(self, args: NoPendingCaseArgs, ctx: Context) -> Outcome:
        records = ctx.nominee.pending_cases
        found = [c for c in records if c.kind in args.kinds and c.open_on(ctx.as_of)]
        evidence = tuple(
            f"{record_ref('pending_cases', records, c)}: {c.kind.value} "
            f"opened {c.opened_on.isoformat()}"
            for c in found
        )
        return Outcome(not found, found, evidence)

    def requirement(self, args: NoPendingCaseArgs, lang: str) -> str:
        if set(args.kinds) == set(PendingCaseKind):
            return pick(
                lang,
                "Không đang bị xem xét kỷ luật, điều tra, thanh tra, hoặc có khiếu nại, tố cáo "
                "chưa được giải quyết",
                "Not under discipline review, investigation or inspection, and no unresolved "
                "complaint",
            )
        kinds = "; ".join(pick(lang, *_KIND_WORDS[k]) for k in args.kinds)
        return pick(lang, f"Không có vụ việc đang xem xét: {kinds}", f"No pending case: {kinds}")

    def finding(self, args: NoPendingCaseArgs, outcome: Outcome, lang: str) -> str:
        found: list[PendingCase] = outcome.found or []
        if not found:
            return pick(lang, "không có vụ việc đang xem xét", "no pending case")
        items = "; ".join(
            pick(lang, *_KIND_WORDS[c.kind])
            + pick(
                lang, f" (từ {format_date(c.opened_on)})", f" (since {format_date(c.opened_on)})"
            )
            for c in found
        )
        return pick(lang, f"đang có: {items}", f"pending: {items}")
