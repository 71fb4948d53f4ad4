"""Roster tables carry what a JSON roster carries: every model field has a sheet column."""

from __future__ import annotations

import datetime as dt
import io
import typing
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from award_rules import Catalog, Individual, Unit
from award_rules.cli import main
from award_rules.model import LedUnitYear, PendingCase, PendingCaseKind, RatingLevel
from award_rules.roster import Summary, judge, read_roster, review
from award_rules.roster.sheets import (
    CHILD_SHEETS,
    MAIN_SHEETS,
    Sheet,
    column_for,
    extension_key,
    sheet_named,
)
from award_rules.roster.template import write_template
from award_rules.testing.strategies import DEFAULT_AWARD_IDS, dates, individuals, units
from conftest import examples
from roster_tables import write_csv_directory, write_workbook

openpyxl = pytest.importorskip("openpyxl")

NOT_IN_COLUMNS = {
    # The sheet a nominee's row is on says its kind: staff rows are individuals, units rows units.
    "Individual.kind",
    "Unit.kind",
}
"""Model fields deliberately reached by no column, each with the reason above."""


def _record_model(annotation: object) -> type[BaseModel] | None:
    """The record model a ``tuple[Record, ...]`` field holds, else ``None``."""
    if typing.get_origin(annotation) is tuple:
        (item, *_) = typing.get_args(annotation)
        if isinstance(item, type) and issubclass(item, BaseModel):
            return item
    return None


def _unreached(model: type[BaseModel], sheet: Sheet, prefix: str) -> list[str]:
    """The fields of ``model`` (records included) that no column of ``sheet`` or its
    record sheets reaches."""
    missing = []
    keys = {column.key for column in sheet.columns}
    for name, info in model.model_fields.items():
        where = f"{prefix}.{name}"
        if where in NOT_IN_COLUMNS:
            continue
        record = _record_model(info.annotation)
        if record is not None:
            if sheet.name not in MAIN_SHEETS:
                missing.append(f"{where} (records within records have no sheet)")
                continue
            child = next((s for s in CHILD_SHEETS if s.target == name), None)
            if child is None:
                missing.append(f"{where} (no sheet)")
            else:
                missing += _unreached(record, child, f"{where}[]")
        elif name == "extensions" and sheet.name in MAIN_SHEETS:
            if extension_key("extensions.some_key") != "some_key":
                missing.append(f"{where} (no extensions.KEY columns)")
        elif sheet.name not in MAIN_SHEETS and name == "id":
            if "nominee_id" not in keys:
                missing.append(f"{where} (no nominee_id column)")
        elif name not in keys:
            missing.append(f"{where} (no column in sheet {sheet.name})")
    return missing


def test_every_field_of_the_model_is_reached_by_a_sheet_column() -> None:
    """Walking Individual and Unit, records included, finds no field without a column."""
    staff, units_sheet = sheet_named("staff"), sheet_named("units")
    assert staff is not None
    assert units_sheet is not None
    missing = _unreached(Individual, staff, "Individual") + _unreached(Unit, units_sheet, "Unit")
    assert missing == []


def test_record_sheets_hold_every_column_under_english_and_vietnamese_headers() -> None:
    """The new sheets' columns are found by key, Vietnamese label and the template's header."""
    for name in ("absences", "led_units", "pending_cases"):
        sheet = sheet_named(name)
        assert sheet is not None
        assert sheet_named(sheet.vi) is sheet
        for column in sheet.columns:
            for header in (column.key, column.vi, column.header):
                assert column_for(sheet, header) is column


# -- round trips ----------------------------------------------------------------
DECLARED = {
    "union_years": "int",
    "border_post": "bool",
    "local_score": "number",
    "note": "string",
    "joined_on": "date",
}
"""The extensions the round trips carry, by type (the CSV reading needs the types)."""

