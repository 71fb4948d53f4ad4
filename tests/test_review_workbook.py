"""The proposal workbook of a generated roster, read back: every row in its section, in order."""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest

from award_rules.cli import main
from award_rules.roster.sample import write

openpyxl = pytest.importorskip("openpyxl")

SECTION_TITLES = {
    "Selected": "selected",
    "Eligible, not selected": "not_selected",
    "Eligible (no quota)": "eligible",
    "Not eligible": "ineligible",
    "Undetermined: to request": "undetermined",
}


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def _sections(sheet: Any) -> dict[str, list[tuple[Any, ...]]]:
    """The rows under each section heading of an award's sheet (header lines skipped)."""
    found: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    current = None
    for row in sheet.iter_rows(values_only=True):
        first = row[0] if row else None
        heading = str(first).rsplit(" (", 1)[0] if isinstance(first, str) else None
        if heading in SECTION_TITLES and (len(row) == 1 or row[1] is None):
            current = SECTION_TITLES[heading]
            continue
        if current is None or first in (None, "Id"):
            continue
        found[current].append(row)
    return found


def test_review_workbook_of_a_generated_roster_reads_back(tmp_path: Path) -> None:
    """Each award's sheet holds each CSV row once, in its section; ranked sections by rank."""
    roster = tmp_path / "roster.jsonl"
    write(roster, 400, seed=11)
    book = tmp_path / "proposal.xlsx"
    code, _, err = _run(
        "review", str(roster), "--year", "2020", "--format", "xlsx", "-o", str(book), "--lang", "en"
    )
    assert code == 0, err
    code, out, err = _run("review", str(roster), "--year", "2020", "--format", "csv")
    assert code == 0, err
    expected: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in csv.DictReader(io.StringIO(out)):
        expected[(row["award_id"], row["decision"])].append(row["nominee_id"])

    workbook = openpyxl.load_workbook(book)  # a full load: the file is a valid workbook
    assert workbook.sheetnames[0] == "Summary"
    assert workbook.sheetnames[-1] == "Rejected"
    summary = workbook["Summary"]["A1"].value
    assert summary.startswith("904 records read: 904 judged, 0 rejected")
    got: Counter[tuple[str, str]] = Counter()
    for name in workbook.sheetnames[1:-1]:
        sheet = workbook[name]
        award_id = str(sheet["A1"].value).rsplit("[", 1)[1].rstrip("]")
        for decision, rows in _sections(sheet).items():
            ids = [r[0] for r in rows]
            assert sorted(ids) == sorted(expected[(award_id, decision)]), (award_id, decision)
            got[(award_id, decision)] = len(ids)
            if decision in ("selected", "not_selected"):
                keys = [(r[2] or "", r[3]) for r in rows]
                assert keys == sorted(keys)
            if decision == "ineligible":
                assert all(str(r[5]).startswith("not eligible: ") for r in rows)
    assert got == Counter({k: len(v) for k, v in expected.items()})
    assert {d for _, d in got} >= {"selected", "not_selected", "eligible", "ineligible"}
