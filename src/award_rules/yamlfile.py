"""Safe YAML (and JSON) loading that remembers where every value came from.

Files are data: they are read with PyYAML's safe loader only, never executed.
Each document comes back as plain Python values plus a table from value path
(``("conditions", 0, "id")``) to the line and column it was written at, so
later stages can report ``file:line:column`` for any problem. Duplicate keys,
which PyYAML silently accepts, are errors here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import Code, Diagnostic, SourceLocation

__all__ = [
    "Document",
    "YamlLoadError",
    "data_path",
    "dotted",
    "load_documents",
    "location_of",
]

PathKey = tuple[str | int, ...]
PLAIN_TAGS = frozenset({"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})


class YamlLoadError(Exception):
    """Internal: the file is not well-formed YAML; carries one diagnostic."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        self.diagnostic = diagnostic
        super().__init__(str(diagnostic))


@dataclass
class Document:
    """One YAML document: its data and where each value was written."""

    file: str
    data: Any
    positions: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    index: int = 0
    key_positions: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def location(self, path: Sequence[Any] = (), *, key: bool = False) -> SourceLocation:
        """Where the value at ``path`` (its key, with ``key=True``) was written.

        Falls back to the nearest written ancestor.
        """
        return location_of(self, path, key=key)


def data_path(data: Any, path: Sequence[Any]) -> list[str | int]:
    """The part of a validation path that indexes into ``data``.

    Elements that do not (pydantic's union tags and model names) are skipped,
    so ``("conditions", "Leaf", 0, "min")`` becomes ``["conditions", 0, "min"]``.
    """
    walked: list[str | int] = []
    for element in path:
        in_dict = isinstance(data, dict) and element in data
        in_list = isinstance(data, list) and isinstance(element, int) and 0 <= element < len(data)
        if in_dict or in_list:
            data = data[element]
            walked.append(element)
    return walked


def dotted(path: Sequence[str | int]) -> str:
    """A path written as ``conditions[0].window``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def location_of(doc: Document, path: Sequence[Any], *, key: bool = False) -> SourceLocation:
    """The file position of the value (or key) at ``path``, or of its nearest ancestor."""
    walked = data_path(doc.data, path)
    if key and tuple(walked) in doc.key_positions:
        line, column = doc.key_positions[tuple(walked)]
        return SourceLocation(doc.file, line, column)
    for end in range(len(walked), -1, -1):
        pos = doc.positions.get(tuple(walked[:end]))
        if pos is not None:
            return SourceLocation(doc.file, pos[0], pos[1])
    return SourceLocation(doc.file)


class _Builder:
    def __init__(self, loader: yaml.SafeLoader, file: str) -> None:
        self.loader = loader
        self.file = file
        self.positions: dict[PathKey, tuple[int, int]] = {}
        self.key_positions: dict[PathKey, tuple[int, int]] = {}

    def build(self, node: Node, path: PathKey) -> Any:
        self.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, MappingNode | SequenceNode) and node.tag not in PLAIN_TAGS:
            raise self._error(node, f"unsupported YAML tag {node.tag!r}", code=Code.YAML_TAG)
        if isinstance(node, MappingNode):
            self.loader.flatten_mapping(node)
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.loader.construct_object(key_node, deep=True)
                if isinstance(key, list | dict):
                    raise self._error(key_node, "a mapping key must be a plain value")
                if key in result:
                    raise self._error(key_node, f"duplicate key {key!r}", code=Code.DUPLICATE_KEY)
                child = (*path, key)
                result[key] = self.build(value_node, child)
                self.key_positions[child] = (
                    key_node.start_mark.line + 1,
                    key_node.start_mark.column + 1,
                )
            return result
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        # Datetimes are kept: validation rejects them with a clear message.
        try:
            return self.loader.construct_object(node)
        except ValueError as exc:  # e.g. 1970-13-01: looks like a date, is not one
            raise self._error(
                node, f"invalid value {node.value!r}: {exc}", code=Code.YAML_VALUE
            ) from None

    def _error(self, node: Node, message: str, code: str = Code.YAML) -> YamlLoadError:
        mark = node.start_mark
        return YamlLoadError(
            Diagnostic(code, message, SourceLocation(self.file, mark.line + 1, mark.column + 1))
        )


def load_documents(path: Path | str, text: str | None = None) -> list[Document]:
    """Every document of a YAML (or JSON) file, with positions.

    Raises :class:`YamlLoadError` with the line and column of a syntax error.
    """
    file = str(path)
    if text is None:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise YamlLoadError(
                Diagnostic(Code.IO, f"cannot read file: {exc}", SourceLocation(file))
            ) from None
    loader = yaml.SafeLoader(text)
    documents: list[Document] = []
    try:
        index = 0
        while loader.check_node():
            node = loader.get_node()
            assert node is not None
            builder = _Builder(loader, file)
            data = builder.build(node, ())
            documents.append(Document(file, data, builder.positions, index, builder.key_positions))
            index += 1
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = (
            SourceLocation(file, mark.line + 1, mark.column + 1) if mark else SourceLocation(file)
        )
        problem = exc.problem or exc.context or "invalid YAML"
        if isinstance(exc, yaml.constructor.ConstructorError):
            diagnostic = Diagnostic(Code.YAML_TAG, f"unsupported YAML value: {problem}", where)
        else:
            diagnostic = Diagnostic(Code.YAML_SYNTAX, f"YAML syntax error: {problem}", where)
        raise YamlLoadError(diagnostic) from None
    except yaml.YAMLError as exc:
        raise YamlLoadError(
            Diagnostic(Code.YAML_SYNTAX, f"YAML error: {exc}", SourceLocation(file))
        ) from None
    finally:
        loader.dispose()
    return documents
