"""YAML read with the YAML 1.2 core schema, built from parser events with limits.

Values are built here from the parser's events (PyYAML's C parser when it is
installed, else its pure-Python one; both give the same marks), never by
PyYAML's constructor, so that:

- plain scalars follow the YAML 1.2 core schema: ``true``/``false`` only,
  decimal integers (``0o``/``0x`` forms too), no sexagesimal ``33:38``, no
  underscores ``2_018``; an integer with a leading zero (``03742``) is text;
  a plain ``YYYY-MM-DD`` is a date (and a YAML timestamp a datetime, which
  validation refuses where a date is expected);
- ``.nan``, ``.inf`` and numbers too large for a float are refused;
- only the core tags (``!!str``, ``!!int``, ``!!float``, ``!!bool``,
  ``!!null``, ``!!map``, ``!!seq``) are accepted, merge keys ``<<`` are not;
- nesting deeper than ``Limits.max_depth`` and more values than
  ``Limits.max_values`` (aliases counted as what they stand for) stop the
  read at once, with the line and column where the limit was crossed;
- duplicate keys, non-scalar keys and control characters produced by
  escapes are refused with their position.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml import events as ev
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode

from ..errors import Code, Diagnostic, SourceLocation
from .document import Document, InputError, PathKey, Positions
from .limits import Limits
from .text import FORBIDDEN, check_text, forbidden_message

__all__ = ["C_PARSER", "parse_yaml"]

C_PARSER = bool(getattr(yaml, "__with_libyaml__", False))
"""True when PyYAML's C parser (libyaml) is available and used."""

