"""The domain model: individuals, units and their records. Nothing else lives here.

Other ministry systems send data in this shape, so field names are part of the
public contract. Models are immutable and strict: dates are ISO dates (never
numbers or timestamps), numbers are never parsed from text, unknown fields are
rejected, and text is normalised to Unicode NFC.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Iterable
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    StrictBool,
    StrictFloat,
    StrictInt,
    TypeAdapter,
    WithJsonSchema,
    model_validator,
)

__all__ = [
    "EXTENSION_KEY",
    "EXTENSION_KEY_PATTERN",
    "MAX_YEAR",
    "MIN_YEAR",
    "Absence",
    "AbsenceKind",
    "AwardRecord",
    "Discipline",
    "DisciplineForm",
    "ExtensionValue",
    "Extensions",
    "Gender",
    "Individual",
    "Initiative",
    "InitiativeLevel",
    "IsoDate",
    "LedUnitYear",
    "MemberCounts",
    "Nominee",
    "PendingCase",
    "PendingCaseKind",
    "Position",
    "Rating",
    "RatingLevel",
    "Registration",
    "ResearchTopic",
    "ServicePeriod",
    "Unit",
    "UnitLevel",
    "YearResult",
    "nominee_adapter",
]


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _nfc(value: str) -> str:
    """NFC, trimmed, not blank, no control characters (tab and line feed allowed)."""
    found = _CONTROL.search(value)
    if found is not None:
        code = ord(found.group())
        kind = "lone surrogate" if 0xD800 <= code <= 0xDFFF else "control character"
        raise ValueError(f"text holds a {kind} (U+{code:04X}) at position {found.start() + 1}")
    text = unicodedata.normalize("NFC", value).strip()
    if not text:
        raise ValueError("text must not be blank")
    return text


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso_date(value: Any) -> Any:
    """Accept a date or an ISO ``YYYY-MM-DD`` string; refuse datetimes and numbers."""
    if isinstance(value, dt.datetime):
        raise ValueError("expected a date (YYYY-MM-DD), got a date and time")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value
        try:
            if not _ISO_DATE.fullmatch(text):
                raise ValueError
            return dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"expected a date as YYYY-MM-DD, got {value!r}") from None
    raise ValueError(f"expected a date as YYYY-MM-DD, got {type(value).__name__} {value!r}")


_ALLOWED = "[^\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\ud800-\\udfff]"
TEXT_PATTERN = f"^{_ALLOWED}*(?:(?!\\s){_ALLOWED}){_ALLOWED}*$"
"""What :data:`Text` accepts, as a JSON Schema pattern."""

Text = Annotated[
    str,
    AfterValidator(_nfc),
    Field(min_length=1, json_schema_extra={"pattern": TEXT_PATTERN}),
]
"""Non-blank text, NFC-normalised, surrounding white space removed, no control
characters (tab and line feed allowed, for notes written over several lines)."""

IsoDate = Annotated[
    dt.date,
    BeforeValidator(_iso_date),
    Field(json_schema_extra={"pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}),
]
"""A calendar date, given as a date or an ISO ``YYYY-MM-DD`` string."""

MIN_YEAR, MAX_YEAR = 1900, 2200
"""The years of records, and the years the library judges (``request`` checks them too)."""

Year = Annotated[StrictInt, Field(ge=MIN_YEAR, le=MAX_YEAR)]


EXTENSION_KEY_PATTERN = r"^[a-z][a-z0-9_]{0,63}$"
"""An extension's key: lower-case letters, digits and ``_``, starting with a letter."""

ExtensionValue = bool | int | float | str | dt.date
"""A value of a host's own fact: true/false, a number, text, or a date (in data: ISO text).

What a key must hold is declared by the host with the predicates that read it
(:attr:`award_rules.Vocabulary.extensions`); the catalog checks it.
"""


EXTENSION_KEY = re.compile(EXTENSION_KEY_PATTERN)
"""The pattern compiled, one object for every module that checks a key."""


def _extension_key(key: str) -> str:
    if not EXTENSION_KEY.match(key):
        raise ValueError(
            f"an extension's key is lower-case letters, digits and _, "
            f"starting with a letter (at most 64), got {key!r}"
        )
    return key


