"""Run case files against their criteria, compare with expectations, measure coverage."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..catalog import Catalog
from ..criteria.layers import SHIPPED
from ..errors import (
    AwardRulesError,
    NomineeError,
    NotInForceError,
    SubjectMismatchError,
    UnknownAwardError,
)
from ..loading import load_catalog
from ..verdict import Verdict
from .cases import LoadedCase

__all__ = ["CaseResult", "CatalogCache", "Coverage", "CoverageGap", "run_case"]

ERROR_KINDS: dict[type[AwardRulesError], str] = {
    NotInForceError: "not_in_force",
    SubjectMismatchError: "subject_mismatch",
    NomineeError: "invalid_nominee",
    UnknownAwardError: "unknown_award",
}


@dataclass
class CaseResult:
    """The outcome of one case: the verdict (or error) and every mismatch found."""

    case: LoadedCase
    verdict: Verdict | None = None
    error: AwardRulesError | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.problems

    def report(self, lang: str = "vi") -> str:
        """A failure report: where the case is, expected versus actual, the explanation."""
        lines = [f"{self.case.location}: case {self.case.name!r} failed"]
        lines += [f"  {problem}" for problem in self.problems]
        if self.verdict is not None:
            explanation = self.verdict.explain(lang).splitlines()
            lines += ["", *(f"  {line}".rstrip() for line in explanation)]
        elif self.error is not None:
            lines += ["", f"  error: {self.error}"]
        return "\n".join(lines)


class CatalogCache:
    """Loads each criteria directory once per run (alone, or on top of the shipped pack)."""

    def __init__(self) -> None:
        self._catalogs: dict[tuple[Path, bool], Catalog] = {}

    def get(self, directory: Path, on_shipped: bool = False) -> Catalog:
        key = (directory, on_shipped)
        if key not in self._catalogs:
            self._catalogs[key] = (
                load_catalog(extra=[directory]) if on_shipped else load_catalog(directory)
            )
        return self._catalogs[key]

    def for_case(self, case: LoadedCase) -> Catalog:
        """The catalog a case is judged against."""
        return self.get(case.criteria_dir, case.on_shipped)

    def catalogs(self) -> list[Catalog]:
        return list(self._catalogs.values())


def _kind(error: AwardRulesError) -> str:
    for cls, kind in ERROR_KINDS.items():
        if isinstance(error, cls):
            return kind
    return type(error).__name__


def run_case(case: LoadedCase, catalog: Catalog) -> CaseResult:
    """Judge the case's nominee and compare the verdict with what the case expects."""
    result = CaseResult(case)
    expect = case.expect
    try:
        result.verdict = catalog.evaluate(case.nominee, case.award, case.as_of)
    except AwardRulesError as error:
        result.error = error
        if expect.error is None:
            result.problems.append(f"status: expected {expect.status}, got an error: {error}")
        elif _kind(error) != expect.error:
            result.problems.append(f"error: expected {expect.error}, got {_kind(error)}: {error}")
        return result
    verdict = result.verdict
    if expect.error is not None:
        result.problems.append(f"error: expected {expect.error}, got status {verdict.status}")
        return result
    if verdict.status != expect.status:
        result.problems.append(f"status: expected {expect.status}, got {verdict.status}")
    if expect.failed is not None and sorted(verdict.failed) != sorted(expect.failed):
        result.problems.append(f"failed: expected {expect.failed}, got {verdict.failed}")
    if expect.missing is not None and sorted(verdict.missing) != sorted(expect.missing):
        result.problems.append(f"missing: expected {expect.missing}, got {verdict.missing}")
    if expect.earliest_eligible_on is not None:
        want = None if expect.earliest_eligible_on == "none" else expect.earliest_eligible_on
        if verdict.earliest_eligible_on != want:
            result.problems.append(
                f"earliest_eligible_on: expected {want}, got {verdict.earliest_eligible_on}"
            )
    contains = expect.explanation_contains
    if contains is not None:
        by_lang = {"vi": contains} if isinstance(contains, list) else dict(contains)
        for lang, phrases in by_lang.items():
            text = verdict.explain(lang)
            for phrase in phrases:
                if phrase not in text:
                    result.problems.append(f"explanation ({lang}) does not contain {phrase!r}")
    return result


@dataclass(frozen=True)
class CoverageGap:
    """A condition the cases never drove to one of its outcomes."""

    award: str
    version: str
    leaf: str
    never: tuple[str, ...]
    file: str


@dataclass
class Coverage:
    """Which outcomes (pass, fail, missing) the cases drove each condition to."""

    seen: dict[tuple[str, str], set[bool | None]] = field(default_factory=lambda: defaultdict(set))

    def record(self, verdict: Verdict) -> None:
        for leaf in verdict.conditions.leaves():
            if leaf.id is not None:
                self.seen[(leaf.owner, leaf.id)].add(leaf.passed)

    def rows(
        self, catalogs: Iterable[Catalog]
    ) -> list[tuple[str, str, str, set[bool | None], set[bool | None]]]:
        """(award, version, leaf, outcomes needed, outcomes seen) for every leaf."""
        rows = []
        done: set[str] = set()
        for catalog in catalogs:
            every = [v for award_id in catalog.ids() for v in catalog.versions(award_id)]
            own = {v.owner for v in [v for v in every if v.layer != SHIPPED] or every}
            for award_id in catalog.ids():
                for version in catalog.versions(award_id):
                    owner = version.owner
                    if owner in done or owner not in own:
                        continue
                    done.add(owner)
                    for leaf in version.leaves():
                        needed: set[bool | None] = {True, False}
                        if leaf.predicate.can_be_missing(leaf.args):
                            needed.add(None)
                        seen = self.seen.get((owner, leaf.id), set())
                        rows.append((award_id, owner.split("@")[1], leaf.id, needed, seen))
        return rows

    def gaps(self, catalogs: Iterable[Catalog]) -> list[CoverageGap]:
        """Conditions some needed outcome was never seen for."""
        words = {True: "pass", False: "fail", None: "missing"}
        gaps = []
        for catalog in catalogs:
            for award, since, leaf, needed, seen in self.rows([catalog]):
                never = tuple(words[o] for o in (True, False, None) if o in needed - seen)
                if never:
                    file = next(
                        v.file
                        for v in catalog.versions(award)
                        if v.doc.in_force.from_.isoformat() == since
                    )
                    gaps.append(CoverageGap(award, since, leaf, never, file))
        return gaps
