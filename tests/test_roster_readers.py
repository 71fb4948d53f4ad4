"""Roster readers: YAML/JSON lists, JSON Lines, CSV and Excel workbooks, with located problems."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from award_rules import Individual, NomineeError, Unit
from award_rules.roster import Entry, read_roster
from award_rules.roster.template import write_template

openpyxl = pytest.importorskip("openpyxl")

ROOT = Path(__file__).resolve().parents[1]


def _read(path: Path) -> tuple[list[Entry], list[str]]:
    roster = read_roster(path)
    entries = list(roster)
    return entries, [str(p) for p in roster.notices]


def test_yaml_list_reads_every_nominee_in_order() -> None:
    """A YAML list gives one entry per nominee, in file order, with their ids."""
    entries, notices = _read(ROOT / "examples/cluster1_2012.yaml")
    assert notices == []
    assert [e.index for e in entries] == list(range(9))
    assert entries[0].nominee_id == "bhxh-bac-giang"
    assert all(isinstance(e.nominee, Unit) for e in entries)


def test_yaml_bad_record_is_rejected_with_line_and_field(tmp_path: Path) -> None:
    """A bad record of a YAML list is rejected with its line and field; the others are read."""
    path = tmp_path / "staff.yaml"
    path.write_text(
        "- {kind: individual, id: A1, full_name: An}\n"
        "- kind: individual\n"
        "  id: A2\n"
        "  full_name: Bình\n"
        "  gender: unknown\n",
        encoding="utf-8",
    )
    entries, _ = _read(path)
    assert entries[0].nominee is not None
    assert entries[1].rejected
    problem = entries[1].problems[0]
    assert problem.row == 5
    assert problem.field == "gender"
    assert entries[1].nominee_id == "A2"


def test_jsonl_bad_line_is_reported_with_its_number_and_the_run_goes_on(tmp_path: Path) -> None:
    """JSON Lines: a line that is not JSON and a refused record carry their line numbers."""
    good = {"kind": "individual", "id": "A1", "full_name": "An"}
    bad = {"kind": "individual", "id": "A3", "full_name": "Cúc", "gender": "x"}
    path = tmp_path / "staff.jsonl"
    path.write_text(
        "\n".join([json.dumps(good), "{not json", json.dumps(bad), json.dumps(good | {"id": "A4"})])
        + "\n",
        encoding="utf-8",
    )
    entries, _ = _read(path)
    assert [e.rejected for e in entries] == [False, True, True, False]
    assert entries[1].problems[0].row == 2
    assert "JSON syntax error" in entries[1].problems[0].message
    assert entries[1].problems[0].column == "2"
    assert entries[2].problems[0].row == 3
    assert entries[2].problems[0].field == "gender"
    assert str(entries[2].problems[0]).startswith(f"{path}:3:71: gender: ")
    assert entries[3].nominee_id == "A4"


def test_csv_with_vietnamese_headers_and_dd_mm_yyyy_dates(tmp_path: Path) -> None:
    """A CSV staff sheet takes Vietnamese headers, dd/mm/yyyy dates and Vietnamese enum values."""
    path = tmp_path / "staff.csv"
    path.write_text(
        "Mã cán bộ,Họ và tên,Giới tính,Ngày sinh,Chức vụ\n"
        "HP-1,Nguyễn Văn An,Nam,05/03/1975,Lãnh đạo\n",
        encoding="utf-8",
    )
    entries, notices = _read(path)
    assert notices == []
    person = entries[0].nominee
    assert isinstance(person, Individual)
    assert person.birth_date == dt.date(1975, 3, 5)
    assert person.gender is not None
    assert person.gender.value == "male"
    assert person.position is not None
    assert person.position.value == "leader"


def test_csv_directory_joins_record_sheets_by_nominee_id(tmp_path: Path) -> None:
    """A directory of CSV files is a workbook: ratings.csv joins staff.csv by nominee_id."""
    (tmp_path / "staff.csv").write_text("id,full_name\nHP-1,An\nHP-2,Bình\n", encoding="utf-8")
    (tmp_path / "ratings.csv").write_text(
        'nominee_id,year,level,score\nHP-2,2020,excellent,"95,5"\nHP-1,2020,good,80\n',
        encoding="utf-8",
    )
    entries, _ = _read(tmp_path)
    second = entries[1].nominee
    assert isinstance(second, Individual)
    assert second.ratings[0].level.value == "excellent"
    assert second.ratings[0].score == 95.5


def _workbook(path: Path) -> None:
    book = openpyxl.Workbook()
    staff = book.active
    staff.title = "staff"
    staff.append(["Mã cán bộ (id)", "Họ và tên (full_name)", "Mã đơn vị (unit_id)", "Ngày sinh"])
    staff.append(["HP-1", "Nguyễn Văn An", "U1", dt.datetime(1975, 3, 5)])
    staff.append(["HP-2", "Trần Thị Bình", "U1", "31/12/1980"])
    staff.append(["HP-3", "Lê Văn Cường", "U1", "31/02/1980"])
    units = book.create_sheet("Đơn vị")
    units.append(["id", "name", "level", "cluster"])
    units.append(["U1", "BHXH tỉnh Hải Dương", "province", 1])
    service = book.create_sheet("service")
    service.append(["nominee_id", "unit_id", "start", "end"])
    service.append(["HP-1", "U1", dt.datetime(2000, 1, 1), None])
    service.append(["HP-2", "U1", "01/06/2010", "01/01/2009"])
    ratings = book.create_sheet("ratings")
    ratings.append(["nominee_id", "year", "level", "votes"])
    ratings.append(["HP-1", 2020, "Hoàn thành xuất sắc nhiệm vụ", 12])
    ratings.append(["HP-9", 2020, "good", None])
    book.save(path)


def test_workbook_joins_sheets_and_reads_excel_and_text_dates(tmp_path: Path) -> None:
    """A workbook's sheets are joined by id; real Excel dates and dd/mm/yyyy text both read."""
    path = tmp_path / "roster.xlsx"
    _workbook(path)
    entries, _ = _read(path)
    by_id = {e.nominee_id: e for e in entries}
    first = by_id["HP-1"].nominee
    assert isinstance(first, Individual)
    assert first.birth_date == dt.date(1975, 3, 5)
    assert first.service[0].start == dt.date(2000, 1, 1)
    assert first.ratings[0].level.value == "excellent"
    assert first.ratings[0].votes == 12
    unit = by_id["U1"].nominee
    assert isinstance(unit, Unit)
    assert unit.cluster == "1"


