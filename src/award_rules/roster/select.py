"""Cohort rules applied: among the eligible of each group, rank, count the places, choose.

For every award whose version has a ``selection`` block, the eligible
candidates are grouped (unit, parent unit, cluster, everyone), ranked by the
stated keys (best first; a figure not recorded ranks last) and the tie-break,
and the places are counted: a number, a share of a reference group rounded as
stated, or the smaller of both (no quota: no limit). Constraints pass
candidates over: a head whose unit does not meet its collective award, a unit
beyond its per-unit cap, leaders and managers beyond their share (rule R4).
Each candidate gets a :class:`Decision` that says why, in Vietnamese and English.

One algorithm, :class:`Selector`, streams: candidates are spooled to temporary
files and ranked a partition of whole groups at a time, and the decisions come
back as a stream in input order (what the review reads). :func:`select` and
:func:`select_packed` collect that stream into a dict.
"""

from __future__ import annotations

import datetime as dt
import heapq
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
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
from .spools import BATCH, Spool

__all__ = ["PARTITION_SIZE", "Decision", "Selector", "UnitInfo", "select", "select_packed"]

DecisionKind = Literal["selected", "not_selected", "eligible"]

PARTITION_SIZE = 25_000
"""Candidates of an award ranked in one go at most, unless a single group is larger."""

MAX_OPEN = 128
"""Partitions of an award, and spools of decisions, open at once at most."""

RUN_BATCH = 250
"""Decisions pickled together: the merge holds a batch of every partition's decisions."""


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


Candidate = tuple[
    tuple[Any, ...],  # the ranking sort key (figures, then the tie-break)
    int,  # the record's position in the stream
    int,  # the record's index
    str,  # kind: "individual" or "unit"
    str | None,  # unit id (a unit's: its parent)
    str | None,  # cluster
    bool,  # leader or manager
    str | None,  # position
    str | None,  # the unit they head
    tuple[str, ...],  # the titles of the unit they head
]
"""An eligible candidate of a ruled award, as spooled: what ranking and constraints need."""

Run = tuple[int, str, int, DecisionKind, int | None, str | None, tuple[str, str]]
"""A decision as spooled: position, award, index, kind, rank, group key, note."""

GroupInfo = tuple[int | None, tuple[str, str], tuple[str, str]]
"""What every decision of a group shares: places, group name, quota text."""


def _group_of(
    selection: Selection,
    kind: str,
    unit_id: str | None,
    cluster: str | None,
    units: Mapping[str, UnitInfo],
) -> str | None:
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


def _sort_key(
    ranking: tuple[int, ...], by_id: bool, nominee_id: str, profile: Profile
) -> tuple[Any, ...]:
    """Best first: each ranking figure (a missing one last), then the tie-break."""
    out: list[Any] = []
    keys = profile.keys
    for position in ranking:
        value = keys[position]
        out.extend((value is None, -(value or 0.0)))
    out.append(nominee_id if by_id else profile.name)
    return tuple(out)


def select(
    catalog: Catalog,
    judged: Iterable[Judged],
    year: int,
    *,
    units: Mapping[str, UnitInfo] | None = None,
) -> dict[tuple[int, str], Decision]:
    """Apply every cohort rule to the eligible of ``judged``: ``(index, award_id) -> Decision``.

    ``judged`` may be a stream: the candidates are spooled as for the review
    (see :class:`Selector`), but the answer is a dict of every decision, so it
    grows with the roster; the review reads the decisions as a stream instead.
    ``units`` names the units and their parents and clusters; the roster's own
    units are used as well.
    """
    return select_packed(catalog, (item.packed() for item in judged), year, units=units)


def select_packed(
    catalog: Catalog,
    judged: Iterable[Packed],
    year: int,
    *,
    units: Mapping[str, UnitInfo] | None = None,
    partition_size: int | None = None,
) -> dict[tuple[int, str], Decision]:
    """:func:`select` over records as plain tuples (see :meth:`Judged.packed`).

    ``partition_size``: see :class:`Selector` (the answer does not depend on it).
    """
    with Selector(catalog, year, units=units, partition_size=partition_size) as selector:
        for item in judged:
            selector.add(item)
        return {(index, award): decision for _, index, award, decision in selector.decisions()}


