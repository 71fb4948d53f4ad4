"""The ``selection`` block of a criteria version: the cohort rules of a year-end review.

Eligibility is judged nominee by nominee; a selection then chooses among the
eligible of a group (a unit, a parent unit, a cluster, or everyone): how many
places there are (a count, or a share of a reference group with its rounding
rule), constraints across the chosen (the leaders' share, rule R4), and the keys
they are ranked by, ending with a stated tie-break. Numbers may be ``$name``
references to the version's parameters, so every open choice keeps its note.
"""

from __future__ import annotations

import datetime as dt
import math
import typing
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, model_validator

from ..model import IsoDate, Text

__all__ = [
    "RANKING_KEYS",
    "Constraints",
    "LeadersShare",
    "Quota",
    "RankingKey",
    "Rounding",
    "Selection",
    "Share",
    "apply_rounding",
    "parameter_references",
    "resolve_number",
]

ParamRef = Annotated[str, Field(pattern=r"^\$[a-z][a-z0-9_]*$")]
"""``$name``: a parameter of the same criteria version."""

Number = StrictInt | StrictFloat | ParamRef
Count = Annotated[StrictInt, Field(ge=0)] | ParamRef

Group = Literal["unit", "parent_unit", "cluster", "all"]
"""Where places are counted: the nominee's unit, its parent unit, its cluster, or everyone."""

Rounding = Literal["down", "up", "nearest"]
"""How a share becomes a number of places: down (floor), up (ceiling), nearest (half up)."""

RankingKey = Literal[
    "votes",
    "score",
    "plan_completion",
    "rating",
    "direct_staff",
    "small_collective",
    "remote_area",
]
"""What candidates are ranked by, best first (higher numbers, ``true`` before ``false``)."""

RANKING_KEYS: tuple[str, ...] = typing.get_args(RankingKey)

TieBreak = Literal["nominee_id", "name"]


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True, defer_build=True)


class Share(_Strict):
    """A share of a reference group: ``percent`` of ``of``, rounded by ``rounding``.

    ``of: eligible`` counts this award's eligible candidates in the group;
    ``of: {award: ID}`` counts the group's nominees eligible for that award in
    the same review (``national.advanced_worker`` for the 15% rule).
    """

    percent: Number
    of: Literal["eligible"] | ReferenceAward = "eligible"
    rounding: Rounding = "down"


class ReferenceAward(_Strict):
    """The nominees of the group eligible for another award in the same review."""

    award: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")]


class Quota(_Strict):
    """How many places: a count, a share, or both (the smaller wins).

    ``from`` dates a quota that the law added later than the version began.
    """

    places: Count | None = None
    share: Share | None = None
    from_: IsoDate | None = Field(default=None, alias="from")

    @model_validator(mode="after")
    def _something(self) -> Quota:
        if self.places is None and self.share is None:
            raise ValueError("give places, share, or both")
        return self

    def applies_on(self, day: dt.date) -> bool:
        """Whether the quota binds on ``day``."""
        return self.from_ is None or day >= self.from_


class LeadersShare(_Strict):
    """At most ``max_percent`` of the places go to leaders and managers (rule R4)."""

    max_percent: Number
    rounding: Rounding = "down"


class Constraints(_Strict):
    """Constraints across the selected candidates."""

    leaders_share: LeadersShare | None = None


class Selection(_Strict):
    """The cohort rule of an award: group, quota, constraints, ranking, tie-break."""

    group: Group
    quota: Quota
    constraints: Constraints = Field(default_factory=Constraints)
    ranking: list[RankingKey] = Field(min_length=1)
    tie_break: TieBreak = "nominee_id"
    status: Literal["verified", "unverified"] = "verified"
    note: Text | None = None


def apply_rounding(value: float, rounding: str) -> int:
    """``value`` rounded as stated (``nearest`` rounds halves up)."""
    if rounding == "up":
        return math.ceil(value - 1e-9)
    if rounding == "nearest":
        return math.floor(value + 0.5 + 1e-9)
    return math.floor(value + 1e-9)


def resolve_number(value: Any, parameters: Mapping[str, Any]) -> float:
    """A number of the selection, ``$name`` looked up in the version's parameter values."""
    if isinstance(value, str):
        value = parameters[value[1:]]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"expected a number, got {value!r}")
    return float(value)


def parameter_references(selection: Selection) -> dict[str, tuple[str | int, ...]]:
    """``$name`` references of a selection, with their paths under ``selection``."""
    found: dict[str, tuple[str | int, ...]] = {}
    candidates: list[tuple[Any, tuple[str | int, ...]]] = [
        (selection.quota.places, ("quota", "places")),
    ]
    if selection.quota.share is not None:
        candidates.append((selection.quota.share.percent, ("quota", "share", "percent")))
    leaders = selection.constraints.leaders_share
    if leaders is not None:
        candidates.append((leaders.max_percent, ("constraints", "leaders_share", "max_percent")))
    for value, path in candidates:
        if isinstance(value, str):
            found.setdefault(value[1:], path)
    return found


Share.model_rebuild()
