"""Reading data files: YAML (1.2 core schema) and JSON, with positions and limits.

Files are data: they are never executed. Every file kind (criteria, nominees,
rosters, cases, events) and standard input (``-``) comes through
:func:`load_documents`, which applies the input gate of :mod:`award_rules.reading`:
size, depth and value limits, UTF-8 text without control characters, YAML 1.2
core-schema scalars, JSON read as JSON, no NaN or infinity, no duplicate keys.
Each document comes back as plain Python values plus a table from value path
(``("conditions", 0, "id")``) to the line and column it was written at, so
later stages can report ``file:line:column`` for any problem.
"""

from __future__ import annotations

from pathlib import Path

from .reading.document import Document, data_path, dotted, location_of
from .reading.document import InputError as YamlLoadError
from .reading.jsondata import parse_json, parse_json_lines
from .reading.limits import Limits, default_limits
from .reading.text import STDIN, read_source, source_name
from .reading.yaml12 import C_PARSER, parse_yaml

__all__ = [
    "C_PARSER",
    "Document",
    "Limits",
    "YamlLoadError",
    "data_path",
    "dotted",
    "load_documents",
    "location_of",
    "parse_documents",
]

JSON_SUFFIXES = frozenset({".json"})
JSON_LINES_SUFFIXES = frozenset({".jsonl", ".ndjson"})


def _kind(file: str, text: str) -> str:
    suffix = Path(file).suffix.lower()
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in JSON_LINES_SUFFIXES:
        return "jsonl"
    return "yaml"


def parse_documents(
    text: str, file: str = "<string>", *, kind: str = "yaml", limits: Limits | None = None
) -> list[Document]:
    """Every document of ``text`` read as ``kind`` (``yaml``, ``json`` or ``jsonl``).

    Raises :class:`YamlLoadError` with the line and column of the first problem.
    """
    limits = limits or default_limits()
    if kind == "json":
        return [parse_json(text, file, limits)]
    if kind == "jsonl":
        return parse_json_lines(text, file, limits)
    if kind != "yaml":
        raise ValueError(f"kind must be 'yaml', 'json' or 'jsonl', got {kind!r}")
    return parse_yaml(text, file, limits)


def load_documents(
    path: Path | str, text: str | None = None, *, limits: Limits | None = None
) -> list[Document]:
    """Every document of a YAML or JSON file (``-``: standard input), with positions.

    ``.json`` files are read as JSON, ``.jsonl``/``.ndjson`` as JSON Lines,
    anything else as YAML; standard input is JSON when it starts with ``{`` or
    ``[`` and reads as JSON, else YAML. Raises :class:`YamlLoadError` with the
    line and column of the first problem.
    """
    limits = limits or default_limits()
    file = source_name(path)
    if text is None:
        text = read_source(path, limits)
    if str(path) == STDIN and text.lstrip()[:1] in ("{", "["):
        try:
            return parse_documents(text, file, kind="json", limits=limits)
        except YamlLoadError as exc:
            if exc.diagnostic.code != "json-syntax":
                raise
    return parse_documents(text, file, kind=_kind(file, text), limits=limits)
