"""Output formats of a review, registered by name: table, csv, jsonl, xlsx.

Text formats write each row as it comes. The Excel proposal workbook spools
the rows to a temporary file, then writes one sheet per award in four
sections: selected, eligible but not selected (with rank), ineligible (with
the failed conditions), undetermined (with what to request); a summary sheet
and a sheet of rejected records come first.
"""

from __future__ import annotations

import contextlib
import csv
import json
import pickle
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, TextIO

from ..catalog import Catalog
from .review import ReviewRow, Summary

__all__ = ["FORMATS", "Format", "Target", "register_format"]


@dataclass(frozen=True, slots=True)
class Target:
    """Where output goes: a text stream, or a file path (the workbook needs one)."""

    stream: TextIO | None
    path: Path | None
    lang: str
    catalog: Catalog
    summary: Summary


Writer = Callable[[Iterable[ReviewRow], Target], None]


@dataclass(frozen=True, slots=True)
class Format:
    """An output format: its name, whether it needs a file, how it writes."""

    name: str
    write: Writer
    needs_file: bool = False


FORMATS: dict[str, Format] = {}


def register_format(fmt: Format) -> Format:
    """Add an output format; a name already taken is an error."""
    if fmt.name in FORMATS:
        raise ValueError(f"format {fmt.name!r} is already registered")
    FORMATS[fmt.name] = fmt
    return fmt


CSV_COLUMNS = (
    "nominee_id",
    "nominee_name",
    "award_id",
    "version",
    "status",
    "decision",
    "rank",
    "places",
    "group",
    "reason",
    "failed",
    "missing",
    "unverified",
)


def _cells(row: ReviewRow, lang: str) -> list[Any]:
    return [
        row.nominee_id or "",
        row.nominee_name,
        row.award_id,
        row.version,
        row.status,
        row.decision,
        "" if row.rank is None else row.rank,
        "" if row.places is None else row.places,
        row.group or "",
        row.reason(lang),
        "; ".join(row.failed),
        "; ".join(row.missing),
        "yes" if row.unverified else "",
    ]


def _write_table(rows: Iterable[ReviewRow], target: Target) -> None:
    out = target.stream
    assert out is not None
    print(f"{'nominee_id':<20} {'award_id':<40} {'decision':<13} reason", file=out)
    for row in rows:
        nominee = row.nominee_id or "?"
        print(
            f"{nominee:<20} {row.award_id or '-':<40} {row.decision:<13} {row.reason(target.lang)}",
            file=out,
        )


