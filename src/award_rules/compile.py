"""Compile bound criteria into plain callables, once per catalog.

Each node compiles twice: into a :data:`Runner`, which records the result tree
an explanation renders, and into a :data:`Holds`, which only answers pass, fail
or unknown (no tree, no evidence) and stops a group as soon as its value is
decided. Both use the same three-valued fold, :func:`fold`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from .context import Context
from .criteria.loader import BoundGroup, BoundLeaf, BoundNode
from .results import NodeResult, fold

__all__ = ["Holds", "Runner", "compile_holds", "compile_node"]

Runner = Callable[[Context], NodeResult]
Holds = Callable[[Context], bool | None]


def compile_node(node: BoundNode, owner: str = "") -> Runner:
    """A callable that evaluates ``node`` (and everything below it) for a context.

    ``owner`` names the criteria version (``award_id@from-date``) in leaf results.
    """
    if isinstance(node, BoundLeaf):
        return _compile_leaf(node, owner)
    return _compile_group(node, owner)


def _compile_leaf(node: BoundLeaf, owner: str) -> Runner:
    predicate, args, leaf = node.predicate, node.args, node.leaf
    evaluate = predicate.evaluate

    def run(ctx: Context) -> NodeResult:
        outcome = evaluate(args, ctx)
        return NodeResult(
            id=leaf.id,
            kind="check",
            passed=outcome.passed,
            predicate=predicate,
            args=args,
            outcome=outcome,
            source=leaf.source,
            title=leaf.title,
            review=leaf.review,
            owner=owner,
            rerun=run,
        )

    return run


def _compile_group(node: BoundGroup, owner: str) -> Runner:
    children = tuple(compile_node(child, owner) for child in node.children)
    kind, node_id, title, source = node.kind, node.id, node.title, node.source

    def run_group(ctx: Context) -> NodeResult:
        results = tuple(child(ctx) for child in children)
        passed = fold(kind, [r.passed for r in results])
        return NodeResult(node_id, kind, passed, results, source=source, title=title)  # type: ignore[arg-type]

    return run_group


def compile_holds(node: BoundNode) -> Holds:
    """A callable that tells whether ``node`` holds, without recording anything.

    A group asks its cheaper children first (see ``Predicate.cost``): the
    three-valued fold does not depend on the order, and the first decisive
    value stops the group.
    """
    return _holds(node)[0]


def _holds(node: BoundNode) -> tuple[Holds, int]:
    """The status-only callable of ``node`` and its rough cost."""
    if isinstance(node, BoundLeaf):
        return partial(node.predicate.holds, node.args), node.predicate.cost
    compiled = sorted((_holds(child) for child in node.children), key=lambda pair: pair[1])
    cost = sum(c for _, c in compiled)
    children = tuple(holds for holds, _ in compiled)
    if node.kind == "not":
        only = children[0]

        def holds_not(ctx: Context) -> bool | None:
            value = only(ctx)
            return None if value is None else not value

        return holds_not, cost
    if len(children) == 1:
        return children[0], cost
    # ``all`` stops at the first failure, ``any`` at the first pass: that value wins.
    if node.kind == "all":

        def holds_all(ctx: Context) -> bool | None:
            unknown = False
            for child in children:
                value = child(ctx)
                if value is False:
                    return False
                if value is None:
                    unknown = True
            return None if unknown else True

        return holds_all, cost

    def holds_any(ctx: Context) -> bool | None:
        unknown = False
        for child in children:
            value = child(ctx)
            if value is True:
                return True
            if value is None:
                unknown = True
        return None if unknown else False

    return holds_any, cost
