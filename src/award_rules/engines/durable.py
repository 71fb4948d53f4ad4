"""The durable-rules (Rete) engine backend: the same criteria, compiled into rulesets.

Nothing is written twice. :class:`DurableEngine` reads the bound criteria of a
catalog (``CriteriaVersion.root``) and compiles them into one durable-rules
ruleset:

- every **leaf** is evaluated by the native predicate code, the same derived
  facts the native engine uses (dates, windows, durations), and becomes a fact
  ``{"t": "node", "node": "<owner>/<path>", "value": "pass"|"fail"|"unknown"}``;
- every **group** (``all``, ``any``, ``not``) becomes rules over its children's
  facts implementing three-valued logic; exactly one of them fires and asserts
  the group's own fact (``all``: a fail wins, then an unknown; ``any``: a pass
  wins, then an unknown; ``not`` swaps pass and fail);
- every **reference** (``meets_criteria``) becomes a ``ref`` fact naming the
  root of the version in force of the referenced award; one generic rule copies
  that root's value onto the referencing leaf.

The root's fact is the status. The verdict is then built from the native leaf
results (with their evidence) and the group values durable-rules derived, and
rendered by the native explainer, so the explanation is the native one. Every
group value is also checked against the native three-valued combination of its
children (``check=True``), so the two engines are compared on every call.

Isolation (durable-rules keeps global state):

- each engine registers its ruleset under a unique name
  (``award_rules_<uuid>_<n>``) on a private durable-rules host that runs every
  action synchronously, in the calling thread (durable's own global host,
  ``durable.lang.get_host()``, runs actions from background timer threads);
- each nominee's facts live in their own durable session (``sid`` = the
  nominee id), rebuilt for every evaluation;
- calls into durable-rules are serialised by one process-wide lock: the
  library is not thread-safe (its issues #291 and #292 report errors under
  threads), so evaluations in several threads are correct but not parallel in
  their durable part.

Limits: a ruleset stays registered until :meth:`DurableEngine.close` (memory
grows with the number of engines created and never closed); durable-rules
holds at most 1024 sessions per ruleset, so at most ``keep_sessions`` (≤ 512)
nominees' last facts are kept for inspection; a rule may join at most 16
facts, so wider groups are split into nested groups of 8 (same meaning, as
many levels as needed); durable-rules cannot register a ruleset of more than
about 2,000 distinct conditions, so a larger catalog is refused
(:class:`RulesetTooLargeError`) instead of hanging.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import itertools
import json
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from ..compile import Runner, compile_node
from ..context import Context
from ..criteria.loader import BoundGroup, BoundLeaf, BoundNode, CriteriaVersion
from ..errors import AwardRulesError, EngineUnavailableError
from ..evaluation import as_reference, plan_for, prepare, verdict_for
from ..model import Individual, Unit
from ..results import NodeResult, Outcome, fold
from ..verdict import Verdict
from ..vocabulary.reference import MeetsCriteria

if TYPE_CHECKING:
    from ..catalog import Catalog

__all__ = [
    "UNAVAILABLE_MESSAGE",
    "DurableEngine",
    "EngineDisagreementError",
    "RulesetTooLargeError",
    "durable_available",
]

UNAVAILABLE_MESSAGE = (
    "durable-rules engine needs the extra: pip install 'award-rules[durable]' "
    "(not available on Python 3.13+)"
)

Value = Literal["pass", "fail", "unknown"]
PASS: Value = "pass"
FAIL: Value = "fail"
UNKNOWN: Value = "unknown"

MAX_JOIN = 8
"""Children per compiled group: durable-rules joins at most 16 facts in one rule."""

MAX_CONDITIONS = 2000
"""Distinct fact patterns one ruleset may hold: durable-rules' ``create_ruleset`` never
returns past about 2,040 (measured with durable-rules 2.0: 1,976 register in half a
second, 2,045 hang), so a larger catalog is refused with :class:`RulesetTooLargeError`."""

MAX_KEPT_SESSIONS = 512
"""durable-rules holds at most 1024 sessions per ruleset; keep well below."""

_LOCK = threading.RLock()
"""Serialises every call into durable-rules (process-wide: its host is shared)."""

_NAMES = itertools.count(1)
_HOST: Any = None


class RulesetTooLargeError(AwardRulesError):
    """The catalog compiles into more conditions than durable-rules can register."""


class EngineDisagreementError(RuntimeError):
    """durable-rules derived a value the native three-valued logic does not (a bug)."""


# -- the durable-rules boundary (untyped) ------------------------------------------


def _durable_modules() -> tuple[Any, Any]:
    """``durable.engine`` and the C extension, or :class:`EngineUnavailableError`."""
    try:
        importlib.import_module("durable.lang")
        engine = importlib.import_module("durable.engine")
        native = importlib.import_module("durable_rules_engine")
    except ImportError as exc:  # not installed, or built for another Python (3.13+)
        raise EngineUnavailableError(UNAVAILABLE_MESSAGE) from exc
    return engine, native


def durable_available() -> bool:
    """True when durable-rules imports (the ``durable`` extra, Python < 3.13)."""
    try:
        _durable_modules()
    except EngineUnavailableError:
        return False
    return True


def _host() -> Any:
    """The private durable-rules host, created once (callers hold ``_LOCK``)."""
    global _HOST
    if _HOST is None:
        engine, _ = _durable_modules()

        class QuietHost(engine.Host):  # type: ignore[misc, name-defined]
            """A host without the background dispatch threads of ``durable.lang``'s.

            Rule actions then run only inside the call that asserted the facts,
            in the caller's thread, before that call returns.
            """

            def _run(self) -> None:
                return None

        _HOST = QuietHost()
    return _HOST


def _to_value(passed: bool | None) -> Value:
    return UNKNOWN if passed is None else PASS if passed else FAIL


def _to_passed(value: str) -> bool | None:
    return None if value == UNKNOWN else value == PASS


def node_name(owner: str, path: tuple[str | int, ...]) -> str:
    """The fact name of a condition: ``award_id@from-date/conditions.0.any.1``."""
    return f"{owner}/{'.'.join(str(part) for part in path)}"


# -- compiling the bound criteria -------------------------------------------------


@dataclass(frozen=True, slots=True)
class _LeafPlan:
    node: str
    owner: str
    bound: BoundLeaf
    run: Runner
    """The native leaf runner: the same code, result and evidence as the native engine."""
    reference: str | None
    """For ``meets_criteria``: the award whose criteria the leaf refers to."""


@dataclass(frozen=True, slots=True)
class _GroupPlan:
    node: str
    bound: BoundGroup
    children: tuple[_LeafPlan | _GroupPlan, ...]


_Plan = _LeafPlan | _GroupPlan


@dataclass(frozen=True, slots=True)
class _VersionPlan:
    owner: str
    version: CriteriaVersion
    root: _Plan


@dataclass
class _Rules:
    """Ruleset definition under construction (a durable-rules JSON definition)."""

    definition: dict[str, dict[str, Any]] = field(default_factory=dict)

    def add(self, patterns: list[dict[str, Any]], action: Callable[[Any], None]) -> None:
        named = [{f"m_{i}": pattern} for i, pattern in enumerate(patterns)]
        self.definition[f"r_{len(self.definition)}"] = {"all": named, "run": action}


def _is(node: str, value: Value) -> dict[str, Any]:
    return {"$and": [{"t": "node"}, {"node": node}, {"value": value}]}


def _is_not(node: str, value: Value) -> dict[str, Any]:
    return {"$and": [{"t": "node"}, {"node": node}, {"$neq": {"value": value}}]}


def _assert_node(node: str, value: Value) -> Callable[[Any], None]:
    """The action of a group rule: assert the group's fact (``c`` is durable's closure)."""

    def action(c: Any) -> None:
        _assert_fact(c, node, value)

    return action


def _copy_reference(c: Any) -> None:
    """The action of the reference rule: the referencing leaf takes the root's value."""
    _assert_fact(c, c.r.node, c.v.value)


