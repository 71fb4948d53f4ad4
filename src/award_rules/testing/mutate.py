"""Mutation testing of criteria files: do the cases notice when a rule changes?

Each mutant is the criteria with one small change: a threshold moved by the
smallest step either way, an inclusive bound made exclusive (``min`` ↔
``above``), a condition dropped, ``all`` swapped with ``any``, a boundary
between versions (or a version's first or last day) moved by one day. The
cases are run against every mutant; a mutant is *killed* when some case no
longer gets what it expects, *survives* otherwise. A mutant the loader rejects
(an argument out of range, versions that now overlap) is *stillborn* and not
counted. The score is killed / (killed + survived).

Files are parsed once; a mutant re-binds only the documents it changes.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..catalog import Catalog
from ..criteria.analysis import analyse
from ..criteria.checks import check_catalog
from ..criteria.layers import SHIPPED
from ..criteria.loader import (
    REGISTRY_NAME,
    CriteriaVersion,
    LoadResult,
    criteria_files,
    load_files,
    load_version,
)
from ..criteria.schema import LEAF_KEYS
from ..errors import CriteriaError, SourceLocation
from ..loading import shipped_criteria_dir
from ..vocabulary import Vocabulary, default_vocabulary
from ..yamlfile import Document, YamlLoadError, dotted, load_documents
from .cases import LoadedCase
from .runner import run_case

__all__ = ["Mutant", "MutantResult", "MutationReport", "mutants", "run_mutation"]

ONE_DAY = dt.timedelta(days=1)
BOUND_PAIRS = (("min", "above"), ("min_share_pct", "share_above_pct"))
"""Arguments that are the inclusive and the exclusive form of one bound (flipped by mutants)."""
DURATIONS = frozenset({"service_years.min_years", "unit_age.min_years"})
"""Arguments counted in years, months and days: a year less is met by "N years and some months"."""


@dataclass(frozen=True)
class Mutant:
    """One small change to the criteria: which documents change, and how it reads."""

    award: str
    description: str
    location: SourceLocation
    changes: tuple[tuple[int, Any], ...]
    """(index of the document in the pack, its changed data)."""
    hint: str = ""


@dataclass(frozen=True)
class MutantResult:
    """What the cases made of a mutant."""

    mutant: Mutant
    status: str  # killed, survived, stillborn
    killed_by: str = ""


@dataclass
class MutationReport:
    """Every mutant's fate, and the score."""

    results: list[MutantResult] = field(default_factory=list)

    def of(self, status: str) -> list[MutantResult]:
        return [r for r in self.results if r.status == status]

    @property
    def score(self) -> float:
        """Killed / (killed + survived); 1.0 when there is nothing to kill."""
        killed, survived = len(self.of("killed")), len(self.of("survived"))
        return killed / (killed + survived) if killed + survived else 1.0

    def report(self) -> str:
        """Survivors, one per line with its place and a hint, then the score."""
        lines = []
        for result in self.of("survived"):
            mutant = result.mutant
            hint = f": {mutant.hint}" if mutant.hint else ""
            lines.append(f"{_relative(mutant.location)}: {mutant.description} survives{hint}")
        killed, survived = len(self.of("killed")), len(self.of("survived"))
        lines.append(
            f"mutation score {self.score:.0%}: {killed} killed, {survived} survived, "
            f"{len(self.of('stillborn'))} stillborn (rejected by the loader)"
        )
        return "\n".join(lines)


def _relative(location: SourceLocation) -> SourceLocation:
    """The location with its file relative to the working directory when below it."""
    try:
        file = str(Path(location.file).relative_to(Path.cwd()))
    except ValueError:
        return location
    return SourceLocation(file, location.line, location.column)


# -- making mutants ------------------------------------------------------------


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _step(value: int | float) -> int | float:
    return 1 if isinstance(value, int) else 0.1


def _nudged(value: int | float, sign: int) -> int | float:
    moved = value + sign * _step(value)
    return round(moved, 6) if isinstance(moved, float) else moved


def _threshold_hint(key: str, old: Any, new: Any) -> str:
    """What case is missing for a moved threshold (``key``: ``check.argument`` it feeds)."""
    lowered = new < old
    if key in DURATIONS:
        if lowered:
            return f"no case has {new} years and some months (it must fail)"
        return f"no case has exactly {old} years, or {old} years and some months (it must pass)"
    outcome = "fail" if lowered else "pass"
    side = "below" if lowered else "above"
    return (
        f"no case has a value of {new} that must {outcome} "
        f"(the boundary {old} is not pinned from {side})"
    )


def _set(data: Any, path: Sequence[str | int], value: Any) -> Any:
    """A deep copy of ``data`` with the value at ``path`` replaced."""
    out = copy.deepcopy(data)
    target = out
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return out


