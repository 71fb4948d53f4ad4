"""Static analysis of criteria: what no nominee can satisfy, and dates that do not fit.

- ``contradiction`` (error): conditions of one ``all`` that no nominee can
  satisfy together (at least 10 years of service and, negated, at least 8);
- ``unreachable-branch`` (warning): a branch of an ``any`` that can never pass,
  or that repeats an earlier branch;
- ``until-before-from`` (error): a version that ends before it starts;
- ``reference-not-in-force`` (error): a ``meets_criteria`` reference to an award
  that is in force on none of the days the referring version is.

Bounds come from a registry: :func:`bounds` registers, for a check name, a
function turning a leaf's arguments into constraints on a named quantity. The
gaps and overlaps between versions are reported by :mod:`.checks`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import Code, Diagnostic
from ..vocabulary.base import Args
from .loader import BoundLeaf, BoundNode, CriteriaVersion

__all__ = ["Constraint", "analyse", "bounds"]


@dataclass(frozen=True, slots=True)
class Constraint:
    """``quantity op value``; ``op`` is one of >=, >, <=, <, ==, in, not_in."""

    quantity: Hashable
    op: str
    value: Any


BoundsOf = Callable[[Args], list[Constraint]]
_BOUNDS: dict[str, BoundsOf] = {}
_NEGATED = {">=": "<", ">": "<=", "<=": ">", "<": ">=", "in": "not_in", "not_in": "in"}


def bounds(check: str) -> Callable[[BoundsOf], BoundsOf]:
    """Register how the arguments of ``check`` bound a quantity (for contradictions)."""

    def decorate(function: BoundsOf) -> BoundsOf:
        _BOUNDS[check] = function
        return function

    return decorate


def _key(args: Args, *exclude: str) -> tuple[str, ...]:
    data = args.model_dump(mode="json", by_alias=True, exclude=set(exclude))
    return (json.dumps(data, sort_keys=True),)


@bounds("service_years")
def _service(args: Args) -> list[Constraint]:
    months = args.min_years * 12 + args.min_months  # type: ignore[attr-defined]
    return [Constraint(("service_years", *_key(args, "min_years", "min_months")), ">=", months)]


@bounds("unit_age")
def _unit_age(args: Args) -> list[Constraint]:
    months = args.min_years * 12 + args.min_months  # type: ignore[attr-defined]
    return [Constraint(("unit_age", *_key(args, "min_years", "min_months")), ">=", months)]


@bounds("field")
def _field(args: Args) -> list[Constraint]:
    quantity = ("field", args.field)  # type: ignore[attr-defined]
    out = []
    for name, op in (("min", ">="), ("max", "<=")):
        if getattr(args, name) is not None:
            out.append(Constraint(quantity, op, getattr(args, name)))
    if args.equals is not None:  # type: ignore[attr-defined]
        out.append(Constraint(quantity, "in", (_plain(args.equals),)))  # type: ignore[attr-defined]
    if args.in_ is not None:  # type: ignore[attr-defined]
        out.append(Constraint(quantity, "in", tuple(_plain(v) for v in args.in_)))  # type: ignore[attr-defined]
    if args.not_in is not None:  # type: ignore[attr-defined]
        out.append(Constraint(quantity, "not_in", tuple(_plain(v) for v in args.not_in)))  # type: ignore[attr-defined]
    return out


@bounds("result")
def _result(args: Args) -> list[Constraint]:
    quantity = ("result", *_key(args, "min", "max", "above"))
    out = []
    for name, op in (("min", ">="), ("max", "<="), ("above", ">")):
        if getattr(args, name, None) is not None:
            out.append(Constraint(quantity, op, getattr(args, name)))
    return out


@bounds("members")
def _members(args: Args) -> list[Constraint]:
    bounded = ("min_count", "max_count", "min_share_pct", "share_above_pct")
    count = ("members_count", *_key(args, *bounded))
    share = ("members_share", *_key(args, *bounded))
    out = []
    for quantity, name, op in (
        (count, "min_count", ">="),
        (count, "max_count", "<="),
        (share, "min_share_pct", ">="),
        (share, "share_above_pct", ">"),
    ):
        if getattr(args, name, None) is not None:
            out.append(Constraint(quantity, op, getattr(args, name)))
    return out


def _plain(value: Any) -> Any:
    return getattr(value, "value", value)


def analyse(versions: Sequence[CriteriaVersion]) -> list[Diagnostic]:
    """Every problem the analysis finds in ``versions`` (loaded and bound)."""
    out: list[Diagnostic] = []
    by_id: dict[str, list[CriteriaVersion]] = defaultdict(list)
    for version in versions:
        by_id[version.id].append(version)
    for version in versions:
        out.extend(_dates(version))
        out.extend(_node(version, version.root, under_any=False))
        out.extend(_references(version, by_id))
    return out


def _dates(version: CriteriaVersion) -> list[Diagnostic]:
    span = version.doc.in_force
    if span.until is not None and span.until < span.from_:
        return [
            Diagnostic(
                Code.UNTIL_BEFORE_FROM,
                f"{version.id}: in force until {span.until} but from {span.from_}: "
                "the version is never in force",
                version.document.location(("in_force", "until")),
                path="in_force.until",
            )
        ]
    return []


# -- contradictions and unreachable branches ---------------------------------


@dataclass(frozen=True, slots=True)
class _Fact:
    constraint: Constraint
    leaf: BoundLeaf
    negated: bool


def _facts(node: BoundNode) -> list[_Fact] | None:
    """What an ``all`` (or a leaf) requires, as constraints; None when it cannot say."""
    if isinstance(node, BoundLeaf):
        extract = _BOUNDS.get(node.predicate.name)
        if extract is None:
            return []
        return [_Fact(c, node, False) for c in extract(node.args)]
    if node.kind == "all":
        facts: list[_Fact] = []
        for child in node.children:
            found = _facts(child)
            if found:
                facts.extend(found)
        return facts
    if node.kind == "not" and isinstance(node.children[0], BoundLeaf):
        inner = _facts(node.children[0])
        if inner is not None and len(inner) == 1 and inner[0].constraint.op in _NEGATED:
            c = inner[0].constraint
            return [_Fact(Constraint(c.quantity, _NEGATED[c.op], c.value), inner[0].leaf, True)]
    return []


def _conflict(facts: Iterable[_Fact]) -> tuple[_Fact, _Fact] | None:
    """Two facts on one quantity that no value satisfies together, if any."""
    by_quantity: dict[Hashable, list[_Fact]] = defaultdict(list)
    for fact in facts:
        by_quantity[fact.constraint.quantity].append(fact)
    for group in by_quantity.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if a.leaf is not b.leaf and _disjoint(a.constraint, b.constraint):
                    return a, b
    return None


def _disjoint(a: Constraint, b: Constraint) -> bool:
    try:
        return _disjoint_ordered(a, b) or _disjoint_ordered(b, a)
    except TypeError:  # values of different kinds: nothing can be said
        return False


def _disjoint_ordered(a: Constraint, b: Constraint) -> bool:
    lower = {">=": True, ">": False}
    upper = {"<=": True, "<": False}
    if a.op in lower and b.op in upper:
        if a.value > b.value:
            return True
        return bool(a.value == b.value and not (lower[a.op] and upper[b.op]))
    if a.op == "in" and b.op == "in":
        return not set(a.value) & set(b.value)
    if a.op == "in" and b.op == "not_in":
        return set(a.value) <= set(b.value)
    if a.op == "in" and (b.op in lower or b.op in upper):
        return not any(_satisfies(v, b) for v in a.value)
    return False


def _satisfies(value: Any, c: Constraint) -> bool:
    if c.op == ">=":
        return bool(value >= c.value)
    if c.op == ">":
        return bool(value > c.value)
    if c.op == "<=":
        return bool(value <= c.value)
    return bool(value < c.value)


def _words(fact: _Fact) -> str:
    c = fact.constraint
    value = list(c.value) if isinstance(c.value, tuple) else c.value
    shown = f"{fact.leaf.predicate.name} {c.op} {value}"
    return f"{fact.leaf.id!r} ({shown})"


def _node(version: CriteriaVersion, node: BoundNode, *, under_any: bool) -> list[Diagnostic]:
    if isinstance(node, BoundLeaf):
        return []
    out: list[Diagnostic] = []
    if node.kind == "all":
        conflict = _conflict(_facts(node) or [])
        if conflict is not None:
            a, b = conflict
            message = f"{version.id}: {_words(a)} and {_words(b)} cannot both hold"
            out.append(
                Diagnostic(
                    Code.UNREACHABLE if under_any else Code.CONTRADICTION,
                    message + ("; this branch can never pass" if under_any else ""),
                    version.document.location(b.leaf.path),
                    severity="warning" if under_any else "error",
                )
            )
            return out
    if node.kind == "any":
        seen: dict[str, int] = {}
        for index, child in enumerate(node.children):
            shape = _shape(child)
            if shape in seen:
                out.append(
                    Diagnostic(
                        Code.UNREACHABLE,
                        f"{version.id}: branch {index + 1} of this 'any' repeats branch "
                        f"{seen[shape] + 1}; it never decides anything",
                        version.document.location(child.path),
                        severity="warning",
                    )
                )
            seen.setdefault(shape, index)
    for child in node.children:
        out.extend(_node(version, child, under_any=under_any or node.kind == "any"))
    return out


def _shape(node: BoundNode) -> str:
    """What a node checks, ignoring ids and titles (to spot repeated branches)."""
    if isinstance(node, BoundLeaf):
        return json.dumps([node.predicate.name, node.args.model_dump(mode="json")], sort_keys=True)
    return json.dumps([node.kind, [_shape(c) for c in node.children]])


# -- references ------------------------------------------------------------


def _references(
    version: CriteriaVersion, by_id: dict[str, list[CriteriaVersion]]
) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    span = version.doc.in_force
    for leaf in version.leaves():
        for target in leaf.predicate.referenced_criteria(leaf.args):
            targets = by_id.get(target)
            if not targets:
                continue  # unknown references are reported by the cross-file checks
            if not any(_overlaps(span.from_, span.until, t) for t in targets):
                ranges = "; ".join(str(t.doc.in_force) for t in targets)
                out.append(
                    Diagnostic(
                        Code.REFERENCE_NOT_IN_FORCE,
                        f"{version.id} ({span}) refers to {target}, which is in force on "
                        f"none of those days ({ranges})",
                        version.document.location(leaf.path),
                    )
                )
    return out


def _overlaps(start: dt.date, end: dt.date | None, other: CriteriaVersion) -> bool:
    o_start, o_end = other.doc.in_force.from_, other.doc.in_force.until
    return (end is None or o_start <= end) and (o_end is None or start <= o_end)
