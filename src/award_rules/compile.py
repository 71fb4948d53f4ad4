"""Compile bound criteria into plain callables, once per catalog."""

from __future__ import annotations

from collections.abc import Callable

from .context import Context
from .criteria.loader import BoundGroup, BoundLeaf, BoundNode
from .results import NodeResult, combine_all, combine_any

__all__ = ["Runner", "compile_node"]

Runner = Callable[[Context], NodeResult]


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
    if kind == "not":
        only = children[0]

        def run_not(ctx: Context) -> NodeResult:
            result = only(ctx)
            passed = None if result.passed is None else not result.passed
            return NodeResult(node_id, "not", passed, (result,), source=source, title=title)

        return run_not
    combine = combine_all if kind == "all" else combine_any

    def run_group(ctx: Context) -> NodeResult:
        results = tuple(child(ctx) for child in children)
        passed = combine([r.passed for r in results])
        return NodeResult(node_id, kind, passed, results, source=source, title=title)  # type: ignore[arg-type]

    return run_group
