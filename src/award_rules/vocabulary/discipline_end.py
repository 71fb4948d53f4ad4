"""Achievements count only from the end of a discipline period (NĐ 152/2025 Art. 4).

From 01/07/2025, after a discipline period ends, the achievements counted for
an award start from its end date: the years an award counts must all lie
after the end of every discipline in effect during them.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from ..context import Context
from ..facts import add_months
from ..i18n import format_date, pick
from ..model import Discipline, DisciplineForm
from ..results import Outcome
from .base import record_ref
from .discipline import form_words
from .windows import YearSpan, YearSpanArgs, YearSpanPredicate, describe_years, years_unknown

__all__ = ["AchievementsAfterDiscipline"]


class AchievementsAfterDisciplineArgs(YearSpanArgs):
    years: YearSpan = Field(description="The years whose achievements the award counts.")
    from_form: DisciplineForm = DisciplineForm.REPRIMAND
    assumed_months: int | None = Field(
        default=None,
        ge=1,
        le=120,
        description="Months a discipline is in effect when ends_on is not recorded; "
        "None: the end date is a missing fact.",
    )


def discipline_end(record: Discipline, assumed_months: int | None) -> dt.date | None:
    """The last day ``record`` is in effect: ``ends_on``, else the assumed length, else None."""
    if record.ends_on is not None:
        return record.ends_on
    if assumed_months is None:
        return None
    return add_months(record.decided_on, assumed_months) - dt.timedelta(days=1)


class AchievementsAfterDiscipline(YearSpanPredicate[AchievementsAfterDisciplineArgs]):
    """No discipline of ``from_form`` or heavier is in effect on or after 1 January of the
    first year counted (decided on or before the evaluation date)."""

    name = "achievements_after_discipline"
    args_model = AchievementsAfterDisciplineArgs
    label = {"vi": "Thời gian sau kỷ luật", "en": "Time after discipline"}

    def look(self, args: AchievementsAfterDisciplineArgs, ctx: Context, years: range) -> Outcome:
        if not years:
            return Outcome(True, [], note={"first": None})
        first = dt.date(years[0], 1, 1)
        records = ctx.nominee.disciplines
        overlapping: list[tuple[Discipline, dt.date]] = []
        missing: list[str] = []
        for record in records:
            if record.form.severity < args.from_form.severity or record.decided_on > ctx.as_of:
                continue
            end = discipline_end(record, args.assumed_months)
            ref = record_ref("disciplines", records, record)
            if end is None:
                missing.append(f"{ref}.ends_on")
            elif end >= first:
                overlapping.append((record, end))
        evidence = tuple(
            f"{record_ref('disciplines', records, d)}: {d.form.value} until {end.isoformat()}"
            for d, end in overlapping
        )
        note = {"first": first}
        if overlapping:
            return Outcome(False, overlapping, evidence, note=note)
        if missing:
            return Outcome(None, [], missing=tuple(missing), note=note)
        return Outcome(True, [], note=note)

    def requirement(self, args: AchievementsAfterDisciplineArgs, lang: str) -> str:
        years = describe_years(args.years, lang)
        form = form_words(args.from_form, lang)
        return pick(
            lang,
            f"Thành tích được tính sau khi hết thời hạn kỷ luật (từ {form} trở lên): "
            f"không có kỷ luật còn hiệu lực {years}",
            f"Achievements count only after a discipline ends ({form} or heavier): "
            f"no discipline in effect {years}",
        )

    def finding(self, args: AchievementsAfterDisciplineArgs, outcome: Outcome, lang: str) -> str:
        if outcome.passed is None and outcome.note.get("first") is None:
            return years_unknown(lang)
        found: list[tuple[Discipline, dt.date]] = outcome.found or []
        if outcome.passed is None:
            return pick(lang, "chưa rõ ngày hết hiệu lực kỷ luật", "a discipline's end is unknown")
        if not found:
            return pick(lang, "không có kỷ luật còn hiệu lực", "no discipline in effect")
        items = "; ".join(
            f"{form_words(d.form, lang)} ({format_date(d.decided_on)}–{format_date(end)})"
            for d, end in found
        )
        return pick(lang, f"kỷ luật còn hiệu lực: {items}", f"discipline in effect: {items}")

    def can_be_missing(self, args: AchievementsAfterDisciplineArgs) -> bool:
        anchors = {args.years.from_, args.years.to}
        return args.assumed_months is None or bool(anchors & {"established", "service_start"})
