"""Engines: a registry of engine name -> factory, above the catalog.

``native`` is the catalog itself (the reference). ``durable`` (durable-rules,
a Rete engine) is registered here but imported only when an engine is created.
A host registers its own with :func:`register_engine`, the way predicates
register in a vocabulary. Engines are created once per catalog and kept beside
it (never inside it), for as long as the catalog lives: an engine keeps what it
needs of the catalog (its ``index``), not the catalog itself.
"""

from __future__ import annotations

import datetime as dt
import threading
import weakref
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..model import Individual, Unit
    from ..verdict import Verdict

__all__ = [
    "Evaluator",
    "durable_available",
    "engine_for",
    "engine_names",
    "register_engine",
]


class Evaluator(Protocol):
    """Anything that judges like :meth:`Catalog.evaluate` (a catalog, a ``DurableEngine``)."""

    def evaluate(
        self,
        nominee: Individual | Unit | Mapping[str, Any],
        award_id: str,
        as_of: dt.date | str | None = None,
        *,
        year: int | None = None,
    ) -> Verdict: ...


EngineFactory = Callable[["Catalog"], Evaluator]
"""Creates the engine of a catalog (called once per catalog)."""

_FACTORIES: dict[str, EngineFactory] = {}
_ENGINES: dict[str, weakref.WeakKeyDictionary[Catalog, Evaluator]] = {}
_LOCK = threading.Lock()


def register_engine(name: str, factory: EngineFactory, *, replace: bool = False) -> None:
    """Make ``name`` an engine; a name already taken is an error unless ``replace``."""
    with _LOCK:
        if name in _FACTORIES and not replace:
            raise ValueError(f"engine {name!r} is already registered")
        _FACTORIES[name] = factory
        _ENGINES[name] = weakref.WeakKeyDictionary()


def engine_names() -> tuple[str, ...]:
    """Every registered engine name (what ``--engine`` accepts)."""
    return tuple(_FACTORIES)


def engine_for(catalog: Catalog, engine: str = "native") -> Evaluator:
    """The evaluator of ``catalog`` for an engine name, created on first use and kept.

    Raises ``EngineUnavailableError`` when the engine's optional dependency is
    missing and ``ValueError`` for an unknown name.
    """
    with _LOCK:
        factory = _FACTORIES.get(engine)
        if factory is None:
            known = ", ".join(_FACTORIES)
            raise ValueError(f"unknown engine {engine!r}; choose one of: {known}")
        engines = _ENGINES[engine]
        found = engines.get(catalog)
        if found is None:
            found = factory(catalog)
            if found is not catalog:  # a value must not hold its weak key alive
                engines[catalog] = found
        return found


def durable_available() -> bool:
    """True when durable-rules imports here (the ``durable`` extra, Python < 3.13)."""
    from .durable import durable_available as available

    return available()


def _native(catalog: Catalog) -> Evaluator:
    return catalog


def _durable(catalog: Catalog) -> Evaluator:
    from .durable import DurableEngine

    return DurableEngine(catalog)


register_engine("native", _native)
register_engine("durable", _durable)