def _write_csv(rows: Iterable[ReviewRow], target: Target) -> None:
    assert target.stream is not None
    writer = csv.writer(target.stream, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow(_cells(row, target.lang))


def _write_jsonl(rows: Iterable[ReviewRow], target: Target) -> None:
    assert target.stream is not None
    for row in rows:
        target.stream.write(json.dumps(row.to_dict(), ensure_ascii=False) + "\n")


SECTIONS = (
    ("selected", "Được chọn", "Selected"),
    ("not_selected", "Đủ điều kiện, không được chọn", "Eligible, not selected"),
    ("eligible", "Đủ điều kiện (không giới hạn chỉ tiêu)", "Eligible (no quota)"),
    ("ineligible", "Không đủ điều kiện", "Not eligible"),
    ("undetermined", "Chưa xác định: cần bổ sung", "Undetermined: to request"),
)

HEADERS = {
    "vi": ("Mã", "Họ tên / Tên đơn vị", "Nhóm", "Thứ hạng", "Số suất", "Lý do", "Cần bổ sung"),
    "en": ("Id", "Name", "Group", "Rank", "Places", "Reason", "To request"),
}


RANKED = ("selected", "not_selected")


class _Spool:
    """The workbook's rows held on disk until their section is written, each read once.

    Only the cells of a row are kept. Rows of ranked sections (selected, not
    selected) are pickled one by one and their offsets sorted by group and
    rank; the other sections' rows go, in input order and in batches, to one
    file per section.
    """

    def __init__(self, rows: Iterable[ReviewRow], lang: str, files: contextlib.ExitStack) -> None:
        self.counts: Counter[tuple[str, str]] = Counter()
        self.ranked: dict[tuple[str, str], list[tuple[str, int, int]]] = {}
        self.stack = files
        self.ranked_file = files.enter_context(tempfile.TemporaryFile())  # noqa: SIM115 (the stack closes it)
        self.files: dict[str, IO[bytes]] = {}
        held: dict[str, list[tuple[str, list[Any]]]] = {}
        for row in rows:
            key = (row.award_id, row.decision)
            self.counts[key] += 1
            if not row.award_id:
                continue  # a rejected record: on the sheet of problems
            cells = _xlsx_cells(row, lang)
            if row.decision in RANKED:
                offset = self.ranked_file.tell()
                pickle.dump(cells, self.ranked_file, protocol=pickle.HIGHEST_PROTOCOL)
                self.ranked.setdefault(key, []).append((row.group or "", row.rank or 0, offset))
                continue
            batch = held.setdefault(row.decision, [])
            batch.append((row.award_id, cells))
            if len(batch) >= SPOOL_BATCH:
                self._flush(row.decision, batch)
                held[row.decision] = []
        for decision, batch in held.items():
            if batch:
                self._flush(decision, batch)

    def _flush(self, decision: str, batch: list[tuple[str, list[Any]]]) -> None:
        file = self.files.get(decision)
        if file is None:
            file = self.files[decision] = self.stack.enter_context(tempfile.TemporaryFile())  # noqa: SIM115
        pickle.dump(batch, file, protocol=pickle.HIGHEST_PROTOCOL)

    def section(self, decision: str) -> Iterator[tuple[str, list[Any]]]:
        """``(award_id, cells)`` of an unranked section's rows, in input order."""
        file = self.files.get(decision)
        if file is None:
            return
        file.seek(0)
        while True:
            try:
                batch = pickle.load(file)  # our own spool, written by __init__
            except EOFError:
                return
            yield from batch

    def by_rank(self, award_id: str, decision: str) -> Iterator[list[Any]]:
        """The cells of a ranked section's rows, by group, then rank."""
        for _, _, offset in sorted(self.ranked.get((award_id, decision), [])):
            self.ranked_file.seek(offset)
            yield pickle.load(self.ranked_file)  # our own spool, written by __init__


SPOOL_BATCH = 1000


def _sheet_title(award_id: str, taken: set[str]) -> str:
    """A sheet name of at most 31 characters: leading id segments shortened to initials."""
    parts = award_id.split(".")
    for i in range(len(parts)):
        title = ".".join([p[0] for p in parts[:i]] + parts[i:])
        if len(title) <= 31:
            break
    title = title[:31]
    n = 2
    while title in taken:
        title = f"{title[:28]}~{n}"
        n += 1
    taken.add(title)
    return title


def _write_xlsx(rows: Iterable[ReviewRow], target: Target) -> None:
    from openpyxl.styles import Font

    assert target.path is not None
    bold = Font(bold=True)
    with contextlib.ExitStack() as files:
        _write_workbook(_Spool(rows, target.lang, files), target, bold)


def _write_workbook(spool: _Spool, target: Target, bold: Any) -> None:
    import openpyxl

    assert target.path is not None
    lang, en = target.lang, target.lang == "en"
    counts = spool.counts
    workbook = openpyxl.Workbook(write_only=True)
    summary = workbook.create_sheet("Summary" if en else "Tổng hợp")
    summary.append([target.summary.text(lang)])
    awards = sorted({award for award, _ in counts if award})
    sheets: dict[str, Any] = {}
    taken: set[str] = {"Summary", "Tổng hợp", "Rejected", "Bị loại"}
    for award_id in awards:
        name = target.catalog.award_name(award_id)
        title = _sheet_title(award_id, taken)
        summary.append(
            [f"{title}: {name.get(lang) if name else award_id} [{award_id}]"]
            + [f"{(s[2] if en else s[1])}: {counts[(award_id, s[0])]}" for s in SECTIONS]
        )
        sheets[award_id] = workbook.create_sheet(title)
        cell = openpyxl.cell.WriteOnlyCell(
            sheets[award_id], f"{name.get(lang) if name else ''} [{award_id}]"
        )
        cell.font = bold
        sheets[award_id].append([cell])
    rejected = workbook.create_sheet("Rejected" if en else "Bị loại")
    rejected.append(["source", "sheet", "row", "column", "field", "message"])
    for problem in target.summary.problems:
        rejected.append(
            [
                problem.source,
                problem.sheet,
                problem.row,
                problem.column,
                problem.field,
                problem.message + (f" ({problem.hint})" if problem.hint else ""),
            ]
        )
    for key, vi, en_title in SECTIONS:
        for award_id, sheet in sheets.items():
            if counts[(award_id, key)]:
                sheet.append([])
                head = openpyxl.cell.WriteOnlyCell(
                    sheet, f"{en_title if en else vi} ({counts[(award_id, key)]})"
                )
                head.font = bold
                sheet.append([head])
                sheet.append(list(HEADERS["en" if en else "vi"]))
        if key in RANKED:
            for award_id, sheet in sheets.items():
                for cells in spool.by_rank(award_id, key):
                    sheet.append(cells)
            continue
        for award_id, cells in spool.section(key):
            sheets[award_id].append(cells)
    workbook.save(target.path)


def _xlsx_cells(row: ReviewRow, lang: str) -> list[Any]:
    return [
        row.nominee_id,
        row.nominee_name,
        row.group,
        row.rank,
        row.places,
        row.reason(lang),
        "; ".join(row.missing),
    ]


register_format(Format("table", _write_table))
register_format(Format("csv", _write_csv))
register_format(Format("jsonl", _write_jsonl))
register_format(Format("xlsx", _write_xlsx, needs_file=True))
