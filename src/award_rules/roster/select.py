"""Cohort rules applied: among the eligible of each group, rank, count the places, choose.

For every award whose version has a ``selection`` block, the eligible
candidates are grouped (unit, parent unit, cluster, everyone), ranked by the
stated keys (best first; a figure not recorded ranks last) and the tie-break,
and the places are counted: a number, a share of a reference group rounded as
stated, or the smaller of both (no quota: no limit). Constraints pass
candidates over: a head whose unit does not meet its collective award, a unit
beyond its per-unit cap, leaders and managers beyond their share (rule R4).
Each candidate gets a :class:`Decision` that says why, in Vietnamese and English.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from ..catalog import Catalog
from ..criteria.loader import CriteriaVersion
from ..criteria.selection import (
    RANKING_KEYS,
    HeadsFollowUnit,
    ReferenceAward,
    Selection,
    apply_rounding,
    counted_awards,
    resolve_award,
    resolve_number,
)
from .judge import Judged, Packed, Profile

__all__ = ["Decision", "UnitInfo", "select", "select_packed"]

DecisionKind = Literal["selected", "not_selected", "eligible"]


@dataclass(frozen=True, slots=True)
class UnitInfo:
    """A unit of the roster, for naming and climbing groups."""

    name: str
    parent_id: str | None
    cluster: str | None


@dataclass(frozen=True, slots=True)
class Decision:
    """An eligible candidate's outcome under the award's cohort rule, with the reason."""

    decision: DecisionKind
    rank: int | None = None
    places: int | None = None
    group: str | None = None
    group_name: tuple[str, str] = ("", "")
    quota: tuple[str, str] = ("", "")
    note: tuple[str, str] = ("", "")

    def reason(self, lang: str = "vi") -> str:
        """The decision in words: rank, places, group and how the quota was counted."""
        en = lang == "en"
        pick = 1 if en else 0
        if self.decision == "eligible" and self.rank is None:
            base = "eligible" if en else "đủ điều kiện"
            return f"{base} ({self.note[pick]})" if self.note[pick] else base
        where = self.group_name[pick]
        if en:
            head = (
                "eligible, selected: ranked" if self.decision == "selected" else "eligible, ranked"
            )
            places = (
                f"for {self.places} place{'' if self.places == 1 else 's'}"
                if self.places is not None
                else "(no limit)"
            )
            text = f"{head} {_ordinal(self.rank or 0)} {places} in {where}"
        else:
            head = (
                "đủ điều kiện, được chọn: xếp thứ"
                if self.decision == "selected"
                else ("đủ điều kiện, xếp thứ")
            )
            places = f"cho {self.places} suất" if self.places is not None else "(không giới hạn)"
            text = f"{head} {self.rank} {places} tại {where}"
        if self.quota[pick]:
            text += f" ({'quota' if en else 'chỉ tiêu'}: {self.quota[pick]})"
        if self.decision == "not_selected":
            text += ": not selected" if en else ": không được chọn"
        if self.note[pick]:
            text += f"; {self.note[pick]}"
        return text

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, with the reason in both languages."""
        return {
            "decision": self.decision,
            "rank": self.rank,
            "places": self.places,
            "group": self.group,
            "reason": {"vi": self.reason("vi"), "en": self.reason("en")},
        }


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@dataclass(frozen=True, slots=True)
class _Candidate:
    index: int
    nominee_id: str
    profile: Profile


def _group_of(selection: Selection, profile: Profile, units: Mapping[str, UnitInfo]) -> str | None:
    if selection.group == "all":
        return "*"
    if profile.kind == "unit":
        if selection.group != "cluster":
            return profile.unit_id
        parent = units.get(profile.unit_id) if profile.unit_id else None
        return profile.cluster or (parent.cluster if parent else None)  # a district: its province's
    unit = units.get(profile.unit_id) if profile.unit_id else None
    if selection.group == "unit":
        return profile.unit_id
    if selection.group == "parent_unit":
        return unit.parent_id if unit else None
    return unit.cluster if unit else None


