"""Each award's outcome for one nominee from the status-only path: no result trees.

A review needs, per nominee and award, the status, the deciding failed
conditions (ineligible), what to request (undetermined) and whether the
verdict rests on unverified criteria — not the full verdict. So one
:class:`~award_rules.context.Context` is made per nominee and date, its derived
facts shared by every award (as :meth:`Catalog.statuses` does), and:

- the status comes from the compiled status-only check;
- for an ineligible or undetermined status, the deciding conditions are found
  by asking each condition's own status-only check (facts are cached, so this
  is cheap), descending into referenced criteria as a verdict's tree does;
  only the undetermined leaves that decide are evaluated, for what they miss;
- whether the verdict rests on unverified criteria depends only on the version
  and the date (every condition and reference is part of a verdict's tree), so
  it is worked out once per version.

The ids agree with :attr:`Verdict.failed` and :attr:`Verdict.missing`
(``tests/test_roster_outcomes.py`` compares them over generated rosters).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

from ..catalog import Catalog
from ..context import Context
from ..criteria.loader import BoundGroup, BoundLeaf, BoundNode, CriteriaVersion
from ..criteria.schema import ReviewStatus
from ..evaluation import CompiledVersion, Plan, VersionIndex
from ..facts import FactCache
from ..model import Individual, Unit
from ..results import NodeResult, fold
from ..verdict import Status, deciding, status_of
from ..vocabulary.base import _FunctionPredicate
from ..vocabulary.reference import MeetsCriteria

__all__ = ["Outcomes"]

PATTERNS_KEPT = 100_000
"""Failed conditions remembered by the values of the leaves (few patterns recur)."""

MAX_REFERENCE_DEPTH = 32
_UNSET: Any = object()

_Slot = tuple[BoundLeaf, bool, CompiledVersion | None]
"""A leaf, whether its criteria read the award judged, and the criteria it references."""

Found = tuple[str, Any]
"""A deciding condition's qualified id (``ref/leaf`` inside references) and, for an
undetermined leaf, the facts it misses."""


class Outcomes:
    """Judge nominees for chosen versions on one date and year, cheaply (see the module)."""

    def __init__(
        self, catalog: Catalog, day: dt.date, year: int, versions: Sequence[CriteriaVersion]
    ) -> None:
        self.index: VersionIndex = catalog.index
        self.year = year
        plans = [(v, self.index.plan(v.id, day, year)) for v in versions]
        self.plans: dict[str, list[tuple[str, Plan]]] = {
            kind: [(v.id, p) for v, p in plans if v.doc.subject in (kind, "any")]
            for kind in ("individual", "unit")
        }
        self._unverified: dict[tuple[str, dt.date, int], bool] = {}
        self._leaves: dict[tuple[str, dt.date, int], tuple[_Slot, ...]] = {}
        self._patterns: dict[tuple[str, tuple[bool | None, ...]], tuple[Status, tuple[str, ...]]]
        self._patterns = {}
        self._by_plan: dict[int, tuple[tuple[_Slot, ...], bool]] = {}

    def judge(
        self, nominee: Individual | Unit
    ) -> Iterator[tuple[str, str, Status, tuple[str, ...], tuple[str, ...], bool]]:
        """``(award_id, owner, status, failed, missing, unverified)`` for each version that fits."""
        contexts: dict[dt.date, Context] = {}
        memos: dict[tuple[dt.date, int], dict[tuple[int, str | None], bool | None]] = {}
        for award_id, plan in self.plans[nominee.kind]:
            slots, unverified = self._prepared(plan)
            ctx = contexts.get(plan.as_of)
            if ctx is None:
                ctx = Context(
                    nominee, plan.as_of, award_id, plan.year, FactCache(), self.index.resolve
                )
                contexts[plan.as_of] = ctx
            else:
                ctx.award_id, ctx.year = award_id, plan.year
            compiled = plan.compiled
            memo = memos.get((plan.as_of, plan.year))
            if memo is None:
                memo = memos[(plan.as_of, plan.year)] = {}
            status, failed = self._pattern_of(compiled, slots, ctx, memo)
            missing: tuple[str, ...] = ()
            if status == "undetermined":
                seen: list[str] = []
                for _, wanted in self._deciding(compiled, ctx, None, memo):
                    seen.extend(m for m in wanted if m not in seen)
                missing = tuple(seen)
            yield (
                award_id,
                compiled.owner,
                status,
                failed,
                missing,
                unverified,
            )

    def _prepared(self, plan: Plan) -> tuple[tuple[_Slot, ...], bool]:
        """A plan's leaves (see :meth:`_leaves_of`) and whether it rests on unverified criteria."""
        found = self._by_plan.get(id(plan))
        if found is None:
            found = (self._leaves_of(plan.compiled, plan), self._unverified_of(plan.compiled, plan))
            self._by_plan[id(plan)] = found
        return found

    # -- the deciding conditions -------------------------------------------------
    def _deciding(
        self,
        compiled: CompiledVersion,
        ctx: Context,
        value: bool | None,
        memo: dict[tuple[int, str | None], bool | None],
    ) -> Iterator[Found]:
        """Conditions that gave ``compiled`` its ``value``, as :meth:`Verdict._deciding` finds them.

        Every condition's value is worked out once per nominee (leaves by their
        status-only check, groups by the three-valued fold; per award only
        where the criteria read the award judged), then the tree is walked.
        """
        scope = ctx.award_id if compiled.reads_award_id else None
        return self._walk(compiled.version.root, ctx, value, "", memo, scope)

    def _pattern_of(
        self,
        compiled: CompiledVersion,
        slots: tuple[_Slot, ...],
        ctx: Context,
        memo: dict[Any, bool | None],
    ) -> tuple[Status, tuple[str, ...]]:
        """The status and the failed conditions, from the value of every leaf.

        Leaves are checked once per nominee (those of shared references too);
        the same values always give the same status and failures, remembered.
        """
        values = []
        award_id = ctx.award_id
        get = memo.get
        for leaf, reads, referenced in slots:
            key = (id(leaf), award_id if reads else None)
            value = get(key, _UNSET)
            if value is _UNSET:
                if referenced is None:
                    value = leaf.predicate.holds(leaf.args, ctx)
                else:  # its leaves are just before it: fold them
                    inner = award_id if referenced.reads_award_id else None
                    value = self._value(referenced.version.root, ctx, memo, inner)
                memo[key] = value
            values.append(value)
        pattern = (compiled.owner, tuple(values))
        found = self._patterns.get(pattern)
        if found is None:
            scope = award_id if compiled.reads_award_id else None
            status = status_of(self._value(compiled.version.root, ctx, memo, scope))
            failed: tuple[str, ...] = ()
            if status == "ineligible":
                failed = tuple(qid for qid, _ in self._deciding(compiled, ctx, False, memo))
            found = (status, failed)
            if len(self._patterns) >= PATTERNS_KEPT:
                self._patterns.clear()
            self._patterns[pattern] = found
        return found

    def _leaves_of(self, compiled: CompiledVersion, plan: Plan) -> tuple[_Slot, ...]:
        """Every leaf of the criteria and those they reference (a reference after the
        leaves it refers to), with whether its criteria read the award judged (then
        its value is per award)."""
        key = (compiled.owner, plan.as_of, plan.year)
        found = self._leaves.get(key)
        if found is None:
            out: list[_Slot] = []

            def visit(version: CompiledVersion, depth: int) -> None:
                for leaf in version.version.leaves():
                    referenced = None
                    if isinstance(leaf.predicate, MeetsCriteria) and depth < MAX_REFERENCE_DEPTH:
                        referenced = self.index.resolve(
                            leaf.args.award,  # type: ignore[attr-defined]
                            plan.as_of,
                            plan.year,
                        )
                        visit(referenced, depth + 1)
                    else:
                        for award_id in leaf.predicate.referenced_criteria(leaf.args):
                            if depth < MAX_REFERENCE_DEPTH:
                                visit(
                                    self.index.resolve(award_id, plan.as_of, plan.year), depth + 1
                                )
                    out.append((leaf, version.reads_award_id, referenced))

            visit(compiled, 0)
            found = self._leaves[key] = tuple(out)
        return found

    def _value(
        self,
        node: BoundNode,
        ctx: Context,
        memo: dict[tuple[int, str | None], bool | None],
        scope: str | None,
    ) -> bool | None:
        key = (id(node), scope)
        if key in memo:
            return memo[key]
        if isinstance(node, BoundLeaf):
            found = node.predicate.holds(node.args, ctx)
        else:
            found = fold(
                node.kind, [self._value(child, ctx, memo, scope) for child in node.children]
            )
        memo[key] = found
        return found

    def _walk(
        self,
        node: BoundNode,
        ctx: Context,
        value: bool | None,
        prefix: str,
        memo: dict[tuple[int, str | None], bool | None],
        scope: str | None,
    ) -> Iterator[Found]:
        if self._value(node, ctx, memo, scope) is not value:
            return
        if isinstance(node, BoundGroup):
            if node.kind == "not":
                yield f"{prefix}{node.id or 'not'}", ()
                return
            for child in node.children:
                yield from self._walk(child, ctx, value, prefix, memo, scope)
            return
        qualified = f"{prefix}{node.id}"
        predicate = node.predicate
        if isinstance(predicate, MeetsCriteria):
            referenced = self.index.resolve(node.args.award, ctx.as_of, ctx.year)  # type: ignore[attr-defined]
            inner = ctx.award_id if referenced.reads_award_id else None
            yield from self._walk(referenced.version.root, ctx, value, f"{qualified}/", memo, inner)
            return
        if value is False and not isinstance(predicate, _FunctionPredicate):
            yield qualified, ()  # the shipped predicates' outcomes have no inner conditions
            return
        outcome = predicate.evaluate(node.args, ctx)
        if outcome.children:
            for result in outcome.children:
                yield from _deciding_in(result, value, f"{qualified}/")
        else:
            yield qualified, outcome.missing

    # -- unverified criteria ---------------------------------------------------
    def _unverified_of(self, compiled: CompiledVersion, plan: Plan) -> bool:
        """Whether a verdict of ``compiled`` rests on criteria or conditions marked unverified."""
        key = (compiled.owner, plan.as_of, plan.year)
        found = self._unverified.get(key)
        if found is None:
            found = self._rests_on_unverified(compiled.version, plan.as_of, plan.year, set())
            self._unverified[key] = found
        return found

    def _rests_on_unverified(
        self, version: CriteriaVersion, as_of: dt.date, year: int, seen: set[str]
    ) -> bool:
        seen.add(version.owner)
        if _marked(version.doc.review):
            return True
        for leaf in version.leaves():
            if _marked(leaf.leaf.review):
                return True
            for award_id in leaf.predicate.referenced_criteria(leaf.args):
                referenced = self.index.resolve(award_id, as_of, year).version
                if referenced.owner not in seen and self._rests_on_unverified(
                    referenced, as_of, year, seen
                ):
                    return True
        return False


def _marked(review: Any) -> bool:
    return review is not None and review.status is ReviewStatus.UNVERIFIED


def _deciding_in(node: NodeResult, value: bool | None, prefix: str) -> Iterator[Found]:
    """The deciding conditions inside a recorded result (a custom predicate's children)."""
    for qualified, leaf in deciding(node, value, prefix):
        yield qualified, leaf.outcome.missing if leaf.kind == "check" and leaf.outcome else ()
