"""Evaluation, the second half of the pipeline: compiled versions in, verdicts out.

- :class:`CompiledVersion`: a criteria version compiled once, into a runner that
  records the result tree and a status-only check (see :mod:`.compile`);
- :class:`VersionIndex`: every award's compiled versions, and **planning** which
  version applies on which date for which year (:meth:`VersionIndex.plan`);
- :func:`prepare`: the evaluation context for a validated nominee (derived facts
  may be shared by every award judged for that nominee and date);
- :func:`judge` and :func:`status`: run the compiled tree and build the
  :class:`~.verdict.Verdict`, or only tell the status;
- references (``meets_criteria``) resolve through the index, and the earliest
  date on which waiting would suffice is searched lazily (:mod:`.earliest`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

from .compile import Holds, Runner, compile_holds, compile_node
from .context import Context
from .criteria.loader import CriteriaVersion
from .errors import NotInForceError, SubjectMismatchError, UnknownAwardError
from .facts import FactCache
from .model import Individual, Unit
from .nominees import parse_nominee
from .request import MAX_YEAR, MIN_YEAR, checked_as_of, checked_award_id, checked_year
from .results import NodeResult
from .verdict import STATUS_OF, Status, Verdict

__all__ = [
    "CompiledVersion",
    "Plan",
    "VersionIndex",
    "as_reference",
    "contexts",
    "judge",
    "plan_for",
    "prepare",
    "status",
    "statuses",
    "verdict_for",
]


PLANS_KEPT = 4096
"""Plans remembered per index (award, date, year): the same few dates recur in a batch."""
FIRST_DAY, LAST_DAY = dt.date(MIN_YEAR, 1, 1), dt.date(MAX_YEAR, 12, 31)
"""The days the library judges (see :mod:`.request`)."""
KIND_OF: dict[type, str] = {Individual: "individual", Unit: "unit"}
"""A nominee's kind by its class (a model's attributes are slow to read)."""


@dataclass(frozen=True, slots=True)
class CompiledVersion:
    """A criteria version with its compiled runner and status-only check.

    ``reads_award_id`` is true when a leaf (here or in criteria it references)
    reads the award judged at the top: the status is then remembered per award.
    """

    version: CriteriaVersion
    run: Runner
    check: Holds
    reads_award_id: bool = True
    referenced: bool = True
    """Whether some criteria reference this award (then its status is remembered)."""
    owner: str = ""
    """``version.owner``, kept (the property formats it on every call)."""
    subject: str = "any"
    """Whom the criteria judge (``individual``, ``unit`` or ``any``), kept."""

    @classmethod
    def of(cls, version: CriteriaVersion) -> CompiledVersion:
        """Compile ``version`` (both forms)."""
        owner = version.owner
        return cls(
            version,
            compile_node(version.root, owner),
            compile_holds(version.root),
            owner=owner,
            subject=version.doc.subject,
        )

    def reference(self, ctx: Context) -> NodeResult:
        """The result tree of these criteria as referenced from another award."""
        return as_reference(self.run(ctx), self.version)

    def holds(self, ctx: Context) -> bool | None:
        """Whether these criteria hold in ``ctx`` (nothing recorded).

        Remembered in ``ctx.facts`` when other criteria reference these, so
        awards judged for the same nominee and date check them once.
        """
        if not self.referenced:
            return self.check(ctx)
        key = (
            "holds",
            self.owner,
            ctx.as_of,
            ctx.year,
            ctx.award_id if self.reads_award_id else None,
        )
        return ctx.facts.get(key, self.check, ctx)


def as_reference(result: NodeResult, version: CriteriaVersion) -> NodeResult:
    """A referenced criteria's root, titled and cited as the referenced award."""
    if result.kind == "check":
        return result
    doc = version.doc
    return NodeResult(
        id=None,
        kind=result.kind,
        passed=result.passed,
        children=result.children,
        source=doc.source,
        title=result.title or doc.name,
    )


@dataclass(frozen=True, slots=True)
class Plan:
    """Which compiled version applies, judged on which date, for which year under review."""

    compiled: CompiledVersion
    as_of: dt.date
    year: int

    @property
    def version(self) -> CriteriaVersion:
        return self.compiled.version


