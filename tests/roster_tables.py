"""Test helper: nominees written as a roster workbook or a directory of CSV files.

The rows are laid out by the reader's own table of sheets (``SHEETS``), so a
model field no column reaches is simply not written, and a round trip through
``read_roster`` shows it as a difference.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import Any

from award_rules import Individual, Unit
from award_rules.roster.sheets import MAIN_SHEETS, SHEETS, Column, extension_column

__all__ = ["table_rows", "write_csv_directory", "write_workbook"]

Table = list[list[Any]]


def _value(nominee: Individual | Unit, record: Any, column: Column) -> Any:
    if column.key == "nominee_id":
        return nominee.id
    if column.key.startswith("extensions."):
        return nominee.extensions.get(column.vi)
    value = getattr(record, column.key)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple):
        return "; ".join(value) if value else None
    return value


def table_rows(nominees: Sequence[Individual | Unit]) -> dict[str, Table]:
    """Each sheet's rows, the header first: one row per nominee or per record."""
    keys = sorted({key for nominee in nominees for key in nominee.extensions})
    tables: dict[str, Table] = {}
    for sheet in SHEETS:
        columns = list(sheet.columns)
        if not sheet.target:
            columns += [extension_column(key) for key in keys]
        rows: Table = [[column.header for column in columns]]
        for nominee in nominees:
            if sheet.target:
                records = getattr(nominee, sheet.target, ())
            else:
                records = (nominee,) if nominee.kind == MAIN_SHEETS[sheet.name] else ()
            rows.extend([_value(nominee, record, c) for c in columns] for record in records)
        tables[sheet.name] = rows
    return tables


def write_workbook(nominees: Sequence[Individual | Unit], path: Path) -> Path:
    """An ``.xlsx`` roster: real dates, numbers and booleans; text always as text.

    A float that openpyxl's 16 significant digits would round is written as its
    text (the reader takes numbers written as text too).
    """
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in table_rows(nominees).items():
        sheet = book.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is None:
                    continue
                if isinstance(value, float) and float(f"{value:.16g}") != value:
                    value = repr(value)  # openpyxl writes 16 digits; text keeps them all
                cell = sheet.cell(r, c, value)
                if isinstance(value, str):
                    cell.data_type = "s"  # never a formula, even when it starts with '='
    book.save(path)
    return path


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float):
        return repr(value)
    return str(value)


def write_csv_directory(nominees: Sequence[Individual | Unit], folder: Path) -> Path:
    """A directory of CSV files, one per sheet: dates dd/mm/yyyy, yes/no as có/không."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in table_rows(nominees).items():
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows([_text(v) for v in row] for row in rows)
    return folder
