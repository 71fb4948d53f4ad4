"""The evaluation context handed to predicates: nominee, dates, fact cache, references."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Protocol

from .facts import FactCache
from .model import Individual, Unit
from .results import NodeResult

__all__ = ["Context", "Referenced", "Resolver"]


class Referenced(Protocol):
    """What a referenced award's compiled criteria offer a context (see ``evaluation``)."""

    def reference(self, ctx: Context) -> NodeResult:
        """The referenced criteria's result tree, as a leaf's child."""

    def holds(self, ctx: Context) -> bool | None:
        """The referenced criteria's result alone."""


Resolver = Callable[[str, dt.date, int], Referenced]
"""Finds the compiled criteria of an award for a date and a year under review."""


class Context:
    """One nominee judged on one date for one award.

    ``year`` is the emulation year under review (the year of ``as_of``).
    ``award_id`` is the award being evaluated at the top, even inside a
    referenced criterion (so a registration check knows which title to look for).
    ``facts`` may be shared by every award judged for the same nominee and date:
    its keys name everything a fact depends on besides the nominee.

    A plain slotted class (one is made for every status asked): its ``__init__``
    is a few assignments.
    """

    __slots__ = ("as_of", "award_id", "facts", "nominee", "resolve", "year")

    def __init__(
        self,
        nominee: Individual | Unit,
        as_of: dt.date,
        award_id: str,
        year: int = 0,
        facts: FactCache | None = None,
        resolve: Resolver | None = None,
    ) -> None:
        self.nominee = nominee
        self.as_of = as_of
        self.award_id = award_id
        self.year = year or as_of.year
        self.facts = FactCache() if facts is None else facts
        self.resolve = resolve

    def __repr__(self) -> str:
        return (
            f"Context(nominee={self.nominee.id!r}, as_of={self.as_of!r}, "
            f"award_id={self.award_id!r}, year={self.year!r})"
        )

    def on(self, day: dt.date) -> Context:
        """The same question asked on another date (facts computed afresh)."""
        return Context(self.nominee, day, self.award_id, day.year, FactCache(), self.resolve)

    def _referenced(self, award_id: str) -> Referenced:
        if self.resolve is None:
            raise RuntimeError(f"the criteria of {award_id!r} referenced outside a catalog")
        return self.resolve(award_id, self.as_of, self.year)

    def reference(self, award_id: str) -> NodeResult:
        """Evaluate another award's criteria (the version that applies) in this context."""
        return self._referenced(award_id).reference(self)

    def reference_holds(self, award_id: str) -> bool | None:
        """Whether another award's criteria hold in this context (no result tree)."""
        return self._referenced(award_id).holds(self)
