"""Roster tables carry what a JSON roster carries: every model field has a sheet column."""

from __future__ import annotations

import datetime as dt
import typing
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from award_rules import Individual, Unit
from award_rules.model import LedUnitYear, PendingCase, PendingCaseKind, RatingLevel
from award_rules.roster import read_roster
from award_rules.roster.sheets import (
    CHILD_SHEETS,
    MAIN_SHEETS,
    Sheet,
    column_for,
    extension_key,
    sheet_named,
)
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
    """A head's led units, pending cases, absences and extensions come back from a workbook."""
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
    person = back[0]
    assert isinstance(person, Individual)
    assert person.led_unit_for(2020) is not None
    assert person.extensions["joined_on"] == dt.date(2001, 5, 1)
