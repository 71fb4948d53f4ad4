"""Load criteria files: YAML with positions -> typed models -> leaves bound to predicates.

Every problem becomes a :class:`Diagnostic` with file, line and column; a file
with problems yields none of its versions, and loading goes on with the next
file so that one run reports everything.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import Diagnostic, closest
from ..vocabulary.base import Args, Predicate, Vocabulary
from ..yamlfile import Document, YamlLoadError, dotted, load_documents, validation_diagnostics
from .schema import AllNode, AnyNode, Citation, CriteriaDoc, Leaf, LocalizedText, NotNode, Review
from .selection import parameter_references

__all__ = [
    "AwardName",
    "BoundGroup",
    "BoundLeaf",
    "BoundNode",
    "CriteriaVersion",
    "LoadResult",
    "criteria_files",
    "load_files",
]

PathKey = tuple[str | int, ...]
CASES_SUFFIXES = (".cases.yaml", ".cases.yml")
REGISTRY_NAME = "awards.yaml"


@dataclass(frozen=True, slots=True)
class BoundLeaf:
    """A leaf with its predicate and validated arguments (parameters substituted)."""

    leaf: Leaf
    predicate: Predicate[Any]
    args: Args
    path: PathKey

    @property
    def id(self) -> str:
        return self.leaf.id


@dataclass(frozen=True, slots=True)
class BoundGroup:
    """``all``, ``any`` or ``not`` over bound children."""

    kind: str
    id: str | None
    children: tuple[BoundNode, ...]
    title: LocalizedText | None
    source: Citation | None
    path: PathKey


BoundNode = BoundLeaf | BoundGroup


@dataclass(frozen=True, slots=True)
class CriteriaVersion:
    """One version of one award's criteria, validated and bound."""

    doc: CriteriaDoc
    root: BoundNode
    document: Document
    used_parameters: frozenset[str]

    @property
    def id(self) -> str:
        return self.doc.id

    @property
    def file(self) -> str:
        return self.document.file

    @property
    def owner(self) -> str:
        """``award_id@from-date``: names this version in leaf results and coverage."""
        return f"{self.doc.id}@{self.doc.in_force.from_.isoformat()}"

    def leaves(self) -> list[BoundLeaf]:
        """Every leaf, in file order."""
        out: list[BoundLeaf] = []

        def visit(node: BoundNode) -> None:
            if isinstance(node, BoundLeaf):
                out.append(node)
            else:
                for child in node.children:
                    visit(child)

        visit(self.root)
        return out

    def review(self) -> Review | None:
        return self.doc.review


@dataclass(frozen=True, slots=True)
class AwardName:
    """An award known by id (from ``awards.yaml``), with its names."""

    id: str
    name: LocalizedText
    file: str
    precondition: bool = False
    """A precondition of other awards (``precondition: true``): judged through the
    awards that reference it, never listed or proposed as an award itself."""


@dataclass
class LoadResult:
    """What loading found: versions, known award names, and every diagnostic."""

    versions: list[CriteriaVersion] = field(default_factory=list)
    awards: dict[str, AwardName] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]


def criteria_files(root: Path) -> list[Path]:
    """Criteria files below ``root`` (case files excluded), sorted."""
    if root.is_file():
        return [root]
    files = [*root.rglob("*.yaml"), *root.rglob("*.yml")]
    return sorted(p for p in files if not p.name.endswith(CASES_SUFFIXES))


def load_files(paths: Iterable[Path], vocabulary: Vocabulary) -> LoadResult:
    """Load and bind every document of ``paths``; collect all problems."""
    result = LoadResult()
    for path in paths:
        try:
            documents = load_documents(path)
        except YamlLoadError as exc:
            result.diagnostics.append(exc.diagnostic)
            continue
        if path.name == REGISTRY_NAME:
            _load_registry(documents, result)
            continue
        for document in documents:
            version = _load_version(document, vocabulary, result.diagnostics)
            if version is not None:
                result.versions.append(version)
    return result


