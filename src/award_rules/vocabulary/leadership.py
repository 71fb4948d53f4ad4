"""The head of a unit is judged on the results of the unit they lead (NĐ 65/2014 Art. 2(2)).

"Khi xét khen thưởng người đứng đầu cơ quan, tổ chức, đơn vị phải căn cứ vào
thành tích của tập thể do cá nhân đó lãnh đạo." The individual's record
carries the led unit's yearly results (``led_units``).
"""

from __future__ import annotations

from pydantic import Field

from ..context import Context
from ..i18n import pick
from ..model import Individual, LedUnitYear, Position, RatingLevel
from ..results import Outcome
from .base import Args, Predicate, record_ref
from .ratings import level_words
from .windows import YearRef, describe_year, resolve_year

__all__ = ["LedUnitRating"]


class LedUnitRatingArgs(Args):
    level: RatingLevel = Field(
        default=RatingLevel.GOOD, description="The lowest rating of the led unit that passes."
    )
    year: YearRef = "evaluation"
    heads: tuple[Position, ...] = Field(
        default=(Position.LEADER,), min_length=1, description="Positions that head a unit."
    )


class LedUnitRating(Predicate[LedUnitRatingArgs]):
    """For a head of unit: the led unit was rated ``level`` or better in ``year``.

    Someone whose position is not among ``heads`` passes (the rule does not
    apply to them); a head with no ``led_units`` record for the year is missing.
    """

    name = "led_unit_rating"
    args_model = LedUnitRatingArgs
    subjects = frozenset({"individual"})
    label = {"vi": "Thành tích của tập thể do cá nhân lãnh đạo", "en": "The led unit's results"}

    def evaluate(self, args: LedUnitRatingArgs, ctx: Context) -> Outcome:
        person = ctx.nominee
        assert isinstance(person, Individual)
        year = resolve_year(args.year, ctx)
        note: dict[str, object] = {"year": year}
        if person.position is None:
            return Outcome(None, missing=("position",), note=note)
        if person.position not in args.heads:
            return Outcome(True, None, (f"position {person.position.value}",), note=note)
        record = person.led_unit_for(year)
        if record is None:
            return Outcome(None, missing=(f"led_units[{year}]",), note=note)
        ref = record_ref("led_units", person.led_units, record)
        if record.rating is None:
            return Outcome(None, record, missing=(f"{ref}.rating",), note=note)
        evidence = (f"{ref}: {record.unit_id} {record.rating.value}",)
        return Outcome(record.rating.rank >= args.level.rank, record, evidence, note=note)

    def requirement(self, args: LedUnitRatingArgs, lang: str) -> str:
        level = level_words(args.level, lang)
        year = describe_year(args.year, lang)
        return pick(
            lang,
            f"Nếu là người đứng đầu: tập thể do mình lãnh đạo xếp loại “{level}” trở lên ({year})",
            f"For a head of unit: the unit they lead rated '{level}' or better ({year})",
        )

    def finding(self, args: LedUnitRatingArgs, outcome: Outcome, lang: str) -> str:
        year = outcome.note.get("year")
        record = outcome.found
        if outcome.passed and record is None:
            return pick(lang, "không phải người đứng đầu đơn vị", "not the head of a unit")
        if not isinstance(record, LedUnitYear):
            return pick(
                lang,
                f"không có kết quả của tập thể do mình lãnh đạo năm {year}",
                f"no results of the led unit for {year}",
            )
        if record.rating is None:
            return pick(lang, f"{record.unit_id}: chưa xếp loại", f"{record.unit_id}: not rated")
        level = level_words(record.rating, lang)
        return pick(
            lang, f"{record.unit_id}: {level} ({year})", f"{record.unit_id}: {level} ({year})"
        )

    def can_be_missing(self, args: LedUnitRatingArgs) -> bool:
        return True