def _assert_fact(c: Any, node: str, value: str) -> None:
    """Assert a node's fact from an action; a failure says which node (durable hides it)."""
    fact = {"t": "node", "id": f"n:{node}", "node": node, "value": value, "nominee": c.s.sid}
    try:
        c.assert_fact(fact)
    except Exception as exc:  # MessageObservedException: a second rule fired for the node
        reason = getattr(exc, "message", None) or repr(exc)
        raise RuntimeError(f"cannot assert {value!r} for {node!r}: {reason}") from exc


def _compile_group(
    rules: _Rules, node: str, kind: str, children: list[str], level: int = 0
) -> None:
    """Rules deciding ``node`` from its children's facts; exactly one of them fires.

    A group wider than :data:`MAX_JOIN` becomes a tree of groups of at most
    that many; the parts of each level are named ``node~level.j``, so the
    names of one level never collide with another's (over 64 children needs
    two levels, over 512 three).
    """
    if kind == "not":
        (child,) = children
        for value, negated in ((PASS, FAIL), (FAIL, PASS), (UNKNOWN, UNKNOWN)):
            rules.add([_is(child, value)], _assert_node(node, negated))
        return
    if len(children) > MAX_JOIN:  # all/any are associative: split into nested groups
        chunks = [children[i : i + MAX_JOIN] for i in range(0, len(children), MAX_JOIN)]
        parts = []
        for j, chunk in enumerate(chunks):
            part = f"{node}~{level}.{j}"
            _compile_group(rules, part, kind, chunk)
            parts.append(part)
        _compile_group(rules, node, kind, parts, level + 1)
        return
    # For ``all`` the deciding value is fail, the absorbing one; for ``any`` it is pass.
    wins, loses = (FAIL, PASS) if kind == "all" else (PASS, FAIL)
    # The first child with the winning value decides (earlier ones must not have it).
    for i, child in enumerate(children):
        before = [_is_not(c, wins) for c in children[:i]]
        rules.add([*before, _is(child, wins)], _assert_node(node, wins))
    # No child wins and one is unknown: the first unknown child decides.
    for i, child in enumerate(children):
        before = [_is(c, loses) for c in children[:i]]
        after = [_is_not(c, wins) for c in children[i + 1 :]]
        rules.add([*before, _is(child, UNKNOWN), *after], _assert_node(node, UNKNOWN))
    # Every child has the losing value.
    rules.add([_is(c, loses) for c in children], _assert_node(node, loses))