def _group_name(
    selection: Selection, key: str | None, units: Mapping[str, UnitInfo]
) -> tuple[str, str]:
    if key is None:
        return ("(không rõ đơn vị)", "(unit not recorded)")
    if selection.group == "all":
        return ("toàn bộ danh sách", "the whole roster")
    if selection.group == "cluster":
        return (f"cụm thi đua {key}", f"emulation cluster {key}")
    unit = units.get(key)
    name = unit.name if unit else key
    return (name, name)


def _sort_key(selection: Selection, candidate: _Candidate) -> tuple[Any, ...]:
    figures = dict(zip(RANKING_KEYS, candidate.profile.keys, strict=True))
    out: list[Any] = []
    for key in selection.ranking:
        value = figures[key]
        out.extend((value is None, -(value or 0.0)))
    tie = candidate.nominee_id if selection.tie_break == "nominee_id" else candidate.profile.name
    out.append(tie)
    return tuple(out)


def select(
    catalog: Catalog,
    judged: Iterable[Judged],
    year: int,
    *,
    units: Mapping[str, UnitInfo] | None = None,
) -> dict[tuple[int, str], Decision]:
    """Apply every cohort rule to the eligible of ``judged``: ``(index, award_id) -> Decision``.

    Only what the rules need is kept of each record (groups and ranking
    figures of the eligible), so ``judged`` may be a stream. ``units`` names
    the units and their parents and clusters; the roster's own units are used
    as well.
    """
    return select_packed(catalog, (item.packed() for item in judged), year, units=units)


def select_packed(
    catalog: Catalog,
    judged: Iterable[Packed],
    year: int,
    *,
    units: Mapping[str, UnitInfo] | None = None,
) -> dict[tuple[int, str], Decision]:
    """:func:`select` over records as plain tuples (see :meth:`Judged.packed`)."""
    day = dt.date(year, 12, 31)
    index: dict[str, UnitInfo] = dict(units or {})
    eligible: dict[str, list[_Candidate]] = defaultdict(list)
    # the eligible of awards a quota counts, by where they are (kind, unit, cluster):
    # a count per place, not a profile per nominee, so memory stays flat
    counted_by_award: dict[str, Counter[tuple[str, str | None, str | None]]] = defaultdict(Counter)
    units_by_award: dict[str, set[str]] = defaultdict(set)  # units eligible (a head's rule)
    undetermined_units: dict[str, set[str]] = defaultdict(set)
    judged_units: set[str] = set()
    ruled: dict[str, bool] = {}  # award id -> whether its version has a cohort rule
    counted = {  # awards a selection counts (a quota) or requires (a head's unit)
        award
        for v in catalog.in_force_on(day)
        for award in counted_awards(
            v.doc.selection, {name: p.value for name, p in v.doc.parameters.items()}
        )
    }
    for item_index, nominee_id, _, raw_profile, outcomes in judged:
        if raw_profile is None or nominee_id is None:
            continue
        profile: Profile | None = None
        is_unit = raw_profile[0] == "unit"
        if is_unit:
            judged_units.add(nominee_id)
            index.setdefault(nominee_id, UnitInfo(raw_profile[1], raw_profile[2], raw_profile[3]))
        for award_id, _, status, *_ in outcomes:
            if status != "eligible":
                if is_unit and status == "undetermined" and award_id in counted:
                    undetermined_units[award_id].add(nominee_id)  # a head's unit not judged
                continue
            rule = ruled.get(award_id)
            if rule is None:
                rule = ruled[award_id] = catalog.version_on(award_id, day).doc.selection is not None
            if not rule and award_id not in counted:
                continue
            if profile is None:
                profile = Profile._make(raw_profile)
            if award_id in counted:
                counted_by_award[award_id][(profile.kind, profile.unit_id, profile.cluster)] += 1
                if is_unit:
                    units_by_award[award_id].add(nominee_id)
            if rule:
                eligible[award_id].append(_Candidate(item_index, nominee_id, profile))
    decisions: dict[tuple[int, str], Decision] = {}
    for award_id, candidates in eligible.items():
        version = catalog.version_on(award_id, day)
        selection = version.doc.selection
        assert selection is not None
        heads = _HeadsRule.of(
            catalog, version, (units_by_award, undetermined_units), judged_units, index, day
        )
        decisions.update(
            _select_award(
                catalog, version, selection, candidates, counted_by_award, index, day, heads
            )
        )
    return decisions