class VersionIndex:
    """Every award's compiled criteria versions, oldest first, and which one applies."""

    def __init__(self, versions: Iterable[CriteriaVersion]) -> None:
        grouped: dict[str, list[CompiledVersion]] = defaultdict(list)
        for version in versions:
            grouped[version.id].append(CompiledVersion.of(version))
        self._by_id = {
            award_id: sorted(vs, key=lambda c: c.version.doc.in_force.from_)
            for award_id, vs in sorted(grouped.items())
        }
        readers = _award_id_readers(self._by_id)
        referenced = {
            award_id
            for vs in self._by_id.values()
            for c in vs
            for leaf in c.version.leaves()
            for award_id in leaf.predicate.referenced_criteria(leaf.args)
        }
        self._by_id = {
            award_id: [
                replace(c, reads_award_id=c.owner in readers, referenced=award_id in referenced)
                for c in vs
            ]
            for award_id, vs in self._by_id.items()
        }
        self.by_owner: Mapping[str, CriteriaVersion] = {
            c.version.owner: c.version for vs in self._by_id.values() for c in vs
        }
        self._plans: dict[tuple[str, dt.date, int | None, bool], Plan] = {}
        self._last: tuple[object, object, object, Plan | None] = (None, None, None, None)
        """The last question :meth:`planned` answered, as the very objects asked with."""
        self._applicable: dict[
            tuple[str, dt.date, int | None, bool], tuple[tuple[str, Plan], ...]
        ] = {}

    def ids(self) -> list[str]:
        """Every award id with criteria, sorted."""
        return list(self._by_id)

    def __contains__(self, award_id: object) -> bool:
        return award_id in self._by_id

    def compiled(self, award_id: str) -> list[CompiledVersion]:
        """Every compiled version of an award, oldest first."""
        try:
            return self._by_id[award_id]
        except KeyError:
            raise UnknownAwardError(award_id, self._by_id) from None

    def on(self, award_id: str, day: dt.date) -> CompiledVersion:
        """The compiled version in force on ``day``."""
        compiled = self.compiled(award_id)
        for candidate in compiled:
            if candidate.version.doc.in_force.covers(day):
                return candidate
        ranges = "; ".join(str(c.version.doc.in_force) for c in compiled)
        raise NotInForceError(
            f"no version of {award_id!r} is in force on {day.isoformat()} (versions: {ranges})"
        )

    def is_annual(self, award_id: str) -> bool:
        """Whether the award is judged for a year (``annual: true``; all versions agree)."""
        return self.compiled(award_id)[-1].version.doc.annual

    def plan(self, award_id: str, as_of: dt.date | None, year: int | None) -> Plan:
        """Which version applies, on which date, for which year under review.

        An annual award (``annual: true``) is judged for ``year`` (default: the
        year of ``as_of``, else this year) with the version in force on
        31 December of that year, as of ``as_of`` (default 31 December). Other
        awards use the version in force on ``as_of`` (default today).
        """
        day = as_of or dt.date.today()
        key = (award_id, day, year, as_of is None)
        found = self._plans.get(key)
        if found is None:
            found = self._plan(award_id, as_of, year, day)
            if len(self._plans) >= PLANS_KEPT:
                self._plans.clear()
            self._plans[key] = found
        return found

    def planned(self, award_id: object, as_of: object, year: object) -> Plan | None:
        """The plan of exactly these arguments if they were planned before, else ``None``.

        The fast path of a question asked again (a date as a ``date`` in the
        judged years, a year as an ``int`` or ``None``): nothing to check that
        the first asking did not check. The same objects as the last time are
        answered without even a lookup (a loop judging many nominees).
        """
        last = self._last
        if last[0] is award_id and last[1] is as_of and last[2] is year:
            return last[3]
        if (
            type(as_of) is dt.date
            and FIRST_DAY <= as_of <= LAST_DAY
            and (year is None or type(year) is int)
        ):
            key: Any = (award_id, as_of, year, False)  # as :meth:`plan` keys it, if it did
            try:
                found = self._plans.get(key)
            except TypeError:  # an unhashable award id: the checks will say so
                return None
            if found is not None:
                self._last = (award_id, as_of, year, found)
            return found
        return None

    def _plan(self, award_id: str, as_of: dt.date | None, year: int | None, day: dt.date) -> Plan:
        if self.is_annual(award_id):
            the_year = year or day.year
            year_end = dt.date(the_year, 12, 31)
            return Plan(self.on(award_id, year_end), as_of or year_end, the_year)
        return Plan(self.on(award_id, day), day, year or day.year)

    def applicable(self, kind: str, as_of: dt.date | None, year: int | None) -> tuple[str, ...]:
        """Award ids for a nominee of ``kind`` with a version that applies (see :meth:`plan`)."""
        return tuple(award_id for award_id, _ in self.applicable_plans(kind, as_of, year))

    def applicable_plans(
        self, kind: str, as_of: dt.date | None, year: int | None
    ) -> tuple[tuple[str, Plan], ...]:
        """Each award applicable to a nominee of ``kind`` with its plan, by id.

        Remembered per kind, date and year, as plans are.
        """
        key = (kind, as_of or dt.date.today(), year, as_of is None)
        found = self._applicable.get(key)
        if found is None:
            found = tuple(self._applicable_to(kind, as_of, year))
            if len(self._applicable) >= PLANS_KEPT:
                self._applicable.clear()
            self._applicable[key] = found
        return found

    def _applicable_to(
        self, kind: str, as_of: dt.date | None, year: int | None
    ) -> Iterator[tuple[str, Plan]]:
        for award_id in self._by_id:
            try:
                plan = self.plan(award_id, as_of, year)
            except NotInForceError:
                continue
            if plan.version.doc.subject in ("any", kind):
                yield award_id, plan

    def resolve(self, award_id: str, as_of: dt.date, year: int) -> CompiledVersion:
        """The compiled version a reference to ``award_id`` reaches (a :data:`Resolver`)."""
        return self.plan(award_id, as_of, year).compiled


