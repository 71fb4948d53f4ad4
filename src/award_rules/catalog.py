"""The catalog: every award's criteria versions, compiled once, and the public API to judge.

The work is done by :mod:`.evaluation` (planning, preparing facts, running,
verdicts); the catalog holds the index of versions and checks what callers pass.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .admission import NomineeGate
from .criteria.checks import known_award_ids
from .criteria.loader import AwardName, CriteriaVersion, LoadResult
from .criteria.schema import LocalizedText
from .errors import AwardRulesError, Diagnostic
from .evaluation import VersionIndex, contexts, judge, plan_for, prepare, status, statuses
from .model import Individual, Unit
from .nominees import parse_nominee
from .request import checked_as_of, checked_award_id, checked_date, checked_year
from .verdict import Status, Verdict
from .vocabulary import Vocabulary

__all__ = ["BatchItem", "Catalog"]

Nominee = Individual | Unit | Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class BatchItem:
    """One nominee's outcome in a batch: a verdict, or the error that stopped it."""

    index: int
    nominee_id: str | None
    verdict: Verdict | None = None
    error: AwardRulesError | None = None


class Catalog:
    """Every award's criteria, validated and compiled; use :func:`load_catalog`.

    ``index`` (a :class:`~.evaluation.VersionIndex`) is what engines build on.
    """

    def __init__(self, result: LoadResult, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.awards: dict[str, AwardName] = dict(result.awards)
        self.warnings: list[Diagnostic] = [d for d in result.diagnostics if d.severity != "error"]
        self.index = VersionIndex(result.versions)
        self.known_awards: frozenset[str] = known_award_ids(result.versions, result.awards)
        """Every award id a nominee's records may name (registry, criteria ids, grants)."""
        self.admit = NomineeGate(self.known_awards, dict(vocabulary.extensions))
        """Checks a validated nominee's award ids and extensions (every entry point uses it)."""

    # -- looking things up -------------------------------------------------
    def ids(self) -> list[str]:
        """Every award id with criteria, sorted."""
        return self.index.ids()

    def __contains__(self, award_id: object) -> bool:
        return award_id in self.index

    def versions(self, award_id: str) -> list[CriteriaVersion]:
        """Every version of an award, oldest first."""
        return [c.version for c in self.index.compiled(checked_award_id(award_id))]

    def version_on(self, award_id: str, day: dt.date | str) -> CriteriaVersion:
        """The version in force on ``day``."""
        return self.index.on(checked_award_id(award_id), checked_date(day, "day")).version

    def in_force_on(self, day: dt.date | str) -> list[CriteriaVersion]:
        """The versions in force on ``day``, one per award, by id."""
        day = checked_date(day, "day")
        return [
            c.version
            for award_id in self.index.ids()
            for c in self.index.compiled(award_id)
            if c.version.doc.in_force.covers(day)
        ]

    def is_annual(self, award_id: str) -> bool:
        """Whether the award is judged for a year (``annual: true``; all versions agree)."""
        return self.index.is_annual(checked_award_id(award_id))

    def award_name(self, award_id: str) -> LocalizedText | None:
        """The name of an award id: from its criteria, else from awards.yaml."""
        if award_id in self.index:
            return self.index.compiled(award_id)[-1].version.doc.name
        known = self.awards.get(award_id)
        return known.name if known else None

    def is_precondition(self, award_id: str) -> bool:
        """Whether awards.yaml marks the award as a precondition, judged through others."""
        known = self.awards.get(award_id)
        return known is not None and known.precondition

    def applicable(
        self, kind: str, as_of: dt.date | str | None = None, *, year: int | None = None
    ) -> list[str]:
        """Award ids for a nominee of ``kind`` with a version that applies (see ``evaluate``)."""
        return list(self.index.applicable(kind, checked_as_of(as_of), checked_year(year)))

    # -- judging -------------------------------------------------------------
    def evaluate(
        self,
        nominee: Nominee,
        award_id: str,
        as_of: dt.date | str | None = None,
        *,
        year: int | None = None,
    ) -> Verdict:
        """Judge ``nominee`` for ``award_id`` on ``as_of``, for ``year``.

        An annual award (``annual: true``) is judged for ``year`` (default: the
        year of ``as_of``, else this year) with the version in force on
        31 December of that year, as of ``as_of`` (default 31 December). Other
        awards use the version in force on ``as_of`` (default today).
        """
        subject, plan = plan_for(self.index, nominee, award_id, as_of, year)
        subject = self.admit(subject)
        return judge(self.index, plan, prepare(self.index, subject, award_id, plan))

    def status(
        self,
        nominee: Nominee,
        award_id: str,
        as_of: dt.date | str | None = None,
        *,
        year: int | None = None,
    ) -> Status:
        """Only the status of :meth:`evaluate`: nothing recorded, no verdict built."""
        subject, plan = plan_for(self.index, nominee, award_id, as_of, year)
        return status(self.index, plan, self.admit(subject), award_id)

    def evaluate_all(
        self,
        nominee: Nominee,
        as_of: dt.date | str | None = None,
        *,
        year: int | None = None,
        awards: Iterable[str] | None = None,
    ) -> dict[str, Verdict]:
        """Verdicts for every award that applies (or ``awards``); derived facts shared."""
        subject = self.admit(parse_nominee(nominee))
        day, the_year = checked_as_of(as_of), checked_year(year)
        return {
            award_id: judge(self.index, plan, ctx)
            for award_id, plan, ctx in contexts(
                self.index, subject, day, the_year, self._wanted(awards)
            )
        }

    def statuses(
        self,
        nominee: Nominee,
        as_of: dt.date | str | None = None,
        *,
        year: int | None = None,
        awards: Iterable[str] | None = None,
    ) -> dict[str, Status]:
        """The status for every award that applies (or ``awards``); derived facts shared."""
        subject = self.admit(parse_nominee(nominee))
        day, the_year = checked_as_of(as_of), checked_year(year)
        return statuses(self.index, subject, day, the_year, self._wanted(awards))

    def _wanted(self, awards: Iterable[str] | None) -> list[str] | None:
        return None if awards is None else [checked_award_id(a) for a in awards]

    def evaluate_many(
        self,
        nominees: Iterable[Nominee],
        award_id: str,
        as_of: dt.date | str | None = None,
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