_CORE = "tag:yaml.org,2002:"
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_INT_BASED = re.compile(r"0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_SPECIAL = re.compile(r"[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")
_LEADING_ZERO = re.compile(r"[-+]?0[0-9]")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TIMESTAMP = SafeConstructor.timestamp_regexp
_TIMESTAMPS = SafeConstructor()


class _Located(Exception):
    def __init__(self, code: str, message: str) -> None:
        self.code, self.message = code, message


def _short(text: str) -> str:
    return repr(text) if len(text) <= 40 else repr(text[:37] + "...")


def _number(text: str, *, integer: bool) -> int | float:
    if _SPECIAL.fullmatch(text):
        raise _Located(Code.NUMBER, f"{text} is not a number: NaN and infinity are not accepted")
    try:
        if integer:
            return int(text, 0) if _INT_BASED.fullmatch(text) else int(text)
        value = float(text)
    except ValueError:
        raise _Located(Code.YAML_VALUE, f"{_short(text)} is too long a number") from None
    if not math.isfinite(value):
        raise _Located(Code.NUMBER, f"{text} is out of range for a number")
    return value


def _plain(text: str) -> Any:
    """A plain scalar under the core schema (plus ISO dates)."""
    if text in _NULLS:
        return None
    first = text[0]
    if first in "tTfF" and text in _BOOLS:
        return _BOOLS[text]
    if first in "+-.0123456789":
        if _LEADING_ZERO.match(text) and not _DATE.fullmatch(text):
            return text  # 03742: neither octal nor decimal; text, so a number field refuses it
        if _INT.fullmatch(text) or _INT_BASED.fullmatch(text):
            return _number(text, integer=True)
        if _FLOAT.fullmatch(text) or _SPECIAL.fullmatch(text):
            return _number(text, integer=False)
        if _DATE.fullmatch(text):
            try:
                return dt.date.fromisoformat(text)
            except ValueError as exc:
                raise _Located(Code.YAML_VALUE, f"invalid value {text!r}: {exc}") from None
        if _TIMESTAMP.fullmatch(text):
            node = ScalarNode(f"{_CORE}timestamp", text)
            try:
                return _TIMESTAMPS.construct_yaml_timestamp(node)
            except ValueError as exc:
                raise _Located(Code.YAML_VALUE, f"invalid value {text!r}: {exc}") from None
    return text


def _tagged(tag: str, text: str) -> Any:
    """A scalar with an explicit core tag."""
    kind = tag.removeprefix(_CORE) if tag.startswith(_CORE) else None
    if tag == "!" or kind == "str":
        return text
    if kind == "null" and text in _NULLS:
        return None
    if kind == "bool" and text in _BOOLS:
        return _BOOLS[text]
    if kind == "int" and (_INT.fullmatch(text) or _INT_BASED.fullmatch(text)):
        return _number(text, integer=True)
    if kind == "float" and (_FLOAT.fullmatch(text) or _SPECIAL.fullmatch(text)):
        return _number(text, integer=False)
    if kind in ("null", "bool", "int", "float"):
        raise _Located(Code.YAML_VALUE, f"{text!r} is not a valid !!{kind}")
    raise _Located(Code.YAML_TAG, f"unsupported YAML tag {tag!r}")


@dataclass
class _Frame:
    container: dict[Any, Any] | list[Any]
    path: PathKey
    anchor: str | None
    start_count: int
    depth: int
    height: int = 1
    key: Any = None
    has_key: bool = False
    key_mark: tuple[int, int] = (0, 0)


@dataclass
class _Anchor:
    value: Any
    size: int
    height: int


@dataclass
class _Builder:
    file: str
    limits: Limits
    first_line: int = 1
    lenient: bool = False
    count: int = 0
    positions: Positions = field(default_factory=dict)
    key_positions: Positions = field(default_factory=dict)
    anchors: dict[str, _Anchor] = field(default_factory=dict)
    stack: list[_Frame] = field(default_factory=list)
    result: Any = None

    def error(self, code: str, message: str, mark: Any) -> InputError:
        where = SourceLocation(self.file, mark.line + self.first_line, mark.column + 1)
        return InputError(Diagnostic(code, message, where))

    def at(self, mark: Any) -> tuple[int, int]:
        """The 1-based (line, column) of a parser mark."""
        return mark.line + self.first_line, mark.column + 1

    def start_document(self) -> None:
        self.positions, self.key_positions, self.anchors = {}, {}, {}
        self.result = None

    def _place(self, mark: Any) -> tuple[PathKey, int] | None:
        """The path and depth of a new value, or None when it is a mapping key."""
        if not self.stack:
            return (), 0
        top = self.stack[-1]
        if isinstance(top.container, list):
            return (*top.path, len(top.container)), top.depth + 1
        if not top.has_key:
            return None
        return (*top.path, top.key), top.depth + 1

    def _count(self, size: int, mark: Any) -> None:
        self.count += size
        if self.count > self.limits.max_values:
            raise self.error(
                Code.INPUT_LIMIT,
                f"more than {self.limits.max_values} values, aliases expanded (Limits.max_values)",
                mark,
            )

    def _attach(self, value: Any, path: PathKey) -> None:
        if not self.stack:
            self.result = value
            return
        top = self.stack[-1]
        if isinstance(top.container, list):
            top.container.append(value)
        else:
            top.container[top.key] = value
            self.key_positions[path] = top.key_mark
            top.has_key = False

    def _key(self, value: Any, mark: Any) -> None:
        top = self.stack[-1]
        assert isinstance(top.container, dict)
        try:
            duplicate = value in top.container
        except TypeError:
            raise self.error("yaml", "a mapping key must be a plain value", mark) from None
        if duplicate:
            raise self.error(Code.DUPLICATE_KEY, f"duplicate key {value!r}", mark)
        top.key, top.has_key = value, True
        top.key_mark = (mark.line + self.first_line, mark.column + 1)

    def scalar(self, event: ev.ScalarEvent) -> None:
        mark = event.start_mark
        self._count(1, mark)
        text = event.value
        try:
            if event.tag is None and event.implicit[0]:
                value = _plain(text)
            elif event.tag is None or event.tag == "!":
                value = text
            else:
                value = _tagged(event.tag, text)
        except _Located as problem:
            if not self.lenient:
                raise self.error(problem.code, problem.message, mark) from None
            value = text
        if event.style == '"' and not self.lenient:
            found = FORBIDDEN.search(text)
            if found is not None:
                raise self.error(Code.CONTROL_CHARACTER, forbidden_message(found.group()), mark)
        place = self._place(mark)
        if place is None:
            if text == "<<" and event.implicit[0]:
                raise self.error("yaml", "merge keys (<<) are not supported", mark)
            self._key(value, mark)
            return
        path, _ = place
        self.positions[path] = self.at(mark)
        self._remember(event.anchor, value, 1, 0)
        self._attach(value, path)

    def _remember(self, anchor: str | None, value: Any, size: int, height: int) -> None:
        if anchor is not None:
            self.anchors[anchor] = _Anchor(value, size, height)

    def alias(self, event: ev.AliasEvent) -> None:
        mark = event.start_mark
        anchor = self.anchors.get(event.anchor or "")
        if anchor is None:
            raise self.error("yaml", f"alias *{event.anchor} refers to no finished anchor", mark)
        self._count(anchor.size, mark)
        place = self._place(mark)
        if place is None:
            self._key(anchor.value, mark)
            return
        path, depth = place
        self._check_depth(depth + anchor.height, mark)
        self.positions[path] = self.at(mark)
        if anchor.height:
            self._grow(anchor.height)
        self._attach(anchor.value, path)  # shared, not copied: loaded data is never mutated

    def _check_depth(self, depth: int, mark: Any) -> None:
        if depth > self.limits.max_depth:
            raise self.error(
                Code.INPUT_LIMIT,
                f"nested deeper than {self.limits.max_depth} levels (Limits.max_depth)",
                mark,
            )

    def _grow(self, height: int) -> None:
        if self.stack:
            top = self.stack[-1]
            top.height = max(top.height, height + 1)

    def start(self, event: ev.CollectionStartEvent) -> None:
        mark = event.start_mark
        tag = event.tag
        kind = "map" if isinstance(event, ev.MappingStartEvent) else "seq"
        if tag is not None and tag != "!" and tag != f"{_CORE}{kind}":
            raise self.error(Code.YAML_TAG, f"unsupported YAML tag {tag!r}", mark)
        place = self._place(mark)
        if place is None:
            raise self.error("yaml", "a mapping key must be a plain value", mark)
        path, depth = place
        self._check_depth(depth + 1, mark)
        self._count(1, mark)
        self.positions[path] = self.at(mark)
        container: dict[Any, Any] | list[Any] = {} if kind == "map" else []
        self.stack.append(_Frame(container, path, event.anchor, self.count, depth))

    def end(self) -> None:
        frame = self.stack.pop()
        size = self.count - frame.start_count + 1
        self._remember(frame.anchor, frame.container, size, frame.height)
        self._grow(frame.height)
        if not self.stack:
            self.result = frame.container
            return
        self._attach(frame.container, frame.path)


def _loader(text: str, pure: bool) -> Any:
    if C_PARSER and not pure:
        return yaml.CSafeLoader(text)
    return yaml.SafeLoader(text)


def _syntax_error(exc: yaml.YAMLError, file: str, first_line: int) -> InputError:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        where = (
            SourceLocation(file, mark.line + first_line, mark.column + 1)
            if mark
            else SourceLocation(file)
        )
        problem = exc.problem or exc.context or "invalid YAML"
        if "nesting depth" in problem:  # libyaml's own bound, near 1000 levels
            return InputError(Diagnostic(Code.INPUT_LIMIT, "nested too deeply", where))
        return InputError(Diagnostic(Code.YAML_SYNTAX, f"YAML syntax error: {problem}", where))
    return InputError(Diagnostic(Code.YAML_SYNTAX, f"YAML error: {exc}", SourceLocation(file)))


def parse_yaml(
    text: str,
    file: str,
    limits: Limits,
    *,
    first_line: int = 1,
    pure: bool = False,
    lenient: bool = False,
) -> list[Document]:
    """Every document of ``text``, with positions; :class:`InputError` on any problem.

    ``pure`` uses the pure-Python parser; ``lenient`` (for finding positions
    only) keeps scalars it would refuse as text.
    """
    if len(text) > limits.max_bytes:
        raise InputError(
            Diagnostic(
                Code.INPUT_LIMIT,
                f"input larger than the limit of {limits.max_bytes} bytes (Limits.max_bytes)",
                SourceLocation(file),
            )
        )
    if not lenient:
        check_text(text, file, first_line=first_line)
    loader = _loader(text, pure)
    builder = _Builder(file, limits, first_line, lenient)
    documents: list[Document] = []
    handlers: dict[type, Any] = {
        ev.ScalarEvent: builder.scalar,
        ev.MappingStartEvent: builder.start,
        ev.SequenceStartEvent: builder.start,
        ev.AliasEvent: builder.alias,
    }
    try:
        while True:
            event = loader.get_event()
            kind = type(event)
            handler = handlers.get(kind)
            if handler is not None:
                handler(event)
            elif kind is ev.MappingEndEvent or kind is ev.SequenceEndEvent:
                builder.end()
            elif kind is ev.DocumentStartEvent:
                builder.start_document()
            elif kind is ev.DocumentEndEvent:
                documents.append(
                    Document(
                        file,
                        builder.result,
                        builder.positions,
                        len(documents),
                        builder.key_positions,
                    )
                )
            elif kind is ev.StreamEndEvent or event is None:
                break
    except yaml.YAMLError as exc:
        raise _syntax_error(exc, file, first_line) from None
    except RecursionError:  # pragma: no cover - the depth limit comes first
        raise InputError(
            Diagnostic(Code.INPUT_LIMIT, "nested too deeply", SourceLocation(file))
        ) from None
    finally:
        loader.dispose()
    return documents
