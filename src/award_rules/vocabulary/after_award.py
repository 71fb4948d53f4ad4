"""Counting only what follows an earlier award ("05 năm tiếp theo", NĐ 65/2014 Art. 2(4)).

"Thời gian để đề nghị khen thưởng cho lần tiếp theo được tính từ khi có quyết
định khen thưởng lần trước": the years, titles, initiatives or research topics
a higher award asks for count only after the decision of the award it builds on.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, PositiveInt

from ..context import Context
from ..facts import award_matches
from ..i18n import format_date, pick
from ..model import AwardRecord, Initiative, InitiativeLevel, RatingLevel, ResearchTopic
from ..results import Outcome
from .base import Args, Predicate, record_ref
from .ratings import level_words
from .windows import YearRef, describe_year, resolve_year

__all__ = ["AfterAward", "previous_award"]

_AWARD_ID = r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$"

Counted = Literal["rated_years", "initiatives", "research_topics", "titles"]

_SCOPE_WORDS = {
    InitiativeLevel.UNIT: ("cấp cơ sở", "at grassroots level"),
    InitiativeLevel.SECTOR: ("cấp Bộ, ngành", "at sector (ministry) level"),
    InitiativeLevel.NATIONAL: ("cấp toàn quốc", "at national level"),
}


class AfterAwardArgs(Args):
    award: str = Field(pattern=_AWARD_ID, description="The earlier award counted from.")
    count: Counted
    min_count: PositiveInt
    level: RatingLevel = Field(
        default=RatingLevel.EXCELLENT, description="rated_years: the lowest rating that counts."
    )
    min_level: InitiativeLevel = Field(
        default=InitiativeLevel.UNIT,
        description="initiatives, research_topics: the narrowest level accepted.",
    )
    of_award: str | None = Field(
        default=None, pattern=_AWARD_ID, description="titles: the title counted."
    )
    ending: YearRef = Field(default="evaluation", description="rated_years: the last year.")


def previous_award(
    records: tuple[AwardRecord, ...], wanted: str, as_of: dt.date
) -> AwardRecord | None:
    """The latest record of ``wanted`` decided on or before ``as_of`` (by date, else year)."""

    def day(record: AwardRecord) -> dt.date:
        return record.decided_on or dt.date(record.year, 12, 31)

    held = [r for r in records if award_matches(r.award, wanted) and day(r) <= as_of]
    return max(held, key=lambda r: (day(r), r.year), default=None)


def _counted_from(record: AwardRecord) -> dt.date:
    """Dated records count from the day after the decision (the end of its year if undated)."""
    return record.decided_on or dt.date(record.year, 12, 31)


_Record = AwardRecord | Initiative | ResearchTopic
_Dated = tuple[str, tuple[_Record, ...], _Record, dt.date]
"""A counted record: its collection's name, the collection, the record, the day it counts."""


def _label(record: _Record) -> str:
    return f"{record.award} {record.year}" if isinstance(record, AwardRecord) else record.title


