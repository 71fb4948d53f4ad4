"""The verdict: status, the evaluated condition tree, what failed, what was missing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

from .criteria.schema import ReviewStatus
from .earliest import earliest_eligible_on
from .results import NodeResult

if TYPE_CHECKING:
    from .context import Context
    from .criteria.loader import CriteriaVersion
    from .criteria.schema import LocalizedText

__all__ = ["STATUS_OF", "Status", "Verdict", "deciding", "status_of"]

Status = Literal["eligible", "ineligible", "undetermined"]

EXIT_CODES: dict[Status, int] = {"eligible": 0, "ineligible": 1, "undetermined": 3}


STATUS_OF: dict[bool | None, Status] = {
    True: "eligible",
    False: "ineligible",
    None: "undetermined",
}
"""The status of a three-valued result (a lookup where every award is judged)."""


def status_of(passed: bool | None) -> Status:
    """Map a three-valued result to a status."""
    return STATUS_OF[passed]


@dataclass(frozen=True, eq=False)
class Verdict:
    """Whether a nominee is eligible for an award on a date, and why.

    ``conditions`` is the evaluated tree; :meth:`explain` renders it as text
    (Vietnamese by default) and :meth:`to_dict` as JSON-ready data. What is
    derived from the tree (the earliest date, the unverified criteria, the
    texts) is computed when first read.
    """

    award_id: str
    award_name: LocalizedText
    version: CriteriaVersion
    nominee_id: str
    nominee_name: str
    nominee_kind: str
    as_of: dt.date
    year: int
    """The year under review (the year of ``as_of`` unless an annual award was asked for
    another year)."""
    conditions: NodeResult
    context: Context = field(repr=False)
    """The evaluation context (for the earliest-date search)."""
    versions: Mapping[str, CriteriaVersion] = field(repr=False)
    """Criteria versions by owner (``award_id@from-date``), for references' review status."""

    @property
    def status(self) -> Status:
        """``eligible``, ``ineligible`` or ``undetermined``."""
        return status_of(self.conditions.passed)

    @property
    def eligible(self) -> bool:
        return self.status == "eligible"

    @property
    def exit_code(self) -> int:
        """0 eligible, 1 ineligible, 3 undetermined (the CLI's exit status)."""
        return EXIT_CODES[self.status]

    @cached_property
    def earliest_eligible_on(self) -> dt.date | None:
        """The first date on which waiting alone would make the nominee eligible."""
        return earliest_eligible_on(self.conditions, self.context, self.version.doc.in_force.until)

    @cached_property
    def unverified(self) -> tuple[str, ...]:
        """Criteria (``award_id``) and leaves (``award_id:leaf``) the verdict rests on that
        are marked ``review: {status: unverified}``: not yet checked against the legal text."""
        leaves = list(self.conditions.leaves())
        used = [
            self.version,
            *(self.versions[leaf.owner] for leaf in leaves if leaf.owner in self.versions),
        ]
        out: list[str] = []
        for criteria in used:
            review = criteria.doc.review
            unverified = review is not None and review.status is ReviewStatus.UNVERIFIED
            if unverified and criteria.id not in out:
                out.append(criteria.id)
        for leaf in leaves:
            if leaf.review is not None and leaf.review.status is ReviewStatus.UNVERIFIED:
                out.append(f"{leaf.owner.split('@')[0]}:{leaf.id}")
        return tuple(out)

    @property
    def failed(self) -> list[str]:
        """Ids of the leaves whose failure decides the verdict (``ref/leaf`` inside references)."""
        return [qid for qid, _ in self._deciding(False)]

    @property
    def missing(self) -> list[str]:
        """Facts that were missing, without repeats, in tree order."""
        out: list[str] = []
        for _, node in self._deciding(None):
            if node.outcome is not None:
                out.extend(m for m in node.outcome.missing if m not in out)
        return out

    @property
    def to_request(self) -> list[str]:
        """Every missing fact that still matters, without repeats, in tree order.

        For an undetermined verdict, :attr:`missing` and more; for an ineligible
        one, the facts missing beside what failed (they will decide once the
        failures are mended); for an eligible one, nothing.
        """
        out: list[str] = []

        def visit(node: NodeResult) -> None:
            if node.passed is True:
                return
            if node.kind == "check" and node.passed is None and node.outcome is not None:
                out.extend(m for m in node.outcome.missing if m not in out)
            for child in (*node.children, *(node.outcome.children if node.outcome else ())):
                visit(child)

        visit(self.conditions)
        return out

    def _deciding(self, value: bool | None) -> Iterator[tuple[str, NodeResult]]:
        """Leaves (and failing ``not`` nodes) that gave the root its ``value``."""
        return deciding(self.conditions, value)

    def explain(self, lang: str = "vi") -> str:
        """The verdict in words, for the nominee: every condition, found versus required."""
        from .explain import render_text

        return render_text(self, lang)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        from .explain import render_dict

        return render_dict(self)


def deciding(
    node: NodeResult, value: bool | None, prefix: str = ""
) -> Iterator[tuple[str, NodeResult]]:
    """The leaves (and ``not`` nodes) under ``node`` that gave it ``value``, by qualified id.

    A check whose outcome has children (a custom predicate's, a reference's) is
    looked into: its deciding conditions are ``check-id/child-id``.
    """
    if node.passed is not value:
        return
    if node.kind == "check":
        qualified = f"{prefix}{node.id}"
        inner = node.outcome.children if node.outcome else ()
        if inner:
            for child in inner:
                yield from deciding(child, value, f"{qualified}/")
        else:
            yield qualified, node
    elif node.kind == "not":
        yield f"{prefix}{node.id or 'not'}", node
    else:
        for child in node.children:
            yield from deciding(child, value, prefix)