@dataclass(frozen=True, slots=True)
class _HeadsRule:
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
    ) -> _HeadsRule | None:
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

    def check(self, profile: Profile) -> tuple[bool, tuple[str, str]] | None:
        """``None`` if they head no unit, else whether the unit they lead meets the award, why."""
        if profile.position not in self.rule.positions:
            return None
        unit = profile.head_of
        info = self.units.get(unit) if unit else None
        shown = info.name if info else (unit or "?")
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
        if any(t == self.award or t.startswith(self.award + ".") for t in profile.led_titles):
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


def _select_award(
    catalog: Catalog,
    version: CriteriaVersion,
    selection: Selection,
    candidates: list[_Candidate],
    counted_by_award: Mapping[str, Counter[tuple[str, str | None, str | None]]],
    units: Mapping[str, UnitInfo],
    day: dt.date,
    heads: _HeadsRule | None = None,
) -> dict[tuple[int, str], Decision]:
    parameters = {name: p.value for name, p in version.doc.parameters.items()}
    groups: dict[str | None, list[_Candidate]] = defaultdict(list)
    for candidate in candidates:
        groups[_group_of(selection, candidate.profile, units)].append(candidate)
    reference: dict[str | None, int] = defaultdict(int)
    share = selection.quota.share if selection.quota is not None else None
    if share is not None and isinstance(share.of, ReferenceAward):
        for (subject, unit_id, cluster), n in counted_by_award.get(share.of.award, {}).items():
            where = Profile(subject, "", unit_id, cluster, False, ())
            reference[_group_of(selection, where, units)] += n
    out: dict[tuple[int, str], Decision] = {}
    for key, members in groups.items():
        members.sort(key=lambda c: _sort_key(selection, c))
        name = _group_name(selection, key, units)
        quota_rule = selection.quota
        pending = ("", "")
        if quota_rule is not None and not quota_rule.applies_on(day):
            since = quota_rule.from_.strftime("%d/%m/%Y") if quota_rule.from_ else ""
            pending = (f"chỉ tiêu áp dụng từ {since}", f"the quota applies from {since}")
        if (
            heads is None
            and selection.constraints.per_unit is None
            and (quota_rule is None or pending[0])
        ):  # nothing binds on this day: every candidate stays eligible
            for candidate in members:
                out[(candidate.index, version.id)] = Decision("eligible", note=pending)
            continue
        places: int | None = None
        quota: tuple[str, str] = ("", "")
        leaders_limit: int | None = None
        leaders_text = ("", "")
        if not pending[0]:
            if quota_rule is not None:
                places, quota = _places(
                    catalog, selection, parameters, len(members), reference[key]
                )
            leaders_limit, leaders_text = _leaders_limit(
                selection, parameters, len(members) if places is None else places
            )
        per_unit = selection.constraints.per_unit
        unit_cap = None if per_unit is None else int(resolve_number(per_unit.max, parameters))
        by_unit: dict[str | None, int] = defaultdict(int)
        chosen = leaders = 0
        for rank, candidate in enumerate(members, start=1):
            note = ("", "")
            head = heads.check(candidate.profile) if heads is not None else None
            unit_key = candidate.profile.unit_id
            if places is not None and chosen >= places:
                kind: DecisionKind = "not_selected"
            elif head is not None and not head[0]:
                kind = "not_selected"
                note = head[1]
            elif unit_cap is not None and by_unit[unit_key] >= unit_cap:
                kind = "not_selected"
                unit_name = _unit_name(unit_key, units)
                parent = candidate.profile.kind == "unit"
                note = (
                    f"{unit_name} đã đủ {unit_cap} suất (tối đa {unit_cap} mỗi đơn vị"
                    f"{' cấp trên' if parent else ''})",
                    f"{unit_name} already has its {unit_cap} "
                    f"place{'' if unit_cap == 1 else 's'} (at most {unit_cap} per "
                    f"{'parent unit' if parent else 'unit'})",
                )
            elif (
                candidate.profile.leader and leaders_limit is not None and leaders >= leaders_limit
            ):
                kind = "not_selected"
                note = (
                    f"đã đủ tỷ lệ lãnh đạo, quản lý ({leaders_text[0]})",
                    f"the leaders' share is reached ({leaders_text[1]})",
                )
            else:
                kind = "selected"
                chosen += 1
                leaders += candidate.profile.leader
                by_unit[unit_key] += 1
                if head is not None:
                    note = head[1]
            if pending[0]:
                note = (_join(note[0], pending[0]), _join(note[1], pending[1]))
            if selection.status == "unverified":
                extra = (
                    "chỉ tiêu chưa được đối chiếu văn bản",
                    "quota not yet checked against the text",
                )
                note = (_join(note[0], extra[0]), _join(note[1], extra[1]))
            out[(candidate.index, version.id)] = Decision(
                kind, rank, places, key, name, quota, note
            )
    return out


