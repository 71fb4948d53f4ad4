"""Read nominee data (YAML, JSON or a mapping) into the domain model, with field paths."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from .errors import Code, Diagnostic, NomineeError, SourceLocation
from .model import Individual, Nominee, Unit, nominee_adapter
from .validation import from_validation_error
from .yamlfile import Document, YamlLoadError, load_documents

__all__ = ["load_nominee", "load_nominees", "parse_nominee"]


def _message(item: ErrorDetails) -> str | None:
    if item["type"] == "extra_forbidden":
        return "unknown field"
    if item["type"] == "missing":
        return item["msg"]
    if item["type"] == "union_tag_not_found":
        return "missing 'kind': give 'individual' or 'unit'"
    if item["type"] == "union_tag_invalid":
        return "'kind' must be 'individual' or 'unit'"
    return None


def _diagnostics(error: ValidationError, data: Any, document: Document | None) -> list[Diagnostic]:
    return from_validation_error(
        error,
        document,
        data=data,
        model=Nominee,
        code=Code.NOMINEE,
        field_word="field",
        messages=_message,
        empty_path="(nominee)",
    )


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
                            Code.NOMINEE,
                            "expected a mapping with kind, id and the nominee's records",
                            document.location((i,) if isinstance(document.data, list) else ()),
                        )
                    ]
                )
            sub = document if not isinstance(document.data, list) else _sub(document, i)
            nominees.append(parse_nominee(item, sub))
    if not nominees:
        raise NomineeError(
            [Diagnostic(Code.NOMINEE, "the file holds no nominee", SourceLocation(str(path)))]
        )
    return nominees


def _sub(document: Document, index: int) -> Document:
    prefix = (index,)
    positions = {k[1:]: v for k, v in document.positions.items() if k[:1] == prefix}
    keys = {k[1:]: v for k, v in document.key_positions.items() if k[:1] == prefix}
    return Document(document.file, document.data[index], positions, document.index, keys)


def load_nominee(path: Path | str) -> Individual | Unit:
    """The single nominee in a file (an error if it holds none or several)."""
    nominees = load_nominees(path)
    if len(nominees) != 1:
        raise NomineeError(
            [
                Diagnostic(
                    Code.NOMINEE,
                    f"expected one nominee, found {len(nominees)}",
                    SourceLocation(str(path)),
                )
            ]
        )
    return nominees[0]
