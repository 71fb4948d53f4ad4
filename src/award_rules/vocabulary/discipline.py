"""Predicates about discipline."""

from __future__ import annotations

from ..context import Context
from ..facts import DateRange, disciplines_in
from ..i18n import format_date, pick
from ..model import Discipline, DisciplineForm
from ..results import Outcome
from .base import record_ref
from .windows import (
    DateWindow,
    WindowArgs,
    WindowedPredicate,
    describe_window,
    resolve_window,
    window_missing,
)

__all__ = ["NoDiscipline"]

_FORM_WORDS = {
    DisciplineForm.REPRIMAND: ("khiển trách", "reprimand"),
    DisciplineForm.WARNING: ("cảnh cáo", "warning"),
    DisciplineForm.SALARY_DOWNGRADE: ("hạ bậc lương", "salary downgrade"),
    DisciplineForm.DEMOTION: ("giáng chức", "demotion"),
    DisciplineForm.DISMISSAL: ("cách chức", "dismissal"),
    DisciplineForm.FORCED_RESIGNATION: ("buộc thôi việc", "forced resignation"),
}


def form_words(form: DisciplineForm, lang: str) -> str:
    """A discipline form in words."""
    return pick(lang, *_FORM_WORDS[form])


class NoDisciplineArgs(WindowArgs):
    window: DateWindow = "ever"
    from_form: DisciplineForm = DisciplineForm.REPRIMAND


class NoDiscipline(WindowedPredicate[NoDisciplineArgs]):
    """No discipline of ``from_form`` or heavier decided inside ``window``."""

    name = "no_discipline"
    args_model = NoDisciplineArgs
    label = {"vi": "Kỷ luật", "en": "Discipline"}
    cost = 2

    def look(self, args: NoDisciplineArgs, ctx: Context, ranges: tuple[DateRange, ...]) -> Outcome:
        records = ctx.nominee.disciplines
        found = disciplines_in(records, ranges, args.from_form)
        evidence = tuple(
            f"{record_ref('disciplines', records, d)}: {d.form.value} {d.decided_on.isoformat()}"
            for d in found
        )
        return Outcome(not found, found, evidence)

    def evaluate(self, args: NoDisciplineArgs, ctx: Context) -> Outcome:
        if not ctx.nominee.disciplines and not window_missing(args.window, ctx):
            return Outcome(True, [], ())  # what look finds in any window
        return super().evaluate(args, ctx)

    def holds(self, args: NoDisciplineArgs, ctx: Context) -> bool | None:
        disciplines = ctx.nominee.disciplines
        if not disciplines:
            # Nothing to find: only a window that cannot be known leaves it undetermined.
            return None if window_missing(args.window, ctx) else True
        window = resolve_window(args.window, ctx)
        if window.missing:
            return None
        return not disciplines_in(disciplines, window.ranges, args.from_form)

    def look_holds(
        self, args: NoDisciplineArgs, ctx: Context, ranges: tuple[DateRange, ...]
    ) -> bool | None:
        return not disciplines_in(ctx.nominee.disciplines, ranges, args.from_form)

    def requirement(self, args: NoDisciplineArgs, lang: str) -> str:
        window = describe_window(args.window, lang)
        if args.from_form is DisciplineForm.REPRIMAND:
            return pick(lang, f"Không bị kỷ luật {window}", f"Not disciplined {window}")
        form = form_words(args.from_form, lang)
        return pick(
            lang,
            f"Không bị kỷ luật từ hình thức {form} trở lên {window}",
            f"No discipline of {form} or heavier {window}",
        )

    def found_words(self, args: NoDisciplineArgs, outcome: Outcome, lang: str) -> str:
        found: list[Discipline] = outcome.found or []
        if not found:
            return pick(lang, "không có quyết định kỷ luật", "no discipline recorded")
        items = "; ".join(
            f"{form_words(d.form, lang)} ({format_date(d.decided_on)})" for d in found
        )
        return pick(lang, f"bị kỷ luật: {items}", f"disciplined: {items}")
