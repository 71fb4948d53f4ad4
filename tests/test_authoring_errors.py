"""Writing criteria: every mistake of a file at once, sorted, with suggestions."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from award_rules import CriteriaError, Diagnostic, load_catalog
from award_rules.cli import main
from award_rules.errors import Code, NomineeError
from award_rules.nominees import parse_nominee

TYPOS = """\
id: province.long_service
name: {vi: Giấy khen thâm niên, en: Long-service certificate}
subject: individual
source: Quyết định 1/QĐ-UBND
in_froce:
  from: 2020-01-01
parameters:
  window:
    value: in_sector_servce
    note: a typo in a parameter's value
conditions:
  - id: years
    check: service_years
    min_year: 10
  - id: level
    chek: unit_field
  - id: clean
    check: no_discipline
    window: $window
  - id: clean_again
    check: no_discipline
    window: $window
  - id: served
    check: service_years
    min_years: ten
  - id: forms
    check: no_discipline
    from_form: reprimnd
  - id: initiatives
    check: initiatives
    min_levle: sector
  - id: lvl
    check: initiatives
    min_level: sectr
"""


def diagnostics_of(tmp_path: Path, text: str) -> list[Diagnostic]:
    """Every diagnostic of loading ``text`` as the only criteria file."""
    (tmp_path / "award.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(CriteriaError) as info:
        load_catalog(tmp_path)
    return info.value.diagnostics


def at_line(diagnostics: list[Diagnostic], line: int) -> Diagnostic:
    found = [d for d in diagnostics if d.location is not None and d.location.line == line]
    assert len(found) == 1, [str(d) for d in diagnostics]
    return found[0]


def test_every_mistake_is_reported_in_one_run(tmp_path: Path) -> None:
    """A schema error does not hide the argument errors of the other conditions."""
    found = diagnostics_of(tmp_path, TYPOS)
    lines = [d.location.line for d in found if d.location is not None]
    assert lines == [5, 9, 14, 16, 25, 28, 31, 34]


def test_diagnostics_are_sorted_by_file_and_line(tmp_path: Path) -> None:
    """Diagnostics come in file order, whatever stage found them."""
    found = diagnostics_of(tmp_path, TYPOS)
    keys = [(d.location.file, d.location.line) for d in found if d.location is not None]
    assert keys == sorted(keys)


def test_misspelt_top_level_key_is_one_problem_with_a_suggestion(tmp_path: Path) -> None:
    """'in_froce' is reported once, as unknown, suggesting in_force (not also 'missing')."""
    found = diagnostics_of(tmp_path, TYPOS)
    assert not [d for d in found if "missing" in d.message]
    diagnostic = at_line(found, 5)
    assert diagnostic.code == Code.SCHEMA
    assert diagnostic.message == "unknown key 'in_froce'"
    assert diagnostic.hint == "did you mean in_force?"


@pytest.mark.parametrize(
    ("line", "message", "hint"),
    [
        (14, "unknown key 'min_year'", "did you mean min_years?"),
        (16, "unknown key 'chek'", "did you mean check?"),
        (31, "unknown key 'min_levle'", "did you mean min_level?"),
    ],
)
def test_misspelt_keys_get_suggestions(tmp_path: Path, line: int, message: str, hint: str) -> None:
    """Misspelt argument and leaf keys are named with the closest known key."""
    diagnostic = at_line(diagnostics_of(tmp_path, TYPOS), line)
    assert diagnostic.message == message
    assert diagnostic.hint == hint


@pytest.mark.parametrize(
    ("line", "hint"),
    [(28, "did you mean reprimand?"), (34, "did you mean sector?")],
)
def test_misspelt_enumerated_values_get_suggestions(tmp_path: Path, line: int, hint: str) -> None:
    """A value outside an enumeration (forms, levels) suggests the closest allowed value."""
    assert at_line(diagnostics_of(tmp_path, TYPOS), line).hint == hint


def test_parameter_error_points_at_the_parameter_and_names_its_users(tmp_path: Path) -> None:
    """A bad parameter value is reported once, on its own line, naming the conditions."""
    diagnostic = at_line(diagnostics_of(tmp_path, TYPOS), 9)
    assert diagnostic.path == "parameters.window.value"
    assert "used by clean, clean_again" in diagnostic.message
    assert diagnostic.hint == "did you mean in_sector_service?"
    assert diagnostic.location is not None
    assert diagnostic.location.column == 12


def test_misspelt_check_name_suggests_the_check(tmp_path: Path) -> None:
    """An unknown check name suggests registered ones."""
    text = TYPOS.replace("in_froce", "in_force").replace("chek:", "check:")
    text = text.replace("check: unit_field", "check: servce_years")
    diagnostic = at_line(diagnostics_of(tmp_path, text), 16)
    assert diagnostic.code == Code.UNKNOWN_CHECK
    assert "service_years" in diagnostic.hint


def test_validate_fails_on_a_folder_without_criteria(tmp_path: Path) -> None:
    """`validate` on an empty folder exits 1 and says there are no criteria."""
    out = io.StringIO()
    assert main(["validate", str(tmp_path)], stdout=out, stderr=io.StringIO()) == 1
    assert "no criteria found" in out.getvalue()


def test_validate_prints_every_mistake(tmp_path: Path) -> None:
    """`validate` lists every problem of the typo file with its suggestion."""
    (tmp_path / "award.yaml").write_text(TYPOS, encoding="utf-8")
    out = io.StringIO()
    assert main(["validate", str(tmp_path)], stdout=out, stderr=io.StringIO()) == 1
    text = out.getvalue()
    for hint in ("did you mean in_force?", "did you mean check?", "did you mean min_years?"):
        assert hint in text


def test_nominee_unknown_field_suggests_the_field() -> None:
    """The same translator serves nominees: an unknown field suggests the closest one."""
    data = {"kind": "individual", "id": "X-1", "full_name": "A", "retirment_date": "2020-01-01"}
    with pytest.raises(NomineeError) as info:
        parse_nominee(data)
    diagnostics = info.value.diagnostics
    unknown = [d for d in diagnostics if d.path == "retirment_date"]
    assert unknown
    assert unknown[0].message == "unknown field"
    assert unknown[0].hint.startswith("did you mean retirement_date")


def test_codes_are_declared_in_one_place() -> None:
    """Every code the loader emits is a member of errors.Code."""
    assert {c.value for c in Code} >= {"schema", "bad-argument", "version-gap", "nominee"}
    assert Code("unknown-check") is Code.UNKNOWN_CHECK


def test_case_file_keys_get_suggestions(tmp_path: Path) -> None:
    """A misspelt key in a case file's expectation suggests the right one."""
    from award_rules.testing.cases import load_case_file

    path = tmp_path / "x.cases.yaml"
    path.write_text(
        "award: vss.dg_certificate.retirement\nas_of: 2020-07-20\n"
        "nominee: {kind: individual, id: X-1, full_name: A}\n"
        "cases:\n  - name: typo\n    expect: {status: eligible, faild: []}\n",
        encoding="utf-8",
    )
    with pytest.raises(CriteriaError) as info:
        load_case_file(path)
    (diagnostic,) = info.value.diagnostics
    assert diagnostic.code == Code.CASES
    assert diagnostic.message == "unknown key 'faild'"
    assert diagnostic.hint == "did you mean failed?"
    assert diagnostic.location is not None
    assert diagnostic.location.line == 6


def test_conditions_under_a_misspelt_key_are_still_checked(tmp_path: Path) -> None:
    """'conditons:' is one unknown key, and the conditions under it are checked too."""
    text = TYPOS.replace("in_froce", "in_force").replace("conditions:", "conditons:")
    found = diagnostics_of(tmp_path, text)
    assert at_line(found, 11).hint == "did you mean conditions?"
    assert at_line(found, 14).hint == "did you mean min_years?"


def test_a_mapping_window_reports_its_inner_problem_only(tmp_path: Path) -> None:
    """window: {last_yeras: 3} is one unknown key (with a suggestion), not also 'not a name'."""
    text = TYPOS.split("conditions:")[0].replace("in_froce", "in_force")
    text = text.replace("value: in_sector_servce", "value: ever")
    text += "conditions:\n  - {id: clean, check: no_discipline, window: $window}\n"
    text += "  - {id: recent, check: no_discipline, window: {last_yeras: 3}}\n"
    (problem,) = diagnostics_of(tmp_path, text)
    assert problem.path == "conditions[1].window.last_yeras"
    assert problem.hint == "did you mean last_years?"