def _unit_name(key: str | None, units: Mapping[str, UnitInfo]) -> str:
    unit = units.get(key) if key else None
    return unit.name if unit else (key or "?")


def _join(first: str, second: str) -> str:
    return f"{first}; {second}" if first else second


def _places(
    catalog: Catalog,
    selection: Selection,
    parameters: Mapping[str, Any],
    eligible: int,
    reference: int,
) -> tuple[int, tuple[str, str]]:
    quota = selection.quota
    assert quota is not None
    counts: list[int] = []
    vi: list[str] = []
    en: list[str] = []
    if quota.places is not None:
        fixed = int(resolve_number(quota.places, parameters))
        counts.append(fixed)
        vi.append(f"{fixed} suất")
        en.append(f"{fixed} place{'' if fixed == 1 else 's'}")
    if quota.share is not None:
        percent = resolve_number(quota.share.percent, parameters)
        if isinstance(quota.share.of, ReferenceAward):
            base = reference
            award = catalog.award_name(quota.share.of.award)
            of_vi = f"{base} người đạt “{award.vi if award else quota.share.of.award}”"
            of_en = f"{base} meeting “{award.en if award else quota.share.of.award}”"
        else:
            base = eligible
            of_vi, of_en = f"{base} đối tượng đủ điều kiện", f"{base} eligible"
        exact = percent * base / 100
        count = apply_rounding(exact, quota.share.rounding)
        counts.append(count)
        shown = f"{exact:.2f}".rstrip("0").rstrip(".")
        pct = f"{percent:g}"
        words = {
            "down": ("làm tròn xuống", "rounded down"),
            "up": ("làm tròn lên", "rounded up"),
            "nearest": ("làm tròn", "rounded to nearest"),
        }[quota.share.rounding]
        vi.append(f"{pct}% của {of_vi} = {shown}, {words[0]} thành {count}")
        en.append(f"{pct}% of {of_en} = {shown}, {words[1]} to {count}")
    joiner = ("; lấy số nhỏ hơn", "; the smaller applies") if len(counts) > 1 else ("", "")
    return min(counts), (", ".join(vi) + joiner[0], ", ".join(en) + joiner[1])


def _leaders_limit(
    selection: Selection, parameters: Mapping[str, Any], places: int
) -> tuple[int | None, tuple[str, str]]:
    rule = selection.constraints.leaders_share
    if rule is None:
        return None, ("", "")
    percent = resolve_number(rule.max_percent, parameters)
    limit = apply_rounding(percent * places / 100, rule.rounding)
    return limit, (
        f"tối đa {percent:g}% của {places} suất = {limit}",
        f"at most {percent:g}% of {places} places = {limit} leaders and managers",
    )
