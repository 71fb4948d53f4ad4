"""One ruled award's cohort rule: rank each whole group of its candidates and decide each one."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..catalog import Catalog
from ..criteria.selection import ReferenceAward, Selection, resolve_number
from .decision import DecisionKind
from .groups import UnitInfo, group_name, group_of, unit_name
from .heads import HeadsRule
from .judge import Profile
from .quotas import UNCHECKED, count_places, leaders_full, leaders_limit, quota_pending, unit_full

__all__ = ["Award", "Candidate", "GroupInfo", "Run", "Where", "sort_key"]

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

Where = tuple[str, str | None, str | None]
"""Where an eligible nominee is, as a quota's reference counts them: kind, unit id, cluster."""


def sort_key(
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


@dataclass(frozen=True, slots=True)
class Award:
    """One ruled award's cohort rule on the day, ready to decide its groups."""

    catalog: Catalog
    id: str
    selection: Selection
    parameters: Mapping[str, Any]
    units: Mapping[str, UnitInfo]
    reference: Mapping[str | None, int]
    heads: HeadsRule | None
    pending: tuple[str, str]
    """Why the quota does not bind yet (empty when it does)."""
    notes: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    """Each note once (they recur: by unit, by rule), however many candidates it is for."""

    @classmethod
    def of(
        cls,
        catalog: Catalog,
        award_id: str,
        day: dt.date,
        units: Mapping[str, UnitInfo],
        counted: Mapping[str, Counter[Where]],
        outcomes: tuple[Mapping[str, set[str]], Mapping[str, set[str]]],
        judged_units: set[str],
    ) -> Award:
        """The award's rule on ``day`` with what the stream counted.

        ``counted``: where the eligible of each award a quota counts are;
        ``outcomes``: the units eligible, and undetermined, for each award;
        ``judged_units``: every unit of the roster.
        """
        version = catalog.version_on(award_id, day)
        selection = version.doc.selection
        assert selection is not None
        heads = HeadsRule.of(catalog, version, outcomes, judged_units, units, day)
        reference: dict[str | None, int] = defaultdict(int)
        share = selection.quota.share if selection.quota is not None else None
        if share is not None and isinstance(share.of, ReferenceAward):
            for (subject, unit_id, cluster), n in counted.get(share.of.award, Counter()).items():
                reference[group_of(selection, subject, unit_id, cluster, units)] += n
        parameters = {name: p.value for name, p in version.doc.parameters.items()}
        return cls(
            catalog,
            version.id,
            selection,
            parameters,
            units,
            reference,
            heads,
            quota_pending(selection.quota, day),
        )

    def decide(self, key: str | None, members: list[Candidate], out: list[Run]) -> GroupInfo:
        """Rank one whole group, append each member's decision to ``out``; the group's info."""
        members.sort()  # the sort key, then the position in the stream
        selection, units, pending, heads = self.selection, self.units, self.pending, self.heads
        name = group_name(selection, key, units)
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
        limit: int | None = None
        leaders_text = ("", "")
        if not pending[0]:
            if quota_rule is not None:
                places, quota = count_places(
                    self.catalog, selection, self.parameters, len(members), self.reference[key]
                )
            limit, leaders_text = leaders_limit(
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
                note = unit_full(unit_name(unit_key, units), unit_cap, kind_of == "unit")
            elif leader and limit is not None and leaders >= limit:
                kind = "not_selected"
                note = leaders_full(leaders_text)
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
                note = (_join(note[0], UNCHECKED[0]), _join(note[1], UNCHECKED[1]))
            out.append((seq, award_id, index, kind, rank, key, notes.setdefault(note, note)))
        return places, name, quota


def _join(first: str, second: str) -> str:
    return f"{first}; {second}" if first else second
