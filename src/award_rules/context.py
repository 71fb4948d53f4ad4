"""The evaluation context handed to predicates: nominee, dates, fact cache."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from .facts import FactCache
from .model import Individual, Unit
from .results import NodeResult

__all__ = ["Context"]


@dataclass(slots=True)
class Context:
    """One nominee judged on one date for one award.

    ``year`` is the emulation year under review (the year of ``as_of``).
    ``award_id`` is the award being evaluated at the top, even inside a
    referenced criterion (so a registration check knows which title to look for).
    """

    nominee: Individual | Unit
    as_of: dt.date
    award_id: str
    year: int = 0
    facts: FactCache = field(default_factory=FactCache)
    reference: Callable[[str, Context], NodeResult] | None = None

    def __post_init__(self) -> None:
        if not self.year:
            self.year = self.as_of.year

    def on(self, day: dt.date) -> Context:
        """The same question asked on another date (facts computed afresh)."""
        return replace(self, as_of=day, year=day.year, facts=FactCache())
