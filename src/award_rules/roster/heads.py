"""The heads' rule (R4): a head is chosen only if the unit they lead meets its award, and why."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from ..catalog import Catalog
from ..criteria.loader import CriteriaVersion
from ..criteria.selection import HeadsFollowUnit, resolve_award
from .groups import UnitInfo, unit_name

__all__ = ["HeadsRule"]


@dataclass(frozen=True, slots=True)
class HeadsRule:
    """A head is chosen only if the unit they lead meets the award (R4, NĐ 65/2014 Art. 2(2))."""

    rule: HeadsFollowUnit
    award: str
    award_name: tuple[str, str]
    eligible_units: frozenset[str]
    undetermined_units: frozenset[str]
    judged_units: frozenset[str]
    units: Mapping[str, UnitInfo]
    year: int

    @classmethod
    def of(
        cls,
        catalog: Catalog,
        version: CriteriaVersion,
        outcomes: tuple[Mapping[str, set[str]], Mapping[str, set[str]]],
        judged_units: set[str],
        units: Mapping[str, UnitInfo],
        day: dt.date,
    ) -> HeadsRule | None:
        """The rule of ``version`` on ``day`` (``None`` if it has none, or not yet).

        ``outcomes`` are the units eligible, and undetermined, for each award.
        """
        assert version.doc.selection is not None
        rule = version.doc.selection.constraints.heads_follow_unit
        if rule is None or not rule.applies_on(day):
            return None
        parameters = {name: p.value for name, p in version.doc.parameters.items()}
        award = resolve_award(rule.award, parameters)
        name = catalog.award_name(award)
        return cls(
            rule,
            award,
            (name.vi, name.en) if name else (award, award),
            frozenset(outcomes[0].get(award, ())),
            frozenset(outcomes[1].get(award, ())),
            frozenset(judged_units),
            units,
            day.year,
        )

    def check(
        self, position: str | None, head_of: str | None, led_titles: tuple[str, ...]
    ) -> tuple[bool, tuple[str, str]] | None:
        """``None`` if they head no unit, else whether the unit they lead meets the award, why.

        ``position``, ``head_of`` and ``led_titles`` are the candidate's (see :class:`Profile`).
        """
        if position not in self.rule.positions:
            return None
        unit = head_of
        shown = unit_name(unit, self.units)
        vi_award, en_award = self.award_name
        if unit is not None and unit in self.judged_units:
            if unit in self.eligible_units:
                return True, (
                    f"tập thể do mình lãnh đạo, {shown}, đủ điều kiện “{vi_award}”",
                    f"the unit they lead, {shown}, is eligible for “{en_award}”",
                )
            if unit in self.undetermined_units:
                return False, (
                    f"chưa xác định được tập thể do mình lãnh đạo, {shown}, có đủ điều kiện "
                    f"“{vi_award}” năm {self.year} (thiếu dữ liệu)",
                    f"whether the unit they lead, {shown}, is eligible for “{en_award}” in "
                    f"{self.year} is undetermined (data missing)",
                )
            return False, (
                f"tập thể do mình lãnh đạo, {shown}, không đủ điều kiện “{vi_award}” "
                f"năm {self.year}",
                f"the unit they lead, {shown}, is not eligible for “{en_award}” in {self.year}",
            )
        if any(t == self.award or t.startswith(self.award + ".") for t in led_titles):
            return True, (
                f"tập thể do mình lãnh đạo, {shown}, đạt “{vi_award}” năm {self.year}",
                f"the unit they lead, {shown}, holds “{en_award}” for {self.year}",
            )
        return False, (
            f"không rõ kết quả của tập thể do mình lãnh đạo, {shown}: không có trong danh sách "
            f"và không ghi nhận “{vi_award}” năm {self.year}",
            f"the result of the unit they lead, {shown}, is not known: it is not in the "
            f"roster and no “{en_award}” is recorded for {self.year}",
        )
