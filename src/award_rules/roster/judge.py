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

import collections
import datetime as dt
import multiprocessing
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from ..catalog import Catalog
from ..criteria.loader import CriteriaVersion
from ..criteria.selection import RANKING_KEYS, counted_awards
from ..errors import NomineeError
from ..model import Individual, Position, Unit
from ..verdict import Status
from .entries import Entry, Problem, RawLine
from .outcomes import Outcomes
from .readers import parse_line

__all__ = [
    "AwardOutcome",
    "Judged",
    "Packed",
    "Profile",
    "applicable_versions",
    "judge",
    "judge_entry",
    "judge_packed",
]


class AwardOutcome(NamedTuple):
    """A nominee's verdict for one award, kept small: status and the deciding ids.

    A named tuple (as :class:`Profile`): millions are made, pickled and read back.
    """

    award_id: str
    owner: str
    status: Status
    failed: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    unverified: bool = False


class Profile(NamedTuple):
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

    def __reduce__(self) -> tuple[Any, ...]:
        return (Judged.unpack, (self.packed(),))

    def packed(self) -> Packed:
        """Plain tuples: what workers send back and the review spools (quick to pickle)."""
        profile = None if self.profile is None else tuple(self.profile)
        outcomes = tuple(tuple(o) for o in self.outcomes)
        return (self.index, self.nominee_id, self.problems, profile, outcomes)

    @classmethod
    def unpack(cls, packed: Packed) -> Judged:
        """The record back from :meth:`packed`."""
        index, nominee_id, problems, profile, outcomes = packed
        return cls(
            index,
            nominee_id,
            problems,
            None if profile is None else Profile._make(profile),
            tuple(AwardOutcome._make(o) for o in outcomes),
        )


Packed = tuple[
    int, str | None, tuple[Problem, ...], tuple[Any, ...] | None, tuple[tuple[Any, ...], ...]
]
"""A :class:`Judged` as plain tuples: index, nominee id, problems, profile, outcomes."""


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


class _Judge:
    """Judges records for chosen versions on 31 December of a year (one per review)."""

    def __init__(self, catalog: Catalog, year: int, versions: Sequence[CriteriaVersion]) -> None:
        self.year = year
        self.admit = catalog.admit
        self.outcomes = Outcomes(catalog, year_end(year), year, versions)

    def __call__(self, entry: Entry | RawLine) -> Judged:
        return Judged.unpack(self.packed(entry))

    def packed(self, entry: Entry | RawLine) -> Packed:
        """The record judged, as plain tuples (see :meth:`Judged.packed`)."""
        if isinstance(entry, RawLine):
            entry = parse_line(entry)
        nominee = entry.nominee
        if nominee is None:
            return (entry.index, entry.nominee_id, entry.problems, None, ())
        try:
            nominee = self.admit(nominee)  # award ids and extensions the catalog knows
        except NomineeError as refused:
            return (entry.index, entry.nominee_id, entry.problems_of(refused.diagnostics), None, ())
        outcomes = tuple(self.outcomes.judge(nominee))
        return (entry.index, nominee.id, (), tuple(profile_of(nominee, self.year)), outcomes)


def judge_entry(
    catalog: Catalog, entry: Entry | RawLine, year: int, versions: Sequence[CriteriaVersion]
) -> Judged:
    """Judge one record for every version that fits its kind (a raw line is parsed first).

    To judge many records, :func:`judge` is quicker: it plans the versions once.
    """
    return _Judge(catalog, year, versions)(entry)


_WORKER: _Judge | None = None

Chunk = tuple[str, list["Entry | tuple[int, int, str]"]]
"""What a worker is sent: the source and its records, JSON Lines as ``(index, line, text)``."""


def _work(chunk: Chunk) -> list[Packed]:
    assert _WORKER is not None
    source, items = chunk
    packed = _WORKER.packed
    return [
        packed(RawLine(item[0], source, item[1], item[2]) if isinstance(item, tuple) else item)
        for item in items
    ]


def judge(
    catalog: Catalog,
    entries: Iterable[Entry | RawLine],
    year: int,
    versions: Sequence[CriteriaVersion] | None = None,
    *,
    workers: int = 1,
    batch: int = 500,
) -> Iterator[Judged]:
    """Judge every entry, yielding results in input order as they are ready.

    Pass ``roster.records()`` rather than the roster itself with ``workers > 1``
    so that JSON Lines are parsed in the workers too. ``batch`` records go to
    a worker at a time.
    """
    for packed in judge_packed(catalog, entries, year, versions, workers=workers, batch=batch):
        yield Judged.unpack(packed)


def judge_packed(
    catalog: Catalog,
    entries: Iterable[Entry | RawLine],
    year: int,
    versions: Sequence[CriteriaVersion] | None = None,
    *,
    workers: int = 1,
    batch: int = 500,
) -> Iterator[Packed]:
    """:func:`judge`, each record as plain tuples (what the review works on)."""
    chosen = list(versions) if versions is not None else applicable_versions(catalog, year)
    judging = _Judge(catalog, year, chosen)
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        packed = judging.packed
        for entry in entries:
            yield packed(entry)
        return
    yield from _judge_parallel(judging, entries, workers, batch)


def _judge_parallel(
    judging: _Judge, entries: Iterable[Entry | RawLine], workers: int, batch: int
) -> Iterator[Packed]:
    """Chunks go to forked workers, a few per worker in flight (memory stays flat).

    JSON Lines travel as their text and come back as plain tuples.
    """
    global _WORKER
    _WORKER = judging  # inherited by the forked workers
    context = multiprocessing.get_context("fork")
    in_flight = workers * 3
    try:
        with context.Pool(workers) as pool:
            pending: collections.deque[Any] = collections.deque()
            for chunk in _chunks(entries, batch):
                pending.append(pool.apply_async(_work, (chunk,)))
                if len(pending) >= in_flight:
                    yield from pending.popleft().get()
            while pending:
                yield from pending.popleft().get()
    finally:
        _WORKER = None


def _chunks(entries: Iterable[Entry | RawLine], size: int) -> Iterator[Chunk]:
    """Records in chunks of ``size``, raw lines reduced to their index, number and text."""
    items: list[Entry | tuple[int, int, str]] = []
    source = ""
    for entry in entries:
        if isinstance(entry, RawLine) and entry.fault:
            entry = parse_line(entry)  # a line that could not be read: its problem, made here
        if isinstance(entry, RawLine):
            if items and entry.source != source:
                yield source, items
                items = []
            source = entry.source
            items.append((entry.index, entry.line, entry.text))
        else:
            items.append(entry)
        if len(items) >= size:
            yield source, items
            items = []
    if items:
        yield source, items
