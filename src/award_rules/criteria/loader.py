"""Load criteria files: YAML with positions -> typed models -> leaves bound to predicates.

Every problem becomes a :class:`Diagnostic` with file, line and column; a file
with problems yields none of its versions, and loading goes on with the next
file so that one run reports everything.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import Code, Diagnostic, closest
from ..validation import from_validation_error
from ..vocabulary.base import Args, Predicate, Vocabulary
from ..yamlfile import Document, YamlLoadError, dotted, load_documents
from .files import NOMINEES_DIR, walk
from .registry import AwardName, load_registry
from .schema import (
    AllNode,
    AnyNode,
    Citation,
    CriteriaDoc,
    Leaf,
    LocalizedText,
    NotNode,
    Parameter,
)
from .selection import parameter_references, reference_awards

__all__ = [
    "AwardName",
    "BoundGroup",
    "BoundLeaf",
    "BoundNode",
    "CriteriaVersion",
    "LoadResult",
    "criteria_files",
    "diagnostic_order",
    "is_criteria_file",
    "load_files",
    "load_version",
]

PathKey = tuple[str | int, ...]
CASES_SUFFIXES = (".cases.yaml", ".cases.yml")
REGISTRY_NAME = "awards.yaml"
SUBJECTS = ("individual", "unit", "any")


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
    layer: str = ""
    """The layer the version came from (``shipped``, or the folder given)."""
    relative_file: str = ""
    """The file relative to its layer's folder (POSIX form; the file's name when the
    layer is a single file): what outputs show, so no machine's layout leaks into them."""

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


@dataclass
class LoadResult:
    """What loading found: versions, known award names, and every diagnostic."""

    versions: list[CriteriaVersion] = field(default_factory=list)
    awards: dict[str, AwardName] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]


def diagnostic_order(diagnostic: Diagnostic) -> tuple[str, int, int]:
    """Sort key: by file, then line, then column (unlocated problems first)."""
    loc = diagnostic.location
    if loc is None:
        return ("", 0, 0)
    return (loc.file, loc.line or 0, loc.column or 0)


def is_criteria_file(path: Path) -> bool:
    """A YAML file that is not a case file."""
    return path.suffix in (".yaml", ".yml") and not path.name.endswith(CASES_SUFFIXES)


def criteria_files(root: Path) -> list[Path]:
    """Criteria files below ``root`` (case files and ``nominees/`` folders excluded), sorted.

    Symlinked files and folders are followed; see :func:`.files.walk`.
    """
    if root.is_file():
        return [root]
    return walk(root, is_criteria_file, skip_dirs=frozenset({NOMINEES_DIR}))[0]


def relative_to_root(path: Path, root: Path | None) -> str:
    """``path`` relative to the folder ``root`` (POSIX form), else the file's name."""
    if root is not None and not root.is_file():
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            try:
                return path.resolve().relative_to(root.resolve()).as_posix()
            except ValueError:
                pass
    return path.name


def load_files(
    paths: Iterable[Path], vocabulary: Vocabulary, *, layer: str = "", root: Path | None = None
) -> LoadResult:
    """Load and bind every document of ``paths``; collect all problems.

    ``root`` is the layer's folder: each version's ``relative_file`` is named from it.
    """
    result = LoadResult()
    for path in paths:
        try:
            documents = load_documents(path)
        except YamlLoadError as exc:
            result.diagnostics.append(exc.diagnostic)
            continue
        if path.name == REGISTRY_NAME:
            load_registry(documents, result.awards, result.diagnostics, layer=layer)
            continue
        relative = relative_to_root(path, root)
        for document in documents:
            version = load_version(document, vocabulary, result.diagnostics)
            if version is not None:
                result.versions.append(replace(version, layer=layer, relative_file=relative))
    return result


def load_version(
    document: Document, vocabulary: Vocabulary, diagnostics: list[Diagnostic]
) -> CriteriaVersion | None:
    """Validate and bind one document; its problems are added to ``diagnostics``."""
    data = document.data
    if not isinstance(data, dict):
        diagnostics.append(
            Diagnostic(
                Code.SCHEMA,
                "expected a mapping with id, name, subject, source, in_force, conditions",
                document.location(),
            )
        )
        return None
    try:
        doc = CriteriaDoc.model_validate(data)
    except ValidationError as exc:
        diagnostics.extend(from_validation_error(exc, document, model=CriteriaDoc))
        _bind_what_validates(document, vocabulary, diagnostics)
        return None
    binder = _Binder(doc.subject, doc.parameters, document, vocabulary)
    root: BoundNode | None
    if isinstance(data.get("conditions"), dict):
        root = binder.bind(doc.conditions[0], ("conditions",))
    else:
        bound = [binder.bind(node, ("conditions", i)) for i, node in enumerate(doc.conditions)]
        children = tuple(c for c in bound if c is not None)
        root = None
        if len(children) == len(bound):
            root = BoundGroup("all", None, children, None, None, ("conditions",))
    if doc.selection is not None:
        _check_selection(doc, binder)
    binder.finish()
    diagnostics.extend(binder.diagnostics)
    if root is None or any(d.severity == "error" for d in binder.diagnostics):
        return None
    return CriteriaVersion(doc, root, document, frozenset(binder.used))