def _get(data: Any, path: Sequence[str | int]) -> Any:
    for key in path:
        data = data[key]
    return data


def _numbers(
    value: Any, path: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    if _number(value):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _numbers(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _numbers(item, (*path, index))


def _nodes(node: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    yield path, node
    if not isinstance(node, dict):
        return
    for kind in ("all", "any"):
        if isinstance(node.get(kind), list):
            for index, child in enumerate(node[kind]):
                yield from _nodes(child, (*path, kind, index))
    if isinstance(node.get("not"), dict):
        yield from _nodes(node["not"], (*path, "not"))


def _condition_nodes(data: dict[str, Any]) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    conditions = data.get("conditions")
    if isinstance(conditions, dict):
        yield from _nodes(conditions, ("conditions",))
    elif isinstance(conditions, list):
        for index, node in enumerate(conditions):
            yield from _nodes(node, ("conditions", index))


def _is_leaf(node: Any) -> bool:
    return isinstance(node, dict) and "check" in node


def _name(node: Any) -> str:
    if isinstance(node, dict) and isinstance(node.get("id"), str):
        return repr(node["id"])
    if isinstance(node, dict):
        kind = next((k for k in ("all", "any", "not") if k in node), "condition")
        return f"an '{kind}' group"
    return "a condition"


class _Maker:
    """The mutants of one version's document (and of its neighbours' dates)."""

    def __init__(self, index: int, document: Document, vocabulary: Vocabulary) -> None:
        self.index = index
        self.document = document
        self.data: dict[str, Any] = document.data
        self.vocabulary = vocabulary
        self.award = str(self.data.get("id"))
        self.owner = f"{self.award}@{self.data.get('in_force', {}).get('from')}"

    def mutant(
        self, description: str, path: Sequence[str | int], data: Any, hint: str = ""
    ) -> Mutant:
        return Mutant(
            self.award,
            f"{self.owner}: {description}",
            self.document.location(path),
            ((self.index, data),),
            hint,
        )

    def all(self) -> Iterator[Mutant]:
        yield from self.thresholds()
        yield from self.bounds()
        yield from self.drops()
        yield from self.swaps()

    def thresholds(self) -> Iterator[Mutant]:
        parameters = self.data.get("parameters") or {}
        users: dict[str, list[str]] = defaultdict(list)
        keys: dict[str, str] = {}
        for path, node in _condition_nodes(self.data):
            if not _is_leaf(node):
                continue
            for key, value in node.items():
                if key in LEAF_KEYS:
                    continue
                if isinstance(value, str) and value.startswith("$"):
                    users[value[1:]].append(str(node.get("id")))
                    keys.setdefault(value[1:], f"{node.get('check')}.{key}")
                    continue
                for at, number in _numbers(value, (*path, key)):
                    yield from self._nudge(
                        at,
                        number,
                        f"{node.get('check')} {dotted(at[len(path) :])}",
                        f"{node.get('check')}.{key}",
                    )
        for name, parameter in parameters.items():
            if name not in users or not isinstance(parameter, dict):
                continue
            for at, number in _numbers(parameter.get("value"), ("parameters", name, "value")):
                where = dotted(at[3:])
                label = f"parameter {name}{'.' + where if where else ''}"
                yield from self._nudge(
                    at, number, f"{label} (used by {', '.join(users[name])})", keys[name]
                )

    def _nudge(
        self, at: tuple[str | int, ...], number: Any, label: str, key: str
    ) -> Iterator[Mutant]:
        for sign in (-1, 1):
            new = _nudged(number, sign)
            hint = _threshold_hint(key, number, new)
            yield self.mutant(f"{label} {number} → {new}", at, _set(self.data, at, new), hint)

    def _value(self, value: Any) -> Any:
        """A value as written, or the value of the parameter it names."""
        parameters = self.data.get("parameters") or {}
        if isinstance(value, str) and value.startswith("$"):
            parameter = parameters.get(value[1:])
            if isinstance(parameter, dict) and "value" in parameter:
                return parameter["value"]
        return value

    def bounds(self) -> Iterator[Mutant]:
        for path, node in _condition_nodes(self.data):
            if not _is_leaf(node):
                continue
            predicate = self.vocabulary.get(str(node.get("check")))
            fields = set(predicate.args_model.model_fields) if predicate else set()
            for inclusive, exclusive in BOUND_PAIRS:
                if not {inclusive, exclusive} <= fields:
                    continue
                for old, new in ((inclusive, exclusive), (exclusive, inclusive)):
                    if old not in node:
                        continue
                    shown = self._value(node[old])
                    changed = copy.deepcopy(self.data)
                    leaf = _get(changed, path)
                    leaf[new] = leaf.pop(old)
                    words = "inclusive → exclusive" if old == inclusive else "exclusive → inclusive"
                    yield self.mutant(
                        f"{node.get('check')} {old}: {node[old]} → {new}: {node[old]} ({words})",
                        (*path, old),
                        changed,
                        f"no case has exactly {shown}",
                    )

    def drops(self) -> Iterator[Mutant]:
        conditions = self.data.get("conditions")
        if isinstance(conditions, list) and len(conditions) > 1:
            for index, node in enumerate(conditions):
                kept = [c for i, c in enumerate(conditions) if i != index]
                yield self.mutant(
                    f"drop condition {_name(node)}",
                    ("conditions", index),
                    {**copy.deepcopy(self.data), "conditions": copy.deepcopy(kept)},
                    "no case fails on this condition alone",
                )
        for path, node in _condition_nodes(self.data):
            for kind in ("all", "any"):
                children = node.get(kind) if isinstance(node, dict) else None
                if not isinstance(children, list) or len(children) < 2:
                    continue
                for index, child in enumerate(children):
                    kept = [c for i, c in enumerate(children) if i != index]
                    yield self.mutant(
                        f"drop condition {_name(child)}",
                        (*path, kind, index),
                        _set(self.data, (*path, kind), kept),
                        "no case fails on this condition alone"
                        if kind == "all"
                        else "no case passes by this branch alone",
                    )

    def swaps(self) -> Iterator[Mutant]:
        conditions = self.data.get("conditions")
        if isinstance(conditions, list) and len(conditions) > 1:
            yield self.mutant(
                "all → any (the top-level conditions)",
                ("conditions",),
                {**copy.deepcopy(self.data), "conditions": {"any": copy.deepcopy(conditions)}},
                "no case passes one condition and fails another",
            )
        for path, node in _condition_nodes(self.data):
            for old, new in (("all", "any"), ("any", "all")):
                children = node.get(old) if isinstance(node, dict) else None
                if not isinstance(children, list) or len(children) < 2:
                    continue
                changed = copy.deepcopy(self.data)
                group = _get(changed, path)
                group[new] = group.pop(old)
                yield self.mutant(
                    f"{old} → {new} at {dotted(path)} ({_name(node)})",
                    (*path, old),
                    changed,
                    "no case passes some branches and fails others",
                )


def _changes_a_year_end(boundary: dt.date, moved: dt.date) -> bool:
    """Whether moving a boundary between versions changes the version of some 31 December.

    An annual title is judged with the version in force on 31 December, so a
    shift that moves no 31 December across the boundary changes nothing (an
    equivalent mutant, not generated).
    """
    first, last = min(boundary, moved), max(boundary, moved) - ONE_DAY
    return any(
        dt.date(y, 12, 31)
        for y in range(first.year, last.year + 1)
        if first <= dt.date(y, 12, 31) <= last
    )


def _date_mutants(documents: Sequence[Document], versions: Sequence[int]) -> Iterator[Mutant]:
    """Move each boundary of an award's versions by one day (both sides together)."""
    by_award: dict[str, list[int]] = defaultdict(list)
    for index in versions:
        by_award[str(documents[index].data.get("id"))].append(index)
    for award, indexes in by_award.items():
        ordered = sorted(indexes, key=lambda i: documents[i].data["in_force"]["from"])
        for position, index in enumerate(ordered):
            doc = documents[index]
            annual = doc.data.get("annual") is True
            start: dt.date = doc.data["in_force"]["from"]
            before = ordered[position - 1] if position else None
            joined = (
                before is not None
                and documents[before].data["in_force"].get("until") == start - ONE_DAY
            )
            for sign in (-1, 1):
                shift = sign * ONE_DAY
                if annual and not _changes_a_year_end(start, start + shift):
                    continue  # the same version still covers every 31 December
                changes = [(index, _set(doc.data, ("in_force", "from"), start + shift))]
                if joined and before is not None:
                    until = documents[before].data["in_force"]["until"]
                    changes.append(
                        (before, _set(documents[before].data, ("in_force", "until"), until + shift))
                    )
                yield Mutant(
                    award,
                    f"{award}@{start}: in force from {start} → {start + shift}",
                    doc.location(("in_force", "from")),
                    tuple(changes),
                    f"no case is dated {start if sign > 0 else start - ONE_DAY}",
                )
            until = doc.data["in_force"].get("until")
            last = position == len(ordered) - 1
            if isinstance(until, dt.date) and last:
                for sign in (-1, 1):
                    new = until + sign * ONE_DAY
                    if annual and not _changes_a_year_end(until + ONE_DAY, new + ONE_DAY):
                        continue
                    yield Mutant(
                        award,
                        f"{award}@{start}: in force until {until} → {new}",
                        doc.location(("in_force", "until")),
                        ((index, _set(doc.data, ("in_force", "until"), new)),),
                        f"no case is dated {until if sign < 0 else new}",
                    )


def mutants(documents: Sequence[Document], vocabulary: Vocabulary) -> list[Mutant]:
    """Every mutant of the criteria ``documents`` (the registry and non-criteria skipped)."""
    versions = [
        i
        for i, d in enumerate(documents)
        if isinstance(d.data, dict)
        and "conditions" in d.data
        and isinstance(d.data.get("in_force"), dict)
    ]
    out: list[Mutant] = []
    for index in versions:
        out.extend(_Maker(index, documents[index], vocabulary).all())
    out.extend(_date_mutants(documents, versions))
    return out


# -- running them ----------------------------------------------------------------


@dataclass
class _Pack:
    """The parsed documents of the criteria under test, bound once."""

    documents: list[Document]
    layers: list[str]
    versions: list[CriteriaVersion | None]
    below: list[CriteriaVersion]
    result: LoadResult


def _parse(root: Path, layer: str, vocabulary: Vocabulary) -> tuple[list[Document], list[str]]:
    documents: list[Document] = []
    for path in criteria_files(root):
        if path.name == REGISTRY_NAME:
            continue
        try:
            documents.extend(load_documents(path))
        except YamlLoadError as exc:
            raise CriteriaError([exc.diagnostic]) from None
    return documents, [layer] * len(documents)


def _pack(criteria_dir: Path, on_shipped: bool, vocabulary: Vocabulary) -> _Pack:
    shipped = shipped_criteria_dir()
    registry_files = [p for p in criteria_files(criteria_dir) if p.name == REGISTRY_NAME]
    result = load_files(registry_files or [shipped / REGISTRY_NAME], vocabulary)
    below: list[CriteriaVersion] = []
    if on_shipped:
        base = load_files(criteria_files(shipped), vocabulary, layer=SHIPPED, root=shipped)
        below = base.versions
        result.awards.update(base.awards)
    documents, layers = _parse(criteria_dir, str(criteria_dir), vocabulary)
    versions: list[CriteriaVersion | None] = []
    problems: list[Any] = []
    for document in documents:
        versions.append(load_version(document, vocabulary, problems))
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise CriteriaError(errors)
    return _Pack(documents, layers, versions, below, result)


def _catalog(pack: _Pack, vocabulary: Vocabulary, mutant: Mutant) -> Catalog | None:
    """The catalog with the mutant's changes, or None when the loader rejects them."""
    versions = list(pack.versions)
    problems: list[Any] = []
    for index, data in mutant.changes:
        original = pack.documents[index]
        document = Document(
            original.file, data, original.positions, original.index, original.key_positions
        )
        versions[index] = load_version(document, vocabulary, problems)
    mine = [v for v in versions if v is not None]
    if len(mine) < len([v for v in pack.versions if v is not None]):
        return None
    own_ids = {v.id for v in mine}
    every = [*(v for v in pack.below if v.id not in own_ids), *mine]
    found = [*problems, *check_catalog(every, pack.result.awards), *analyse(every)]
    if any(p.severity == "error" for p in found):
        return None
    return Catalog(LoadResult(versions=every, awards=dict(pack.result.awards)), vocabulary)


def _affected(pack: _Pack, award: str) -> set[str]:
    """The award and every award whose criteria refer to it (directly or not)."""
    refers: dict[str, set[str]] = defaultdict(set)
    for version in [*pack.below, *(v for v in pack.versions if v is not None)]:
        for leaf in version.leaves():
            for target in leaf.predicate.referenced_criteria(leaf.args):
                refers[target].add(version.id)
    found, todo = {award}, [award]
    while todo:
        for other in refers[todo.pop()]:
            if other not in found:
                found.add(other)
                todo.append(other)
    return found


def run_mutation(
    criteria_dir: Path,
    cases: Sequence[LoadedCase],
    *,
    on_shipped: bool = False,
    vocabulary: Vocabulary | None = None,
) -> MutationReport:
    """Mutate the criteria of ``criteria_dir`` and run ``cases`` against every mutant.

    ``on_shipped``: the folder is a layer over the shipped pack (only the
    folder's own files are mutated).
    """
    vocab = vocabulary or default_vocabulary()
    pack = _pack(criteria_dir, on_shipped, vocab)
    report = MutationReport()
    for mutant in mutants(pack.documents, vocab):
        catalog = _catalog(pack, vocab, mutant)
        if catalog is None:
            report.results.append(MutantResult(mutant, "stillborn"))
            continue
        affected = _affected(pack, mutant.award)
        killer = ""
        for case in cases:
            if case.award not in affected:
                continue
            try:
                outcome = run_case(case, catalog)
            except Exception as exc:  # a mutant that crashes an evaluation is noticed
                killer = f"{case.name} (crashed: {type(exc).__name__})"
                break
            if not outcome.passed:
                killer = case.name
                break
        report.results.append(MutantResult(mutant, "killed" if killer else "survived", killer))
    return report
