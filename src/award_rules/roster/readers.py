"""Roster readers, registered by file suffix: YAML/JSON lists, JSON Lines, CSV, Excel.

``read_roster(path)`` returns a :class:`Roster`: iterate it for the
:class:`Entry` of every record in input order (a nominee, or the problems that
rejected it); problems that belong to no record (an unknown column, a row for
an unknown nominee) collect in ``roster.notices`` as it is read. JSON Lines and
workbooks are read lazily, one record at a time. ``read_roster(path,
extensions=catalog.vocabulary.extensions)`` types a table's extension columns
as the catalog declares them.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from ..errors import Code, Diagnostic, NomineeError, SourceLocation
from ..nominees import parse_nominee
from ..reading.document import InputError
from ..reading.jsondata import parse_json
from ..reading.limits import Limits, default_limits
from ..reading.lines import LineTooLong, bounded_lines
from ..yamlfile import Document, YamlLoadError, load_documents
from .entries import Entry, Place, Problem, RawLine, gated_paths, gated_places, problems_from
from .sheets import MAIN_SHEETS, normalise, sheet_named
from .tables import Declared, Row, read_tables

__all__ = ["READERS", "Roster", "RosterLimits", "parse_line", "read_roster", "register_reader"]


@dataclass(frozen=True, slots=True)
class RosterLimits:
    """How much of a roster is read: whole files in total, streams per record.

    A YAML or JSON roster is read whole before its first record is judged
    (about 100 values and 1 KB per official, and some 350 bytes of memory per
    value while it is read), so its total is bounded: ``max_bytes`` and
    ``max_values`` (about 20,000 officials by default). JSON Lines are read
    one line at a time: only each record is bounded, by ``record_bytes``.
    Workbooks and CSV files are read a row at a time. ``max_depth`` bounds
    nesting in both.
    """

    max_bytes: int = 64 * 1024 * 1024
    max_values: int = 2_000_000
    record_bytes: int = 1024 * 1024
    max_depth: int = 100

    def __post_init__(self) -> None:
        for name in ("max_bytes", "max_values", "record_bytes", "max_depth"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"RosterLimits.{name} must be a positive integer, got {value!r}")

    def whole_file(self) -> Limits:
        """The input gate's limits for a roster read whole."""
        return Limits(
            max_bytes=self.max_bytes, max_depth=self.max_depth, max_values=self.max_values
        )


LIMIT_OPTIONS = {"max_bytes": "--max-bytes", "max_values": "--max-values"}
"""The command-line option that raises each limit of a whole-file roster."""


class Reader(Protocol):
    """Reads a roster file: its records, problems of no record into ``notices``.

    ``extensions`` types the extension columns of tables (text files carry types).
    """

    def __call__(
        self,
        path: Path,
        notices: list[Problem],
        limits: RosterLimits,
        /,
        *,
        extensions: Declared = None,
    ) -> Iterator[Entry]: ...


READERS: dict[str, Reader] = {}
"""Readers by lower-case suffix (``.jsonl``); a directory is read as CSV sheets."""


def register_reader(suffixes: tuple[str, ...], reader: Reader) -> Reader:
    """Add a reader for files ending in ``suffixes`` (see :class:`Reader` for its signature)."""
    for suffix in suffixes:
        READERS[suffix] = reader
    return reader


@dataclass
class Roster:
    """The records of a roster file, read as they are iterated."""

    path: Path
    reader: Reader
    notices: list[Problem] = field(default_factory=list)
    limits: RosterLimits = field(default_factory=RosterLimits)
    extensions: Declared = None
    """The declared extensions that type a table's extension columns."""

    def __iter__(self) -> Iterator[Entry]:
        return self.reader(self.path, self.notices, self.limits, extensions=self.extensions)

    def records(self) -> Iterator[Entry | RawLine]:
        """Like iterating, but JSON Lines come unparsed: worker processes validate them."""
        if self.reader is _read_jsonl:
            return iter(_jsonl_lines(self.path, self.limits))
        return iter(self)


def read_roster(
    path: Path | str, *, limits: RosterLimits | None = None, extensions: Declared = None
) -> Roster:
    """The roster in ``path``; the reader is chosen by suffix (a directory: CSV files).

    ``limits`` bound what is read (default :class:`RosterLimits`). ``extensions``
    (``catalog.vocabulary.extensions``) types the ``extensions.KEY`` columns of
    a workbook or CSV file as declared, and makes an undeclared one an unknown
    column; without it each cell keeps its own type (all text in CSV).
    """
    path = Path(path)
    bounds = limits or RosterLimits()
    if not path.exists():
        raise NomineeError([_io(path, "no such file or directory")])
    if path.is_dir():
        return Roster(path, _read_csv, limits=bounds, extensions=extensions)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise NomineeError([_io(path, f"unknown roster format {path.suffix!r} (known: {known})")])
    return Roster(path, reader, limits=bounds, extensions=extensions)