def _bind_what_validates(
    document: Document, vocabulary: Vocabulary, diagnostics: list[Diagnostic]
) -> None:
    """Bind the conditions of an invalid file that are valid on their own.

    So that one mistake does not hide the next: the schema errors are already
    reported; this adds the argument errors of every leaf that could be read.
    """
    data = document.data
    subject = data.get("subject") if data.get("subject") in SUBJECTS else None
    raw_parameters = data.get("parameters")
    parameters: dict[str, Parameter] = {}
    broken: set[str] = set()
    if isinstance(raw_parameters, dict):
        for name, value in raw_parameters.items():
            try:
                parameters[str(name)] = Parameter.model_validate(value)
            except ValidationError:
                broken.add(str(name))
    binder = _Binder(subject, parameters, document, vocabulary, broken=broken)
    key = "conditions"
    if key not in data:  # misspelt ('conditons'): still check what it holds
        near = closest(key, [str(k) for k in data], n=1, cutoff=0.75)
        key = near[0] if near else key
    raw = data.get(key)
    if isinstance(raw, dict):
        binder.bind_raw(raw, (key,))
    elif isinstance(raw, list):
        for index, node in enumerate(raw):
            binder.bind_raw(node, (key, index))
    binder.finish(report_unused=False)
    diagnostics.extend(binder.diagnostics)


def _check_selection(doc: CriteriaDoc, binder: _Binder) -> None:
    """Every ``$name`` of the selection names a parameter of the version, of the right type."""
    assert doc.selection is not None
    for name, path in parameter_references(doc.selection).items():
        where = ("selection", *path)
        parameter = doc.parameters.get(name)
        if parameter is None:
            near = closest(name, doc.parameters)
            binder.problem(
                Code.UNKNOWN_PARAMETER,
                f"unknown parameter '${name}'",
                where,
                hint=f"did you mean ${near[0]}?" if near else "declare it under parameters",
            )
        elif isinstance(parameter.value, bool) or not isinstance(parameter.value, int | float):
            binder.problem(Code.BAD_ARGUMENT, f"parameter '${name}' must be a number", where)
        else:
            binder.used.add(name)
    for award, path, _ in reference_awards(doc.selection):
        if not award.startswith("$"):
            continue
        where = ("selection", *path)
        parameter = doc.parameters.get(award[1:])
        if parameter is None:
            near = closest(award[1:], doc.parameters)
            binder.problem(
                Code.UNKNOWN_PARAMETER,
                f"unknown parameter '{award}'",
                where,
                hint=f"did you mean ${near[0]}?" if near else "declare it under parameters",
            )
        elif not isinstance(parameter.value, str):
            binder.problem(Code.BAD_ARGUMENT, f"parameter '{award}' must be an award id", where)
        else:
            binder.used.add(award[1:])