def _load_registry(documents: Sequence[Document], result: LoadResult) -> None:
    for document in documents:
        awards = document.data.get("awards") if isinstance(document.data, dict) else None
        if not isinstance(awards, dict):
            result.diagnostics.append(
                Diagnostic(
                    "registry",
                    "expected a mapping 'awards: {id: {name: {vi, en}}}'",
                    document.location(),
                )
            )
            continue
        for award_id, entry in awards.items():
            try:
                name = LocalizedText.model_validate((entry or {}).get("name"))
            except (ValidationError, AttributeError):
                result.diagnostics.append(
                    Diagnostic(
                        "registry",
                        f"award {award_id!r} needs name: {{vi: ..., en: ...}}",
                        document.location(("awards", award_id)),
                    )
                )
                continue
            precondition = entry.get("precondition", False)
            if not isinstance(precondition, bool):
                result.diagnostics.append(
                    Diagnostic(
                        "registry",
                        f"award {award_id!r}: precondition must be true or false",
                        document.location(("awards", award_id, "precondition")),
                    )
                )
                continue
            result.awards[str(award_id)] = AwardName(
                str(award_id), name, document.file, precondition
            )


def _load_version(
    document: Document, vocabulary: Vocabulary, diagnostics: list[Diagnostic]
) -> CriteriaVersion | None:
    if not isinstance(document.data, dict):
        diagnostics.append(
            Diagnostic(
                "schema",
                "expected a mapping with id, name, subject, source, in_force, conditions",
                document.location(),
            )
        )
        return None
    try:
        doc = CriteriaDoc.model_validate(document.data)
    except ValidationError as exc:
        diagnostics.extend(validation_diagnostics(exc, document))
        return None
    binder = _Binder(doc, document, vocabulary)
    root: BoundNode | None
    if isinstance(document.data.get("conditions"), dict):
        root = binder.bind(doc.conditions[0], ("conditions",))
    else:
        bound = [binder.bind(node, ("conditions", i)) for i, node in enumerate(doc.conditions)]
        children = tuple(c for c in bound if c is not None)
        root = None
        if len(children) == len(bound):
            root = BoundGroup("all", None, children, None, None, ("conditions",))
    if doc.selection is not None:
        _check_selection(doc, binder)
    for name in sorted(set(doc.parameters) - binder.used):
        binder.problem(
            "unused-parameter",
            f"parameter {name!r} is never used",
            ("parameters", name),
            severity="warning",
        )
    diagnostics.extend(binder.diagnostics)
    if root is None or any(d.severity == "error" for d in binder.diagnostics):
        return None
    return CriteriaVersion(doc, root, document, frozenset(binder.used))


def _check_selection(doc: CriteriaDoc, binder: _Binder) -> None:
    """Every ``$name`` of the selection names a numeric parameter of the version."""
    assert doc.selection is not None
    for name, path in parameter_references(doc.selection).items():
        where = ("selection", *path)
        parameter = doc.parameters.get(name)
        if parameter is None:
            near = closest(name, doc.parameters)
            binder.problem(
                "unknown-parameter",
                f"unknown parameter '${name}'",
                where,
                hint=f"did you mean ${near[0]}?" if near else "declare it under parameters",
            )
        elif isinstance(parameter.value, bool) or not isinstance(parameter.value, int | float):
            binder.problem("bad-argument", f"parameter '${name}' must be a number", where)
        else:
            binder.used.add(name)


