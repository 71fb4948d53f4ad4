"""Predicates about yearly ratings."""

from __future__ import annotations

from pydantic import PositiveInt

from ..context import Context
from ..facts import rating_streak
from ..i18n import pick
from ..model import RatingLevel
from ..results import Outcome
from .base import Args, Predicate
from .windows import (
    YearRef,
    YearSpan,
    YearSpanArgs,
    YearSpanPredicate,
    describe_year,
    describe_years,
    first_year,
    resolve_year,
    resolve_years,
    years_unknown,
)

__all__ = ["RatingStreak", "RatingsAtLeast", "RatingsCount", "level_words", "rating_levels"]

_LEVEL_WORDS = {
    RatingLevel.EXCELLENT: ("hoàn thành xuất sắc nhiệm vụ", "completed duties excellently"),
    RatingLevel.GOOD: ("hoàn thành tốt nhiệm vụ", "completed duties well"),
    RatingLevel.COMPLETED: ("hoàn thành nhiệm vụ", "completed duties"),
    RatingLevel.NOT_COMPLETED: ("không hoàn thành nhiệm vụ", "did not complete duties"),
}


def rating_levels(ctx: Context) -> dict[int, RatingLevel]:
    """The nominee's rating level by year; built once per context's facts."""
    ratings = ctx.nominee.ratings
    return ctx.facts.get("rating_levels", lambda: {r.year: r.level for r in ratings})


def level_words(level: RatingLevel, lang: str) -> str:
    """A rating level in words."""
    return pick(lang, *_LEVEL_WORDS[level])


class RatingsAtLeastArgs(YearSpanArgs):
    level: RatingLevel = RatingLevel.GOOD
    years: YearSpan


class RatingsAtLeast(YearSpanPredicate[RatingsAtLeastArgs]):
    """Every year of ``years`` rated ``level`` or better; a year with no rating is missing."""

    name = "ratings_at_least"
    args_model = RatingsAtLeastArgs
    label = {"vi": "Kết quả đánh giá hằng năm", "en": "Yearly ratings"}
    cost = 2

    def look(self, args: RatingsAtLeastArgs, ctx: Context, years: range) -> Outcome:
        levels = rating_levels(ctx)
        found: dict[int, RatingLevel | None] = {year: levels.get(year) for year in years}
        below = [
            y for y, level in found.items() if level is not None and level.rank < args.level.rank
        ]
        missing = tuple(f"ratings[{y}]" for y, level in found.items() if level is None)
        passed: bool | None = False if below else (None if missing else True)
        evidence = tuple(
            f"ratings[{y}]: {lvl.value}" for y, lvl in found.items() if lvl is not None
        )
        return Outcome(passed, found, evidence, missing if not below else (), note={"below": below})

    def holds(self, args: RatingsAtLeastArgs, ctx: Context) -> bool | None:
        years, missing = resolve_years(args.years, ctx)
        if missing:
            return None
        levels = rating_levels(ctx)
        rank = args.level.rank
        unknown = False
        for year in years:
            level = levels.get(year)
            if level is None:
                unknown = True
            elif level.rank < rank:
                return False
        return None if unknown else True

    def requirement(self, args: RatingsAtLeastArgs, lang: str) -> str:
        level = level_words(args.level, lang)
        span = describe_years(args.years, lang)
        return pick(lang, f"Xếp loại “{level}” trở lên {span}", f"Rated '{level}' or better {span}")

    def found_words(self, args: RatingsAtLeastArgs, outcome: Outcome, lang: str) -> str:
        found: dict[int, RatingLevel | None] = outcome.found
        if not found:
            return years_unknown(lang)
        parts = []
        for year, level in found.items():
            words = (
                level_words(level, lang) if level else pick(lang, "chưa có xếp loại", "no rating")
            )
            parts.append(f"{year}: {words}")
        return "; ".join(parts)


class RatingStreakArgs(Args):
    level: RatingLevel = RatingLevel.GOOD
    min_years: PositiveInt
    ending: YearRef = "evaluation"


