"""Predicates about emulation registration and the pledge (rules R3, R5, R6)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from pydantic import Field, field_validator

from ..context import Context
from ..criteria.schema import AwardId
from ..facts import award_matches
from ..i18n import format_date, pick
from ..model import Registration
from ..results import Outcome
from .base import Args, Predicate, record_ref
from .windows import YearRef, describe_year, resolve_year

__all__ = ["PledgeSignedBy", "Registered", "TitleRegistered"]


class RegisteredArgs(Args):
    year: YearRef = "evaluation"


def _registration(ctx: Context, ref: YearRef) -> tuple[int, Registration | None]:
    year = resolve_year(ref, ctx)
    return year, ctx.nominee.registration_for(year)


def _evidence(ctx: Context, registration: Registration | None) -> tuple[str, ...]:
    if registration is None:
        return ()
    return (record_ref("registrations", ctx.nominee.registrations, registration),)


class Registered(Predicate[RegisteredArgs]):
    """Registered for emulation for the year."""

    name = "registered"
    args_model = RegisteredArgs
    label = {"vi": "Đăng ký thi đua", "en": "Emulation registration"}

    def evaluate(self, args: RegisteredArgs, ctx: Context) -> Outcome:
        year, registration = _registration(ctx, args.year)
        return Outcome(
            registration is not None,
            year if registration else None,
            _evidence(ctx, registration),
            note={"year": year},
        )

    def holds(self, args: RegisteredArgs, ctx: Context) -> bool | None:
        return ctx.nominee.registration_for(resolve_year(args.year, ctx)) is not None

    def requirement(self, args: RegisteredArgs, lang: str) -> str:
        year = describe_year(args.year, lang)
        return pick(lang, f"Có đăng ký thi đua cho {year}", f"Registered for emulation for {year}")

    def finding(self, args: RegisteredArgs, outcome: Outcome, lang: str) -> str:
        year = outcome.note["year"]
        if outcome.found is None:
            return pick(lang, f"không có đăng ký thi đua năm {year}", f"no registration for {year}")
        return pick(lang, f"đã đăng ký thi đua năm {year}", f"registered for {year}")


class PledgeArgs(Args):
    deadline: str = Field(default="03-31", description="Month and day, MM-DD.")
    inclusive: bool = Field(
        default=True, description="True: on or before the deadline; False: strictly before it."
    )
    year: YearRef = "evaluation"

    @field_validator("deadline")
    @classmethod
    def _month_day(cls, value: str) -> str:
        try:
            dt.date.fromisoformat(f"2001-{value}")  # a common year: 02-29 is refused
        except ValueError:
            raise ValueError(
                f"expected a month and day as MM-DD that exists every year, got {value!r}"
            ) from None
        return value


@lru_cache(maxsize=256)
def _deadline(year: int, month_day: str) -> dt.date:
    """The pledge deadline of ``year`` (``month_day`` as MM-DD)."""
    return dt.date.fromisoformat(f"{year}-{month_day}")


class PledgeSignedBy(Predicate[PledgeArgs]):
    """Signed the emulation pledge by the deadline of the year (31 March by default).

    ``inclusive`` (the default) accepts the deadline day itself; ``False`` reads
    "trước ngày" literally as strictly before it.

    A registration with no pledge date counts as not signed.
    """

    name = "pledge_signed_by"
    args_model = PledgeArgs
    label = {"vi": "Ký giao ước thi đua", "en": "Emulation pledge"}

    def evaluate(self, args: PledgeArgs, ctx: Context) -> Outcome:
        year, registration = _registration(ctx, args.year)
        deadline = _deadline(year, args.deadline)
        signed = registration.pledge_signed_on if registration else None
        note = {"deadline": deadline, "year": year}
        if signed is None:
            return Outcome(False, None, _evidence(ctx, registration), note=note)
        on_time = signed <= deadline if args.inclusive else signed < deadline
        return Outcome(on_time, signed, _evidence(ctx, registration), note=note)

    def holds(self, args: PledgeArgs, ctx: Context) -> bool | None:
        year, registration = _registration(ctx, args.year)
        signed = registration.pledge_signed_on if registration else None
        if signed is None:
            return False
        deadline = _deadline(year, args.deadline)
        return signed <= deadline if args.inclusive else signed < deadline

    def requirement(self, args: PledgeArgs, lang: str) -> str:
        month, day = args.deadline.split("-")
        year = describe_year(args.year, lang)
        if not args.inclusive:
            return pick(
                lang,
                f"Ký giao ước thi đua trước ngày {day}/{month} của {year}",
                f"Pledge signed before {day}/{month} of {year}",
            )
        return pick(
            lang,
            f"Ký giao ước thi đua trước hoặc vào ngày {day}/{month} của {year}",
            f"Pledge signed on or before {day}/{month} of {year}",
        )

    def finding(self, args: PledgeArgs, outcome: Outcome, lang: str) -> str:
        if outcome.found is None:
            return pick(
                lang,
                f"không có ngày ký giao ước năm {outcome.note['year']}",
                f"no pledge signed for {outcome.note['year']}",
            )
        return pick(
            lang, f"ký ngày {format_date(outcome.found)}", f"signed on {format_date(outcome.found)}"
        )


class TitleRegisteredArgs(Args):
    award: AwardId | None = Field(
        default=None,
        description="The award id to look for; by default the award being evaluated.",
    )
    year: YearRef = "evaluation"


class TitleRegistered(Predicate[TitleRegisteredArgs]):
    """The title being evaluated (or ``award``) is among the titles registered for the year.

    A registered id also covers its dotted sub-ids: registering
    ``vss.dg_certificate`` covers ``vss.dg_certificate.retirement``.
    """

    name = "title_registered"
    args_model = TitleRegisteredArgs
    label = {"vi": "Danh hiệu đã đăng ký", "en": "Registered title"}

    def evaluate(self, args: TitleRegisteredArgs, ctx: Context) -> Outcome:
        year, registration = _registration(ctx, args.year)
        wanted = args.award or ctx.award_id
        titles = list(registration.titles) if registration else []
        passed = any(award_matches(wanted, t) for t in titles)
        note = {"year": year, "wanted": wanted}
        return Outcome(passed, titles, _evidence(ctx, registration), note=note)

    def holds(self, args: TitleRegisteredArgs, ctx: Context) -> bool | None:
        _, registration = _registration(ctx, args.year)
        if registration is None:
            return False
        wanted = args.award or ctx.award_id
        return any(award_matches(wanted, t) for t in registration.titles)

    def requirement(self, args: TitleRegisteredArgs, lang: str) -> str:
        year = describe_year(args.year, lang)
        if args.award:
            return pick(
                lang,
                f"“{args.award}” có trong đăng ký thi đua {year}",
                f"'{args.award}' is among the titles registered for {year}",
            )
        return pick(
            lang,
            f"Danh hiệu được đề nghị có trong đăng ký thi đua {year}",
            f"The title proposed is among the titles registered for {year}",
        )

    def finding(self, args: TitleRegisteredArgs, outcome: Outcome, lang: str) -> str:
        titles = outcome.found or []
        wanted = outcome.note["wanted"]
        listed = ", ".join(titles) if titles else pick(lang, "không có", "none")
        return pick(
            lang,
            f"tìm “{wanted}”; đã đăng ký: {listed}",
            f"looked for '{wanted}'; registered: {listed}",
        )

    def reads_award_id(self, args: TitleRegisteredArgs) -> bool:
        return args.award is None

    def mentioned_awards(self, args: TitleRegisteredArgs) -> tuple[str, ...]:
        return (args.award,) if args.award else ()