def _award_id_readers(by_id: Mapping[str, list[CompiledVersion]]) -> set[str]:
    """Owners of the versions whose result may depend on the award judged at the top.

    A version reads it through its own leaves or through any version of an
    award it references; a reference cycle counts as reading it (the cautious answer).
    """
    readers: dict[str, bool] = {}

    def reads(version: CriteriaVersion, visiting: frozenset[str]) -> bool:
        owner = version.owner
        if owner in readers:
            return readers[owner]
        if owner in visiting:
            return True
        inside = visiting | {owner}
        found = False
        for leaf in version.leaves():
            if leaf.predicate.reads_award_id(leaf.args) or any(
                award_id not in by_id or any(reads(c.version, inside) for c in by_id[award_id])
                for award_id in leaf.predicate.referenced_criteria(leaf.args)
            ):
                found = True
                break
        readers[owner] = found
        return found

    return {c.version.owner for vs in by_id.values() for c in vs if reads(c.version, frozenset())}


def plan_for(
    index: VersionIndex,
    nominee: Individual | Unit | Mapping[str, Any],
    award_id: object,
    as_of: object = None,
    year: object = None,
) -> tuple[Individual | Unit, Plan]:
    """Check a caller's arguments, validate the nominee, and plan (see :meth:`VersionIndex.plan`).

    Raises the library's errors for bad arguments (``ArgumentError``), bad data
    (``NomineeError``), unknown awards and versions not in force.
    """
    plan = index.planned(award_id, as_of, year)
    if plan is None:
        day = checked_as_of(as_of)
        plan = index.plan(checked_award_id(award_id), day, checked_year(year))
    return parse_nominee(nominee), plan


def prepare(
    index: VersionIndex,
    nominee: Individual | Unit,
    award_id: str,
    plan: Plan,
    facts: FactCache | None = None,
) -> Context:
    """The context judging a validated ``nominee`` under ``plan``.

    Raises :class:`SubjectMismatchError` for a nominee of the wrong kind.
    ``facts`` shares derived facts with other awards judged on the same date.
    """
    wanted = plan.compiled.subject
    if wanted != "any" and wanted != KIND_OF.get(type(nominee)):
        _check_subject(plan, nominee, award_id)
    return Context(nominee, plan.as_of, award_id, plan.year, facts, index.resolve)