def _extension_value(value: Any) -> ExtensionValue:
    """A scalar as the model keeps it: finite numbers, :data:`Text` rules for text."""
    if isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"a number must be finite, got {value}")
        return value
    if isinstance(value, str):
        return _nfc(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    shown = "null" if value is None else type(value).__name__
    raise ValueError(f"expected true or false, a number, text or a date, got {shown}")


_EXTENSION_VALUE_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "boolean"},
        {"type": "number"},
        {"type": "string", "minLength": 1, "pattern": TEXT_PATTERN},
    ]
}


class Extensions(dict[str, ExtensionValue]):
    """A read-only mapping of extension values, hashable like the records that hold it."""

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(tuple(sorted(self.items(), key=lambda item: item[0])))

    def __reduce__(self) -> tuple[type[Extensions], tuple[dict[str, ExtensionValue]]]:
        """Pickled and copied by building a new one (its items cannot be set one by one)."""
        return (Extensions, (dict(self),))

    def _refuse(self, *args: object, **kwargs: object) -> None:
        raise TypeError("extensions are read-only; build a new record instead")

    __setitem__ = __delitem__ = _refuse
    clear = pop = popitem = setdefault = update = _refuse  # type: ignore[assignment]
    __ior__ = _refuse  # type: ignore[assignment]


def _extensions(value: dict[str, ExtensionValue]) -> Extensions:
    return value if isinstance(value, Extensions) else Extensions(value)


ExtensionMap = Annotated[
    dict[
        Annotated[str, AfterValidator(_extension_key)],
        Annotated[
            ExtensionValue,
            PlainValidator(_extension_value),
            WithJsonSchema(_EXTENSION_VALUE_SCHEMA),
        ],
    ],
    AfterValidator(_extensions),
    WithJsonSchema(
        {
            "type": "object",
            "propertyNames": {"pattern": EXTENSION_KEY_PATTERN},
            "additionalProperties": _EXTENSION_VALUE_SCHEMA,
        }
    ),
]
Percent = Annotated[StrictInt, Field(ge=0)] | Annotated[StrictFloat, Field(ge=0)]
Coverage = Annotated[StrictInt, Field(ge=0, le=100)] | Annotated[StrictFloat, Field(ge=0, le=100)]
"""Bounds sit on each member of the union, so the JSON Schema carries them too."""


class Gender(StrEnum):
    """Gender as recorded in personnel files."""

    MALE = "male"
    FEMALE = "female"


class Position(StrEnum):
    """Leaders and managers versus directly working staff (rule R4)."""

    LEADER = "leader"
    MANAGER = "manager"
    STAFF = "staff"


class UnitLevel(StrEnum):
    """The level of a unit; a division or team is a small collective (tập thể nhỏ)."""

    CENTRAL = "central"
    PROVINCE = "province"
    DISTRICT = "district"
    DIVISION = "division"


class RatingLevel(StrEnum):
    """Yearly rating of duties, from best to worst."""

    EXCELLENT = "excellent"  # hoàn thành xuất sắc nhiệm vụ
    GOOD = "good"  # hoàn thành tốt nhiệm vụ
    COMPLETED = "completed"  # hoàn thành nhiệm vụ
    NOT_COMPLETED = "not_completed"  # không hoàn thành nhiệm vụ

    @property
    def rank(self) -> int:
        """Higher is better: excellent 3 ... not_completed 0."""
        return _RATING_RANK[self]


_RATING_RANK = {
    RatingLevel.EXCELLENT: 3,
    RatingLevel.GOOD: 2,
    RatingLevel.COMPLETED: 1,
    RatingLevel.NOT_COMPLETED: 0,
}


class DisciplineForm(StrEnum):
    """Forms of discipline, from the lightest."""

    REPRIMAND = "reprimand"  # khiển trách
    WARNING = "warning"  # cảnh cáo
    SALARY_DOWNGRADE = "salary_downgrade"  # hạ bậc lương
    DEMOTION = "demotion"  # giáng chức
    DISMISSAL = "dismissal"  # cách chức
    FORCED_RESIGNATION = "forced_resignation"  # buộc thôi việc

    @property
    def severity(self) -> int:
        """Higher is heavier: reprimand 1 ... forced_resignation 6."""
        return _SEVERITY[self]