def _plan(node: BoundNode, owner: str, rules: _Rules) -> _Plan:
    name = node_name(owner, node.path)
    if isinstance(node, BoundLeaf):
        referenced = node.predicate.referenced_criteria(node.args)
        reference = None
        if type(node.predicate) is MeetsCriteria:  # other predicates run natively
            (reference,) = referenced
        return _LeafPlan(name, owner, node, compile_node(node, owner), reference)
    children = tuple(_plan(child, owner, rules) for child in node.children)
    _compile_group(rules, name, node.kind, [child.node for child in children])
    return _GroupPlan(name, node, children)


def _check_size(rules: _Rules, versions: Iterable[_VersionPlan]) -> None:
    """Refuse a ruleset durable-rules would hang on (see :data:`MAX_CONDITIONS`)."""
    patterns = {
        json.dumps(pattern, sort_keys=True)
        for rule in rules.definition.values()
        for named in rule["all"]
        for pattern in named.values()
    }
    if len(patterns) <= MAX_CONDITIONS:
        return
    largest = max(versions, key=lambda v: sum(1 for _ in v.version.leaves()))
    raise RulesetTooLargeError(
        f"the criteria compile into {len(patterns)} distinct durable-rules conditions, over "
        f"the {MAX_CONDITIONS} durable-rules can register (the largest criteria: "
        f"{largest.owner}, {len(largest.version.leaves())} conditions); use the native engine"
    )


# -- one evaluation ------------------------------------------------------------------


