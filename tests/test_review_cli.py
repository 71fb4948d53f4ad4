"""The review, batch and template commands: formats, problems, workers, the 2012 cluster."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from award_rules import load_catalog
from award_rules.cli import main
from award_rules.roster import read_roster, review

openpyxl = pytest.importorskip("openpyxl")

ROOT = Path(__file__).resolve().parents[1]
CLUSTER = str(ROOT / "examples/cluster1_2012.yaml")
FLAGS = [
    "--award",
    "vss.emulation_flag.province",
    "--award",
    "vss.cluster_proposal.government_flag",
]


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_cluster_2012_reproduces_the_seed_flags() -> None:
    """Seed 003: VSS flags to Hải Dương and Tuyên Quang; the Government flag to Hải Dương."""
    code, out, err = _run("review", CLUSTER, "--year", "2012", "--format", "jsonl", *FLAGS)
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    chosen = {
        award: sorted(
            r["nominee_id"] for r in rows if r["award_id"] == award and r["decision"] == "selected"
        )
        for award in ("vss.emulation_flag.province", "vss.cluster_proposal.government_flag")
    }
    assert chosen == {
        "vss.emulation_flag.province": ["bhxh-hai-duong", "bhxh-tuyen-quang"],
        "vss.cluster_proposal.government_flag": ["bhxh-hai-duong"],
    }
    hai_phong = next(
        r
        for r in rows
        if r["nominee_id"] == "bhxh-hai-phong" and r["award_id"] == "vss.emulation_flag.province"
    )
    assert hai_phong["decision"] == "not_selected"
    assert hai_phong["reason"]["en"].startswith(
        "eligible, ranked 3rd for 2 places in emulation cluster 1 (quota: 2 places): not selected"
    )
    assert hai_phong["reason"]["vi"].startswith(
        "đủ điều kiện, xếp thứ 3 cho 2 suất tại cụm thi đua 1"
    )
    assert (
        "9 records read: 9 judged, 0 rejected"
        in _run("review", CLUSTER, "--year", "2012", "--lang", "en", *FLAGS)[2]
    )


def test_rows_are_one_per_nominee_and_applicable_award_in_input_order() -> None:
    """Without --award every year-end unit title in force is judged, rows in input order."""
    code, out, _ = _run("review", CLUSTER, "--year", "2012", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    ids = [r["nominee_id"] for r in rows]
    assert ids == sorted(ids, key=ids.index)  # grouped by nominee, in file order
    assert ids[0] == "bhxh-bac-giang"
    awards = {r["award_id"] for r in rows}
    assert "vss.year_end_registration" not in awards
    assert {"vss.emulation_flag.province", "government.emulation_flag"} <= awards
    assert all(r["award_id"] != "vss.dg_certificate.retirement" for r in rows)


def test_no_selection_and_batch_give_plain_verdicts() -> None:
    """``--no-selection`` and ``batch`` mark the eligible as eligible, with no rank."""
    for argv in (
        ("review", CLUSTER, "--year", "2012", "--no-selection", "--format", "jsonl", *FLAGS),
        ("batch", CLUSTER, "--year", "2012", "--format", "jsonl", *FLAGS),
    ):
        code, out, _ = _run(*argv)
        assert code == 0
        rows = [json.loads(line) for line in out.splitlines()]
        assert {r["decision"] for r in rows} == {"eligible"}
        assert all(r["rank"] is None for r in rows)


def test_xlsx_proposal_workbook_reads_back(tmp_path: Path) -> None:
    """The proposal workbook has a summary, a sheet per award with its sections, and opens again."""
    target = tmp_path / "proposal.xlsx"
    code, _, err = _run(
        "review",
        CLUSTER,
        "--year",
        "2012",
        "--format",
        "xlsx",
        "--output",
        str(target),
        "--lang",
        "en",
        *FLAGS,
    )
    assert code == 0, err
    book = openpyxl.load_workbook(target, read_only=True)
    assert book.sheetnames[0] == "Summary"
    assert "vss.emulation_flag.province" in book.sheetnames
    cells = [
        str(c)
        for row in book["vss.emulation_flag.province"].iter_rows(values_only=True)
        for c in row
        if c is not None
    ]
    assert "Selected (2)" in cells
    assert "Eligible, not selected (7)" in cells
    assert cells.index("bhxh-hai-duong") < cells.index("Eligible, not selected (7)")
    after = cells[cells.index("Eligible, not selected (7)") :]
    ids = [c for c in after if c.startswith("bhxh-")]
    assert ids == [
        "bhxh-hai-phong",
        "bhxh-bac-ninh",
        "bhxh-quang-ninh",
        "bhxh-bac-giang",
        "bhxh-vinh-phuc",
        "bhxh-phu-tho",
        "bhxh-hung-yen",
    ]  # by rank, 3rd to 9th
    assert "v.c.government_flag" in book.sheetnames  # long ids shortened to 31 characters


def test_xlsx_needs_an_output_file() -> None:
    """``--format xlsx`` without ``--output`` is a usage error (exit 2), not a crash."""
    code, _, err = _run("review", CLUSTER, "--year", "2012", "--format", "xlsx")
    assert code == 2
    assert "--output" in err


def _broken_workbook(path: Path) -> None:
    book = openpyxl.Workbook()
    units = book.active
    units.title = "units"
    units.append(["Mã đơn vị", "Tên đơn vị", "Cấp", "Cụm thi đua"])
    units.append(["U1", "BHXH tỉnh A", "province", "1"])
    units.append(["U2", "BHXH tỉnh B", "provnce", "1"])
    units.append(["U3", "BHXH tỉnh C", "province", "1"])
    results = book.create_sheet("results")
    results.append(["nominee_id", "year", "plan_completion_pct", "votes"])
    results.append(["U1", 2012, 104, 3])
    results.append(["U3", 2012, "một trăm", 2])
    book.save(path)


def test_broken_rows_are_reported_and_the_rest_judged(tmp_path: Path) -> None:
    """Each broken row is reported with sheet/row/column and field; the rest is judged; exit 2."""
    path = tmp_path / "roster.xlsx"
    _broken_workbook(path)
    code, out, err = _run(
        "review",
        str(path),
        "--year",
        "2012",
        "--format",
        "jsonl",
        "--lang",
        "en",
        "--award",
        "vss.emulation_flag.province",
    )
    assert code == 2
    assert f"{path}, sheet units, row 3, column C: level: expected one of" in err
    assert f"{path}, sheet results, row 3, column C: plan_completion_pct: expected a number" in err
    assert "3 records read: 1 judged, 2 rejected" in err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["nominee_id"], r["status"]) for r in rows] == [
        ("U1", "eligible"),
        ("U2", "rejected"),
        ("U3", "rejected"),
    ]
    assert "Traceback" not in err


def test_workers_give_the_same_rows_in_the_same_order(tmp_path: Path) -> None:
    """``--workers 2`` produces exactly the rows of one worker, in input order."""
    path = tmp_path / "units.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for i in range(60):
            record = {
                "kind": "unit",
                "id": f"U{i:02d}",
                "name": f"BHXH {i}",
                "level": "province",
                "cluster": str(i % 3),
                "results": [{"year": 2012, "plan_completion_pct": 95 + i % 10, "votes": i % 7}],
            }
            handle.write(json.dumps(record) + "\n")
    catalog = load_catalog()
    one = list(review(catalog, read_roster(path), 2012, awards=["vss.emulation_flag.province"]))
    two = list(
        review(catalog, read_roster(path), 2012, awards=["vss.emulation_flag.province"], workers=2)
    )
    assert one == two
    assert [r.nominee_id for r in two] == [f"U{i:02d}" for i in range(60)]
    assert sum(r.decision == "selected" for r in two) == 6


def test_template_command_writes_a_workbook_once(tmp_path: Path) -> None:
    """``template`` writes the workbook, refuses to overwrite without --force, and wants .xlsx."""
    target = tmp_path / "roster.xlsx"
    assert _run("template", str(target))[0] == 0
    assert openpyxl.load_workbook(target).sheetnames[0] == "instructions"
    code, _, err = _run("template", str(target))
    assert code == 2
    assert "--force" in err
    assert _run("template", str(tmp_path / "roster.csv"))[0] == 2


def test_missing_roster_is_a_located_usage_error(tmp_path: Path) -> None:
    """A roster that does not exist exits 2 with its path."""
    code, _, err = _run("review", str(tmp_path / "none.jsonl"), "--year", "2012")
    assert code == 2
    assert "none.jsonl" in err
    assert "no such file" in err


def test_jsonl_bad_line_is_reported_by_the_command_with_its_number(tmp_path: Path) -> None:
    """``review`` of JSON Lines names the bad line, judges the others and exits 2."""
    good = {
        "kind": "unit",
        "id": "U1",
        "name": "BHXH tỉnh A",
        "level": "province",
        "cluster": "1",
        "results": [{"year": 2012, "plan_completion_pct": 104}],
    }
    path = tmp_path / "units.jsonl"
    path.write_text(json.dumps(good) + "\n" + '{"kind": "unit", "id": "U2",\n', encoding="utf-8")
    code, out, err = _run(
        "review",
        str(path),
        "--year",
        "2012",
        "--award",
        "vss.emulation_flag.province",
        "--lang",
        "en",
        "--format",
        "jsonl",
    )
    assert code == 2
    assert f"award-rules: error: {path}:2:" in err
    assert "JSON syntax error" in err
    assert "2 records read: 1 judged, 1 rejected" in err
    assert json.loads(out.splitlines()[0])["decision"] == "selected"


def test_unreadable_yaml_roster_is_reported_with_its_line(tmp_path: Path) -> None:
    """A roster that is not well-formed YAML is reported with line and column, exit 2."""
    path = tmp_path / "roster.yaml"
    path.write_text("- kind: unit\n  id: [U1\n", encoding="utf-8")
    code, _, err = _run("review", str(path), "--year", "2012", "--lang", "en")
    assert code == 2
    assert f"award-rules: error: {path}:3:1: YAML syntax error" in err
    assert "0 records read" in err


def test_workers_parse_json_lines_and_keep_line_numbers(tmp_path: Path) -> None:
    """With workers, JSON Lines are validated in the workers; a bad line keeps its number."""
    path = tmp_path / "units.jsonl"
    lines = [
        json.dumps(
            {
                "kind": "unit",
                "id": f"U{i}",
                "name": f"BHXH {i}",
                "level": "province",
                "cluster": "1",
            }
        )
        for i in range(5)
    ]
    lines[3] = lines[3].replace('"province"', '"provnce"')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    catalog = load_catalog()
    awards = ["vss.emulation_flag.province"]
    rows = list(review(catalog, read_roster(path), 2012, awards=awards, workers=2))
    assert [r.status for r in rows] == ["undetermined"] * 3 + ["rejected", "undetermined"]
    assert f"{path}:4:57: level: " in rows[3].reason_en


class _Terminal(io.StringIO):
    """A text stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal_only() -> None:
    """A progress bar goes to standard error on a terminal, and never when piped."""
    pytest.importorskip("tqdm")
    argv = ["review", CLUSTER, "--year", "2012", "--lang", "en", *FLAGS]
    out, err = io.StringIO(), _Terminal()
    assert main(argv, out, err) == 0
    assert "\r9 records [" in err.getvalue()
    assert " records/s]" in err.getvalue()
    piped = io.StringIO()
    assert main(argv, io.StringIO(), piped) == 0
    assert " records/s" not in piped.getvalue()


@pytest.mark.parametrize("year", ["1899", "3000"])
def test_review_refuses_a_year_the_library_does_not_judge(year: str) -> None:
    """``review --year`` takes the library's years (1900-2200), like ``check``: exit 2, no trace."""
    status, _, err = _run("review", str(ROOT / "examples" / "cluster1_2012.yaml"), "--year", year)
    assert status == 2
    assert "expected a year from 1900 to 2200" in err