_TEXT = st.text(
    st.characters(exclude_categories=("Cs", "Cc", "Cn")), min_size=1, max_size=12
).filter(lambda t: t.strip() != "")
_EXTENSION_VALUES = {
    "union_years": st.integers(-(10**9), 10**9),
    "border_post": st.booleans(),
    "local_score": st.integers(-1000, 1000)
    | st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9),
    "note": _TEXT,
    "joined_on": dates(),
}
_EXTENSIONS = st.fixed_dictionaries({}, optional=_EXTENSION_VALUES)
_LED = st.lists(
    st.builds(
        LedUnitYear,
        year=st.integers(1990, 2040),
        unit_id=st.sampled_from(["U-1", "U-2", "BHXH Hải Dương"]),
        rating=st.none() | st.sampled_from(RatingLevel),
        titles=st.lists(st.sampled_from(DEFAULT_AWARD_IDS), max_size=3).map(tuple),
    ),
    unique_by=lambda led: led.year,
    max_size=3,
)


@st.composite
def _pending(draw: st.DrawFn) -> PendingCase:
    opened = draw(dates())
    closed = draw(st.none() | dates(min_value=opened))
    return PendingCase(
        kind=draw(st.sampled_from(PendingCaseKind)),
        opened_on=opened,
        closed_on=closed,
        reference=draw(st.none() | _TEXT),
    )


@st.composite
def _roster(draw: st.DrawFn) -> list[Individual | Unit]:
    """Individuals and units from the library's strategies, with the records those leave
    out (led units, pending cases, extensions) added; ids unique across the roster."""
    people = draw(st.lists(individuals(), max_size=3))
    offices = draw(st.lists(units(), max_size=2))
    out: list[Individual | Unit] = []
    for n, nominee in enumerate([*people, *offices]):
        data = dict(nominee)
        data["id"] = f"{nominee.id}-{n}"
        data["pending_cases"] = tuple(draw(st.lists(_pending(), max_size=2)))
        data["extensions"] = draw(_EXTENSIONS)
        if isinstance(nominee, Individual):
            data["led_units"] = tuple(draw(_LED))
        out.append(type(nominee).model_validate(data))
    return out


def _read_back(path: Path) -> list[Individual | Unit]:
    roster = read_roster(path, extensions=DECLARED)
    entries = list(roster)
    assert [str(p) for e in entries for p in e.problems] == []
    assert [str(p) for p in roster.notices] == []
    return [e.nominee for e in entries if e.nominee is not None]


def _in_sheet_order(nominees: list[Individual | Unit]) -> list[Individual | Unit]:
    """Staff rows come first, then units (the order the reader yields them)."""
    return sorted(nominees, key=lambda n: n.kind != "individual")


