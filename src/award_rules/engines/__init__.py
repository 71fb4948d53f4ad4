"""Engine backends: ``native`` (the reference) and ``durable`` (durable-rules, a Rete engine).

Nothing here imports durable-rules: :mod:`award_rules.engines.durable` imports it
when an engine is created, and :mod:`award_rules.engines.live` only when a live
session asks for ``engine="durable"``.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..model import Individual, Unit
    from ..verdict import Verdict

__all__ = ["ENGINES", "Evaluator", "durable_available", "engine_for"]

ENGINES = ("native", "durable")
"""The engine names :func:`engine_for` (and ``--engine``) accept."""

_CACHE_KEY = "_award_rules_durable_engine"
_CACHE_LOCK = threading.Lock()


class Evaluator(Protocol):
    """Anything that judges like :meth:`Catalog.evaluate` (a catalog, a ``DurableEngine``)."""

    def evaluate(
        self,
        nominee: Individual | Unit | Mapping[str, Any],
        award_id: str,
        as_of: dt.date | None = None,
        *,
        year: int | None = None,
    ) -> Verdict: ...


def durable_available() -> bool:
    """True when durable-rules imports here (the ``durable`` extra, Python < 3.13)."""
    from .durable import durable_available as available

    return available()


def engine_for(catalog: Catalog, engine: str = "native") -> Evaluator:
    """The evaluator of ``catalog`` for an engine name.

    ``native`` is the catalog itself. ``durable`` is one :class:`DurableEngine`
    per catalog, created on first use and kept with the catalog (so repeated
    calls do not register new rulesets). Raises ``EngineUnavailableError`` when
    durable-rules is missing and ``ValueError`` for an unknown name.
    """
    if engine == "native":
        return catalog
    if engine == "durable":
        from .durable import DurableEngine

        with _CACHE_LOCK:
            cache = vars(catalog)
            found = cache.get(_CACHE_KEY)
            if not isinstance(found, DurableEngine):
                found = DurableEngine(catalog)
                cache[_CACHE_KEY] = found
            return found
    raise ValueError(f"unknown engine {engine!r}; choose one of: {', '.join(ENGINES)}")
