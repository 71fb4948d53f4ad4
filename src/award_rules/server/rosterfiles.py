"""The year-end review's files on the service: CSV and workbook rosters in, the proposal out.

Registers the roster package's CSV reader (and, when openpyxl is installed,
its Excel reader) with :func:`~.records.register_roster_reader`, and the
proposal workbook with :func:`~.exports.register_export`. An uploaded file is
written to a private temporary directory only while it is read.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from ..errors import Diagnostic, NomineeError, SourceLocation
from ..roster import entries as roster_entries
from ..roster.readers import read_roster
from ..roster.review import ReviewRow, Summary
from .exports import ExportRequest, RosterExport, RosterResult, register_export
from .records import Declared, Entry, register_roster_reader

__all__ = ["XLSX_MEDIA_TYPE", "proposal_workbook", "read_table_roster"]

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _diagnostic(problem: roster_entries.Problem, filename: str) -> Diagnostic:
    """A roster problem as a diagnostic located in the uploaded file (sheet, row, column)."""
    if problem.sheet is not None:  # worded as the CLI words it: file, sheet, row, column
        place = [filename, f"sheet {problem.sheet}"]
        if problem.row is not None:
            place.append(f"row {problem.row}")
            if problem.column is not None:
                place.append(f"column {problem.column}")
        return Diagnostic(
            "roster", problem.message, SourceLocation(", ".join(place)), problem.field, problem.hint
        )
    column = int(problem.column) if problem.column and problem.column.isdigit() else None
    return Diagnostic(
        "roster",
        problem.message,
        SourceLocation(filename, problem.row, column),
        problem.field,
        problem.hint,
    )


def read_table_roster(body: bytes, filename: str, extensions: Declared = None) -> Iterator[Entry]:
    """The records of an uploaded CSV file or workbook, numbered from 1 in reading order;
    problems that belong to no record (an unknown sheet or column) come last, numbered 0.
    ``extensions`` types the extension columns as the catalog declares them."""
    suffix = Path(filename).suffix.lower()
    with tempfile.TemporaryDirectory(prefix="award-rules-") as folder:
        path = Path(folder) / f"roster{suffix}"
        path.write_bytes(body)
        roster = read_roster(path, extensions=extensions)
        try:
            for entry in roster:
                if entry.nominee is not None:
                    yield Entry(entry.index + 1, entry.nominee, nominee_id=entry.nominee_id)
                else:
                    error = NomineeError([_diagnostic(p, filename) for p in entry.problems])
                    yield Entry(entry.index + 1, error=error, nominee_id=entry.nominee_id)
        except (UnicodeDecodeError, csv.Error) as exc:
            message = "not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else str(exc)
            yield Entry(
                0,
                error=NomineeError(
                    [Diagnostic("roster", f"unreadable CSV: {message}", SourceLocation(filename))]
                ),
            )
        for problem in roster.notices:
            yield Entry(0, error=NomineeError([_diagnostic(problem, filename)]))


def _review_entries(
    results: Sequence[RosterResult], notices: list[roster_entries.Problem]
) -> Iterator[roster_entries.Entry]:
    """Each record of a judged roster once, in input order, as the roster package reads it;
    problems that belong to no record (numbered 0) go to ``notices``."""
    seen: set[tuple[int, str | None]] = set()
    for index, result in enumerate(results):
        detail = result.problem.detail if result.problem else "rejected"
        if result.nominee is None and result.line == 0:
            notices.append(roster_entries.Problem("roster", detail))
            continue
        key = (result.line, result.nominee_id)
        if key in seen:
            continue
        seen.add(key)
        if result.nominee is not None:
            yield roster_entries.Entry(index, result.nominee, (), result.nominee.id)
        else:
            yield roster_entries.Entry(
                index,
                None,
                (roster_entries.Problem(f"record {result.line}", detail),),
                result.nominee_id,
            )


def _then_notices(
    rows: Iterable[ReviewRow], summary: Summary, notices: list[roster_entries.Problem]
) -> Iterator[ReviewRow]:
    """The rows; once they are all read, the roster's notices join the summary's problems
    (the workbook writes its sheet of problems after reading every row)."""
    yield from rows
    summary.problems.extend(notices)


def proposal_workbook(results: Sequence[RosterResult], asked: ExportRequest) -> bytes:
    """The proposal workbook of the year-end review of the judged roster's records.

    The year is the one asked, else the year of the date asked, else this year;
    the awards are the ones asked, else every year-end title the review applies.
    """
    from ..roster.review import review
    from ..roster.writers import FORMATS, Target

    year = asked.year or (asked.as_of or dt.date.today()).year
    summary = Summary()
    notices: list[roster_entries.Problem] = []
    rows = review(
        asked.catalog,
        _review_entries(results, notices),
        year,
        awards=list(asked.awards) or None,
        summary=summary,
    )
    with tempfile.TemporaryDirectory(prefix="award-rules-") as folder:
        path = Path(folder) / "proposal.xlsx"
        FORMATS["xlsx"].write(
            _then_notices(rows, summary, notices),
            Target(None, path, asked.lang, asked.catalog, summary),
        )
        return path.read_bytes()


register_roster_reader("csv", read_table_roster)
if importlib.util.find_spec("openpyxl") is not None:
    for _suffix in ("xlsx", "xlsm"):
        register_roster_reader(_suffix, read_table_roster)
    register_export(
        RosterExport(
            "proposal",
            "Bảng đề nghị khen thưởng (Excel)",
            "Proposal workbook (Excel)",
            XLSX_MEDIA_TYPE,
            "xlsx",
            proposal_workbook,
        )
    )