class _Binder:
    def __init__(
        self,
        subject: str | None,
        parameters: Mapping[str, Parameter],
        document: Document,
        vocabulary: Vocabulary,
        *,
        broken: set[str] | None = None,
    ) -> None:
        self.subject = subject
        self.parameters = parameters
        self.broken = broken or set()
        self.document = document
        self.vocabulary = vocabulary
        self.used: set[str] = set()
        self.leaf_ids: dict[str, PathKey] = {}
        self.diagnostics: list[Diagnostic] = []
        self.parameter_problems: dict[tuple[str, str, str, str], tuple[Diagnostic, list[str]]]
        self.parameter_problems = {}

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

    def finish(self, *, report_unused: bool = True) -> None:
        """Report parameter problems once each (naming the conditions), and unused ones."""
        for (name, *_), (first, users) in self.parameter_problems.items():
            self.diagnostics.append(
                Diagnostic(
                    first.code,
                    f"{first.message} (parameter {name!r}, used by {', '.join(users)})",
                    first.location,
                    path=first.path,
                    hint=first.hint,
                )
            )
        if report_unused:
            for name in sorted(set(self.parameters) - self.used):
                self.problem(
                    Code.UNUSED_PARAMETER,
                    f"parameter {name!r} is never used",
                    ("parameters", name),
                    severity="warning",
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

    def bind_raw(self, raw: Any, path: PathKey) -> None:
        """Bind every leaf of unvalidated data that validates on its own."""
        if not isinstance(raw, dict):
            return
        for kind in ("all", "any"):
            if isinstance(raw.get(kind), list):
                for index, child in enumerate(raw[kind]):
                    self.bind_raw(child, (*path, kind, index))
                return
        if "not" in raw:
            self.bind_raw(raw["not"], (*path, "not"))
            return
        try:
            leaf = Leaf.model_validate(raw)
        except ValidationError:
            return  # reported with the file's schema errors
        self._bind_leaf(leaf, path)

    def _bind_leaf(self, leaf: Leaf, path: PathKey) -> BoundLeaf | None:
        if leaf.id in self.leaf_ids:
            self.problem(
                Code.DUPLICATE_ID,
                f"condition id {leaf.id!r} is used twice in this file",
                (*path, "id"),
            )
        self.leaf_ids[leaf.id] = path
        self.used.update(_parameter_references(leaf.args))
        predicate = self.vocabulary.get(leaf.check)
        if predicate is None:
            near = self.vocabulary.suggest(leaf.check)
            self.problem(
                Code.UNKNOWN_CHECK,
                f"unknown check {leaf.check!r}",
                (*path, "check"),
                hint=f"did you mean {' or '.join(near)}?"
                if near
                else f"known checks: {', '.join(self.vocabulary.names())}",
            )
            return None
        subject = self.subject
        needed = {"individual", "unit"} if subject in ("any", None) else {subject}
        if subject is not None and not needed <= predicate.subjects:
            self.problem(
                Code.WRONG_SUBJECT,
                f"check {leaf.check!r} applies to {' and '.join(sorted(predicate.subjects))} "
                f"nominees, but this award's subject is {subject!r}",
                (*path, "check"),
            )
            return None
        errors_before = len(self.diagnostics)
        origins: dict[PathKey, str] = {}
        raw = {k: self._substitute(v, (k,), path, origins) for k, v in leaf.args.items()}
        if len(self.diagnostics) > errors_before or any(
            name in self.broken for name in origins.values()
        ):
            return None  # an unknown or invalid parameter: its type errors would only repeat it
        try:
            args = predicate.args_model.model_validate(raw)
        except ValidationError as exc:
            self._argument_errors(exc, leaf, path, raw, origins, predicate)
            return None
        for message in predicate.check(args, subject or "any"):
            self.problem(Code.BAD_ARGUMENT, message, path)
        return BoundLeaf(leaf, predicate, args, path)

    def _argument_errors(
        self,
        exc: ValidationError,
        leaf: Leaf,
        path: PathKey,
        raw: dict[str, Any],
        origins: Mapping[PathKey, str],
        predicate: Predicate[Any],
    ) -> None:
        def relocate(walked: PathKey) -> PathKey | None:
            for end in range(len(walked), 0, -1):
                name = origins.get(walked[:end])
                if name is not None:
                    return ("parameters", name, "value", *walked[end:])
            return None

        found = from_validation_error(
            exc,
            self.document,
            data=raw,
            model=predicate.args_model,
            prefix=path,
            code=Code.BAD_ARGUMENT,
            relocate=relocate,
        )
        for diagnostic in found:
            if not diagnostic.path.startswith("parameters."):
                self.diagnostics.append(diagnostic)
                continue
            name = diagnostic.path.split(".")[1].split("[")[0]
            key = (name, str(diagnostic.location), diagnostic.path, diagnostic.message)
            self.parameter_problems.setdefault(key, (diagnostic, []))[1].append(leaf.id)

    def _substitute(
        self, value: Any, at: PathKey, leaf_path: PathKey, origins: dict[PathKey, str]
    ) -> Any:
        if isinstance(value, str) and value.startswith("$"):
            name = value[1:]
            parameter = self.parameters.get(name)
            if parameter is None:
                if name in self.broken:
                    origins[at] = name
                    return value
                near = closest(name, [*self.parameters, *self.broken])
                self.problem(
                    Code.UNKNOWN_PARAMETER,
                    f"unknown parameter {value!r}",
                    (*leaf_path, *at),
                    hint=f"did you mean ${near[0]}?" if near else "declare it under parameters",
                )
                return value
            self.used.add(name)
            origins[at] = name
            return parameter.value
        if isinstance(value, dict):
            return {k: self._substitute(v, (*at, k), leaf_path, origins) for k, v in value.items()}
        if isinstance(value, list):
            return [self._substitute(v, (*at, i), leaf_path, origins) for i, v in enumerate(value)]
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
