"""Nominee records sent over HTTP: one record (YAML or JSON) or a roster, located errors.

A record is parsed the way ``award-rules check`` reads a file, so the problems
carry the same messages, field paths and line/column (in the request body).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import Diagnostic, NomineeError, SourceLocation
from ..extensions import Declared
from ..model import Individual, Unit
from ..nominees import parse_nominee
from ..yamlfile import Document, YamlLoadError, load_documents

__all__ = [
    "ROSTER_READERS",
    "Declared",
    "Entry",
    "decode",
    "read_json_lines",
    "read_record",
    "read_roster",
    "read_yaml_roster",
    "register_roster_reader",
]

Nominee = Individual | Unit


@dataclass(frozen=True, slots=True)
class Entry:
    """One record of a roster: where it was (line, or item number) and the nominee or error."""

    line: int
    nominee: Nominee | None = None
    error: NomineeError | None = None
    nominee_id: str | None = None


def decode(body: bytes, source: str) -> str:
    """The body as text; a located :class:`NomineeError` unless it is UTF-8."""
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise NomineeError(
            [
                Diagnostic(
                    "encoding", f"not UTF-8 text (byte {exc.start + 1})", SourceLocation(source)
                )
            ]
        ) from None


def _documents(text: str, source: str) -> list[Document]:
    try:
        return load_documents(source, text)
    except YamlLoadError as exc:
        raise NomineeError([exc.diagnostic]) from None


def _item(document: Document, index: int) -> Document:
    """The document of one item of a top-level list, with its positions."""
    positions = {k[1:]: v for k, v in document.positions.items() if k[:1] == (index,)}
    keys = {k[1:]: v for k, v in document.key_positions.items() if k[:1] == (index,)}
    return Document(document.file, document.data[index], positions, document.index, keys)


def _not_a_mapping(document: Document, path: tuple[int, ...]) -> NomineeError:
    return NomineeError(
        [
            Diagnostic(
                "nominee",
                "expected a mapping with kind, id and the nominee's records",
                document.location(path),
            )
        ]
    )


def _located(data: dict[str, Any], text: str, source: str) -> Nominee:
    """Validate ``data`` (parsed fast as JSON); only on a problem parse again for positions."""
    try:
        return parse_nominee(data)
    except NomineeError:
        return parse_nominee(data, _documents(text, source)[0])


def read_record(body: bytes, source: str = "body") -> Nominee:
    """The single nominee of a YAML or JSON body (an error if it holds none or several)."""
    text = decode(body, source)
    if text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            data = None  # YAML (a flow mapping) or broken JSON: the YAML loader says where
        if isinstance(data, dict):
            return _located(data, text, source)
    items: list[tuple[Document, tuple[int, ...]]] = []
    for document in _documents(text, source):
        if isinstance(document.data, list):
            items.extend((document, (i,)) for i in range(len(document.data)))
        elif document.data is not None:
            items.append((document, ()))
    if len(items) != 1:
        raise NomineeError(
            [
                Diagnostic(
                    "nominee", f"expected one nominee, found {len(items)}", SourceLocation(source)
                )
            ]
        )
    document, path = items[0]
    sub = _item(document, path[0]) if path else document
    if not isinstance(sub.data, dict):
        raise _not_a_mapping(document, path)
    return parse_nominee(sub.data, sub)


def _raw_id(data: object) -> str | None:
    if isinstance(data, dict) and isinstance(data.get("id"), str | int):
        return str(data["id"])
    return None


def _shift(error: NomineeError, line: int) -> NomineeError:
    """The error of one JSON line, its locations moved to that line of the body."""
    moved = []
    for d in error.diagnostics:
        loc = d.location
        where = SourceLocation(loc.file, line, loc.column) if loc else None
        moved.append(Diagnostic(d.code, d.message, where, d.path, d.hint, d.severity))
    return NomineeError(moved)


def read_json_lines(
    body: bytes, source: str = "body", extensions: Declared = None
) -> Iterator[Entry]:
    """Each non-blank line of a JSON Lines body, in order: a nominee or its located error.

    ``extensions`` is not needed: JSON values carry their types (the catalog's
    admission checks them).
    """
    text = decode(body, source)
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            error = NomineeError(
                [
                    Diagnostic(
                        "json-syntax",
                        f"JSON syntax error: {exc.msg}",
                        SourceLocation(source, number, exc.colno),
                    )
                ]
            )
            yield Entry(number, error=error)
            continue
        try:
            if not isinstance(data, dict):
                raise _not_a_mapping(_documents(line, source)[0], ())
            yield Entry(number, _located(data, line, source), nominee_id=_raw_id(data))
        except NomineeError as exc:
            yield Entry(number, error=_shift(exc, number), nominee_id=_raw_id(data))


def read_yaml_roster(
    body: bytes, source: str = "body", extensions: Declared = None
) -> Iterator[Entry]:
    """A YAML or JSON roster: a list of records, or several documents; numbered from 1.

    ``extensions`` is not needed: YAML values carry their types.
    """
    documents = _documents(decode(body, source), source)
    number = 0
    for document in documents:
        if document.data is None:
            continue
        items = document.data if isinstance(document.data, list) else [document.data]
        for index, data in enumerate(items):
            number += 1
            path: tuple[int, ...] = (index,) if isinstance(document.data, list) else ()
            sub = _item(document, index) if path else document
            line = document.location(path).line or number
            try:
                if not isinstance(data, dict):
                    raise _not_a_mapping(document, path)
                yield Entry(line, parse_nominee(data, sub), nominee_id=_raw_id(data))
            except NomineeError as exc:
                yield Entry(line, error=exc, nominee_id=_raw_id(data))


RosterReader = Callable[[bytes, str, "Declared"], Iterator[Entry]]
"""Reads an upload: its bytes, its file name, the extensions the catalog declares."""

ROSTER_READERS: dict[str, RosterReader] = {}
"""Roster formats by file suffix; the workbook reader of the year-end review registers
``xlsx`` here with :func:`register_roster_reader`."""


def register_roster_reader(suffix: str, reader: RosterReader) -> None:
    """Read rosters whose file name ends with ``.suffix`` with ``reader``."""
    if suffix in ROSTER_READERS:
        raise ValueError(f"a roster reader for .{suffix} is already registered")
    ROSTER_READERS[suffix] = reader


for _suffix in ("jsonl", "ndjson"):
    register_roster_reader(_suffix, read_json_lines)
for _suffix in ("yaml", "yml", "json"):
    register_roster_reader(_suffix, read_yaml_roster)


def read_roster(body: bytes, filename: str, extensions: Declared = None) -> Iterator[Entry]:
    """The entries of an uploaded roster, by its file name's suffix.

    ``extensions`` (``catalog.vocabulary.extensions``) types the extension
    columns of a CSV file or workbook as the catalog declares them.
    """
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    reader = ROSTER_READERS.get(suffix)
    if reader is None:
        known = ", ".join(f".{s}" for s in sorted(ROSTER_READERS))
        raise NomineeError(
            [
                Diagnostic(
                    "roster",
                    f"unsupported roster file {filename!r}: use one of {known}",
                    SourceLocation(filename),
                )
            ]
        )
    return reader(body, filename, extensions)