class AfterAward(Predicate[AfterAwardArgs]):
    """At least ``min_count`` of ``count`` after the latest decision of ``award``.

    - ``rated_years``: consecutive years rated ``level`` or better, ending at
      ``ending`` and all after the award's year;
    - ``initiatives`` / ``research_topics``: recognised (accepted) after the
      decision date, at ``min_level`` or wider;
    - ``titles``: records of ``of_award`` decided (or, undated, of a year) after it.
    """

    name = "after_award"
    args_model = AfterAwardArgs
    label = {"vi": "Thành tích sau lần khen thưởng trước", "en": "Achievements since an award"}

    def evaluate(self, args: AfterAwardArgs, ctx: Context) -> Outcome:
        nominee = ctx.nominee
        previous = previous_award(nominee.awards, args.award, ctx.as_of)
        if previous is None:
            return Outcome(False, None, note={"award": None})
        ref = record_ref("awards", nominee.awards, previous)
        note: dict[str, object] = {"award": previous}
        evidence: tuple[str, ...] = (f"{ref}: {previous.award} {previous.year}",)
        if args.count == "rated_years":
            return self._rated_years(args, ctx, previous, note, evidence)
        after = _counted_from(previous)
        found = [
            (record_ref(name, records, record), _label(record))
            for name, records, record, day in self._dated(args, ctx)
            if after < day <= ctx.as_of
        ]
        evidence += tuple(f"{r}: {label}" for r, label in found)
        return Outcome(len(found) >= args.min_count, len(found), evidence, note=note)

    def holds(self, args: AfterAwardArgs, ctx: Context) -> bool | None:
        previous = previous_award(ctx.nominee.awards, args.award, ctx.as_of)
        if previous is None:
            return False
        if args.count == "rated_years":
            return self._rated_years(args, ctx, previous, {}, ()).passed
        after, as_of = _counted_from(previous), ctx.as_of
        count = sum(1 for *_, day in self._dated(args, ctx) if after < day <= as_of)
        return count >= args.min_count

    def _dated(self, args: AfterAwardArgs, ctx: Context) -> list[_Dated]:
        """Each record counted, with its collection and the day it counts from."""
        nominee = ctx.nominee
        if args.count == "titles":
            assert args.of_award is not None
            title = args.of_award
            awards = nominee.awards
            return [
                ("awards", awards, r, _counted_from(r))
                for r in awards
                if award_matches(r.award, title)
            ]
        initiatives: tuple[Initiative, ...] = getattr(nominee, "initiatives", ())
        topics: tuple[ResearchTopic, ...] = getattr(nominee, "research_topics", ())
        if args.count == "initiatives":
            return [
                ("initiatives", initiatives, i, i.recognized_on)
                for i in initiatives
                if i.level.rank >= args.min_level.rank
            ]
        return [
            ("research_topics", topics, t, t.accepted_on)
            for t in topics
            if t.level.rank >= args.min_level.rank
        ]

    def _rated_years(
        self,
        args: AfterAwardArgs,
        ctx: Context,
        previous: AwardRecord,
        note: dict[str, object],
        evidence: tuple[str, ...],
    ) -> Outcome:
        end = resolve_year(args.ending, ctx)
        first = previous.year + 1
        note["first"], note["end"] = first, end
        streak = 0
        year = end
        missing: list[str] = []
        while year >= first:
            rating = ctx.nominee.rating_for(year)
            if rating is None:
                missing.append(f"ratings[{year}]")
                break
            if rating.level.rank < args.level.rank:
                break
            streak += 1
            year -= 1
        if streak >= args.min_count:
            years = (f"ratings {end - streak + 1}..{end}",)
            return Outcome(True, streak, evidence + years, note=note)
        # A missing year could complete the run only if enough years remain after the award.
        if missing and end - first + 1 >= args.min_count:
            return Outcome(None, streak, evidence, missing=tuple(missing), note=note)
        return Outcome(False, streak, evidence, note=note)

    def requirement(self, args: AfterAwardArgs, lang: str) -> str:
        after = pick(
            lang,
            f"sau quyết định tặng “{args.award}” lần gần nhất",
            f"after the latest decision awarding '{args.award}'",
        )
        n = args.min_count
        if args.count == "rated_years":
            level = level_words(args.level, lang)
            end = describe_year(args.ending, lang)
            return pick(
                lang,
                f"{n} năm tiếp theo liên tục xếp loại “{level}” trở lên {after}, tính đến {end}",
                f"{n} following consecutive years rated '{level}' or better {after}, up to {end}",
            )
        if args.count == "titles":
            return pick(
                lang,
                f"Được tặng “{args.of_award}” ít nhất {n} lần {after}",
                f"Received '{args.of_award}' at least {n} times {after}",
            )
        scope = pick(lang, *_SCOPE_WORDS[args.min_level])
        what = (
            ("sáng kiến được công nhận", "recognised initiative(s)")
            if args.count == "initiatives"
            else ("đề tài khoa học được nghiệm thu", "accepted research topic(s)")
        )
        return pick(
            lang,
            f"Có ít nhất {n} {what[0]} {scope} trở lên {after}",
            f"At least {n} {what[1]} {scope} or wider {after}",
        )

    def finding(self, args: AfterAwardArgs, outcome: Outcome, lang: str) -> str:
        previous = outcome.note.get("award")
        if not isinstance(previous, AwardRecord):
            return pick(lang, f"chưa được tặng “{args.award}”", f"'{args.award}' not received")
        when = (
            format_date(previous.decided_on, lang)
            if previous.decided_on
            else pick(lang, f"năm {previous.year}", str(previous.year))
        )
        base = pick(lang, f"được tặng {when}", f"awarded {when}")
        if args.count == "rated_years":
            first, end = outcome.note["first"], outcome.note["end"]
            return pick(
                lang,
                f"{base}; {outcome.found} năm liên tục trong {first}–{end}",
                f"{base}; {outcome.found} consecutive years in {first}-{end}",
            )
        found = outcome.found
        return pick(lang, f"{base}; sau đó: {found}", f"{base}; since then: {found}")

    def can_be_missing(self, args: AfterAwardArgs) -> bool:
        return args.count == "rated_years"

    def mentioned_awards(self, args: AfterAwardArgs) -> tuple[str, ...]:
        return (args.award,) + ((args.of_award,) if args.of_award else ())

    def check(self, args: AfterAwardArgs, subject: str) -> list[str]:
        problems = []
        if (args.count == "titles") != (args.of_award is not None):
            problems.append("give 'of_award' with count: titles, and only then")
        if args.count in ("initiatives", "research_topics") and subject != "individual":
            problems.append(f"count: {args.count} applies to individuals only")
        return problems
