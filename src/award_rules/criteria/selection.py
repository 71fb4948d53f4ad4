"""The ``selection`` block of a criteria version: the cohort rules of a year-end review.

Eligibility is judged nominee by nominee; a selection then chooses among the
eligible of a group (a unit, a parent unit, a cluster, or everyone): how many
places there are (a count, or a share of a reference group with its rounding
rule), constraints across the chosen (the leaders' share, rule R4), and the keys
they are ranked by, ending with a stated tie-break. Numbers (and the award a
head's unit must meet) may be ``$name`` references to the version's
parameters, so every open choice keeps its note.
"""

from __future__ import annotations

import datetime as dt
import math
import typing
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, model_validator

from ..model import IsoDate, Position, Text

__all__ = [
    "RANKING_KEYS",
    "Constraints",
    "HeadsFollowUnit",
    "LeadersShare",
    "PerUnit",
    "Quota",
    "RankingKey",
    "Rounding",
    "Selection",
    "Share",
    "apply_rounding",
    "counted_awards",
    "parameter_references",
    "reference_awards",
    "resolve_award",
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


AwardRef = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")]
"""An award id (dotted)."""


class ReferenceAward(_Strict):
    """The nominees of the group eligible for another award in the same review."""

    award: AwardRef


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


class HeadsFollowUnit(_Strict):
    """A head of a unit is chosen only if the unit they lead meets ``award`` (rule R4).

    NĐ 65/2014 Art. 2(2): the head of a unit is judged on the results of the
    unit they lead. The unit is the one of the head's ``led_units`` record
    for the year, else their own unit; it meets ``award`` when it is eligible
    for it in the same review or, when it is not in the roster, when that
    record lists the award among the unit's titles. ``from`` dates a rule that
    binds later than the version began.
    """

    award: AwardRef | ParamRef
    positions: tuple[Position, ...] = Field(default=(Position.LEADER,), min_length=1)
    from_: IsoDate | None = Field(default=None, alias="from")

    def applies_on(self, day: dt.date) -> bool:
        """Whether the rule binds on ``day``."""
        return self.from_ is None or day >= self.from_


class PerUnit(_Strict):
    """At most ``max`` chosen per unit: an official's unit, a unit's parent unit.

    So a cluster's places for district offices go to at most ``max`` district
    offices of each province.
    """

    max: Count


class Constraints(_Strict):
    """Constraints across the selected candidates."""

    leaders_share: LeadersShare | None = None
    heads_follow_unit: HeadsFollowUnit | None = None
    per_unit: PerUnit | None = None


class Selection(_Strict):
    """The cohort rule of an award: group, quota, constraints, ranking, tie-break.

    Without a ``quota`` every eligible candidate has a place, save those a
    constraint passes over.
    """

    group: Group
    quota: Quota | None = None
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


def resolve_award(value: str, parameters: Mapping[str, Any]) -> str:
    """An award id of the selection, ``$name`` looked up in the version's parameter values."""
    if value.startswith("$"):
        found = parameters[value[1:]]
        if not isinstance(found, str):
            raise ValueError(f"expected an award id, got {found!r}")
        return found
    return value


def parameter_references(selection: Selection) -> dict[str, tuple[str | int, ...]]:
    """Numeric ``$name`` references of a selection, with their paths under ``selection``."""
    found: dict[str, tuple[str | int, ...]] = {}
    candidates: list[tuple[Any, tuple[str | int, ...]]] = []
    quota = selection.quota
    if quota is not None:
        candidates.append((quota.places, ("quota", "places")))
        if quota.share is not None:
            candidates.append((quota.share.percent, ("quota", "share", "percent")))
    leaders = selection.constraints.leaders_share
    if leaders is not None:
        candidates.append((leaders.max_percent, ("constraints", "leaders_share", "max_percent")))
    per_unit = selection.constraints.per_unit
    if per_unit is not None:
        candidates.append((per_unit.max, ("constraints", "per_unit", "max")))
    for value, path in candidates:
        if isinstance(value, str):
            found.setdefault(value[1:], path)
    return found


def reference_awards(selection: Selection) -> list[tuple[str, tuple[str | int, ...], str]]:
    """The awards a selection counts or requires, as written, with their paths and role.

    The role is ``quota`` (a share of the group's nominees eligible for it:
    same subject as the candidates) or ``heads`` (the collective result the
    unit a head leads must meet: a unit's award).
    """
    found: list[tuple[str, tuple[str | int, ...], str]] = []
    share = selection.quota.share if selection.quota is not None else None
    if share is not None and isinstance(share.of, ReferenceAward):
        found.append((share.of.award, ("quota", "share", "of", "award"), "quota"))
    heads = selection.constraints.heads_follow_unit
    if heads is not None:
        found.append((heads.award, ("constraints", "heads_follow_unit", "award"), "heads"))
    return found


def counted_awards(selection: Selection | None, parameters: Mapping[str, Any]) -> list[str]:
    """The award ids whose eligible nominees a selection needs judged in the same review."""
    if selection is None:
        return []
    return [resolve_award(award, parameters) for award, _, _ in reference_awards(selection)]


Share.model_rebuild()
