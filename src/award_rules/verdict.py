"""The verdict: status, the evaluated condition tree, what failed, what was missing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from .results import NodeResult

if TYPE_CHECKING:
    from .criteria.loader import CriteriaVersion
    from .criteria.schema import LocalizedText

__all__ = ["Status", "Verdict"]

Status = Literal["eligible", "ineligible", "undetermined"]

EXIT_CODES: dict[Status, int] = {"eligible": 0, "ineligible": 1, "undetermined": 3}


def status_of(passed: bool | None) -> Status:
    """Map a three-valued result to a status."""
    if passed is None:
        return "undetermined"
    return "eligible" if passed else "ineligible"


@dataclass(frozen=True, eq=False)
class Verdict:
    """Whether a nominee is eligible for an award on a date, and why.

    ``conditions`` is the evaluated tree; :meth:`explain` renders it as text
    (Vietnamese by default) and :meth:`to_dict` as JSON-ready data.
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
    earliest_eligible_on: dt.date | None = None
    unverified: tuple[str, ...] = field(default=())
    """Criteria (``award_id``) and leaves (``award_id:leaf``) the verdict rests on that
    are marked ``review: {status: unverified}``: not yet checked against the legal text."""

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

    def _deciding(self, value: bool | None) -> Iterator[tuple[str, NodeResult]]:
        """Leaves (and failing ``not`` nodes) that gave the root its ``value``."""

        def visit(node: NodeResult, prefix: str) -> Iterator[tuple[str, NodeResult]]:
            if node.passed is not value:
                return
            if node.kind == "check":
                qualified = f"{prefix}{node.id}"
                inner = node.outcome.children if node.outcome else ()
                if inner:
                    for child in inner:
                        yield from visit(child, f"{qualified}/")
                else:
                    yield qualified, node
            elif node.kind == "not":
                yield f"{prefix}{node.id or 'not'}", node
            else:
                for child in node.children:
                    yield from visit(child, prefix)

        yield from visit(self.conditions, "")

    def explain(self, lang: str = "vi") -> str:
        """The verdict in words, for the nominee: every condition, found versus required."""
        from .explain import render_text

        return render_text(self, lang)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys."""
        from .explain import render_dict

        return render_dict(self)
