"""Judge a stream of nominees for every award that applies to each, one result at a time.

Which awards apply: the versions in force on 31 December of the year, whose
subject is the nominee's kind (or ``any``), that are not preconditions (those
are judged through the awards that reference them), year-end titles only
unless awards are named. Each nominee becomes a small :class:`Judged` (the
statuses, failed and missing condition ids, and the figures cohort rules rank
by), never a list of full verdicts, so memory stays flat however long the roster.
With ``workers > 1`` nominees are judged in worker processes, in batches, and
come back in input order.
"""

from __future__ import annotations

import datetime as dt
import itertools
import multiprocessing
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from ..catalog import Catalog
from ..criteria.loader import CriteriaVersion
from ..criteria.selection import RANKING_KEYS, counted_awards
from ..errors import NomineeError
from ..model import Individual, Position, Unit
from ..verdict import Status
from .entries import Entry, Problem, RawLine

__all__ = [
    "AwardOutcome",
    "Judged",
    "Profile",
    "applicable_versions",
    "judge",
    "judge_entry",
]


@dataclass(frozen=True, slots=True)
class AwardOutcome:
    """A nominee's verdict for one award, kept small: status and the deciding ids."""

    award_id: str
    owner: str
    status: Status
    failed: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    unverified: bool = False


@dataclass(frozen=True, slots=True)
class Profile:
    """What cohort rules need of a nominee for the year: groups and ranking figures."""

    kind: str
    name: str
    unit_id: str | None
    """An individual's unit; a unit's parent unit."""
    cluster: str | None
    leader: bool
    keys: tuple[float | None, ...]
    """One figure per :data:`RANKING_KEYS`, ``None`` when not recorded."""
    position: str | None = None
    """An individual's position (``leader``, ``manager``, ``staff``)."""
    head_of: str | None = None
    """The unit an individual leads in the year: their ``led_units`` record's, else their own."""
    led_titles: tuple[str, ...] = ()
    """The titles their ``led_units`` record gives the led unit for the year."""


@dataclass(frozen=True, slots=True)
class Judged:
    """One roster record judged: its outcomes, or the problems that rejected it."""

    index: int
    nominee_id: str | None
    problems: tuple[Problem, ...] = ()
    profile: Profile | None = None
    outcomes: tuple[AwardOutcome, ...] = ()

    @property
    def rejected(self) -> bool:
        return self.profile is None


def year_end(year: int) -> dt.date:
    """31 December of ``year``: the day year-end titles are judged on."""
    return dt.date(year, 12, 31)


def applicable_versions(
    catalog: Catalog, year: int, awards: Sequence[str] | None = None
) -> list[CriteriaVersion]:
    """The versions a review of ``year`` judges, plus the awards their quotas count."""
    day = year_end(year)
    in_force = {v.id: v for v in catalog.in_force_on(day)}
    if awards is not None:
        for award_id in awards:
            catalog.version_on(award_id, day)  # unknown or not in force: a located error
        chosen = [in_force[a] for a in awards]
    else:
        chosen = [
            v for v in in_force.values() if v.doc.annual and not catalog.is_precondition(v.id)
        ]
    names = {v.id for v in chosen}
    for version in list(chosen):
        parameters = {name: p.value for name, p in version.doc.parameters.items()}
        for award_id in counted_awards(version.doc.selection, parameters):
            if award_id not in names:
                chosen.append(catalog.version_on(award_id, day))
                names.add(award_id)
    return chosen



def profile_of(nominee: Individual | Unit, year: int) -> Profile:
    """The groups and ranking figures of ``nominee`` for ``year``."""
    figures: dict[str, float | None] = dict.fromkeys(RANKING_KEYS)
    if isinstance(nominee, Individual):
        rating = nominee.rating_for(year)
        if rating is not None:
            figures["votes"] = rating.votes
            figures["score"] = rating.score
            figures["rating"] = rating.level.rank
        if nominee.position is not None:
            figures["direct_staff"] = float(nominee.position is Position.STAFF)
        leader = nominee.position in (Position.LEADER, Position.MANAGER)
        led = nominee.led_unit_for(year)
        return Profile(
            "individual",
            nominee.full_name,
            nominee.unit_id,
            None,
            leader,
            tuple(figures[k] for k in RANKING_KEYS),
            nominee.position.value if nominee.position is not None else None,
            led.unit_id if led is not None else nominee.unit_id,
            led.titles if led is not None else (),
        )
    result = nominee.result_for(year)
    if result is not None:
        figures["votes"] = result.votes
        figures["score"] = result.score
        figures["plan_completion"] = result.plan_completion_pct
    figures["small_collective"] = float(nominee.is_small_collective)
    figures["remote_area"] = float(nominee.remote_area)
    return Profile(
        "unit",
        nominee.name,
        nominee.parent_id,
        nominee.cluster,
        False,
        tuple(figures[k] for k in RANKING_KEYS),
    )