def test_workbook_bad_rows_are_located_by_sheet_row_column_and_field(tmp_path: Path) -> None:
    """A bad cell and a refused record name sheet, row, column and field; nothing is lost."""
    path = tmp_path / "roster.xlsx"
    _workbook(path)
    entries, notices = _read(path)
    by_id = {e.nominee_id: e for e in entries}
    bad_date = by_id["HP-3"].problems[0]
    assert (bad_date.sheet, bad_date.row, bad_date.column, bad_date.field) == (
        "staff",
        4,
        "D",
        "birth_date",
    )
    assert "dd/mm/yyyy" in bad_date.message
    bad_period = by_id["HP-2"].problems[0]
    assert (bad_period.sheet, bad_period.row) == ("service", 3)
    assert bad_period.field == "service[0]"
    assert "before start" in bad_period.message
    assert str(bad_period).startswith(f"{path}, sheet service, row 3")
    assert by_id["HP-1"].nominee is not None
    assert any("HP-9" in n and "sheet ratings, row 3" in n for n in notices)


def test_unknown_column_is_a_notice_with_a_suggestion(tmp_path: Path) -> None:
    """A misspelt header is reported with its column and a "did you mean"; the row is still read."""
    path = tmp_path / "staff.csv"
    path.write_text("id,full_name,birth_dat\nHP-1,An,01/01/1980\n", encoding="utf-8")
    entries, notices = _read(path)
    assert entries[0].nominee is not None
    assert len(notices) == 1
    assert "column C" in notices[0]
    assert "did you mean birth_date?" in notices[0]


def test_unknown_enum_value_suggests_the_closest(tmp_path: Path) -> None:
    """An enumerated cell with a typo is refused with the allowed values and a suggestion."""
    path = tmp_path / "units.csv"
    path.write_text("id,name,level\nU1,BHXH tỉnh X,provnce\n", encoding="utf-8")
    entries, _ = _read(path)
    problem = entries[0].problems[0]
    assert problem.field == "level"
    assert "did you mean province?" in problem.message


def test_unknown_format_is_an_error() -> None:
    """A roster with an unknown suffix raises a NomineeError naming the known formats."""
    with pytest.raises(NomineeError, match="unknown roster format"):
        read_roster(ROOT / "README.md")


def test_template_round_trips_and_validates_enumerated_columns(tmp_path: Path) -> None:
    """The template has every sheet with headers the reader accepts, and drop-downs for enums."""
    path = write_template(tmp_path / "roster.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[0] == "instructions"
    assert {"staff", "units", "ratings", "results", "registrations"} <= set(book.sheetnames)
    formulas = [v.formula1 for v in book["ratings"].data_validations.dataValidation]
    assert '"excellent,good,completed,not_completed"' in formulas
    staff = book["staff"]
    staff.append(["HP-1", "An", "female"])
    book.save(path)
    entries, notices = _read(path)
    assert notices == []
    assert isinstance(entries[0].nominee, Individual)


def test_jsonl_unknown_award_ids_and_extensions_are_placed_by_line_and_column(
    tmp_path: Path,
) -> None:
    """JSON Lines: an award id or an extension the catalog refuses is placed at its line and
    column, read again from the line only when refused; the record pickles for workers."""
    import pickle

    from award_rules import load_catalog
    from award_rules.roster.judge import judge

    good = {"kind": "individual", "id": "A1", "full_name": "An"}
    bad = {
        "kind": "individual",
        "id": "A2",
        "full_name": "Bình",
        "awards": [{"award": "vss.commemorative_medall", "year": 2010}],
        "registrations": [{"year": 2024, "titles": ["national.advanced_workr"]}],
        "extensions": {"union_years": 3},
    }
    line = json.dumps(bad, ensure_ascii=False)
    path = tmp_path / "staff.jsonl"
    path.write_text(json.dumps(good) + "\n" + line + "\n", encoding="utf-8")
    award_column = line.index('"vss.') + 1
    entries = list(read_roster(path))
    copy = pickle.loads(pickle.dumps(entries[1]))
    assert copy.places["awards[0].award"] == (None, None, 2, str(award_column))
    judged = list(judge(load_catalog(), read_roster(path).records(), 2024))
    assert [j.rejected for j in judged] == [False, True]
    places = {p.field: (p.row, p.column) for p in judged[1].problems}
    assert places == {
        "awards[0].award": (2, str(award_column)),
        "registrations[0].titles[0]": (2, str(line.index('"national.') + 1)),
        "extensions.union_years": (2, str(line.index("3}") + 1)),
    }
    assert str(judged[1].problems[0]).startswith(f"{path}:2:{award_column}: awards[0].award: ")