class _Binder:
    def __init__(self, doc: CriteriaDoc, document: Document, vocabulary: Vocabulary) -> None:
        self.doc = doc
        self.document = document
        self.vocabulary = vocabulary
        self.used: set[str] = set()
        self.leaf_ids: dict[str, PathKey] = {}
        self.diagnostics: list[Diagnostic] = []

    def problem(
        self, code: str, message: str, path: PathKey, *, hint: str = "", severity: str = "error"
    ) -> None:
        self.diagnostics.append(
            Diagnostic(
                code,
                message,
                self.document.location(path),
                path=dotted(path),
                hint=hint,
                severity=severity,
            )
        )

    def bind(self, node: BaseModel, path: PathKey) -> BoundNode | None:
        if isinstance(node, Leaf):
            return self._bind_leaf(node, path)
        if isinstance(node, NotNode):
            child = self.bind(node.not_, (*path, "not"))
            if child is None:
                return None
            return BoundGroup("not", node.id, (child,), node.title, node.source, path)
        assert isinstance(node, AllNode | AnyNode)
        kind = "all" if isinstance(node, AllNode) else "any"
        items = node.all if isinstance(node, AllNode) else node.any
        children = [self.bind(child, (*path, kind, i)) for i, child in enumerate(items)]
        if any(c is None for c in children):
            return None
        return BoundGroup(
            kind,
            node.id,
            tuple(c for c in children if c is not None),
            node.title,
            node.source,
            path,
        )

    def _bind_leaf(self, leaf: Leaf, path: PathKey) -> BoundLeaf | None:
        if leaf.id in self.leaf_ids:
            self.problem(
                "duplicate-id",
                f"condition id {leaf.id!r} is used twice in this file",
                (*path, "id"),
            )
        self.leaf_ids[leaf.id] = path
        self.used.update(_parameter_references(leaf.args))
        predicate = self.vocabulary.get(leaf.check)
        if predicate is None:
            near = self.vocabulary.suggest(leaf.check)
            self.problem(
                "unknown-check",
                f"unknown check {leaf.check!r}",
                (*path, "check"),
                hint=f"did you mean {' or '.join(near)}?"
                if near
                else f"known checks: {', '.join(self.vocabulary.names())}",
            )
            return None
        subject = self.doc.subject
        needed = {"individual", "unit"} if subject == "any" else {subject}
        if not needed <= predicate.subjects:
            self.problem(
                "wrong-subject",
                f"check {leaf.check!r} applies to {' and '.join(sorted(predicate.subjects))} "
                f"nominees, but this award's subject is {subject!r}",
                (*path, "check"),
            )
            return None
        errors_before = len(self.diagnostics)
        raw = {k: self._substitute(v, (*path, k)) for k, v in leaf.args.items()}
        if len(self.diagnostics) > errors_before:
            return None  # an unknown parameter: its type errors would only repeat it
        try:
            args = predicate.args_model.model_validate(raw)
        except ValidationError as exc:
            self.diagnostics.extend(
                validation_diagnostics(exc, self.document, path, code="bad-argument")
            )
            return None
        for message in predicate.check(args, subject):
            self.problem("bad-argument", message, path)
        return BoundLeaf(leaf, predicate, args, path)

    def _substitute(self, value: Any, path: PathKey) -> Any:
        if isinstance(value, str) and value.startswith("$"):
            name = value[1:]
            parameter = self.doc.parameters.get(name)
            if parameter is None:
                near = closest(name, self.doc.parameters)
                self.problem(
                    "unknown-parameter",
                    f"unknown parameter {value!r}",
                    path,
                    hint=f"did you mean ${near[0]}?" if near else "declare it under parameters",
                )
                return value
            self.used.add(name)
            return parameter.value
        if isinstance(value, dict):
            return {k: self._substitute(v, (*path, k)) for k, v in value.items()}
        if isinstance(value, list):
            return [self._substitute(v, (*path, i)) for i, v in enumerate(value)]
        return value


def _parameter_references(value: Any) -> set[str]:
    """Names of the ``$parameters`` a leaf's arguments mention."""
    if isinstance(value, str) and value.startswith("$"):
        return {value[1:]}
    if isinstance(value, dict):
        return set().union(*(_parameter_references(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(_parameter_references(v) for v in value))
    return set()