def judge_entry(
    catalog: Catalog, entry: Entry | RawLine, year: int, versions: Sequence[CriteriaVersion]
) -> Judged:
    """Judge one record for every version that fits its kind (a raw line is parsed first)."""
    if isinstance(entry, RawLine):
        entry = entry.entry()
    nominee = entry.nominee
    if nominee is None:
        return Judged(entry.index, entry.nominee_id, entry.problems)
    try:
        nominee = catalog.admit(nominee)  # award ids and extensions the catalog knows
    except NomineeError as refused:
        return Judged(entry.index, entry.nominee_id, entry.problems_of(refused.diagnostics))
    day = year_end(year)
    outcomes = []
    for version in versions:
        if version.doc.subject not in (nominee.kind, "any"):
            continue
        verdict = catalog.evaluate(nominee, version.id, day, year=year)
        outcomes.append(
            AwardOutcome(
                version.id,
                version.owner,
                verdict.status,
                tuple(verdict.failed) if verdict.status == "ineligible" else (),
                tuple(verdict.missing) if verdict.status == "undetermined" else (),
                bool(verdict.unverified),
            )
        )
    return Judged(entry.index, nominee.id, (), profile_of(nominee, year), tuple(outcomes))


_WORKER: tuple[Catalog, int, list[CriteriaVersion]] | None = None


def _work(entries: list[Entry | RawLine]) -> list[Judged]:
    assert _WORKER is not None
    catalog, year, versions = _WORKER
    return [judge_entry(catalog, e, year, versions) for e in entries]


def judge(
    catalog: Catalog,
    entries: Iterable[Entry | RawLine],
    year: int,
    versions: Sequence[CriteriaVersion] | None = None,
    *,
    workers: int = 1,
    batch: int = 2000,
) -> Iterator[Judged]:
    """Judge every entry, yielding results in input order as they are ready.

    Pass ``roster.records()`` rather than the roster itself with ``workers > 1``
    so that JSON Lines are parsed in the workers too.
    """
    chosen = list(versions) if versions is not None else applicable_versions(catalog, year)
    if workers <= 1:
        for entry in entries:
            yield judge_entry(catalog, entry, year, chosen)
        return
    yield from _judge_parallel(catalog, entries, year, chosen, workers, batch)


def _judge_parallel(
    catalog: Catalog,
    entries: Iterable[Entry | RawLine],
    year: int,
    versions: list[CriteriaVersion],
    workers: int,
    batch: int,
) -> Iterator[Judged]:
    """Batches go to forked workers; at most two batches are in flight (memory stays flat)."""
    global _WORKER
    if "fork" not in multiprocessing.get_all_start_methods():  # pragma: no cover - Windows
        for entry in entries:
            yield judge_entry(catalog, entry, year, versions)
        return
    _WORKER = (catalog, year, versions)  # inherited by the forked workers
    context = multiprocessing.get_context("fork")
    iterator = iter(entries)
    chunk = max(1, batch // (workers * 4))

    def next_batch() -> list[Entry | RawLine]:
        return list(itertools.islice(iterator, batch))

    try:
        with context.Pool(workers) as pool:
            current = next_batch()
            pending = pool.map_async(_work, _split(current, chunk)) if current else None
            while pending is not None:
                upcoming = next_batch()
                following = pool.map_async(_work, _split(upcoming, chunk)) if upcoming else None
                for part in pending.get():
                    yield from part
                pending = following
    finally:
        _WORKER = None


def _split(items: list[Entry | RawLine], size: int) -> list[list[Entry | RawLine]]:
    return [items[i : i + size] for i in range(0, len(items), size)]