_SEVERITY = {form: n for n, form in enumerate(DisciplineForm, start=1)}


class InitiativeLevel(StrEnum):
    """How widely an initiative (sáng kiến) was recognised."""

    UNIT = "unit"
    SECTOR = "sector"
    NATIONAL = "national"

    @property
    def rank(self) -> int:
        """Higher is wider: unit 1, sector 2, national 3."""
        return _INITIATIVE_RANK[self]


_INITIATIVE_RANK = {level: n for n, level in enumerate(InitiativeLevel, start=1)}


class AbsenceKind(StrEnum):
    """Why someone was away from work."""

    MATERNITY = "maternity"  # nghỉ thai sản: counts as work time
    TRAINING = "training"  # đi học, bồi dưỡng
    SICK = "sick"  # nghỉ ốm
    UNPAID = "unpaid"  # nghỉ không lương
    INJURY = "injury"  # điều trị, điều dưỡng thương tích (NĐ 65/2014 Art. 5(2))
    OTHER = "other"


class PendingCaseKind(StrEnum):
    """A matter still being resolved that bars an award (NĐ 98/2023 Art. 4; NĐ 152/2025 Art. 4)."""

    DISCIPLINE_REVIEW = "discipline_review"  # đang xem xét kỷ luật
    INVESTIGATION = "investigation"  # đang bị điều tra, thanh tra, kiểm tra
    COMPLAINT = "complaint"  # có đơn thư khiếu nại, tố cáo đang được xác minh, chưa giải quyết


class _Record(BaseModel):
    # Validators built on first use (``defer_build``), as the criteria models are:
    # ``import award_rules`` pays for none, the first nominee parsed for them once.
    model_config = ConfigDict(
        frozen=True, extra="forbid", use_enum_values=False, allow_inf_nan=False, defer_build=True
    )


class ServicePeriod(_Record):
    """A period of work in a unit; ``end`` is inclusive, ``None`` while ongoing."""

    unit_id: Text | None = None
    start: IsoDate
    end: IsoDate | None = None
    in_sector: StrictBool = True

    @model_validator(mode="after")
    def _end_after_start(self) -> ServicePeriod:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self


class Rating(_Record):
    """The rating of a year's duties."""

    year: Year
    level: RatingLevel
    score: StrictInt | StrictFloat | None = Field(
        default=None, description="Appraisal score of the year, a ranking key of cohort rules."
    )
    votes: Annotated[StrictInt, Field(ge=0)] | None = Field(
        default=None, description="Votes received at the year-end review (bình xét)."
    )


class AwardRecord(_Record):
    """A title or commendation already received."""

    award: Text
    year: Year
    decision: Text | None = None
    decided_on: IsoDate | None = None


class Discipline(_Record):
    """A discipline decision; ``ends_on`` is the last day it is in effect, if known."""

    form: DisciplineForm
    decided_on: IsoDate
    ends_on: IsoDate | None = None
    decision: Text | None = None

    @model_validator(mode="after")
    def _ends_after_decided(self) -> Discipline:
        if self.ends_on is not None and self.ends_on < self.decided_on:
            raise ValueError(f"ends_on {self.ends_on} is before decided_on {self.decided_on}")
        return self


class PendingCase(_Record):
    """A discipline review, investigation or complaint, pending from ``opened_on``.

    ``closed_on`` is the day it was resolved (from that day it bars nothing);
    ``None`` while it is still open.
    """

    kind: PendingCaseKind
    opened_on: IsoDate
    closed_on: IsoDate | None = None
    reference: Text | None = None

    @model_validator(mode="after")
    def _closed_after_opened(self) -> PendingCase:
        if self.closed_on is not None and self.closed_on < self.opened_on:
            raise ValueError(f"closed_on {self.closed_on} is before opened_on {self.opened_on}")
        return self

    def open_on(self, day: dt.date) -> bool:
        """True when the case is pending on ``day`` (opened, not yet resolved)."""
        return self.opened_on <= day and (self.closed_on is None or day < self.closed_on)