def _io(path: Path, message: str) -> Diagnostic:
    return Diagnostic(Code.ROSTER, message, SourceLocation(str(path)))


# -- YAML and JSON: a list of nominees (or several documents) ----------------------
def _read_documents(
    path: Path, notices: list[Problem], limits: RosterLimits, /, *, extensions: Declared = None
) -> Iterator[Entry]:
    try:
        documents = load_documents(path, limits=limits.whole_file())
    except YamlLoadError as exc:
        found = problems_from([exc.diagnostic], str(path))
        if exc.diagnostic.code == Code.INPUT_LIMIT:
            found = [_raise_hint(p) for p in found]
        notices.extend(found)
        return
    index = 0
    for document in documents:
        items = document.data if isinstance(document.data, list) else [document.data]
        for i, item in enumerate(items):
            sub = document.sub(i) if isinstance(document.data, list) else document
            yield _entry(index, item, sub, str(path))
            index += 1


def _raise_hint(problem: Problem) -> Problem:
    """A problem of a roster over a limit, saying which limit and how to raise it."""
    message = problem.message
    for name, option in LIMIT_OPTIONS.items():
        limit = f"Limits.{name}"
        if limit in message:
            message = message.replace(limit, f"the roster limit RosterLimits.{name}")
            hint = (
                f"raise it with {option} N, or RosterLimits({name}=N) from Python; "
                "or write the roster as JSON Lines, read one record at a time"
            )
            return replace(problem, message=message, hint=hint)
    return problem


def _entry(
    index: int,
    item: Any,
    document: Document | None,
    source: str,
    line: int | None = None,
    *,
    exact_places: bool = True,
) -> Entry:
    """One record validated; ``exact_places=False`` leaves the gated fields unplaced.

    (A JSON line's positions cost a second parse: :func:`parse_line` places its
    gated fields lazily, see :class:`_LinePlaces`.)
    """
    raw_id = item.get("id") if isinstance(item, dict) else None
    nominee_id = str(raw_id) if raw_id is not None else None
    if not isinstance(item, dict):
        where = document.location(()) if document else None
        problem = Problem(
            source,
            "expected a mapping with kind, id and the nominee's records",
            None,
            where.line if where else line,
            str(where.column) if where and where.column else None,
        )
        return Entry(index, None, (problem,), nominee_id)
    try:
        nominee = parse_nominee(item, document)
    except NomineeError as exc:
        return Entry(index, None, tuple(problems_from(exc.diagnostics, source, line)), nominee_id)

    if not exact_places:
        return Entry(index, nominee, (), nominee.id, source)

    def place(path: tuple[str | int, ...]) -> Place:
        if document is None:
            return (None, None, line, None)
        where = document.location(path)
        return (None, None, where.line, str(where.column) if where.column else None)

    return Entry(index, nominee, (), nominee.id, source, gated_places(nominee, place))


# -- JSON Lines: one nominee per line, read one line at a time ----------------------
def _jsonl_lines(path: Path, limits: RosterLimits) -> Iterator[RawLine]:
    """The non-blank lines of a JSON Lines file, not yet parsed.

    Each line is read within ``limits.record_bytes`` (an over-long line is never
    held whole) and decoded here; a line that cannot be read becomes a
    ``RawLine`` with its ``fault``, reported as that record's problem.
    """
    source = str(path)
    index = 0
    cap = limits.record_bytes
    with path.open("rb") as handle:
        for number, raw in enumerate(bounded_lines(handle, cap), start=1):
            if isinstance(raw, LineTooLong):
                fault = (
                    f"record longer than the roster limit of {cap} bytes "
                    "(RosterLimits.record_bytes)"
                )
                yield RawLine(index, source, number, "", fault, _RECORD_HINT)
                index += 1
                continue
            try:
                text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                fault = f"not UTF-8 text (byte {exc.start + 1})"
                yield RawLine(index, source, number, "", fault)
                index += 1
                continue
            if text.strip():
                yield RawLine(index, source, number, text, depth=limits.max_depth)
                index += 1


_RECORD_HINT = "raise it with --max-record-bytes N, or RosterLimits(record_bytes=N) from Python"


class _LinePlaces(Mapping[str, Place]):
    """Where a JSON line's gated fields (award ids, extensions) were written: line and column.

    The positions are found on first use, by reading the line again: only a
    record the catalog refuses pays for them. Pickled as the line's text.
    """

    def __init__(
        self, text: str, source: str, line: int, depth: int, paths: dict[str, tuple[str | int, ...]]
    ) -> None:
        self._text, self._source, self._line, self._depth = text, source, line, depth
        self._paths = paths
        self._document: Document | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        return (_LinePlaces, (self._text, self._source, self._line, self._depth, self._paths))

    def __getitem__(self, key: str) -> Place:
        path = self._paths[key]
        if self._document is None:
            limits = Limits(
                max_bytes=max(len(self._text), 1),
                max_depth=self._depth,
                max_values=default_limits().max_values,
            )
            self._document = parse_json(self._text, self._source, limits, first_line=self._line)
        where = self._document.location(path)
        line = where.line if where.line is not None else self._line
        return (None, None, line, str(where.column) if where.column else None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)


