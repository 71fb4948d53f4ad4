"""Predicates for year-end titles: work time in the year, absences, achievements."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Literal

from pydantic import Field, NonNegativeInt, PositiveInt

from ..context import Context
from ..criteria.schema import AwardId
from ..facts import (
    ONE_DAY,
    DateRange,
    Duration,
    award_matches,
    in_ranges,
    merge_spans,
    spans_length,
)
from ..i18n import format_duration, pick
from ..model import (
    AbsenceKind,
    Individual,
    InitiativeLevel,
)
from ..results import Outcome
from .base import INDIVIDUAL, UNIT, Args, Predicate, individual_in, record_ref, unit_in
from .holidays_vn import working_days
from .service import days_decide
from .windows import (
    DateWindow,
    WindowArgs,
    WindowedPredicate,
    YearRef,
    describe_window,
    describe_year,
    resolve_year,
    window_missing,
)

__all__ = [
    "AbsenceDays",
    "AwardEachYear",
    "Initiatives",
    "Members",
    "MonthsWorked",
    "ResearchTopics",
]

DEFAULT_COUNTED = (AbsenceKind.MATERNITY, AbsenceKind.TRAINING)

Span = tuple[dt.date, dt.date]


def _subtract(spans: Iterable[Span], holes: Iterable[Span]) -> list[Span]:
    """Inclusive spans minus inclusive holes."""
    result = list(spans)
    for hole_start, hole_end in holes:
        pieces: list[Span] = []
        for start, end in result:
            if hole_end < start or hole_start > end:
                pieces.append((start, end))
                continue
            if start < hole_start:
                pieces.append((start, hole_start - ONE_DAY))
            if hole_end < end:
                pieces.append((hole_end + ONE_DAY, end))
        result = pieces
    return result


def _clip(spans: Iterable[Span], first: dt.date, last: dt.date) -> list[Span]:
    return [(max(s, first), min(e, last)) for s, e in spans if e >= first and s <= last]


def _year_bounds(ctx: Context) -> Span:
    first = dt.date(ctx.year, 1, 1)
    return first, min(dt.date(ctx.year, 12, 31), max(ctx.as_of, first))


class MonthsWorkedArgs(Args):
    min_months: int = Field(ge=1, le=12)
    counted_absences: tuple[AbsenceKind, ...] = Field(
        default=DEFAULT_COUNTED,
        description="Absences that count as work time (maternity leave and training by "
        "default); every other absence is deducted.",
    )


class MonthsWorked(Predicate[MonthsWorkedArgs]):
    """At least ``min_months`` of work in the year under review (up to the evaluation date).

    Service periods in the year are merged; absences of kinds not in
    ``counted_absences`` are deducted.
    """

    name = "months_worked"
    args_model = MonthsWorkedArgs
    subjects = INDIVIDUAL
    label = {"vi": "Thời gian làm việc trong năm", "en": "Work time in the year"}
    cost = 4

    def evaluate(self, args: MonthsWorkedArgs, ctx: Context) -> Outcome:
        person = individual_in(ctx)
        if not person.service:
            return Outcome(None, missing=("service",))
        first, last = _year_bounds(ctx)
        remaining, length = _worked(ctx, person, args.counted_absences)
        evidence = tuple(f"worked {s.isoformat()}..{e.isoformat()}" for s, e in remaining)
        deducted = tuple(
            f"{record_ref('absences', person.absences, a)}: {a.kind.value} deducted"
            for a in person.absences
            if a.kind not in args.counted_absences and a.end >= first and a.start <= last
        )
        return Outcome(
            length >= _required(args), length, evidence + deducted, note={"year": ctx.year}
        )

    def holds(self, args: MonthsWorkedArgs, ctx: Context) -> bool | None:
        person = individual_in(ctx)
        if not person.service:
            return None
        remaining = _worked_spans(ctx, person, args.counted_absences)
        decided = days_decide(remaining, min(args.min_months, 12))  # 12 months: one year
        if decided is not None:
            return decided
        return _worked(ctx, person, args.counted_absences)[1] >= _required(args)

    def requirement(self, args: MonthsWorkedArgs, lang: str) -> str:
        return pick(
            lang,
            f"Thời gian làm việc trong năm từ {args.min_months} tháng trở lên",
            f"At least {args.min_months} months of work in the year",
        )

    def finding(self, args: MonthsWorkedArgs, outcome: Outcome, lang: str) -> str:
        if not isinstance(outcome.found, Duration):
            return pick(lang, "không có dữ liệu quá trình công tác", "no service history recorded")
        year = outcome.note["year"]
        amount = format_duration(outcome.found, lang)
        return pick(lang, f"{amount} trong năm {year}", f"{amount} in {year}")

    def can_be_missing(self, args: MonthsWorkedArgs) -> bool:
        return True

    def required_value(self, args: MonthsWorkedArgs) -> object:
        return {"months": args.min_months}


def _required(args: MonthsWorkedArgs) -> Duration:
    return Duration(0, args.min_months, 0) if args.min_months < 12 else Duration(1)


def _worked(
    ctx: Context, person: Individual, counted: tuple[AbsenceKind, ...]
) -> tuple[list[Span], Duration]:
    """Work time in the year under review: spans and length, once per year bounds and kinds."""
    first, last = _year_bounds(ctx)
    remaining = _worked_spans(ctx, person, counted)
    length = ctx.facts.get(
        ("months_worked_length", first, last, counted), lambda: spans_length(remaining)
    )
    return remaining, length


def _worked_spans(ctx: Context, person: Individual, counted: tuple[AbsenceKind, ...]) -> list[Span]:
    """The spans worked in the year under review (absences not in ``counted`` deducted)."""
    first, last = _year_bounds(ctx)

    def spans() -> list[Span]:
        # Periods clipped to the year, then merged: the same days, hence the same
        # spans, as merging every period and clipping the result.
        worked = merge_spans(
            (max(p.start, first), last if p.end is None else min(p.end, last))
            for p in person.service
            if p.start <= last and (p.end is None or p.end >= first)
        )
        holes = [(a.start, a.end) for a in person.absences if a.kind not in counted]
        return _subtract(worked, holes)

    return ctx.facts.get(("months_worked", first, last, counted), spans)


class AbsenceDaysArgs(Args):
    fewer_than: PositiveInt = Field(description="Working days absent must stay below this.")
    counted_absences: tuple[AbsenceKind, ...] = DEFAULT_COUNTED


def _working_days(start: dt.date, end: dt.date) -> int:
    """Working days between two dates, inclusive: Monday to Friday, less public holidays."""
    return working_days(start, end)


def _days_absent(ctx: Context, person: Individual, counted: tuple[AbsenceKind, ...]) -> int:
    """Working days absent in the year under review, once per year bounds and kinds."""
    if not person.absences:
        return 0
    first, last = _year_bounds(ctx)

    def compute() -> int:
        spans = merge_spans((a.start, a.end) for a in person.absences if a.kind not in counted)
        return sum(_working_days(s, e) for s, e in _clip(spans, first, last))

    return ctx.facts.get(("days_absent", first, last, counted), compute)


class AbsenceDays(Predicate[AbsenceDaysArgs]):
    """Fewer than ``fewer_than`` working days absent in the year (Monday-Friday, less
    Vietnam's public holidays, see ``holidays_vn``).

    Absences of kinds in ``counted_absences`` count as work and are not absences.
    """

    name = "absence_days"
    args_model = AbsenceDaysArgs
    subjects = INDIVIDUAL
    label = {"vi": "Số ngày nghỉ trong năm", "en": "Days absent in the year"}
    cost = 4

    def evaluate(self, args: AbsenceDaysArgs, ctx: Context) -> Outcome:
        person = individual_in(ctx)
        first, last = _year_bounds(ctx)
        absences = [a for a in person.absences if a.kind not in args.counted_absences]
        days = _days_absent(ctx, person, args.counted_absences)
        evidence = tuple(
            f"{record_ref('absences', person.absences, a)}: {a.kind.value}"
            for a in absences
            if a.end >= first and a.start <= last
        )
        return Outcome(days < args.fewer_than, days, evidence, note={"year": ctx.year})

    def holds(self, args: AbsenceDaysArgs, ctx: Context) -> bool | None:
        return _days_absent(ctx, individual_in(ctx), args.counted_absences) < args.fewer_than

    def requirement(self, args: AbsenceDaysArgs, lang: str) -> str:
        return pick(
            lang,
            f"Nghỉ dưới {args.fewer_than} ngày làm việc trong năm",
            f"Fewer than {args.fewer_than} working days absent in the year",
        )

    def finding(self, args: AbsenceDaysArgs, outcome: Outcome, lang: str) -> str:
        year = outcome.note["year"]
        return pick(
            lang,
            f"nghỉ {outcome.found} ngày làm việc trong năm {year}",
            f"{outcome.found} working days absent in {year}",
        )


class AchievementArgs(WindowArgs):
    min_level: InitiativeLevel = InitiativeLevel.UNIT
    window: DateWindow = "evaluation_year"
    min_count: PositiveInt = 1


_LEVEL_WORDS = {
    InitiativeLevel.UNIT: ("cấp cơ sở", "at grassroots level"),
    InitiativeLevel.SECTOR: ("cấp Bộ, ngành", "at sector (ministry) level"),
    InitiativeLevel.NATIONAL: ("cấp toàn quốc", "at national level"),
}


_INITIATIVE_RANK = {level: level.rank for level in InitiativeLevel}
"""``InitiativeLevel.rank`` looked up once per level."""


class Initiatives(WindowedPredicate[AchievementArgs]):
    """At least ``min_count`` initiatives recognised at ``min_level`` or wider in ``window``."""

    name = "initiatives"
    args_model = AchievementArgs
    subjects = INDIVIDUAL
    label = {"vi": "Sáng kiến", "en": "Initiatives"}
    cost = 1
    words = ("sáng kiến được công nhận", "recognised initiative(s)")

    def _records(self, person: Individual) -> list[tuple[str, InitiativeLevel, dt.date, str]]:
        return [
            (record_ref("initiatives", person.initiatives, i), i.level, i.recognized_on, i.title)
            for i in person.initiatives
        ]

    def look(self, args: AchievementArgs, ctx: Context, ranges: tuple[DateRange, ...]) -> Outcome:
        person = individual_in(ctx)
        found = [
            (ref, title, day)
            for ref, level, day, title in self._records(person)
            if level.rank >= args.min_level.rank and any(day in r for r in ranges)
        ]
        evidence = tuple(f"{ref}: {title} ({day.isoformat()})" for ref, title, day in found)
        return Outcome(len(found) >= args.min_count, [t for _, t, _ in found], evidence)

    def holds(self, args: AchievementArgs, ctx: Context) -> bool | None:
        if not self._levels_and_days(individual_in(ctx)):
            # Nothing to count: only a window that cannot be known leaves it undetermined.
            return None if window_missing(args.window, ctx) else False
        return super().holds(args, ctx)

    def look_holds(
        self, args: AchievementArgs, ctx: Context, ranges: tuple[DateRange, ...]
    ) -> bool | None:
        rank = _INITIATIVE_RANK[args.min_level]
        count = sum(
            1
            for level, day in self._levels_and_days(individual_in(ctx))
            if _INITIATIVE_RANK[level] >= rank and in_ranges(day, ranges)
        )
        return count >= args.min_count

    def _levels_and_days(self, person: Individual) -> list[tuple[InitiativeLevel, dt.date]]:
        return [(i.level, i.recognized_on) for i in person.initiatives]

    def requirement(self, args: AchievementArgs, lang: str) -> str:
        level = pick(lang, *_LEVEL_WORDS[args.min_level])
        window = describe_window(args.window, lang)
        vi, en = self.words
        return pick(
            lang,
            f"Có ít nhất {args.min_count} {vi} {level} trở lên {window}",
            f"At least {args.min_count} {en} {level} or wider {window}",
        )

    def found_words(self, args: AchievementArgs, outcome: Outcome, lang: str) -> str:
        titles: list[str] = outcome.found or []
        if not titles:
            return pick(lang, "không có", "none")
        return f"{len(titles)}: " + "; ".join(titles)


class ResearchTopics(Initiatives):
    """At least ``min_count`` research topics accepted at ``min_level`` or wider in ``window``."""

    name = "research_topics"
    label = {"vi": "Đề tài khoa học", "en": "Research topics"}
    words = ("đề tài khoa học được nghiệm thu", "accepted research topic(s)")

    def _records(self, person: Individual) -> list[tuple[str, InitiativeLevel, dt.date, str]]:
        return [
            (
                record_ref("research_topics", person.research_topics, r),
                r.level,
                r.accepted_on,
                r.title,
            )
            for r in person.research_topics
        ]

    def _levels_and_days(self, person: Individual) -> list[tuple[InitiativeLevel, dt.date]]:
        return [(r.level, r.accepted_on) for r in person.research_topics]


class AwardEachYearArgs(Args):
    award: AwardId
    years: PositiveInt
    ending: YearRef = "evaluation"


class AwardEachYear(Predicate[AwardEachYearArgs]):
    """``award`` received for each of the ``years`` consecutive years ending at ``ending``."""

    name = "award_each_year"
    args_model = AwardEachYearArgs
    label = {"vi": "Danh hiệu liên tục", "en": "Consecutive titles"}
    cost = 2

    def evaluate(self, args: AwardEachYearArgs, ctx: Context) -> Outcome:
        end = resolve_year(args.ending, ctx)
        wanted = range(end - args.years + 1, end + 1)
        records = ctx.nominee.awards
        held = sorted(
            {r.year for r in records if award_matches(r.award, args.award) and r.year in wanted}
        )
        evidence = tuple(
            f"{record_ref('awards', records, r)}: {r.award} {r.year}"
            for r in records
            if award_matches(r.award, args.award) and r.year in wanted
        )
        return Outcome(len(held) == args.years, held, evidence, note={"years": list(wanted)})

    def holds(self, args: AwardEachYearArgs, ctx: Context) -> bool | None:
        end = resolve_year(args.ending, ctx)
        wanted = range(end - args.years + 1, end + 1)
        held = {
            r.year
            for r in ctx.nominee.awards
            if r.year in wanted and award_matches(r.award, args.award)
        }
        return len(held) == args.years

    def requirement(self, args: AwardEachYearArgs, lang: str) -> str:
        end = describe_year(args.ending, lang)
        return pick(
            lang,
            f"Được tặng “{args.award}” {args.years} năm liên tục, đến {end}",
            f"Received '{args.award}' in each of {args.years} consecutive years up to {end}",
        )

    def finding(self, args: AwardEachYearArgs, outcome: Outcome, lang: str) -> str:
        held: list[int] = outcome.found or []
        lacking = [y for y in outcome.note["years"] if y not in held]
        have = ", ".join(map(str, held)) or pick(lang, "không năm nào", "no year")
        if not lacking:
            return pick(lang, f"được tặng các năm {have}", f"received in {have}")
        gaps = ", ".join(map(str, lacking))
        return pick(lang, f"được tặng: {have}; thiếu: {gaps}", f"received: {have}; lacking: {gaps}")

    def mentioned_awards(self, args: AwardEachYearArgs) -> tuple[str, ...]:
        return (args.award,)


MemberField = Literal[
    "completed_duties", "advanced_workers", "grassroots_fighters", "disciplined_warning_or_above"
]
_MEMBER_WORDS = {
    "completed_duties": ("thành viên hoàn thành nhiệm vụ", "members who completed their duties"),
    "advanced_workers": ("thành viên đạt Lao động tiên tiến", "members holding Advanced worker"),
    "grassroots_fighters": (
        "thành viên đạt Chiến sĩ thi đua cơ sở",
        "members holding Grassroots emulation fighter",
    ),
    "disciplined_warning_or_above": (
        "thành viên bị kỷ luật từ cảnh cáo trở lên",
        "members disciplined from warning upward",
    ),
}


class MembersArgs(Args):
    field: MemberField
    min_share_pct: float | None = Field(default=None, ge=0, le=100)
    share_above_pct: float | None = Field(default=None, ge=0, le=100)
    min_count: NonNegativeInt | None = None
    max_count: NonNegativeInt | None = None
    year: YearRef = "evaluation"


class Members(Predicate[MembersArgs]):
    """A collective's members in the year: a share (``min_share_pct``, ``share_above_pct``)
    or a count (``min_count``, ``max_count``) of those with a given record."""

    name = "members"
    args_model = MembersArgs
    subjects = UNIT
    label = {"vi": "Thành viên của tập thể", "en": "Members of the collective"}

    def evaluate(self, args: MembersArgs, ctx: Context) -> Outcome:
        unit = unit_in(ctx)
        year = resolve_year(args.year, ctx)
        counts = unit.members_for(year)
        value = getattr(counts, args.field) if counts is not None else None
        note: dict[str, float] = {"year": year}
        if counts is None or value is None:
            return Outcome(None, missing=(f"members[{year}].{args.field}",), note=note)
        share = 100.0 * value / counts.members if counts.members else 0.0
        passed = (
            (args.min_share_pct is None or share >= args.min_share_pct)
            and (args.share_above_pct is None or share > args.share_above_pct)
            and (args.min_count is None or value >= args.min_count)
            and (args.max_count is None or value <= args.max_count)
        )
        note |= {"members": counts.members, "share": share}
        evidence = (f"members[{year}]: {value} of {counts.members}",)
        return Outcome(passed, value, evidence, note=note)

    def requirement(self, args: MembersArgs, lang: str) -> str:
        what = pick(lang, *_MEMBER_WORDS[args.field])
        parts = []
        if args.min_share_pct is not None:
            parts.append(
                pick(
                    lang, f"từ {args.min_share_pct:g}% trở lên", f"at least {args.min_share_pct:g}%"
                )
            )
        if args.share_above_pct is not None:
            parts.append(
                pick(
                    lang, f"trên {args.share_above_pct:g}%", f"more than {args.share_above_pct:g}%"
                )
            )
        if args.min_count is not None:
            parts.append(pick(lang, f"ít nhất {args.min_count}", f"at least {args.min_count}"))
        if args.max_count is not None:
            parts.append(pick(lang, f"không quá {args.max_count}", f"at most {args.max_count}"))
        year = describe_year(args.year, lang)
        return pick(
            lang,
            f"Số {what} ({year}): {', '.join(parts)}",
            f"{what[:1].upper()}{what[1:]} ({year}): {', '.join(parts)}",
        )

    def finding(self, args: MembersArgs, outcome: Outcome, lang: str) -> str:
        year = outcome.note["year"]
        if outcome.found is None:
            return pick(lang, f"không có số liệu năm {year}", f"no figures for {year}")
        total, share = outcome.note["members"], outcome.note["share"]
        return pick(
            lang,
            f"{outcome.found}/{total} thành viên ({share:.1f}%) năm {year}",
            f"{outcome.found} of {total} members ({share:.1f}%) in {year}",
        )

    def can_be_missing(self, args: MembersArgs) -> bool:
        return True

    def check(self, args: MembersArgs, subject: str) -> list[str]:
        given = [args.min_share_pct, args.share_above_pct, args.min_count, args.max_count]
        if all(v is None for v in given):
            return ["give at least one of min_share_pct, share_above_pct, min_count, max_count"]
        if (
            args.min_count is not None
            and args.max_count is not None
            and (args.min_count > args.max_count)
        ):
            return [
                f"min_count {args.min_count} is above max_count {args.max_count}: "
                "this can never be true"
            ]
        return []