class LedUnitYear(_Record):
    """The results, for one year, of the unit an individual heads (NĐ 65/2014 Art. 2(2))."""

    year: Year
    unit_id: Text
    rating: RatingLevel | None = None
    titles: tuple[Text, ...] = ()


class Registration(_Record):
    """Emulation registration for a year: titles registered and the pledge signed."""

    year: Year
    titles: tuple[Text, ...] = ()
    pledge_signed_on: IsoDate | None = None


class Initiative(_Record):
    """A recognised initiative (sáng kiến)."""

    title: Text
    level: InitiativeLevel
    recognized_on: IsoDate


class ResearchTopic(_Record):
    """A research topic (đề tài khoa học) accepted (nghiệm thu)."""

    title: Text
    level: InitiativeLevel
    accepted_on: IsoDate


class Absence(_Record):
    """A period away from work (inclusive dates); whether it counts depends on the rule."""

    kind: AbsenceKind
    start: IsoDate
    end: IsoDate

    @model_validator(mode="after")
    def _end_after_start(self) -> Absence:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self


class MemberCounts(_Record):
    """A collective's members in a year, for the collective titles' member shares."""

    year: Year
    members: Annotated[StrictInt, Field(ge=0)]
    completed_duties: Annotated[StrictInt, Field(ge=0)] | None = None
    advanced_workers: Annotated[StrictInt, Field(ge=0)] | None = Field(
        default=None, description="Members holding Lao động tiên tiến for the year."
    )
    grassroots_fighters: Annotated[StrictInt, Field(ge=0)] | None = Field(
        default=None, description="Members holding Chiến sĩ thi đua cơ sở for the year."
    )
    disciplined_warning_or_above: Annotated[StrictInt, Field(ge=0)] | None = Field(
        default=None, description="Members disciplined from cảnh cáo (warning) upward."
    )

    @model_validator(mode="after")
    def _within_members(self) -> MemberCounts:
        for name in (
            "completed_duties",
            "advanced_workers",
            "grassroots_fighters",
            "disciplined_warning_or_above",
        ):
            value = getattr(self, name)
            if value is not None and value > self.members:
                raise ValueError(f"{name} ({value}) exceeds members ({self.members})")
        return self


class YearResult(_Record):
    """A unit's results for one year."""

    year: Year
    plan_completion_pct: Percent | None = None
    score: StrictInt | StrictFloat | None = None
    health_insurance_coverage_pct: Coverage | None = None
    votes: Annotated[StrictInt, Field(ge=0)] | None = Field(
        default=None, description="Votes received in the cluster's or council's vote."
    )
    communes_meeting_criterion_pct: Coverage | None = Field(
        default=None,
        description="Share of communes meeting the new-rural health-insurance criterion (R10).",
    )
    districts_meeting_criterion_pct: Coverage | None = Field(
        default=None,
        description="Share of districts meeting the new-rural health-insurance criterion (R10).",
    )


def _unique_years(
    records: Iterable[Rating | Registration | YearResult | MemberCounts | LedUnitYear], what: str
) -> None:
    seen: set[int] = set()
    for record in records:
        if record.year in seen:
            raise ValueError(f"{what} for year {record.year} is given twice")
        seen.add(record.year)


class _Nominee(_Record):
    id: Text
    ratings: tuple[Rating, ...] = ()
    awards: tuple[AwardRecord, ...] = ()
    disciplines: tuple[Discipline, ...] = ()
    registrations: tuple[Registration, ...] = ()
    pending_cases: tuple[PendingCase, ...] = ()
    extensions: ExtensionMap = Field(
        default_factory=Extensions,
        description="Facts of the host's own, by key (declared with the checks that read "
        "them): true/false, numbers, text, or dates as YYYY-MM-DD.",
    )

    def rating_for(self, year: int) -> Rating | None:
        """The rating of ``year``, if recorded."""
        return next((r for r in self.ratings if r.year == year), None)

    def registration_for(self, year: int) -> Registration | None:
        """The registration of ``year``, if recorded."""
        return next((r for r in self.registrations if r.year == year), None)

    def _check_common(self) -> None:
        _unique_years(self.ratings, "a rating")
        _unique_years(self.registrations, "a registration")
        for registration in self.registrations:
            signed = registration.pledge_signed_on
            if signed is not None and signed.year > registration.year:
                raise ValueError(
                    f"registration {registration.year}: pledge_signed_on {signed} "
                    "is after the year it registers for"
                )


