"""JSON and JSON Lines read as JSON (exponents, tabs and escapes as JSON has them).

Values come from the standard ``json`` module; one pass over them enforces the
limits and refuses NaN, infinity, control characters and lone surrogates.
Positions, only needed to report a problem, are found on first use by reading
the same text with the YAML parser (JSON is YAML's flow style).
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from ..errors import Code, Diagnostic, SourceLocation
from .document import Document, InputError, PathKey, Positions, location_of
from .limits import Limits
from .text import FORBIDDEN, forbidden_message

__all__ = ["parse_json", "parse_json_lines"]

_UNLIMITED = Limits(max_bytes=2**62, max_depth=2**62, max_values=2**62)


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number: NaN and infinity are not accepted")


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Duplicate(key)
            seen.add(key)
    return result


class _Duplicate(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(f"duplicate key {key!r}")
        self.key = key


def _locator(text: str, file: str, first_line: int) -> Any:
    def locate() -> tuple[Positions, Positions]:
        from .yaml12 import parse_yaml

        spaced = text.replace("\t", " ")  # in valid JSON a tab is only white space
        for pure in (False, True):  # libyaml refuses escaped surrogates; PyYAML reads them
            try:
                docs = parse_yaml(
                    spaced, file, _UNLIMITED, first_line=first_line, lenient=True, pure=pure
                )
            except InputError:
                continue
            if len(docs) == 1:
                return docs[0].positions, docs[0].key_positions
        return {}, {}

    return locate


_CONSTANT = re.compile(r'"(?:[^"\\]|\\.)*"|(-?Infinity|NaN|-?[0-9]{1000,})')


def _constant_location(text: str, file: str, first_line: int) -> SourceLocation:
    """Where a NaN, an Infinity or an overlong number is written (outside strings)."""
    for match in _CONSTANT.finditer(text):
        if match.group(1):
            offset = match.start(1)
            line = text.count("\n", 0, offset)
            column = offset - (text.rfind("\n", 0, offset) + 1) + 1
            return SourceLocation(file, line + first_line, column)
    return SourceLocation(file)


def _clean(data: Any, limits: Limits) -> bool:
    """Whether ``data`` is within the limits and holds no refused value (fast, no paths)."""
    if not isinstance(data, dict | list):
        return _walk(data, limits) is None
    search, count = FORBIDDEN.search, 1
    stack: list[tuple[dict[Any, Any] | list[Any], int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > limits.max_depth:
            return False
        count += len(value)
        if count > limits.max_values:
            return False
        if isinstance(value, dict):
            if any(search(key) for key in value):
                return False
            items: Any = value.values()
        else:
            items = value
        for item in items:
            kind = type(item)
            if kind is str:
                if search(item):
                    return False
            elif kind is dict or kind is list:
                stack.append((item, depth + 1))
            elif kind is float and not math.isfinite(item):
                return False
    return True


def _walk(data: Any, limits: Limits) -> tuple[str, str, PathKey] | None:
    """The first problem in ``data`` as (code, message, path), or None (slower: keeps paths)."""
    count = 0
    stack: list[tuple[Any, PathKey]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        count += 1
        if count > limits.max_values:
            return (
                Code.INPUT_LIMIT,
                f"more than {limits.max_values} values (Limits.max_values)",
                path,
            )
        if isinstance(value, dict | list):
            if len(path) + 1 > limits.max_depth:
                message = f"nested deeper than {limits.max_depth} levels (Limits.max_depth)"
                return Code.INPUT_LIMIT, message, path
            if isinstance(value, dict):
                for key, item in value.items():
                    found = FORBIDDEN.search(key)
                    if found is not None:
                        return Code.CONTROL_CHARACTER, forbidden_message(found.group()), path
                    stack.append((item, (*path, key)))
            else:
                stack.extend((item, (*path, i)) for i, item in enumerate(value))
        elif isinstance(value, str):
            found = FORBIDDEN.search(value)
            if found is not None:
                return Code.CONTROL_CHARACTER, forbidden_message(found.group()), path
        elif isinstance(value, float) and not math.isfinite(value):
            return Code.NUMBER, "a number out of range (infinite) is not accepted", path
    return None


def parse_json(
    text: str, file: str, limits: Limits, *, first_line: int = 1, index: int = 0
) -> Document:
    """One JSON value as a document; :class:`InputError` with line and column on a problem."""
    if len(text) > limits.max_bytes:
        raise InputError(
            Diagnostic(
                Code.INPUT_LIMIT,
                f"input larger than the limit of {limits.max_bytes} bytes (Limits.max_bytes)",
                SourceLocation(file),
            )
        )
    try:
        data = json.loads(text, parse_constant=_refuse_constant, object_pairs_hook=_pairs)
    except json.JSONDecodeError as exc:
        where = SourceLocation(file, exc.lineno + first_line - 1, exc.colno)
        raise InputError(
            Diagnostic(Code.JSON_SYNTAX, f"JSON syntax error: {exc.msg}", where)
        ) from None
    except (ValueError, RecursionError) as exc:
        if isinstance(exc, _Duplicate | RecursionError):
            # the YAML reading of the same text stops at the duplicate key or
            # at the depth limit, and says where
            from .yaml12 import parse_yaml

            parse_yaml(text.replace("\t", " "), file, limits, first_line=first_line)
            if isinstance(exc, _Duplicate):  # the YAML reading could not tell where
                raise InputError(
                    Diagnostic(Code.DUPLICATE_KEY, str(exc), SourceLocation(file))
                ) from None
            raise InputError(
                Diagnostic(Code.INPUT_LIMIT, "nested too deeply", SourceLocation(file))
            ) from None
        where = _constant_location(text, file, first_line)
        message = str(exc) if "NaN" in str(exc) else "a number with over 4300 digits"
        raise InputError(Diagnostic(Code.NUMBER, message, where)) from None
    document = Document(file, data, index=index, locate=_locator(text, file, first_line))
    problem = None if _clean(data, limits) else _walk(data, limits)
    if problem is not None:
        code, message, path = problem
        raise InputError(Diagnostic(code, message, location_of(document, path)))
    return document


def parse_json_lines(text: str, file: str, limits: Limits) -> list[Document]:
    """One document per non-blank line of a JSON Lines text."""
    documents: list[Document] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        document = parse_json(line, file, limits, first_line=number, index=len(documents))
        documents.append(document)
    return documents
