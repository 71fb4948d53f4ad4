"""Nominees from tables (workbook sheets or CSV files): cells typed, records joined by id.

A :class:`TableSource` gives each sheet's rows (row 1 the headers). The record
sheets are read first and grouped by ``nominee_id``; then each row of ``staff``
and ``units`` becomes a nominee with its records. A bad cell or a record the
model refuses rejects that nominee, reported with sheet, row, column and field;
the others go on. Columns headed ``extensions.KEY`` on the nominee sheets fill
the nominee's ``extensions``, typed as the catalog declares when its
declarations are given (an undeclared key is then an unknown column).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from pydantic import ValidationError

from ..errors import closest
from ..extensions import Declared
from ..model import nominee_adapter
from ..yamlfile import dotted
from .entries import Entry, Place, Problem, gated_places
from .sheets import (
    CHILD_SHEETS,
    ENUM_ALIASES,
    EXTENSION_PREFIX,
    MAIN_SHEETS,
    SHEETS,
    Column,
    Sheet,
    column_for,
    extension_column,
    extension_key,
    normalise,
    sheet_named,
)

__all__ = ["Declared", "TableSource", "column_letter", "convert_cell", "read_tables"]

Row = Sequence[Any]
_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_WHOLE = re.compile(r"[+-]?\d+")
_TRUE = {"true", "yes", "1", "x", "có", "co", "đúng"}
_FALSE = {"false", "no", "0", "không", "khong", "sai"}


class TableSource(Protocol):
    """Sheets of rows: a workbook, a CSV file or a directory of CSV files."""

    label: str

    def sheet_names(self) -> list[str]: ...

    def label_of(self, name: str) -> str:
        """The file a sheet's problems name (the workbook, or the sheet's CSV file)."""
        ...

    def rows(self, name: str) -> Iterator[tuple[int, Row]]: ...


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 1-based column number (1 -> A, 27 -> AA)."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def convert_cell(column: Column, value: Any) -> Any:
    """A cell's value in the model's terms; ``ValueError`` says what was expected."""
    if isinstance(value, str):
        value = value.strip()
    kind = column.kind
    if kind == "any":
        return _as_is(value)
    if kind == "date":
        if isinstance(value, dt.datetime):
            if value.time() != dt.time():
                raise ValueError(f"expected a date, got a date and time {value}")
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            match = _DMY.fullmatch(value)
            try:
                if match:
                    day, month, year = (int(g) for g in match.groups())
                    return dt.date(year, month, day)
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise ValueError(f"expected a date as dd/mm/yyyy, got {value!r}")
    if kind in ("int", "number"):
        if isinstance(value, bool):
            raise ValueError(f"expected a number, got {value!r}")
        if isinstance(value, str):
            text = value.replace(" ", "").removesuffix("%")
            if "," in text and "." not in text:
                text = text.replace(",", ".")  # a Vietnamese decimal comma
            if _WHOLE.fullmatch(text):
                return int(text)
            try:
                value = float(text)
            except ValueError:
                raise ValueError(f"expected a number, got {value!r}") from None
        if isinstance(value, float) and kind == "int":
            if not value.is_integer():
                raise ValueError(f"expected a whole number, got {value}")
            return int(value)
        if isinstance(value, int | float):
            return value
        raise ValueError(f"expected a number, got {value!r}")
    if kind == "bool":
        if isinstance(value, bool):
            return value
        text = normalise(str(value))
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise ValueError(f"expected yes or no, got {value!r}")
    text = str(value).strip() if not isinstance(value, str) else value
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        text = value.date().isoformat()  # a date typed into a text column
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))  # an id typed as a number
    if kind == "list":
        return [part.strip() for part in re.split(r"[;,\n]", text) if part.strip()]
    if kind == "enum":
        assert column.enum is not None
        allowed = [member.value for member in column.enum]
        wanted = normalise(text)
        wanted = ENUM_ALIASES.get(wanted, wanted)
        if wanted in allowed:
            return wanted
        near = closest(wanted, allowed)
        hint = f"; did you mean {near[0]}?" if near else ""
        raise ValueError(f"expected one of {', '.join(allowed)}, got {value!r}{hint}")
    return text


def _as_is(value: Any) -> Any:
    """A cell of an extension whose type is not declared: as the cell holds it."""
    if isinstance(value, dt.datetime):
        if value.time() != dt.time():
            raise ValueError(f"expected a date, got a date and time {value}")
        return value.date()
    return value


@dataclass
class _Record:
    """A row made into a record, with where each field came from."""

    sheet: Sheet
    sheet_name: str
    row: int
    values: dict[str, Any]
    letters: dict[str, str]
    problems: list[Problem] = field(default_factory=list)


@dataclass
class _Header:
    sheet: Sheet
    columns: list[tuple[int, Column]]


def _extension(
    source: TableSource, name: str, header: str, letter: str, declared: Declared, out: list[Problem]
) -> Column | None:
    """The column of an extension header on a nominee sheet; ``None`` when not read."""
    key = extension_key(header)
    if key is None:
        return None
    if declared is None:
        return extension_column(key)
    if key in declared:
        return extension_column(key, declared[key])
    near = closest(key, list(declared))
    if near:
        hint = f"did you mean {EXTENSION_PREFIX}{near[0]}?"
    elif declared:
        hint = f"declared: {', '.join(EXTENSION_PREFIX + k for k in declared)}"
    else:
        hint = "no check of the catalog's vocabulary declares an extension"
    out.append(
        Problem(
            source.label_of(name),
            f"unknown extension {key!r}: its cells are not read",
            name,
            1,
            letter,
            f"{EXTENSION_PREFIX}{key}",
            hint,
        )
    )
    return None


def _header(
    source: TableSource,
    sheet: Sheet,
    name: str,
    cells: Row,
    out: list[Problem],
    declared: Declared = None,
) -> _Header:
    columns: list[tuple[int, Column]] = []
    seen: set[str] = set()
    for i, cell in enumerate(cells):
        if cell is None or str(cell).strip() == "":
            continue
        column = column_for(sheet, str(cell))
        letter = column_letter(i + 1)
        if column is None and sheet.name in MAIN_SHEETS and extension_key(str(cell)):
            column = _extension(source, name, str(cell), letter, declared, out)
            if column is None:
                continue
        if column is None:
            near = closest(normalise(str(cell)), [c.key for c in sheet.columns])
            out.append(
                Problem(
                    source.label_of(name),
                    f"unknown column {str(cell)!r}: its cells are not read",
                    name,
                    1,
                    letter,
                    hint=f"did you mean {near[0]}?"
                    if near
                    else f"columns: {', '.join(c.key for c in sheet.columns)}",
                )
            )
            continue
        if column.key in seen:
            out.append(
                Problem(
                    source.label_of(name), f"column {column.key!r} appears twice", name, 1, letter
                )
            )
            continue
        seen.add(column.key)
        columns.append((i, column))
    for column in sheet.columns:
        if column.required and column.key not in seen:
            out.append(
                Problem(source.label_of(name), f"missing column {column.header!r}", name, 1, None)
            )
    return _Header(sheet, columns)


def _records(
    source: TableSource, name: str, out: list[Problem], declared: Declared = None
) -> Iterator[_Record]:
    sheet = sheet_named(name)
    assert sheet is not None
    header: _Header | None = None
    for number, cells in source.rows(name):
        if header is None:
            header = _header(source, sheet, name, cells, out, declared)
            continue
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
            continue
        record = _Record(sheet, name, number, {}, {})
        for i, column in header.columns:
            value = cells[i] if i < len(cells) else None
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            letter = column_letter(i + 1)
            record.letters[column.key] = letter
            try:
                record.values[column.key] = convert_cell(column, value)
            except ValueError as exc:
                record.problems.append(
                    Problem(source.label_of(name), str(exc), name, number, letter, column.key)
                )
        yield record


def read_tables(
    source: TableSource, notices: list[Problem], extensions: Declared = None
) -> Iterator[Entry]:
    """Nominees of ``source`` in sheet and row order; sheet-level problems go to ``notices``.

    ``extensions`` (a catalog's declared keys and types) types the extension
    columns; without it each cell keeps its own type (text in CSV).
    """
    names = source.sheet_names()
    known: dict[str, str] = {}
    for name in names:
        sheet = sheet_named(name)
        if sheet is None:
            if normalise(name) not in ("hướng dẫn", "instructions"):
                near = closest(normalise(name), [s.name for s in SHEETS])
                notices.append(
                    Problem(
                        source.label_of(name),
                        f"unknown sheet {name!r}: not read",
                        name,
                        hint=f"did you mean {near[0]}?" if near else "",
                    )
                )
            continue
        known[sheet.name] = name
    children: dict[str, list[_Record]] = defaultdict(list)
    for sheet in CHILD_SHEETS:
        if sheet.name not in known:
            continue
        for record in _records(source, known[sheet.name], notices):
            owner = record.values.pop("nominee_id", None)
            if owner is None:
                notices.append(
                    Problem(
                        source.label_of(known[sheet.name]),
                        "no nominee_id: the row belongs to nobody and is not used",
                        known[sheet.name],
                        record.row,
                    )
                )
                continue
            children[str(owner)].append(record)
    index = 0
    for sheet_name, kind in MAIN_SHEETS.items():
        if sheet_name not in known:
            continue
        for record in _records(source, known[sheet_name], notices, extensions):
            nominee_id = record.values.get("id")
            own = children.pop(str(nominee_id), []) if nominee_id is not None else []
            yield _nominee(source, kind, record, own, index)
            index += 1
    ids = list(children)
    for owner in ids:
        for record in children[owner]:
            notices.append(
                Problem(
                    source.label_of(record.sheet_name),
                    f"no nominee with id {owner!r} in staff or units: the row is not used",
                    record.sheet_name,
                    record.row,
                    record.letters.get("nominee_id"),
                    "nominee_id",
                )
            )


def _nominee(
    source: TableSource, kind: str, main: _Record, own: list[_Record], index: int
) -> Entry:
    nominee_id = main.values.get("id")
    problems = [*main.problems]
    data: dict[str, Any] = {"kind": kind}
    places: dict[tuple[str | int, ...], tuple[_Record, str | None]] = {}
    for key, value in main.values.items():
        path: tuple[str, ...] = (key,)
        if key.startswith(EXTENSION_PREFIX):
            path = ("extensions", key.removeprefix(EXTENSION_PREFIX))
            data.setdefault("extensions", {})[path[1]] = value
        else:
            data[key] = value
        places[path] = (main, main.letters.get(key))
    counters: dict[str, int] = defaultdict(int)
    for record in own:
        problems.extend(record.problems)
        target = record.sheet.target
        position = counters[target]
        counters[target] += 1
        data.setdefault(target, []).append(record.values)
        places[(target, position)] = (record, None)
        for key in record.values:
            places[(target, position, key)] = (record, record.letters.get(key))
    shown_id = str(nominee_id) if nominee_id is not None else None
    if problems:
        return Entry(index, None, tuple(problems), shown_id)
    try:
        nominee = nominee_adapter.validate_python(data)
    except ValidationError as exc:
        for item in exc.errors(include_url=False):
            loc = tuple(p for p in item["loc"] if p not in ("individual", "unit"))
            record, letter = main, None
            for end in range(len(loc), 0, -1):
                if loc[:end] in places:
                    record, letter = places[loc[:end]]
                    break
            message = item["msg"].removeprefix("Value error, ")
            if item["type"] == "extra_forbidden":
                message = "not a field of this kind of nominee"
            problems.append(
                Problem(
                    source.label_of(record.sheet_name),
                    message,
                    record.sheet_name,
                    record.row,
                    letter,
                    dotted(loc),
                )
            )
        return Entry(index, None, tuple(problems), shown_id)

    def place(path: tuple[str | int, ...]) -> Place:
        record, letter = main, None
        for end in range(len(path), 0, -1):
            if path[:end] in places:
                record, letter = places[path[:end]]
                break
        return (source.label_of(record.sheet_name), record.sheet_name, record.row, letter)

    label = source.label_of(main.sheet_name)
    return Entry(index, nominee, (), nominee.id, label, gated_places(nominee, place))
