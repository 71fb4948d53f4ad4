"""Read nominee data (YAML, JSON or a mapping) into the domain model, with field paths.

Files and standard input (``-``) go through the input gate
(:mod:`award_rules.reading`); award ids in the records can be checked against
a catalog's registry with :func:`unknown_award_ids` (the catalog's entry
points do it through :class:`award_rules.admission.NomineeGate`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Set
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from .errors import Code, Diagnostic, NomineeError, SourceLocation, closest
from .model import Individual, Nominee, Unit, nominee_adapter
from .reading.limits import Limits
from .reading.text import source_name
from .validation import from_validation_error
from .yamlfile import Document, YamlLoadError, dotted, load_documents

__all__ = [
    "award_references",
    "load_nominee",
    "load_nominees",
    "parse_nominee",
    "read_nominees",
    "unknown_award_ids",
]


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
    if type(data) is Individual or type(data) is Unit:  # every call pays the union isinstance
        return data
    if isinstance(data, Individual | Unit):
        return data
    try:
        return nominee_adapter.validate_python(data)
    except ValidationError as exc:
        raise NomineeError(_diagnostics(exc, data, document)) from None


def read_nominees(
    path: Path | str, *, limits: Limits | None = None
) -> list[tuple[Individual | Unit, Document]]:
    """Every nominee in a file (``-``: standard input), each with its document for locations."""
    try:
        documents = load_documents(path, limits=limits)
    except YamlLoadError as exc:
        raise NomineeError([exc.diagnostic]) from None
    nominees: list[tuple[Individual | Unit, Document]] = []
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
            sub = document if not isinstance(document.data, list) else document.sub(i)
            nominees.append((parse_nominee(item, sub), sub))
    if not nominees:
        raise NomineeError(
            [
                Diagnostic(
                    Code.NOMINEE, "the file holds no nominee", SourceLocation(source_name(path))
                )
            ]
        )
    return nominees


def load_nominees(path: Path | str, *, limits: Limits | None = None) -> list[Individual | Unit]:
    """Every nominee in a YAML or JSON file: one mapping, a list, or several documents."""
    return [nominee for nominee, _ in read_nominees(path, limits=limits)]


def award_references(nominee: Individual | Unit) -> list[tuple[tuple[str | int, ...], str]]:
    """Every award id the nominee's records name, with its field path.

    Award records (``awards[].award``), registered titles
    (``registrations[].titles``) and the titles of units led (``led_units[].titles``).
    """
    found: list[tuple[tuple[str | int, ...], str]] = [
        (("awards", i, "award"), record.award) for i, record in enumerate(nominee.awards)
    ]
    for i, registration in enumerate(nominee.registrations):
        found.extend(
            (("registrations", i, "titles", j), title)
            for j, title in enumerate(registration.titles)
        )
    if isinstance(nominee, Individual):
        for i, led in enumerate(nominee.led_units):
            found.extend(
                (("led_units", i, "titles", j), title) for j, title in enumerate(led.titles)
            )
    return found


def unknown_award_ids(
    nominee: Individual | Unit, known_ids: Iterable[str], document: Document | None = None
) -> list[Diagnostic]:
    """One diagnostic per award id in the records that ``known_ids`` does not hold.

    Each names the field path (``awards[1].award``), suggests the closest known
    ids, and is located in ``document`` when given.
    """
    known = known_ids if isinstance(known_ids, Set) else set(known_ids)
    out: list[Diagnostic] = []
    for path, award_id in award_references(nominee):
        if award_id in known:
            continue
        suggestions = closest(award_id, known)
        out.append(
            Diagnostic(
                Code.UNKNOWN_AWARD,
                f"unknown award id {award_id!r}",
                document.location(path) if document is not None else None,
                path=dotted(path),
                hint=f"did you mean {' or '.join(suggestions)}?" if suggestions else "",
            )
        )
    return out


def load_nominee(path: Path | str, *, limits: Limits | None = None) -> Individual | Unit:
    """The single nominee in a file (an error if it holds none or several)."""
    nominees = load_nominees(path, limits=limits)
    if len(nominees) != 1:
        raise NomineeError(
            [
                Diagnostic(
                    Code.NOMINEE,
                    f"expected one nominee, found {len(nominees)}",
                    SourceLocation(source_name(path)),
                )
            ]
        )
    return nominees[0]
