"""A cohort rule's groups: which group a candidate ranks in, and the group's name in words."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..criteria.selection import Selection

__all__ = ["UnitInfo", "group_name", "group_of", "unit_name"]


@dataclass(frozen=True, slots=True)
class UnitInfo:
    """A unit of the roster, for naming and climbing groups."""

    name: str
    parent_id: str | None
    cluster: str | None


def group_of(
    selection: Selection,
    kind: str,
    unit_id: str | None,
    cluster: str | None,
    units: Mapping[str, UnitInfo],
) -> str | None:
    """The key of the group a candidate ranks in (``None``: their unit is not recorded)."""
    if selection.group == "all":
        return "*"
    if kind == "unit":
        if selection.group != "cluster":
            return unit_id
        parent = units.get(unit_id) if unit_id else None
        return cluster or (parent.cluster if parent else None)  # a district: its province's
    unit = units.get(unit_id) if unit_id else None
    if selection.group == "unit":
        return unit_id
    if selection.group == "parent_unit":
        return unit.parent_id if unit else None
    return unit.cluster if unit else None


def group_name(
    selection: Selection, key: str | None, units: Mapping[str, UnitInfo]
) -> tuple[str, str]:
    """The group of ``key`` in Vietnamese and English."""
    if key is None:
        return ("(không rõ đơn vị)", "(unit not recorded)")
    if selection.group == "all":
        return ("toàn bộ danh sách", "the whole roster")
    if selection.group == "cluster":
        return (f"cụm thi đua {key}", f"emulation cluster {key}")
    unit = units.get(key)
    name = unit.name if unit else key
    return (name, name)


def unit_name(key: str | None, units: Mapping[str, UnitInfo]) -> str:
    """A unit's name, else its id, else ``?``."""
    unit = units.get(key) if key else None
    return unit.name if unit else (key or "?")