def parse_line(raw: RawLine) -> Entry:
    """One JSON Lines record through the input gate: its nominee, or its located problems.

    The fields a catalog checks are placed by line and column when it refuses them.
    """
    if raw.fault:
        problem = Problem(raw.source, raw.fault, None, raw.line, hint=raw.hint)
        return Entry(raw.index, None, (problem,))
    text = raw.text.rstrip("\r\n")
    values = default_limits().max_values  # bounded as any document's; its bytes by record_bytes
    limits = Limits(max_bytes=max(len(text), 1), max_depth=raw.depth, max_values=values)
    try:
        document = parse_json(text, raw.source, limits, first_line=raw.line)
    except InputError as exc:
        return Entry(raw.index, None, tuple(problems_from([exc.diagnostic], raw.source, raw.line)))
    entry = _entry(raw.index, document.data, document, raw.source, raw.line, exact_places=False)
    if entry.nominee is None:
        return entry
    paths = gated_paths(entry.nominee)
    if not paths:
        return entry
    return replace(entry, places=_LinePlaces(text, raw.source, raw.line, raw.depth, paths))


def _read_jsonl(
    path: Path, notices: list[Problem], limits: RosterLimits, /, *, extensions: Declared = None
) -> Iterator[Entry]:
    for raw in _jsonl_lines(path, limits):
        yield parse_line(raw)


# -- tables: CSV files and Excel workbooks -------------------------------------------
@dataclass
class _CsvSource:
    label: str
    files: dict[str, Path]

    def sheet_names(self) -> list[str]:
        return list(self.files)

    def label_of(self, name: str) -> str:
        return str(self.files[name])

    def rows(self, name: str) -> Iterator[tuple[int, Row]]:
        path = self.files[name]
        with path.open("rb") as handle:
            yield from enumerate(csv.reader(_text_lines(handle, str(path))), start=1)


def _text_lines(handle: BinaryIO, label: str) -> Iterator[str]:
    """The lines of a CSV file as text, each read within the input limit.

    A line that is not UTF-8 (a file saved in another encoding) or longer than
    the limit stops the reading with its line: :class:`NomineeError`, never a crash.
    """
    lines = bounded_lines(handle, default_limits().max_bytes)
    for number, raw in enumerate(lines, start=1):
        if isinstance(raw, LineTooLong):
            problem, column = raw.message, None
        else:
            try:
                yield raw.decode("utf-8-sig" if number == 1 else "utf-8")
                continue
            except UnicodeDecodeError as exc:
                problem = f"not UTF-8 text (byte {exc.start + 1}); save the file as UTF-8"
                column = exc.start + 1
        where = SourceLocation(label, number, column)
        raise NomineeError([Diagnostic(Code.ENCODING, problem, where)])


def _read_csv(
    path: Path, notices: list[Problem], limits: RosterLimits, /, *, extensions: Declared = None
) -> Iterator[Entry]:
    if path.is_dir():
        files = {p.stem: p for p in sorted(path.glob("*.csv"))}
    else:
        files = {_csv_sheet(path): path}
    yield from read_tables(_CsvSource(str(path), files), notices, extensions)


def _csv_sheet(path: Path) -> str:
    """A lone CSV file is the sheet its name says, else staff (units if it has a level)."""
    if sheet_named(path.stem) is not None:
        return path.stem
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle), [])
    names = {normalise(h) for h in header}
    is_units = "level" in names or any(h.endswith("(level)") or h == "cấp" for h in names)
    return "units" if is_units else next(iter(MAIN_SHEETS))


@dataclass
class _WorkbookSource:
    label: str
    workbook: Any

    def sheet_names(self) -> list[str]:
        return list(self.workbook.sheetnames)

    def label_of(self, name: str) -> str:
        return self.label

    def rows(self, name: str) -> Iterator[tuple[int, Row]]:
        sheet = self.workbook[name]
        yield from enumerate(sheet.iter_rows(values_only=True), start=1)


def _read_xlsx(
    path: Path, notices: list[Problem], limits: RosterLimits, /, *, extensions: Declared = None
) -> Iterator[Entry]:
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - the roster extra is missing
        notices.append(
            Problem(
                str(path), "reading workbooks needs openpyxl: pip install 'award-rules[roster]'"
            )
        )
        return
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        notices.append(Problem(str(path), f"not an Excel workbook: {exc}"))
        return
    try:
        yield from read_tables(_WorkbookSource(str(path), workbook), notices, extensions)
    finally:
        workbook.close()


register_reader((".yaml", ".yml", ".json"), _read_documents)
register_reader((".jsonl", ".ndjson"), _read_jsonl)
register_reader((".csv",), _read_csv)
register_reader((".xlsx", ".xlsm"), _read_xlsx)
