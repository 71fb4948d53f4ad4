"""Typed models of a criteria file (one YAML document = one version of one award)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    Tag,
    field_validator,
    model_validator,
)

from ..model import IsoDate, Text
from .selection import Selection

__all__ = [
    "AllNode",
    "AnyNode",
    "Citation",
    "Condition",
    "CriteriaDoc",
    "InForce",
    "Leaf",
    "LocalizedText",
    "NotNode",
    "Parameter",
    "Review",
    "ReviewStatus",
    "Subject",
]

AWARD_ID_PATTERN = r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$"
NODE_ID_PATTERN = r"^[a-z][a-z0-9_]*$"
PARAM_NAME_PATTERN = r"^[a-z][a-z0-9_]*$"

AwardId = Annotated[str, Field(pattern=AWARD_ID_PATTERN)]
NodeId = Annotated[str, Field(pattern=NODE_ID_PATTERN)]

Subject = Literal["individual", "unit", "any"]
"""Who an award is for; ``any`` is for shared preconditions such as registration."""

LEAF_KEYS = frozenset({"id", "check", "source", "title", "review"})
"""Keys of a leaf that are not arguments of its predicate."""


class _Strict(BaseModel):
    model_config = ConfigDict(
        frozen=True, extra="forbid", populate_by_name=True, allow_inf_nan=False, defer_build=True
    )


class LocalizedText(_Strict):
    """Text in Vietnamese and English; both are required."""

    vi: Text
    en: Text

    def get(self, lang: str) -> str:
        """The text in ``lang`` (``vi`` or ``en``)."""
        return self.en if lang == "en" else self.vi


class Citation(_Strict):
    """Where a rule comes from: document, article, date (a plain string is a document)."""

    document: Text
    article: Text | None = None
    date: IsoDate | None = None
    url: Text | None = None
    quote: Text | None = Field(default=None, description="The legal text's own words.")

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        return {"document": value} if isinstance(value, str) else value

    def __str__(self) -> str:
        parts = [self.document]
        if self.article:
            parts.append(self.article)
        if self.date:
            parts.append(self.date.strftime("%d/%m/%Y"))
        return ", ".join(parts)


class ReviewStatus(StrEnum):
    """Whether a criterion was checked against the legal text."""

    VERIFIED = "verified"
    UNVERIFIED = "unverified"


class Review(_Strict):
    """Review status of a criterion or leaf, with a note saying what was checked."""

    status: ReviewStatus
    note: Text | None = None


class InForce(_Strict):
    """The dates (inclusive) between which a version applies; ``until`` open if absent."""

    from_: IsoDate = Field(alias="from")
    until: IsoDate | None = None
    """``until`` before ``from`` is reported by the analysis (``until-before-from``)."""

    def covers(self, day: dt.date) -> bool:
        """True when ``day`` lies in the range."""
        return self.from_ <= day and (self.until is None or day <= self.until)

    def __str__(self) -> str:
        until = self.until.isoformat() if self.until else "..."
        return f"{self.from_.isoformat()} – {until}"


ParamValue = StrictBool | StrictInt | StrictFloat | StrictStr | dt.date | list[Any] | dict[str, Any]


class Parameter(_Strict):
    """A named choice of the criterion (threshold, window), with the reason for it."""

    value: ParamValue
    note: Text = Field(description="Why this value: the legal text or the reading chosen.")


class Leaf(BaseModel):
    """A condition checked by one predicate of the vocabulary.

    Keys other than ``id``, ``check``, ``source``, ``title`` and ``review`` are the
    predicate's arguments; they are checked against the predicate when the
    catalog is built.
    """

    model_config = ConfigDict(frozen=True, extra="allow", defer_build=True)

    id: NodeId
    check: Annotated[str, Field(pattern=NODE_ID_PATTERN)]
    source: Citation | None = None
    title: LocalizedText | None = None
    review: Review | None = None

    @property
    def args(self) -> dict[str, Any]:
        """The predicate's arguments as written (parameter references unresolved)."""
        return dict(self.model_extra or {})


class AllNode(_Strict):
    """Passes when every child passes."""

    all: list[Condition] = Field(min_length=1)
    id: NodeId | None = None
    title: LocalizedText | None = None
    source: Citation | None = None


class AnyNode(_Strict):
    """Passes when at least one child passes."""

    any: list[Condition] = Field(min_length=1)
    id: NodeId | None = None
    title: LocalizedText | None = None
    source: Citation | None = None


class NotNode(_Strict):
    """Passes when its child fails."""

    not_: Condition = Field(alias="not")
    id: NodeId | None = None
    title: LocalizedText | None = None
    source: Citation | None = None


def _condition_tag(value: Any) -> str | None:
    if isinstance(value, BaseModel):
        return type(value).__name__
    if not isinstance(value, dict):
        return None
    for key, tag in (("all", "AllNode"), ("any", "AnyNode"), ("not", "NotNode")):
        if key in value:
            return tag
    return "Leaf"


Condition = Annotated[
    Annotated[AllNode, Tag("AllNode")]
    | Annotated[AnyNode, Tag("AnyNode")]
    | Annotated[NotNode, Tag("NotNode")]
    | Annotated[Leaf, Tag("Leaf")],
    Discriminator(
        _condition_tag,
        custom_error_type="condition",
        custom_error_message="expected a condition: a mapping with all, any, not, or id and check",
    ),
]


class CriteriaDoc(_Strict):
    """One version of one award's criteria."""

    id: AwardId
    name: LocalizedText
    subject: Subject
    source: Citation
    in_force: InForce
    annual: StrictBool = Field(
        default=False,
        description="A year-end title judged for a year, with the version in force on "
        "31 December of that year.",
    )
    grants: AwardId | None = Field(
        default=None,
        description="The award id recorded when granted (defaults to ``id``).",
    )
    description: LocalizedText | None = None
    review: Review | None = None
    replaces: Literal["award", "version"] | None = Field(
        default=None,
        description="In a layer over other criteria: replace every version of this award "
        "below (``award``), or the versions below whose dates overlap this one's "
        "(``version``). Without it, overlapping a version below is an error.",
    )
    parameters: dict[Annotated[str, Field(pattern=PARAM_NAME_PATTERN)], Parameter] = Field(
        default_factory=dict
    )
    conditions: list[Condition] = Field(
        min_length=1, description="A condition, or a list meaning all of them."
    )
    selection: Selection | None = Field(
        default=None,
        description="The cohort rule applied among the eligible in a year-end review.",
    )

    @field_validator("conditions", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, dict) else value

    @property
    def granted_award(self) -> str:
        """The award id a grant of this award is recorded under."""
        return self.grants or self.id


AllNode.model_rebuild()
AnyNode.model_rebuild()
NotNode.model_rebuild()
CriteriaDoc.model_rebuild()