@dataclass
class _Evaluation:
    """Facts gathered for one nominee, award and date, then the tree built from them."""

    engine: DurableEngine
    ctx: Context
    facts: list[dict[str, Any]] = field(default_factory=list)
    leaves: dict[str, NodeResult] = field(default_factory=dict)
    targets: dict[str, _VersionPlan] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)
    values: dict[str, str] = field(default_factory=dict)

    # Phase 1: leaves by the native code, references as ``ref`` facts.
    def gather(self, version: _VersionPlan) -> None:
        if version.owner in self.seen:  # referenced twice: same context, same facts
            return
        self.seen.add(version.owner)
        self._gather(version.root)

    def _gather(self, plan: _Plan) -> None:
        if isinstance(plan, _GroupPlan):
            for child in plan.children:
                self._gather(child)
            return
        nominee = self.ctx.nominee.id
        if plan.reference is not None:
            target = self.engine._version_for(plan.reference, self.ctx)
            self.gather(target)
            self.targets[plan.node] = target
            self.facts.append(
                {
                    "t": "ref",
                    "id": f"r:{plan.node}",
                    "node": plan.node,
                    "target": target.root.node,
                    "nominee": nominee,
                }
            )
            return
        result = plan.run(self.ctx)
        self.leaves[plan.node] = result
        self.facts.append(
            {
                "t": "node",
                "id": f"n:{plan.node}",
                "node": plan.node,
                "value": _to_value(result.passed),
                "nominee": nominee,
            }
        )

    # Phase 3: the result tree, leaves native, groups and references from durable.
    def passed(self, node: str) -> bool | None:
        try:
            return _to_passed(self.values[node])
        except KeyError:
            raise EngineDisagreementError(
                f"durable-rules derived no value for {node!r} "
                f"(nominee {self.ctx.nominee.id!r}, award {self.ctx.award_id!r})"
            ) from None

    def build(self, plan: _Plan) -> NodeResult:
        if isinstance(plan, _GroupPlan):
            return self._build_group(plan)
        if plan.reference is None:
            return self.leaves[plan.node]
        target = self.targets[plan.node]
        inner = self.build_reference(target)
        passed = self.passed(plan.node)
        self._check(plan.node, passed, inner.passed)
        leaf = plan.bound
        return NodeResult(
            id=leaf.leaf.id,
            kind="check",
            passed=passed,
            predicate=leaf.predicate,
            args=leaf.args,
            outcome=Outcome(passed, passed, children=(inner,)),
            source=leaf.leaf.source,
            title=leaf.leaf.title,
            review=leaf.leaf.review,
            owner=plan.owner,
            rerun=plan.run,
        )

    def build_reference(self, version: _VersionPlan) -> NodeResult:
        """The referenced criterion's tree, titled as the native engine titles it."""
        return as_reference(self.build(version.root), version.version)

    def _build_group(self, plan: _GroupPlan) -> NodeResult:
        children = tuple(self.build(child) for child in plan.children)
        passed = self.passed(plan.node)
        kind = plan.bound.kind
        self._check(plan.node, passed, fold(kind, [child.passed for child in children]))
        group = plan.bound
        return NodeResult(
            group.id,
            kind,  # type: ignore[arg-type]
            passed,
            children,
            source=group.source,
            title=group.title,
        )

    def _check(self, node: str, durable: bool | None, native: bool | None) -> None:
        if self.engine.check and durable is not native:
            raise EngineDisagreementError(
                f"durable-rules says {_to_value(durable)} for {node!r}, the native "
                f"three-valued logic says {_to_value(native)} "
                f"(nominee {self.ctx.nominee.id!r}, award {self.ctx.award_id!r}, "
                f"as of {self.ctx.as_of.isoformat()})"
            )


# -- the engine -------------------------------------------------------------------


