"""JSON and JSON Lines read as JSON (exponents, tabs and escapes as JSON has them).

Values come from the standard ``json`` module, each object checked for a key
written twice. NaN, infinity, control characters and lone surrogates are
refused and the limits enforced: told from the text when it shows none can be
there (the common case), else by walking the values.
Positions, only needed to report a problem, are found on first use by reading
the same text with the YAML parser (JSON is YAML's flow style).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from typing import Any

from ..errors import Code, Diagnostic, SourceLocation
from .document import Document, InputError, PathKey, Positions, location_of
from .limits import Limits
from .text import FORBIDDEN, check_text, forbidden_message

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


_REFUSABLE_ESCAPE = re.compile(r"\\(?:[bf]|u(?:00[01]|007f|00[89]|d[89a-f]|fff[ef]))", re.I)
"""The escapes that may write a refused character (and some that do not, such as
``\\u0009``): ``\\b``, ``\\f`` and ``\\u`` of a control character, surrogate or
non-character. Other escapes write allowed characters."""


class _Overflow(ValueError):
    """A number too large for a float: read as it is, it would be infinity."""


def _finite(literal: str) -> float:
    value = float(literal)
    if math.isinf(value):
        raise _Overflow(literal)
    return value


def _clean_by_its_text(text: str, limits: Limits) -> bool:
    """Whether JSON ``text`` is within the limits and holds no refused value, by its text alone.

    ``text`` was read without error and has no refused character written as it
    is, so one can only come from an escape, and no number that overflows (see
    :func:`_finite`). The values counted are the first and each container's
    items, each a comma's worth but the first; nesting is no deeper than the
    containers. ``False`` means the values must be walked to tell.
    """
    containers = text.count("{") + text.count("[")
    return (
        containers <= limits.max_depth
        and 1 + containers + text.count(",") <= limits.max_values
        and _REFUSABLE_ESCAPE.search(text) is None
    )


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
    check_text(text, file, first_line=first_line)  # a refused character written as it is
    try:
        data = _load(text, file, limits, first_line, parse_float=_finite)
        clean = _clean_by_its_text(text, limits)
    except _Overflow:  # read again as infinity, so the walk says where
        data, clean = _load(text, file, limits, first_line), False
    document = Document(file, data, index=index, locate=_locator(text, file, first_line))
    problem = None if clean else _walk(data, limits)
    if problem is not None:
        code, message, path = problem
        raise InputError(Diagnostic(code, message, location_of(document, path)))
    return document


def _load(
    text: str,
    file: str,
    limits: Limits,
    first_line: int,
    *,
    parse_float: Callable[[str], float] = float,
) -> Any:
    """``json.loads`` of ``text``, refusing NaN, infinity and a key written twice in one object."""
    try:
        return json.loads(
            text,
            parse_constant=_refuse_constant,
            object_pairs_hook=_pairs,
            parse_float=parse_float,
        )
    except json.JSONDecodeError as exc:
        where = SourceLocation(file, exc.lineno + first_line - 1, exc.colno)
        raise InputError(
            Diagnostic(Code.JSON_SYNTAX, f"JSON syntax error: {exc.msg}", where)
        ) from None
    except (ValueError, RecursionError) as exc:
        if isinstance(exc, _Overflow):
            raise
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


def parse_json_lines(text: str, file: str, limits: Limits) -> list[Document]:
    """One document per non-blank line of a JSON Lines text."""
    documents: list[Document] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        document = parse_json(line, file, limits, first_line=number, index=len(documents))
        documents.append(document)
    return documents
