"""What an evaluation records: one result per condition, leaves with their evidence.

These records are the trace of the evaluation. The explanation renders them;
it never re-checks anything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any, Literal

from .facts import Duration

if TYPE_CHECKING:
    from .context import Context
    from .criteria.schema import Citation, LocalizedText, Review
    from .vocabulary.base import Predicate

__all__ = [
    "NodeKind",
    "NodeResult",
    "Outcome",
    "combine_all",
    "combine_any",
    "fold",
    "to_json",
]

NodeKind = Literal["all", "any", "not", "check"]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a predicate found: pass/fail/unknown, the value, the records used."""

    passed: bool | None
    found: Any = None
    evidence: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    children: tuple[NodeResult, ...] = ()
    note: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True, eq=False)
class NodeResult:
    """The result of one condition of the tree.

    ``passed`` is ``True``, ``False`` or ``None`` (a needed fact is missing).
    Leaves carry the predicate, its bound arguments and the outcome; groups
    carry their children. Read-only by convention, not frozen: every verdict
    makes one per condition, and a frozen dataclass sets each field through
    ``object.__setattr__`` (a fifth of a verdict's time).
    """

    id: str | None
    kind: NodeKind
    passed: bool | None
    children: tuple[NodeResult, ...] = ()
    predicate: Predicate[Any] | None = None
    args: Any = None
    outcome: Outcome | None = None
    source: Citation | None = None
    title: LocalizedText | None = None
    review: Review | None = None
    owner: str = ""
    """For leaves: ``award_id@from-date``, the criteria version the leaf belongs to."""
    rerun: Callable[[Context], NodeResult] | None = field(default=None, repr=False)

    def walk(self) -> Iterator[NodeResult]:
        """This node and every node below it, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()
        if self.outcome is not None:
            for child in self.outcome.children:
                yield from child.walk()

    def leaves(self) -> Iterator[NodeResult]:
        """The leaves below (and including) this node, references included."""
        return (node for node in self.walk() if node.kind == "check")


def combine_all(values: list[bool | None]) -> bool | None:
    """Three-valued AND: false wins, then unknown."""
    if any(v is False for v in values):
        return False
    if any(v is None for v in values):
        return None
    return True


def combine_any(values: list[bool | None]) -> bool | None:
    """Three-valued OR: true wins, then unknown."""
    if any(v is True for v in values):
        return True
    if any(v is None for v in values):
        return None
    return False


def fold(kind: str, values: list[bool | None]) -> bool | None:
    """The three-valued result of a group of ``kind`` (all, any, not) from its children's.

    The one place the logic of groups is written: compiled criteria, the
    earliest-date search and the durable engine all fold with it.
    """
    if kind == "all":
        return combine_all(values)
    if kind == "any":
        return combine_any(values)
    if kind == "not":
        (value,) = values
        return None if value is None else not value
    raise ValueError(f"unknown group kind {kind!r}")


def to_json(value: Any) -> Any:
    """A found or required value as JSON-ready data with stable shapes."""
    if isinstance(value, Duration):
        return value.to_dict()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_json(v) for v in value]
    if hasattr(value, "model_dump"):
        return to_json(value.model_dump(mode="json", by_alias=True, exclude_none=True))
    return value