class Individual(_Nominee):
    """A person nominated for a title or commendation."""

    kind: Literal["individual"] = "individual"
    full_name: Text
    gender: Gender | None = None
    birth_date: IsoDate | None = None
    unit_id: Text | None = None
    position: Position | None = None
    service: tuple[ServicePeriod, ...] = ()
    retirement_date: IsoDate | None = Field(
        default=None, description="First day on a social-insurance pension."
    )
    death_date: IsoDate | None = None
    initiatives: tuple[Initiative, ...] = ()
    research_topics: tuple[ResearchTopic, ...] = ()
    absences: tuple[Absence, ...] = ()
    led_units: tuple[LedUnitYear, ...] = Field(
        default=(), description="For a head of unit: the led unit's results, year by year."
    )

    def led_unit_for(self, year: int) -> LedUnitYear | None:
        """The results of the unit this individual led in ``year``, if recorded."""
        return next((r for r in self.led_units if r.year == year), None)

    @model_validator(mode="after")
    def _consistent(self) -> Individual:
        self._check_common()
        _unique_years(self.led_units, "a led unit's results")
        born = self.birth_date
        if born is not None:
            for i, period in enumerate(self.service):
                if period.start < born:
                    raise ValueError(f"service[{i}] starts on {period.start}, before birth {born}")
            for name in ("retirement_date", "death_date"):
                value = getattr(self, name)
                if value is not None and value < born:
                    raise ValueError(f"{name} {value} is before birth {born}")
            for rating in self.ratings:
                if rating.year < born.year:
                    raise ValueError(f"a rating for {rating.year} is before birth {born}")
        if self.death_date is not None:
            for i, period in enumerate(self.service):
                if period.start > self.death_date:
                    raise ValueError(
                        f"service[{i}] starts on {period.start}, after death {self.death_date}"
                    )
        return self


class Unit(_Nominee):
    """A collective: the central agency, a provincial or district office, a division."""

    kind: Literal["unit"] = "unit"
    name: Text
    level: UnitLevel
    parent_id: Text | None = None
    established_on: IsoDate | None = None
    dissolved_on: IsoDate | None = None
    cluster: Text | None = None
    remote_area: StrictBool = False
    results: tuple[YearResult, ...] = ()
    members: tuple[MemberCounts, ...] = ()

    def members_for(self, year: int) -> MemberCounts | None:
        """The member counts of ``year``, if recorded."""
        return next((m for m in self.members if m.year == year), None)

    @property
    def is_small_collective(self) -> bool:
        """Divisions and teams are the small collectives."""
        return self.level is UnitLevel.DIVISION

    def result_for(self, year: int) -> YearResult | None:
        """The results of ``year``, if recorded."""
        return next((r for r in self.results if r.year == year), None)

    @model_validator(mode="after")
    def _consistent(self) -> Unit:
        self._check_common()
        _unique_years(self.results, "a result")
        _unique_years(self.members, "member counts")
        founded, closed = self.established_on, self.dissolved_on
        if founded is not None and closed is not None and closed < founded:
            raise ValueError(f"dissolved_on {closed} is before established_on {founded}")
        if founded is not None:
            for rating in self.ratings:
                if rating.year < founded.year:
                    raise ValueError(
                        f"a rating for {rating.year} is before the unit was established ({founded})"
                    )
        return self


Nominee = Annotated[Individual | Unit, Field(discriminator="kind")]
"""An individual or a unit, told apart by ``kind``."""

nominee_adapter: TypeAdapter[Individual | Unit] = TypeAdapter(
    Nominee, config=ConfigDict(defer_build=True)
)
"""Validates a mapping (or JSON) into an :data:`Nominee`."""