class RatingStreak(Predicate[RatingStreakArgs]):
    """At least ``min_years`` consecutive years rated ``level`` or better, ending at ``ending``."""

    name = "rating_streak"
    args_model = RatingStreakArgs
    label = {"vi": "Số năm liên tục", "en": "Consecutive years"}
    cost = 2

    def evaluate(self, args: RatingStreakArgs, ctx: Context) -> Outcome:
        end = resolve_year(args.ending, ctx)
        ratings = ctx.nominee.ratings
        streak = ctx.facts.get(
            ("rating_streak", end, args.level), lambda: rating_streak(ratings, end, args.level)
        )
        note = {"end": end}
        if streak >= args.min_years:
            return Outcome(True, streak, (f"ratings {end - streak + 1}..{end}",), note=note)
        # Before the known streak: missing years could still complete it, a lower one cannot.
        missing: list[str] = []
        year = end - streak
        # Any year of work, in the sector or not, can hold a rating (docs/domain-model.md).
        first = first_year(ctx.nominee, in_sector_only=False)
        levels = rating_levels(ctx)
        while end - year < args.min_years:
            if first is not None and year < first:
                return Outcome(False, streak, (f"no year {year}: before {first}",), note=note)
            level = levels.get(year)
            if level is not None and level.rank < args.level.rank:
                return Outcome(False, streak, (f"ratings[{year}] breaks the streak",), note=note)
            if level is None:
                missing.append(f"ratings[{year}]")
            year -= 1
        return Outcome(None, streak, missing=tuple(missing), note=note)

    def holds(self, args: RatingStreakArgs, ctx: Context) -> bool | None:
        end = resolve_year(args.ending, ctx)
        levels = rating_levels(ctx)
        rank = args.level.rank
        year = end
        while end - year < args.min_years:  # the streak, as far as it needs to go
            level = levels.get(year)
            if level is None or level.rank < rank:
                break
            year -= 1
        else:
            return True
        # As in evaluate: missing years could still complete it, a lower one cannot.
        first = first_year(ctx.nominee, in_sector_only=False)
        while end - year < args.min_years:
            if first is not None and year < first:
                return False
            level = levels.get(year)
            if level is not None and level.rank < rank:
                return False
            year -= 1
        return None

    def can_be_missing(self, args: RatingStreakArgs) -> bool:
        return True

    def requirement(self, args: RatingStreakArgs, lang: str) -> str:
        level = level_words(args.level, lang)
        end = describe_year(args.ending, lang)
        return pick(
            lang,
            f"{args.min_years} năm liên tục xếp loại “{level}” trở lên, tính đến {end}",
            f"{args.min_years} consecutive years rated '{level}' or better, up to {end}",
        )

    def finding(self, args: RatingStreakArgs, outcome: Outcome, lang: str) -> str:
        end = outcome.note.get("end")
        return pick(
            lang,
            f"{outcome.found} năm liên tục tính đến {end}",
            f"{outcome.found} consecutive years up to {end}",
        )


class RatingsCountArgs(YearSpanArgs):
    level: RatingLevel
    years: YearSpan
    min_count: PositiveInt


class RatingsCount(YearSpanPredicate[RatingsCountArgs]):
    """At least ``min_count`` years of ``years`` rated ``level`` or better."""

    name = "ratings_count"
    args_model = RatingsCountArgs
    label = {"vi": "Số năm đạt mức xếp loại", "en": "Years at a rating level"}
    cost = 2

    def look(self, args: RatingsCountArgs, ctx: Context, years: range) -> Outcome:
        levels = rating_levels(ctx)
        rank = args.level.rank
        good = [y for y in years if (level := levels.get(y)) is not None and level.rank >= rank]
        unknown = [y for y in years if y not in levels]
        evidence = tuple(f"ratings[{y}]" for y in good)
        if len(good) >= args.min_count:
            return Outcome(True, good, evidence)
        if len(good) + len(unknown) >= args.min_count:
            return Outcome(None, good, evidence, tuple(f"ratings[{y}]" for y in unknown))
        return Outcome(False, good, evidence)

    def requirement(self, args: RatingsCountArgs, lang: str) -> str:
        level = level_words(args.level, lang)
        span = describe_years(args.years, lang)
        return pick(
            lang,
            f"Ít nhất {args.min_count} năm xếp loại “{level}” trở lên, xét {span}",
            f"At least {args.min_count} year{'s' * (args.min_count > 1)} rated '{level}' "
            f"or better, {span}",
        )

    def found_words(self, args: RatingsCountArgs, outcome: Outcome, lang: str) -> str:
        years: list[int] = outcome.found
        listed = ", ".join(map(str, years)) or pick(lang, "không năm nào", "none")
        return pick(lang, f"{len(years)} năm: {listed}", f"{len(years)} years: {listed}")
