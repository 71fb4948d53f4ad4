"""What a roster reader yields: a nominee, or the problems that rejected a record."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import Diagnostic
from ..model import Individual, Unit
from ..nominees import award_references
from ..yamlfile import dotted

__all__ = ["Entry", "Place", "Problem", "RawLine", "gated_paths", "gated_places", "problems_from"]

Place = tuple[str | None, str | None, int | None, str | None]
"""Where a field was written: the file (``None``: the record's), the sheet (``None`` in
text files), the row or line, the column."""


@dataclass(frozen=True, slots=True)
class Problem:
    """A problem in a roster: where (sheet, row, column or line), which field, what.

    For text files (YAML, JSON, JSON Lines) ``row`` is the line and ``column``
    the column number; for workbooks and CSV, the sheet, the row and the
    column letter.
    """

    source: str
    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    field: str = ""
    hint: str = ""

    def __str__(self) -> str:
        where = [self.source]
        if self.sheet is not None:
            where.append(f"sheet {self.sheet}")
            if self.row is not None:
                where.append(f"row {self.row}")
            if self.column is not None:
                where.append(f"column {self.column}")
            place = ", ".join(where)
        else:
            place = self.source
            if self.row is not None:
                place += f":{self.row}"
                if self.column is not None:
                    place += f":{self.column}"
        at = f"{self.field}: " if self.field else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{place}: {at}{self.message}{hint}"

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            Problem,
            (self.source, self.message, self.sheet, self.row, self.column, self.field, self.hint),
        )

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {
            "source": self.source,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "field": self.field or None,
            "message": self.message,
            "hint": self.hint or None,
        }


@dataclass(frozen=True, slots=True)
class Entry:
    """One record of a roster, in input order: its nominee, or why it was rejected."""

    index: int
    nominee: Individual | Unit | None
    problems: tuple[Problem, ...] = field(default=())
    nominee_id: str | None = None
    source: str = ""
    """The file (or workbook sheet's label) the record came from."""
    places: Mapping[str, Place] = field(default_factory=dict)
    """Where the fields a catalog checks (award ids, extensions) were written, by path."""

    @property
    def rejected(self) -> bool:
        return self.nominee is None

    def problems_of(self, diagnostics: list[Diagnostic]) -> tuple[Problem, ...]:
        """A catalog's diagnostics on this record, placed where their fields were written."""
        label = self.source or f"record {self.index + 1}"
        out = []
        for d in diagnostics:
            file, sheet, row, column = self.places.get(d.path, (None, None, None, None))
            out.append(Problem(file or label, d.message, sheet, row, column, d.path, d.hint))
        return tuple(out)


def gated_paths(nominee: Individual | Unit) -> dict[str, tuple[str | int, ...]]:
    """The fields a catalog checks (award ids and extensions): dotted path to path."""
    paths = [path for path, _ in award_references(nominee)]
    paths += [("extensions", key) for key in nominee.extensions]
    return {dotted(path): path for path in paths}


def gated_places(
    nominee: Individual | Unit, place: Callable[[tuple[str | int, ...]], Place]
) -> dict[str, Place]:
    """The places of the fields a catalog checks: award ids and extensions."""
    return {key: place(path) for key, path in gated_paths(nominee).items()}


@dataclass(frozen=True, slots=True)
class RawLine:
    """A JSON Lines record not yet parsed: validated where it is judged (in a worker),
    by :func:`award_rules.roster.readers.parse_line`."""

    index: int
    source: str
    line: int
    text: str
    fault: str = ""
    """Why the line could not be read as text (too long, not UTF-8); empty when it was."""
    hint: str = ""
    """How to mend the fault (e.g. the option raising a limit)."""
    depth: int = 100
    """How deeply the record may nest (``RosterLimits.max_depth``)."""


def problems_from(
    diagnostics: list[Diagnostic], source: str, line: int | None = None
) -> list[Problem]:
    """Diagnostics of a text record as problems (``line`` when the record is one line)."""
    out = []
    for d in diagnostics:
        loc = d.location
        row = loc.line if loc is not None and loc.line is not None else line
        column = str(loc.column) if loc is not None and loc.column is not None else None
        out.append(Problem(source, d.message, None, row, column, d.path, d.hint))
    return out