class Selector:
    """The cohort rules over a stream of judged records, with what grows kept in spools.

    :meth:`add` every record, in stream order; then :meth:`decisions` gives
    every eligible candidate's :class:`Decision`, ordered by the record's
    position in the stream, then award. Memory stays flat however long the
    roster: while records stream in, each eligible candidate of an award with
    a cohort rule is spooled (a small tuple: groups, sort key, what the
    constraints need) and only counts per place and the sets of units the
    heads' rule needs are kept. Then, award by award, the candidates are
    partitioned by group into spools of about ``partition_size`` (only when
    there are more; at most :data:`MAX_OPEN` spools, so beyond some 3 million
    candidates of one award the partitions grow), and one partition at a time
    is loaded, grouped, ranked and decided; its decisions are spooled sorted by
    position, and the spools are merged. A group is always ranked whole, so a
    group larger than a partition (a ``group: all`` award over a huge roster)
    is held in memory entire.
    Use it as a context manager: its temporary files are closed on leaving.
    """

    def __init__(
        self,
        catalog: Catalog,
        year: int,
        *,
        units: Mapping[str, UnitInfo] | None = None,
        partition_size: int | None = None,
    ) -> None:
        self.catalog = catalog
        self.day = dt.date(year, 12, 31)
        self.partition_size = partition_size or PARTITION_SIZE
        self.units: dict[str, UnitInfo] = dict(units or {})
        # the eligible of awards a quota counts, by where they are (kind, unit, cluster):
        # a count per place, not a profile per nominee
        self.counted_by_award: dict[str, Counter[tuple[str, str | None, str | None]]] = defaultdict(
            Counter
        )
        self.units_by_award: dict[str, set[str]] = defaultdict(set)  # units eligible
        self.undetermined_units: dict[str, set[str]] = defaultdict(set)
        self.judged_units: set[str] = set()
        self.counted = {  # awards a selection counts (a quota) or requires (a head's unit)
            award
            for v in catalog.in_force_on(self.day)
            for award in counted_awards(
                v.doc.selection, {name: p.value for name, p in v.doc.parameters.items()}
            )
        }
        # award id -> its cohort rule's ranking (figure positions, by id) or None
        self._ruled: dict[str, tuple[tuple[int, ...], bool] | None] = {}
        self._candidates: dict[str, Spool[Candidate]] = {}
        self._spools: list[Spool[Any]] = []
        self._seen = 0

    def __enter__(self) -> Selector:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        """Close every temporary file (also those of decisions not read yet)."""
        for spool in self._spools:
            spool.close()
        self._spools = []

    def _spool(self, batch: int = BATCH) -> Spool[Any]:
        spool: Spool[Any] = Spool(batch)
        self._spools.append(spool)
        return spool

    def _rule(self, award_id: str) -> tuple[tuple[int, ...], bool] | None:
        selection = self.catalog.version_on(award_id, self.day).doc.selection
        if selection is None:
            return None
        ranking = tuple(RANKING_KEYS.index(key) for key in selection.ranking)
        return ranking, selection.tie_break == "nominee_id"

    def add(self, item: Packed) -> None:
        """Take the next record of the stream: count it, spool its eligible candidates."""
        seq = self._seen
        self._seen += 1
        item_index, nominee_id, _, raw_profile, outcomes = item
        if raw_profile is None or nominee_id is None:
            return
        profile: Profile | None = None
        is_unit = raw_profile[0] == "unit"
        counted = self.counted
        if is_unit:
            self.judged_units.add(nominee_id)
            self.units.setdefault(
                nominee_id, UnitInfo(raw_profile[1], raw_profile[2], raw_profile[3])
            )
        for award_id, _, status, *_ in outcomes:
            if status != "eligible":
                if is_unit and status == "undetermined" and award_id in counted:
                    self.undetermined_units[award_id].add(nominee_id)  # a head's unit not judged
                continue
            if award_id in self._ruled:
                rule = self._ruled[award_id]
            else:
                rule = self._ruled[award_id] = self._rule(award_id)
            if rule is None and award_id not in counted:
                continue
            if profile is None:
                profile = Profile._make(raw_profile)
                # one string per unit, not per record: shared in the spool's batches
                unit_id = _shared(profile.unit_id)
                head_of = _shared(profile.head_of)
            if award_id in counted:
                where = (profile.kind, profile.unit_id, profile.cluster)
                self.counted_by_award[award_id][where] += 1
                if is_unit:
                    self.units_by_award[award_id].add(nominee_id)
            if rule is not None:
                spool = self._candidates.get(award_id)
                if spool is None:
                    spool = self._candidates[award_id] = self._spool()
                spool.append(
                    (
                        _sort_key(rule[0], rule[1], nominee_id, profile),
                        seq,
                        item_index,
                        profile.kind,
                        unit_id,
                        profile.cluster,
                        profile.leader,
                        profile.position,
                        head_of,
                        profile.led_titles,
                    )
                )

    def decisions(self) -> Iterator[tuple[int, int, str, Decision]]:
        """``(position, index, award_id, decision)`` of every candidate, by position then award.

        ``position`` is the record's place in the stream given to :meth:`add`
        (from 0). Call once, after the last :meth:`add`.
        """
        runs: list[Spool[Run]] = []
        infos: dict[tuple[str, str | None], GroupInfo] = {}
        for award_id, candidates in self._candidates.items():
            award = _Award.of(self, award_id)
            for groups in self._partitions(award.selection, candidates):
                out: list[Run] = []
                for key, members in groups.items():
                    infos[(award_id, key)] = award.decide(key, members, out)
                del groups
                out.sort()
                run = self._spool(RUN_BATCH)
                run.extend(out)
                runs.append(run)
                if len(runs) >= MAX_OPEN:  # files open at once: merge what is done into one
                    run = self._spool(RUN_BATCH)
                    run.extend(heapq.merge(*(done.items() for done in runs)))
                    for done in runs:
                        done.close()
                    runs = [run]
            candidates.close()
        for seq, award_id, index, kind, rank, key, note in heapq.merge(
            *(run.items() for run in runs)
        ):
            if kind == "eligible":
                yield seq, index, award_id, Decision("eligible", note=note)
            else:
                places, name, quota = infos[(award_id, key)]
                yield seq, index, award_id, Decision(kind, rank, places, key, name, quota, note)

    def _partitions(
        self, selection: Selection, candidates: Spool[Candidate]
    ) -> Iterator[dict[str | None, list[Candidate]]]:
        """The candidates by group key, a partition at a time (each group whole in one)."""
        units = self.units
        if candidates.count <= self.partition_size:
            yield _grouped(
                (_group_of(selection, c[3], c[4], c[5], units), c) for c in candidates.items()
            )
            return
        count = min(-(-candidates.count // self.partition_size), MAX_OPEN)
        parts: list[Spool[tuple[str | None, Candidate]]] = [self._spool() for _ in range(count)]
        for candidate in candidates.items():
            key = _group_of(selection, candidate[3], candidate[4], candidate[5], units)
            parts[hash(key) % count].append((key, candidate))
        for part in parts:
            yield _grouped(part.items())
            part.close()


def _shared(text: str | None) -> str | None:
    return None if text is None else sys.intern(text)


def _grouped(keyed: Iterable[tuple[str | None, Candidate]]) -> dict[str | None, list[Candidate]]:
    groups: dict[str | None, list[Candidate]] = defaultdict(list)
    for key, candidate in keyed:
        groups[key].append(candidate)
    return groups


@dataclass(frozen=True, slots=True)
class _Award:
    """One ruled award's cohort rule on the day, ready to decide its groups."""

    catalog: Catalog
    id: str
    selection: Selection
    parameters: Mapping[str, Any]
    units: Mapping[str, UnitInfo]
    reference: Mapping[str | None, int]
    heads: _HeadsRule | None
    pending: tuple[str, str]
    """Why the quota does not bind yet (empty when it does)."""
    notes: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    """Each note once (they recur: by unit, by rule), however many candidates it is for."""

    @classmethod
    def of(cls, selector: Selector, award_id: str) -> _Award:
        """The award's rule with the counts the stream gave ``selector``."""
        catalog, day, units = selector.catalog, selector.day, selector.units
        version = catalog.version_on(award_id, day)
        selection = version.doc.selection
        assert selection is not None
        heads = _HeadsRule.of(
            catalog,
            version,
            (selector.units_by_award, selector.undetermined_units),
            selector.judged_units,
            units,
            day,
        )
        reference: dict[str | None, int] = defaultdict(int)
        share = selection.quota.share if selection.quota is not None else None
        if share is not None and isinstance(share.of, ReferenceAward):
            counts = selector.counted_by_award.get(share.of.award, Counter())
            for (subject, unit_id, cluster), n in counts.items():
                reference[_group_of(selection, subject, unit_id, cluster, units)] += n
        quota_rule = selection.quota
        pending = ("", "")
        if quota_rule is not None and not quota_rule.applies_on(day):
            since = quota_rule.from_.strftime("%d/%m/%Y") if quota_rule.from_ else ""
            pending = (f"chỉ tiêu áp dụng từ {since}", f"the quota applies from {since}")
        parameters = {name: p.value for name, p in version.doc.parameters.items()}
        return cls(catalog, version.id, selection, parameters, units, reference, heads, pending)

    def decide(self, key: str | None, members: list[Candidate], out: list[Run]) -> GroupInfo:
        """Rank one whole group, append each member's decision to ``out``; the group's info."""
        members.sort()  # the sort key, then the position in the stream
        selection, units, pending, heads = self.selection, self.units, self.pending, self.heads
        name = _group_name(selection, key, units)
        quota_rule = selection.quota
        award_id = self.id
        if (
            heads is None
            and selection.constraints.per_unit is None
            and (quota_rule is None or pending[0])
        ):  # nothing binds on this day: every candidate stays eligible
            for candidate in members:
                out.append((candidate[1], award_id, candidate[2], "eligible", None, None, pending))
            return None, name, ("", "")
        places: int | None = None
        quota: tuple[str, str] = ("", "")
        leaders_limit: int | None = None
        leaders_text = ("", "")
        if not pending[0]:
            if quota_rule is not None:
                places, quota = _places(
                    self.catalog, selection, self.parameters, len(members), self.reference[key]
                )
            leaders_limit, leaders_text = _leaders_limit(
                selection, self.parameters, len(members) if places is None else places
            )
        per_unit = selection.constraints.per_unit
        unit_cap = None if per_unit is None else int(resolve_number(per_unit.max, self.parameters))
        by_unit: dict[str | None, int] = defaultdict(int)
        notes = self.notes
        chosen = leaders = 0
        for rank, candidate in enumerate(members, start=1):
            _, seq, index, kind_of, unit_key, _, leader, position, head_of, led_titles = candidate
            note = ("", "")
            head = heads.check(position, head_of, led_titles) if heads is not None else None
            if places is not None and chosen >= places:
                kind: DecisionKind = "not_selected"
            elif head is not None and not head[0]:
                kind = "not_selected"
                note = head[1]
            elif unit_cap is not None and by_unit[unit_key] >= unit_cap:
                kind = "not_selected"
                unit_name = _unit_name(unit_key, units)
                parent = kind_of == "unit"
                note = (
                    f"{unit_name} đã đủ {unit_cap} suất (tối đa {unit_cap} mỗi đơn vị"
                    f"{' cấp trên' if parent else ''})",
                    f"{unit_name} already has its {unit_cap} "
                    f"place{'' if unit_cap == 1 else 's'} (at most {unit_cap} per "
                    f"{'parent unit' if parent else 'unit'})",
                )
            elif leader and leaders_limit is not None and leaders >= leaders_limit:
                kind = "not_selected"
                note = (
                    f"đã đủ tỷ lệ lãnh đạo, quản lý ({leaders_text[0]})",
                    f"the leaders' share is reached ({leaders_text[1]})",
                )
            else:
                kind = "selected"
                chosen += 1
                leaders += leader
                by_unit[unit_key] += 1
                if head is not None:
                    note = head[1]
            if pending[0]:
                note = (_join(note[0], pending[0]), _join(note[1], pending[1]))
            if selection.status == "unverified":
                note = (_join(note[0], _UNCHECKED[0]), _join(note[1], _UNCHECKED[1]))
            out.append((seq, award_id, index, kind, rank, key, notes.setdefault(note, note)))
        return places, name, quota


_UNCHECKED = ("chỉ tiêu chưa được đối chiếu văn bản", "quota not yet checked against the text")


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

    def check(
        self, position: str | None, head_of: str | None, led_titles: tuple[str, ...]
    ) -> tuple[bool, tuple[str, str]] | None:
        """``None`` if they head no unit, else whether the unit they lead meets the award, why.

        ``position``, ``head_of`` and ``led_titles`` are the candidate's (see :class:`Profile`).
        """
        if position not in self.rule.positions:
            return None
        unit = head_of
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