class DurableEngine:
    """Evaluate a catalog's criteria with durable-rules; same verdicts as ``Catalog.evaluate``.

    Create one per catalog and reuse it (each engine registers a ruleset that
    stays until :meth:`close`). Raises :class:`EngineUnavailableError` when
    durable-rules cannot be imported. Safe to share between threads.

    ``check`` (default on) compares every value durable-rules derives with the
    native three-valued logic and raises :class:`EngineDisagreementError` if
    they differ. ``keep_sessions`` is how many nominees' last durable sessions
    are kept for :meth:`facts` (0: each session is deleted after its evaluation).
    """

    def __init__(self, catalog: Catalog, *, check: bool = True, keep_sessions: int = 64) -> None:
        _, self._native = _durable_modules()
        if not 0 <= keep_sessions <= MAX_KEPT_SESSIONS:
            raise ValueError(f"keep_sessions must be between 0 and {MAX_KEPT_SESSIONS}")
        self.index = catalog.index
        self.admit = catalog.admit
        self.check = check
        self.keep_sessions = keep_sessions
        self.ruleset_name = f"award_rules_{uuid.uuid4().hex}_{next(_NAMES)}"
        self._kept: OrderedDict[str, None] = OrderedDict()
        self._closed = False
        rules = _Rules()
        # Every reference leaf copies the value of the root its ``ref`` fact names.
        rules.definition["reference"] = {
            "all": [
                {"r": {"t": "ref"}},
                {"v": {"$and": [{"t": "node"}, {"node": {"r": "target"}}]}},
            ],
            "run": _copy_reference,
        }
        self._versions: dict[str, _VersionPlan] = {}
        for award_id in catalog.ids():
            for version in catalog.versions(award_id):
                owner = version.owner
                root = _plan(version.root, owner, rules)
                self._versions[owner] = _VersionPlan(owner, version, root)
        self.rule_count = len(rules.definition)
        _check_size(rules, self._versions.values())
        with _LOCK:
            _host().register_rulesets({self.ruleset_name: rules.definition})

    def _version_for(self, award_id: str, ctx: Context) -> _VersionPlan:
        """The version of ``award_id`` a reference uses (as native references do)."""
        version = self.index.resolve(award_id, ctx.as_of, ctx.year).version
        return self._versions[version.owner]

    # -- evaluating ------------------------------------------------------------------
    def evaluate(
        self,
        nominee: Individual | Unit | Mapping[str, Any],
        award_id: str,
        as_of: dt.date | str | None = None,
        *,
        year: int | None = None,
    ) -> Verdict:
        """Judge ``nominee`` for ``award_id``, exactly as :meth:`Catalog.evaluate` does."""
        index = self.index
        subject, planned = plan_for(index, nominee, award_id, as_of, year)
        subject = self.admit(subject)
        ctx = prepare(index, subject, award_id, planned)
        version = planned.version
        plan = self._versions[version.owner]
        run = _Evaluation(self, ctx)
        run.gather(plan)
        run.values = self._derive(ctx.nominee.id, run.facts)
        return verdict_for(index, version, ctx, run.build(plan.root))

    def _derive(self, sid: str, facts: list[dict[str, Any]]) -> dict[str, str]:
        """Assert the facts in the nominee's fresh session; the node values durable derived."""
        with _LOCK:
            if self._closed:
                raise RuntimeError(f"durable engine {self.ruleset_name} is closed")
            host = _host()
            self._drop(sid)
            try:
                host.assert_facts(self.ruleset_name, [{**f, "sid": sid} for f in facts])
                state = host.get_state(self.ruleset_name, sid)
                derived = host.get_facts(self.ruleset_name, sid)
            except Exception as exc:  # durable's own error types are not exported
                self._drop(sid)
                raise RuntimeError(f"durable-rules failed for nominee {sid!r}: {exc}") from exc
            if "exception" in state:  # a rule action raised; durable only records it
                self._drop(sid)
                reason = str(state["exception"]).split(", traceback")[0]
                raise RuntimeError(f"a durable-rules action failed: {reason}")
            if self.keep_sessions:
                self._kept[sid] = None
                self._kept.move_to_end(sid)
                while len(self._kept) > self.keep_sessions:
                    self._drop(next(iter(self._kept)))
            else:
                self._drop(sid)
        return {
            str(fact["node"]): str(fact["value"])
            for fact in derived
            if fact.get("t") == "node" and fact.get("sid") == sid
        }

    def _drop(self, sid: str) -> None:
        """Delete the nominee's durable session, if any (caller holds ``_LOCK``)."""
        self._kept.pop(sid, None)
        with contextlib.suppress(self._native.error):  # no such session
            _host().delete_state(self.ruleset_name, sid)

    # -- inspecting and closing ------------------------------------------------------
    def facts(self, nominee_id: str) -> list[dict[str, Any]]:
        """The durable facts of the nominee's last evaluation (``[]`` if not kept)."""
        with _LOCK:
            if self._closed or nominee_id not in self._kept:
                return []
            try:
                found = _host().get_facts(self.ruleset_name, nominee_id)
            except self._native.error:
                return []
        return [dict(fact) for fact in found if fact.get("sid") == nominee_id]

    def sessions(self) -> list[str]:
        """Nominee ids whose last session is kept, oldest first."""
        with _LOCK:
            return list(self._kept)

    def close(self) -> None:
        """Delete the sessions and unregister the ruleset; the engine cannot be used after."""
        with _LOCK:
            if self._closed:
                return
            for sid in list(self._kept):
                self._drop(sid)
            host = _host()
            ruleset = host._ruleset_directory.pop(self.ruleset_name, None)
            if ruleset is not None:
                host._ruleset_list.remove(ruleset)
                self._native.delete_ruleset(ruleset._handle)
            self._closed = True

    def __enter__(self) -> DurableEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self._closed else f"{self.rule_count} rules"
        return f"<DurableEngine {self.ruleset_name} ({state})>"