def judge(index: VersionIndex, plan: Plan, ctx: Context) -> Verdict:
    """Run the compiled criteria of ``plan`` in ``ctx`` and build the verdict."""
    return verdict_for(index, plan.version, ctx, plan.compiled.run(ctx))


def status(index: VersionIndex, plan: Plan, nominee: Individual | Unit, award_id: str) -> Status:
    """Only the status of a validated ``nominee`` under ``plan``: no result tree, no
    evidence, no verdict (:func:`prepare` and the check, written out: this is the
    call made once per nominee in a loop)."""
    compiled = plan.compiled
    wanted = compiled.subject
    if wanted != "any" and wanted != KIND_OF.get(type(nominee)):
        _check_subject(plan, nominee, award_id)
    ctx = Context(nominee, plan.as_of, award_id, plan.year, None, index.resolve)
    return STATUS_OF[compiled.holds(ctx) if compiled.referenced else compiled.check(ctx)]


def statuses(
    index: VersionIndex,
    nominee: Individual | Unit,
    as_of: dt.date | None,
    year: int | None,
    awards: Iterable[str] | None = None,
) -> dict[str, Status]:
    """The status of every award applicable to a validated ``nominee`` (or of ``awards``).

    One context per date judged, its facts shared by every award: only the
    award judged (and the year under review) change from one award to the next.
    """
    out: dict[str, Status] = {}
    by_day: dict[dt.date, Context] = {}
    for award_id, plan in _plans(index, nominee, as_of, year, awards):
        ctx = by_day.get(plan.as_of)
        if ctx is None:
            ctx = by_day[plan.as_of] = prepare(index, nominee, award_id, plan)
        else:
            ctx.award_id, ctx.year = award_id, plan.year
        compiled = plan.compiled
        passed = compiled.holds(ctx) if compiled.referenced else compiled.check(ctx)
        out[award_id] = STATUS_OF[passed]
    return out


def contexts(
    index: VersionIndex,
    nominee: Individual | Unit,
    as_of: dt.date | None,
    year: int | None,
    awards: Iterable[str] | None = None,
) -> Iterator[tuple[str, Plan, Context]]:
    """A context for each award applicable to ``nominee`` (or each of ``awards``).

    Contexts judged on the same date share one :class:`FactCache`; each keeps
    its own award and year, so its verdict can be built and explained later.
    """
    facts: dict[dt.date, FactCache] = {}
    for award_id, plan in _plans(index, nominee, as_of, year, awards):
        shared = facts.setdefault(plan.as_of, FactCache())
        yield award_id, plan, prepare(index, nominee, award_id, plan, shared)


def _plans(
    index: VersionIndex,
    nominee: Individual | Unit,
    as_of: dt.date | None,
    year: int | None,
    awards: Iterable[str] | None,
) -> Iterable[tuple[str, Plan]]:
    """The plans judged: each applicable award's, or each of ``awards``, of the right subject."""
    if awards is None:
        return index.applicable_plans(nominee.kind, as_of, year)
    chosen = [(award_id, index.plan(award_id, as_of, year)) for award_id in awards]
    for award_id, plan in chosen:
        _check_subject(plan, nominee, award_id)
    return chosen


def verdict_for(
    index: VersionIndex, version: CriteriaVersion, ctx: Context, root: NodeResult
) -> Verdict:
    """The verdict for an evaluated condition tree (any engine's)."""
    subject = ctx.nominee
    doc = version.doc
    name = subject.full_name if isinstance(subject, Individual) else subject.name
    return Verdict(
        award_id=ctx.award_id,
        award_name=doc.name,
        version=version,
        nominee_id=subject.id,
        nominee_name=name,
        nominee_kind=subject.kind,
        as_of=ctx.as_of,
        year=ctx.year,
        conditions=root,
        context=ctx,
        versions=index.by_owner,
    )


def _check_subject(plan: Plan, nominee: Individual | Unit, award_id: str) -> None:
    wanted = plan.version.doc.subject
    if wanted != "any" and wanted != nominee.kind:
        raise SubjectMismatchError(
            f"{award_id} is for {_a(wanted)}; {nominee.id!r} is {_a(nominee.kind)}"
        )


def _a(kind: str) -> str:
    return {"individual": "an individual", "unit": "a unit"}.get(kind, kind)
