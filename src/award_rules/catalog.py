"""The catalog: every award's criteria versions, compiled once; evaluation entry point."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .compile import Runner, compile_node
from .context import Context
from .criteria.layers import collect_layers, layers_for
from .criteria.loader import REGISTRY_NAME, AwardName, CriteriaVersion, LoadResult
from .criteria.schema import LocalizedText, ReviewStatus
from .errors import (
    AwardRulesError,
    Code,
    CriteriaError,
    Diagnostic,
    NotInForceError,
    SubjectMismatchError,
    UnknownAwardError,
)
from .evaluate import earliest_eligible_on
from .model import Individual, Unit
from .nominees import parse_nominee
from .results import NodeResult
from .verdict import Verdict
from .vocabulary import Vocabulary, default_vocabulary

if TYPE_CHECKING:
    from .engines.live import EligibilityChange, LiveSession

__all__ = ["BatchItem", "Catalog", "collect", "load_catalog", "shipped_criteria_dir"]


def shipped_criteria_dir() -> Path:
    """The criteria shipped with the package (inside the wheel, or the repository's)."""
    packaged = Path(str(resources.files("award_rules"))) / "_shipped_criteria"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "criteria"


@dataclass(frozen=True, slots=True)
class CompiledVersion:
    """A criteria version and its compiled runner."""

    version: CriteriaVersion
    run: Runner


@dataclass(frozen=True, slots=True)
class BatchItem:
    """One nominee's outcome in a batch: a verdict, or the error that stopped it."""

    index: int
    nominee_id: str | None
    verdict: Verdict | None = None
    error: AwardRulesError | None = None


class Catalog:
    """Every award's criteria, validated and compiled; use :func:`load_catalog`."""

    def __init__(self, result: LoadResult, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.awards: dict[str, AwardName] = dict(result.awards)
        self.warnings: list[Diagnostic] = [d for d in result.diagnostics if d.severity != "error"]
        grouped: dict[str, list[CompiledVersion]] = defaultdict(list)
        for version in result.versions:
            compiled = CompiledVersion(version, compile_node(version.root, version.owner))
            grouped[version.id].append(compiled)
        self._by_owner = {c.version.owner: c for versions in grouped.values() for c in versions}
        self._versions = {
            award_id: sorted(vs, key=lambda c: c.version.doc.in_force.from_)
            for award_id, vs in sorted(grouped.items())
        }

    # -- looking things up -------------------------------------------------
    def ids(self) -> list[str]:
        """Every award id with criteria, sorted."""
        return list(self._versions)

    def __contains__(self, award_id: object) -> bool:
        return award_id in self._versions

    def versions(self, award_id: str) -> list[CriteriaVersion]:
        """Every version of an award, oldest first."""
        return [c.version for c in self._compiled(award_id)]

    def version_on(self, award_id: str, day: dt.date) -> CriteriaVersion:
        """The version in force on ``day``."""
        return self._compiled_on(award_id, day).version

    def in_force_on(self, day: dt.date) -> list[CriteriaVersion]:
        """The versions in force on ``day``, one per award, by id."""
        out: list[CriteriaVersion] = []
        for compiled in self._versions.values():
            out.extend(c.version for c in compiled if c.version.doc.in_force.covers(day))
        return out

    def is_annual(self, award_id: str) -> bool:
        """Whether the award is judged for a year (``annual: true``; all versions agree)."""
        return self._compiled(award_id)[-1].version.doc.annual

    def award_name(self, award_id: str) -> LocalizedText | None:
        """The name of an award id: from its criteria, else from awards.yaml."""
        if award_id in self._versions:
            return self._versions[award_id][-1].version.doc.name
        known = self.awards.get(award_id)
        return known.name if known else None

    def _compiled(self, award_id: str) -> list[CompiledVersion]:
        try:
            return self._versions[award_id]
        except KeyError:
            raise UnknownAwardError(award_id, self._versions) from None

    def _compiled_on(self, award_id: str, day: dt.date) -> CompiledVersion:
        compiled = self._compiled(award_id)
        for candidate in compiled:
            if candidate.version.doc.in_force.covers(day):
                return candidate
        ranges = "; ".join(str(c.version.doc.in_force) for c in compiled)
        raise NotInForceError(
            f"no version of {award_id!r} is in force on {day.isoformat()} (versions: {ranges})"
        )

    # -- evaluating ----------------------------------------------------------
    def plan(
        self, award_id: str, as_of: dt.date | None = None, year: int | None = None
    ) -> tuple[CriteriaVersion, dt.date, int]:
        """Which version applies, on which date, for which year under review.

        An annual award (``annual: true``) is judged for ``year`` (default: the
        year of ``as_of``, else this year) with the version in force on
        31 December of that year, as of ``as_of`` (default 31 December). Other
        awards use the version in force on ``as_of`` (default today).
        """
        compiled = self._compiled_plan(award_id, as_of, year)
        return compiled[0].version, compiled[1], compiled[2]

    def _compiled_plan(
        self, award_id: str, as_of: dt.date | None, year: int | None
    ) -> tuple[CompiledVersion, dt.date, int]:
        if self.is_annual(award_id):
            the_year = year or (as_of or dt.date.today()).year
            year_end = dt.date(the_year, 12, 31)
            return self._compiled_on(award_id, year_end), as_of or year_end, the_year
        day = as_of or dt.date.today()
        return self._compiled_on(award_id, day), day, year or day.year

    def evaluate(
        self,
        nominee: Individual | Unit | Mapping[str, Any],
        award_id: str,
        as_of: dt.date | None = None,
        *,
        year: int | None = None,
        engine: str = "native",
    ) -> Verdict:
        """Judge ``nominee`` for ``award_id`` on ``as_of``, for ``year`` (see :meth:`plan`).

        ``engine="durable"`` evaluates through the durable-rules backend (the
        ``durable`` extra); the verdict is the same.
        """
        if engine != "native":
            from .engines import engine_for

            return engine_for(self, engine).evaluate(nominee, award_id, as_of, year=year)
        version, ctx = self.prepare(nominee, award_id, as_of, year=year)
        root = self._by_owner[version.owner].run(ctx)
        return self.verdict(version, ctx, root)

    def prepare(
        self,
        nominee: Individual | Unit | Mapping[str, Any],
        award_id: str,
        as_of: dt.date | None = None,
        *,
        year: int | None = None,
    ) -> tuple[CriteriaVersion, Context]:
        """The version that applies and the evaluation context (for engines).

        Validates the nominee and raises :class:`SubjectMismatchError` for a
        nominee of the wrong kind.
        """
        version, day, the_year = self.plan(award_id, as_of, year)
        subject = parse_nominee(nominee)
        wanted = version.doc.subject
        if wanted not in ("any", subject.kind):
            raise SubjectMismatchError(
                f"{award_id} is for {_a(wanted)}; {subject.id!r} is {_a(subject.kind)}"
            )
        return version, Context(subject, day, award_id, year=the_year, reference=self._reference)

    def verdict(self, version: CriteriaVersion, ctx: Context, root: NodeResult) -> Verdict:
        """The verdict for an evaluated condition tree (for engines)."""
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
            earliest_eligible_on=earliest_eligible_on(root, ctx, doc.in_force.until),
            unverified=self._unverified(version, root),
        )

    def live(
        self,
        awards: Iterable[str] | None = None,
        *,
        engine: str = "native",
        as_of: dt.date | None = None,
        on_change: Callable[[EligibilityChange], object] | None = None,
        queue_changes: bool | None = None,
    ) -> LiveSession:
        """A live session: post events for many nominees, receive eligibility changes."""
        from .engines.live import LiveSession

        return LiveSession(
            self,
            awards,
            engine=engine,
            as_of=as_of,
            on_change=on_change,
            queue_changes=queue_changes,
        )

    def reference(self, award_id: str, ctx: Context) -> NodeResult:
        """Evaluate a referenced award's criteria in ``ctx`` (``meets_criteria``)."""
        return self._reference(award_id, ctx)

    def _unverified(self, version: CriteriaVersion, root: NodeResult) -> tuple[str, ...]:
        """Unverified criteria and leaves among those the verdict used."""
        leaves = list(root.leaves())
        versions = [
            version,
            *(self._by_owner[leaf.owner].version for leaf in leaves if leaf.owner),
        ]
        out: list[str] = []
        for used in versions:
            review = used.doc.review
            unverified = review is not None and review.status is ReviewStatus.UNVERIFIED
            if unverified and used.id not in out:
                out.append(used.id)
        for leaf in leaves:
            if leaf.review is not None and leaf.review.status is ReviewStatus.UNVERIFIED:
                owner = leaf.owner.split("@")[0]
                out.append(f"{owner}:{leaf.id}")
        return tuple(out)

    def evaluate_many(
        self,
        nominees: Iterable[Individual | Unit | Mapping[str, Any]],
        award_id: str,
        as_of: dt.date | None = None,
        *,
        year: int | None = None,
    ) -> list[BatchItem]:
        """Evaluate each nominee; a bad record is reported in its item, never stops the loop."""
        items = []
        for index, nominee in enumerate(nominees):
            raw_id = nominee.get("id") if isinstance(nominee, Mapping) else nominee.id
            nominee_id = str(raw_id) if raw_id is not None else None
            try:
                verdict = self.evaluate(nominee, award_id, as_of, year=year)
            except AwardRulesError as exc:
                items.append(BatchItem(index, nominee_id, error=exc))
            else:
                items.append(BatchItem(index, nominee_id, verdict=verdict))
        return items

    def _reference(self, award_id: str, ctx: Context) -> NodeResult:
        compiled = self._compiled_plan(award_id, ctx.as_of, ctx.year)[0]
        result = compiled.run(ctx)
        doc = compiled.version.doc
        return (
            NodeResult(
                id=None,
                kind=result.kind,
                passed=result.passed,
                children=result.children,
                source=doc.source,
                title=result.title or doc.name,
            )
            if result.kind != "check"
            else result
        )


def _a(kind: str) -> str:
    return {"individual": "an individual", "unit": "a unit"}.get(kind, kind)


def collect(
    root: Path, vocabulary: Vocabulary, *, extra: Sequence[Path | str] = ()
) -> tuple[LoadResult, int]:
    """Load every criteria file under ``root`` (then each ``extra`` layer) and check them.

    Returns the result (versions, award names, every diagnostic) and the number
    of files read. The shipped ``awards.yaml`` is read too unless a layer has its own.
    """
    shipped = shipped_criteria_dir()
    base = None if root.resolve() == shipped.resolve() else root
    layers = layers_for(base, extra, shipped)
    return collect_layers(layers, vocabulary, shipped_registry=shipped / REGISTRY_NAME)


def load_catalog(
    path: Path | str | None = None,
    *,
    extra: Sequence[Path | str] = (),
    vocabulary: Vocabulary | None = None,
) -> Catalog:
    """Load, check and compile criteria: ``path`` (default: the shipped ones), then ``extra``.

    Each folder of ``extra`` is a layer on top of the ones before it (see
    :mod:`award_rules.criteria.layers`). Raises :class:`CriteriaError` listing
    every problem with its file, line and column.
    """
    vocab = vocabulary or default_vocabulary()
    root = Path(path) if path is not None else shipped_criteria_dir()
    result, _ = collect(root, vocab, extra=extra)
    if result.errors:
        raise CriteriaError(result.errors)
    if not result.versions:
        raise CriteriaError([Diagnostic(Code.EMPTY, f"no criteria found in {root}")])
    return Catalog(result, vocab)
