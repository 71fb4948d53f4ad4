"""A nominee's ``extensions`` (facts of the host's own) checked against what a vocabulary declares.

A host declares each key it reads, with its type, when it registers the
predicate that reads it (``Vocabulary.predicate(..., extensions={...})``).
Here the values a nominee carries are held to those declarations: an
undeclared key is refused with "did you mean", a value of the wrong type with
what was expected; a date given as ISO text becomes a ``datetime.date``, and
a date where text is declared (YAML reads an unquoted ``2010-05-01`` as a
date) becomes its ISO text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from .errors import Code, Diagnostic, NomineeError, closest
from .model import MAX_YEAR, MIN_YEAR, Extensions, ExtensionValue, Individual, Unit
from .vocabulary.base import ExtensionType
from .yamlfile import Document

__all__ = ["Declared", "extension_problems", "typed_extensions"]

Declared = Mapping[str, ExtensionType] | None
"""The extensions a catalog declares (``catalog.vocabulary.extensions``), if known."""

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

_EXPECTED: dict[str, str] = {
    "bool": "true or false",
    "int": "a whole number",
    "number": "a number",
    "string": "text",
    "date": "a date as YYYY-MM-DD",
}


def _typed(value: ExtensionValue, kind: ExtensionType) -> ExtensionValue | None:
    """``value`` as ``kind`` holds it, or ``None`` when it is not one."""
    if kind == "bool":
        return value if isinstance(value, bool) else None
    if isinstance(value, bool):
        return None
    if kind == "int":
        return value if isinstance(value, int) else None
    if kind == "number":
        return value if isinstance(value, int | float) else None
    if kind == "string":  # a YAML file reads an unquoted 2010-05-01 as a date
        if isinstance(value, dt.date):
            return value.isoformat()
        return value if isinstance(value, str) else None
    if isinstance(value, dt.date):
        day: dt.date | None = value
    elif isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            day = None
    else:
        day = None
    return day if day is not None and MIN_YEAR <= day.year <= MAX_YEAR else None


SHOWN_CHARS = 40
"""At most this much of a wrong value is repeated in an error message."""


def _shown(value: ExtensionValue) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    text = repr(value.isoformat() if isinstance(value, dt.date) else value)
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def extension_problems(
    nominee: Individual | Unit,
    declared: Mapping[str, ExtensionType],
    document: Document | None = None,
) -> list[Diagnostic]:
    """One diagnostic per undeclared key or value of the wrong type, with its field path."""
    out: list[Diagnostic] = []
    for key, value in nominee.extensions.items():
        where = document.location(("extensions", key), key=True) if document else None
        kind = declared.get(key)
        if kind is None:
            near = closest(key, declared)
            if near:
                hint = f"did you mean {' or '.join(near)}?"
            elif declared:
                hint = f"declared: {', '.join(declared)}"
            else:
                hint = "no check of the catalog's vocabulary declares an extension"
            out.append(
                Diagnostic(
                    Code.UNKNOWN_EXTENSION,
                    f"unknown extension {key!r}",
                    where,
                    path=f"extensions.{key}",
                    hint=hint,
                )
            )
        elif _typed(value, kind) is None:
            out.append(
                Diagnostic(
                    Code.NOMINEE,
                    f"expected {_EXPECTED[kind]}, got {_shown(value)}",
                    document.location(("extensions", key)) if document else None,
                    path=f"extensions.{key}",
                )
            )
    return out


def typed_extensions(
    nominee: Individual | Unit, declared: Mapping[str, ExtensionType]
) -> Individual | Unit:
    """``nominee`` with its extensions held to ``declared`` (dates as dates).

    Raises :class:`NomineeError` listing every problem. The nominee is returned
    unchanged when it has no extensions or nothing needs converting.
    """
    if not nominee.extensions:
        return nominee
    problems = extension_problems(nominee, declared)
    if problems:
        raise NomineeError(problems)
    converted = {
        key: typed
        for key, value in nominee.extensions.items()
        if (typed := _typed(value, declared[key])) is not None and type(typed) is not type(value)
    }
    if not converted:
        return nominee
    values: dict[str, ExtensionValue] = {**nominee.extensions, **converted}
    return nominee.model_copy(update={"extensions": Extensions(values)})
