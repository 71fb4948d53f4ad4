"""Read nominee data (YAML, JSON or a mapping) into the domain model, with field paths."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .errors import Diagnostic, NomineeError, SourceLocation
from .model import Individual, Unit, nominee_adapter
from .yamlfile import Document, YamlLoadError, dotted, load_documents

__all__ = ["load_nominee", "load_nominees", "parse_nominee"]


def _field_path(loc: tuple[Any, ...], data: Any) -> str:
    parts: list[str | int] = []
    for part in loc:
        if isinstance(part, int):
            data = data[part] if isinstance(data, list) and part < len(data) else None
        elif isinstance(data, dict) and part in data:
            data = data[part]
        elif part in ("individual", "unit") and not parts:
            continue  # the union tag pydantic adds for ``kind``
        else:
            data = None
        parts.append(part)
    return dotted(parts) or "(nominee)"


def _diagnostics(error: ValidationError, data: Any, document: Document | None) -> list[Diagnostic]:
    out = []
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        message = item["msg"].removeprefix("Value error, ")
        if item["type"] == "extra_forbidden":
            message = "unknown field"
        elif item["type"] == "union_tag_not_found":
            message = "missing 'kind': give 'individual' or 'unit'"
        elif item["type"] == "union_tag_invalid":
            message = "'kind' must be 'individual' or 'unit'"
        key = item["type"] == "extra_forbidden"
        where = document.location(loc, key=key) if document else None
        out.append(Diagnostic("nominee", message, where, path=_field_path(loc, data)))
    return out


def parse_nominee(
    data: Mapping[str, Any] | Individual | Unit, document: Document | None = None
) -> Individual | Unit:
    """Validate one nominee; :class:`NomineeError` lists each problem with its field path."""
    if isinstance(data, Individual | Unit):
        return data
    try:
        return nominee_adapter.validate_python(data)
    except ValidationError as exc:
        raise NomineeError(_diagnostics(exc, data, document)) from None


def load_nominees(path: Path | str) -> list[Individual | Unit]:
    """Every nominee in a YAML or JSON file: one mapping, a list, or several documents."""
    try:
        documents = load_documents(path)
    except YamlLoadError as exc:
        raise NomineeError([exc.diagnostic]) from None
    nominees: list[Individual | Unit] = []
    for document in documents:
        items = document.data if isinstance(document.data, list) else [document.data]
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                raise NomineeError(
                    [
                        Diagnostic(
                            "nominee",
                            "expected a mapping with kind, id and the nominee's records",
                            document.location((i,) if isinstance(document.data, list) else ()),
                        )
                    ]
                )
            sub = document if not isinstance(document.data, list) else document.sub(i)
            nominees.append(parse_nominee(item, sub))
    if not nominees:
        raise NomineeError(
            [Diagnostic("nominee", "the file holds no nominee", SourceLocation(str(path)))]
        )
    return nominees


def load_nominee(path: Path | str) -> Individual | Unit:
    """The single nominee in a file (an error if it holds none or several)."""
    nominees = load_nominees(path)
    if len(nominees) != 1:
        raise NomineeError(
            [
                Diagnostic(
                    "nominee",
                    f"expected one nominee, found {len(nominees)}",
                    SourceLocation(str(path)),
                )
            ]
        )
    return nominees[0]