ROUND_TRIP = settings(
    max_examples=examples(50), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@ROUND_TRIP
@given(nominees=_roster())
def test_a_workbook_round_trip_gives_back_the_same_nominees(
    tmp_path_factory: pytest.TempPathFactory, nominees: list[Individual | Unit]
) -> None:
    """Generated nominees written to a workbook and read back equal the originals."""
    path = write_workbook(nominees, tmp_path_factory.mktemp("book") / "roster.xlsx")
    assert _read_back(path) == _in_sheet_order(nominees)


@ROUND_TRIP
@given(nominees=_roster())
def test_a_csv_round_trip_gives_back_the_same_nominees(
    tmp_path_factory: pytest.TempPathFactory, nominees: list[Individual | Unit]
) -> None:
    """Generated nominees written to a directory of CSV files and read back equal the originals."""
    folder = write_csv_directory(nominees, tmp_path_factory.mktemp("csv") / "roster")
    assert _read_back(folder) == _in_sheet_order(nominees)


def test_the_round_trip_reaches_the_new_sheets(tmp_path: Path) -> None:
    """A head's led units, pending cases, absences and extensions (text over two lines too)
    come back from a workbook and from CSV files."""
    head = Individual.model_validate(
        {
            "id": "HD-1",
            "full_name": "Nguyễn Văn An",
            "absences": [{"kind": "maternity", "start": "2020-01-01", "end": "2020-06-30"}],
            "led_units": [
                {
                    "year": 2020,
                    "unit_id": "U-1",
                    "rating": "excellent",
                    "titles": ["national.advanced_collective", "vss.emulation_flag.province"],
                }
            ],
            "pending_cases": [{"kind": "complaint", "opened_on": "2021-03-01"}],
            "extensions": {
                "union_years": 12,
                "joined_on": dt.date(2001, 5, 1),
                "note": "ghi chú\nhai dòng",
            },
        }
    )
    office = Unit.model_validate(
        {
            "id": "U-1",
            "name": "BHXH tỉnh Hải Dương",
            "level": "province",
            "pending_cases": [
                {"kind": "investigation", "opened_on": "2019-01-01", "closed_on": "2019-02-01"}
            ],
            "extensions": {"border_post": True, "local_score": 7.5},
        }
    )
    path = write_workbook([head, office], tmp_path / "roster.xlsx")
    back = _read_back(path)
    assert back == [head, office]
    assert _read_back(write_csv_directory([head, office], tmp_path / "csv")) == back
    person = back[0]
    assert isinstance(person, Individual)
    assert person.led_unit_for(2020) is not None
    assert person.extensions["joined_on"] == dt.date(2001, 5, 1)


# -- problems in the new sheets -------------------------------------------------
def _write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    return folder


BROKEN = {
    "staff": "id,full_name,position\nHP-1,An,leader\nHP-2,Bình,leader\nHP-3,Cúc,leader\n",
    "absences": "nominee_id,kind,start,end\nHP-1,maternty,01/01/2020,30/06/2020\n",
    "led_units": (
        "nominee_id,year,unit_id,ratng,titles\n"
        "HP-3,2020,U-1,excellent,national.advanced_collective\n"
    ),
    "pending_cases": "nominee_id,kind,opened_on,closed_on\nHP-2,complaint,01/03/2021,01/02/2021\n",
}


def test_problems_in_the_new_sheets_are_located_and_the_review_goes_on(
    tmp_path: Path, catalog: Catalog
) -> None:
    """A bad cell, a refused record and a misspelt header in the new sheets are located with
    sheet, row, column and field; the good record is judged and the summary counts the rest."""
    roster = read_roster(_write(tmp_path / "roster", BROKEN))
    summary = Summary()
    rows = list(review(catalog, roster, 2020, selection=False, summary=summary))
    assert (summary.read, summary.judged, summary.rejected) == (3, 1, 2)
    assert {row.nominee_id for row in rows if row.decision == "rejected"} == {"HP-1", "HP-2"}
    by_field = {p.field: p for p in summary.problems}
    bad_kind = by_field["kind"]
    assert (bad_kind.sheet, bad_kind.row, bad_kind.column) == ("absences", 2, "B")
    assert "did you mean maternity?" in bad_kind.message
    refused = by_field["pending_cases[0]"]
    assert (refused.sheet, refused.row) == ("pending_cases", 2)
    assert "before opened_on" in refused.message
    (header,) = [p for p in roster.notices if p.sheet == "led_units"]
    assert (header.row, header.column, header.hint) == (1, "D", "did you mean rating?")


def test_an_unknown_title_of_a_led_unit_points_at_its_cell(
    tmp_path: Path, catalog: Catalog
) -> None:
    """An award id the catalog does not know in led_units' titles is placed at its cell."""
    folder = _write(
        tmp_path / "roster",
        {
            "staff": "id,full_name\nHP-1,An\n",
            "led_units": "nominee_id,year,unit_id,titles\n"
            "HP-1,2020,U-1,national.advanced_colective\n",
        },
    )
    (judged,) = judge(catalog, read_roster(folder), 2020)
    (problem,) = judged.problems
    assert (problem.sheet, problem.row, problem.column) == ("led_units", 2, "D")
    assert problem.field == "led_units[0].titles[0]"
    assert problem.hint.startswith("did you mean national.advanced_collective")


# -- extension columns ----------------------------------------------------------
def test_extension_columns_are_typed_as_declared_and_checked_by_key(tmp_path: Path) -> None:
    """Declared extension columns are typed cell by cell; an undeclared key is an unknown
    column with "did you mean"; a cell of the wrong type rejects its record at its cell."""
    path = tmp_path / "staff.csv"
    path.write_text(
        "id,full_name,Thâm niên (extensions.union_years),extensions.joined_on,"
        "extensions.union_yers\n"
        "HP-1,An,12,05/03/2001,7\n"
        'HP-2,Bình,"12,5",,\n',
        encoding="utf-8",
    )
    roster = read_roster(path, extensions={"union_years": "int", "joined_on": "date"})
    first, second = list(roster)
    assert first.nominee is not None
    assert dict(first.nominee.extensions) == {"union_years": 12, "joined_on": dt.date(2001, 3, 5)}
    (problem,) = second.problems
    assert (problem.row, problem.column, problem.field) == (3, "C", "extensions.union_years")
    assert "whole number" in problem.message
    (notice,) = roster.notices
    assert (notice.column, notice.field) == ("E", "extensions.union_yers")
    assert notice.hint == "did you mean extensions.union_years?"


def test_without_declarations_extension_cells_keep_their_own_types(tmp_path: Path) -> None:
    """Read without a catalog's declarations, a workbook's extension cells keep their types."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "units"
    sheet.append(["id", "name", "level", "extensions.border_post", "extensions.since"])
    sheet.append(["U-1", "BHXH tỉnh Hà Giang", "province", True, dt.datetime(2010, 1, 1)])
    book.save(tmp_path / "roster.xlsx")
    (entry,) = list(read_roster(tmp_path / "roster.xlsx"))
    assert entry.nominee is not None
    assert dict(entry.nominee.extensions) == {"border_post": True, "since": dt.date(2010, 1, 1)}


def test_the_review_command_reads_extension_columns_against_the_catalog(tmp_path: Path) -> None:
    """``award-rules review`` reports an extension column the catalog's checks do not declare."""
    path = tmp_path / "staff.csv"
    path.write_text("id,full_name,extensions.union_years\nHP-1,An,12\n", encoding="utf-8")
    err = io.StringIO()
    status = main(["review", str(path), "--year", "2020", "--lang", "en"], io.StringIO(), err)
    assert status == 2
    shown = "sheet staff, row 1, column C: extensions.union_years: unknown extension"
    assert shown in err.getvalue()
    assert "1 records read: 1 judged, 0 rejected" in err.getvalue()


def test_the_template_has_the_new_sheets_with_drop_downs(tmp_path: Path) -> None:
    """The template writes absences, led_units and pending_cases with their enumerations."""
    book = openpyxl.load_workbook(write_template(tmp_path / "roster.xlsx"))
    assert {"absences", "led_units", "pending_cases"} <= set(book.sheetnames)
    formulas = {
        name: [v.formula1 for v in book[name].data_validations.dataValidation]
        for name in ("absences", "led_units", "pending_cases")
    }
    assert '"maternity,training,sick,unpaid,injury,other"' in formulas["absences"]
    assert '"excellent,good,completed,not_completed"' in formulas["led_units"]
    assert '"discipline_review,investigation,complaint"' in formulas["pending_cases"]
    assert [c.value for c in book["led_units"][1]][:3] == [
        "Mã đối tượng (nominee_id)",
        "Năm (year)",
        "Mã đơn vị phụ trách (unit_id)",
    ]


def test_a_heads_led_unit_from_a_sheet_reaches_the_heads_rule(
    tmp_path: Path, catalog: Catalog
) -> None:
    """R4's heads' rule sees the led unit and its titles that the led_units sheet gives."""
    folder = _write(
        tmp_path / "roster",
        {
            "staff": "id,full_name,unit_id,position\nHP-1,An,U-9,leader\nHP-2,Bình,U-9,leader\n",
            "led_units": "nominee_id,year,unit_id,titles\n"
            "HP-1,2020,U-1,national.advanced_collective; vss.emulation_flag.province\n",
        },
    )
    first, second = judge(catalog, read_roster(folder), 2020)
    assert first.profile is not None
    assert second.profile is not None
    assert first.profile.head_of == "U-1"
    assert first.profile.led_titles == (
        "national.advanced_collective",
        "vss.emulation_flag.province",
    )
    assert (second.profile.head_of, second.profile.led_titles) == ("U-9", ())
