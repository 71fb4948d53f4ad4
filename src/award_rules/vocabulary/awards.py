"""Predicates about awards already received."""

from __future__ import annotations

from pydantic import PositiveInt

from ..context import Context
from ..criteria.schema import AwardId
from ..facts import DateRange, awards_in
from ..i18n import pick
from ..model import AwardRecord
from ..results import Outcome
from .base import record_ref
from .windows import (
    DateWindow,
    WindowArgs,
    WindowedPredicate,
    describe_window,
    window_missing,
)

__all__ = ["NotReceivedAward", "ReceivedAward"]


class ReceivedAwardArgs(WindowArgs):
    award: AwardId
    window: DateWindow = "ever"
    min_count: PositiveInt = 1


class NotReceivedAwardArgs(WindowArgs):
    award: AwardId
    window: DateWindow = "ever"


def _describe(outcome: Outcome, lang: str) -> str:
    records: list[AwardRecord] = outcome.found or []
    if not records:
        return pick(lang, "chưa được tặng", "not received")
    items = "; ".join(f"{r.year}" + (f" ({r.decision})" if r.decision else "") for r in records)
    return pick(lang, f"đã được tặng: {items}", f"received: {items}")


def _evidence(all_records: tuple[AwardRecord, ...], found: list[AwardRecord]) -> tuple[str, ...]:
    return tuple(f"{record_ref('awards', all_records, r)}: {r.award} {r.year}" for r in found)


def _matching(ctx: Context, wanted: str) -> int:
    """How many awards received match ``wanted``, at any date."""
    prefix = wanted + "."  # award_matches, inlined
    count = 0
    for record in ctx.nominee.awards:  # a plain loop: this runs for every nominee judged
        award = record.award
        if award == wanted or award.startswith(prefix):
            count += 1
    return count


class ReceivedAward(WindowedPredicate[ReceivedAwardArgs]):
    """Has received ``award`` (or one of its dotted sub-ids) at least ``min_count`` times."""

    name = "received_award"
    args_model = ReceivedAwardArgs
    label = {"vi": "Khen thưởng đã nhận", "en": "Awards received"}
    cost = 2

    def look(self, args: ReceivedAwardArgs, ctx: Context, ranges: tuple[DateRange, ...]) -> Outcome:
        records = ctx.nominee.awards
        found = awards_in(records, args.award, ranges)
        return Outcome(len(found) >= args.min_count, found, _evidence(records, found))

    def holds(self, args: ReceivedAwardArgs, ctx: Context) -> bool | None:
        if _matching(ctx, args.award) < args.min_count:
            # Too few at any date: only a window that cannot be known leaves it undetermined.
            return None if window_missing(args.window, ctx) else False
        return super().holds(args, ctx)

    def look_holds(
        self, args: ReceivedAwardArgs, ctx: Context, ranges: tuple[DateRange, ...]
    ) -> bool | None:
        return len(awards_in(ctx.nominee.awards, args.award, ranges)) >= args.min_count

    def requirement(self, args: ReceivedAwardArgs, lang: str) -> str:
        times = (
            ""
            if args.min_count == 1
            else pick(lang, f" ít nhất {args.min_count} lần", f" at least {args.min_count} times")
        )
        window = describe_window(args.window, lang)
        return pick(
            lang,
            f"Đã được tặng “{args.award}”{times} {window}",
            f"Has received '{args.award}'{times} {window}",
        )

    def found_words(self, args: ReceivedAwardArgs, outcome: Outcome, lang: str) -> str:
        return _describe(outcome, lang)

    def mentioned_awards(self, args: ReceivedAwardArgs) -> tuple[str, ...]:
        return (args.award,)


class NotReceivedAward(WindowedPredicate[NotReceivedAwardArgs]):
    """Has never received ``award`` (or a dotted sub-id of it) inside ``window``."""

    name = "not_received_award"
    args_model = NotReceivedAwardArgs
    label = {"vi": "Khen thưởng đã nhận", "en": "Awards received"}
    cost = 2

    def look(
        self, args: NotReceivedAwardArgs, ctx: Context, ranges: tuple[DateRange, ...]
    ) -> Outcome:
        records = ctx.nominee.awards
        found = awards_in(records, args.award, ranges)
        return Outcome(not found, found, _evidence(records, found))

    def evaluate(self, args: NotReceivedAwardArgs, ctx: Context) -> Outcome:
        if not _matching(ctx, args.award) and not window_missing(args.window, ctx):
            return Outcome(True, [], ())  # what look finds in any window
        return super().evaluate(args, ctx)

    def holds(self, args: NotReceivedAwardArgs, ctx: Context) -> bool | None:
        if not _matching(ctx, args.award):
            # None at any date: only a window that cannot be known leaves it undetermined.
            return None if window_missing(args.window, ctx) else True
        return super().holds(args, ctx)

    def look_holds(
        self, args: NotReceivedAwardArgs, ctx: Context, ranges: tuple[DateRange, ...]
    ) -> bool | None:
        return not awards_in(ctx.nominee.awards, args.award, ranges)

    def requirement(self, args: NotReceivedAwardArgs, lang: str) -> str:
        window = describe_window(args.window, lang)
        return pick(
            lang,
            f"Chưa được tặng “{args.award}” {window}",
            f"Has not received '{args.award}' {window}",
        )

    def found_words(self, args: NotReceivedAwardArgs, outcome: Outcome, lang: str) -> str:
        return _describe(outcome, lang)

    def mentioned_awards(self, args: NotReceivedAwardArgs) -> tuple[str, ...]:
        return (args.award,)
