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
:func:`select_packed` collect that stream into a dict. Ranking and deciding one
award's groups is :mod:`.ranking`'s job, with :mod:`.groups`, :mod:`.quotas`
and :mod:`.heads`; :class:`Decision` is in :mod:`.decision`.
"""

from __future__ import annotations

import datetime as dt
import heapq
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ..catalog import Catalog
from ..criteria.selection import RANKING_KEYS, Selection, counted_awards
from .decision import Decision
from .groups import UnitInfo, group_of
from .judge import Judged, Packed, Profile
from .ranking import Award, Candidate, GroupInfo, Run, Where, sort_key
from .spools import BATCH, Spool

__all__ = ["PARTITION_SIZE", "Decision", "Selector", "UnitInfo", "select", "select_packed"]

PARTITION_SIZE = 25_000
"""Candidates of an award ranked in one go at most, unless a single group is larger."""

MAX_OPEN = 128
"""Partitions of an award, and spools of decisions, open at once at most."""

RUN_BATCH = 250
"""Decisions pickled together: the merge holds a batch of every partition's decisions."""


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
        self.counted_by_award: dict[str, Counter[Where]] = defaultdict(Counter)
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
                        sort_key(rule[0], rule[1], nominee_id, profile),
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
            award = Award.of(
                self.catalog,
                award_id,
                self.day,
                self.units,
                self.counted_by_award,
                (self.units_by_award, self.undetermined_units),
                self.judged_units,
            )
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
                (group_of(selection, c[3], c[4], c[5], units), c) for c in candidates.items()
            )
            return
        count = min(-(-candidates.count // self.partition_size), MAX_OPEN)
        parts: list[Spool[tuple[str | None, Candidate]]] = [self._spool() for _ in range(count)]
        for candidate in candidates.items():
            key = group_of(selection, candidate[3], candidate[4], candidate[5], units)
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
