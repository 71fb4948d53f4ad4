"""Loading criteria: every problem reported with file, line, column and a suggestion."""

from __future__ import annotations

from pathlib import Path

import pytest

from award_rules import CriteriaError, Diagnostic, load_catalog
from award_rules.yamlfile import YamlLoadError, load_documents

HEADER = """\
id: example.award
name: {vi: Ví dụ, en: Example}
subject: individual
source: Example document
in_force: {from: 2020-01-01}
"""


def load_errors(tmp_path: Path, text: str, name: str = "award.yaml") -> list[Diagnostic]:
    """The diagnostics of loading one criteria file (which must fail)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CriteriaError) as info:
        load_catalog(tmp_path)
    return info.value.diagnostics


def only(diagnostics: list[Diagnostic], code: str) -> Diagnostic:
    found = [d for d in diagnostics if d.code == code]
    assert len(found) == 1, diagnostics
    return found[0]


def test_yaml_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    """A YAML syntax error points at the line and column of the problem."""
    diagnostics = load_errors(tmp_path, HEADER + "conditions:\n  - id: [unclosed\n")
    diagnostic = only(diagnostics, "yaml-syntax")
    assert diagnostic.location is not None
    assert diagnostic.location.file.endswith("award.yaml")
    assert diagnostic.location.line == 8


def test_unknown_key_located(tmp_path: Path) -> None:
    """A misspelled top-level key is reported at its own line and column."""
    diagnostics = load_errors(
        tmp_path, HEADER + "paramters: {}\nconditions:\n  - {id: a, check: alive}\n"
    )
    diagnostic = only(diagnostics, "schema")
    assert "unknown key 'paramters'" in diagnostic.message
    assert diagnostic.location is not None
    assert (diagnostic.location.line, diagnostic.location.column) == (6, 1)


def test_missing_key_named(tmp_path: Path) -> None:
    """A missing required key is named."""
    text = (
        HEADER.replace("source: Example document\n", "")
        + "conditions:\n  - {id: a, check: alive}\n"
    )
    diagnostic = only(load_errors(tmp_path, text), "schema")
    assert diagnostic.message == "missing required key 'source'"


def test_unknown_check_suggests(tmp_path: Path) -> None:
    """A misspelled predicate name is located and the right one suggested."""
    text = HEADER + "conditions:\n  - id: years\n    check: service_year\n    min_years: 10\n"
    diagnostic = only(load_errors(tmp_path, text), "unknown-check")
    assert diagnostic.location is not None
    assert (diagnostic.location.line, diagnostic.location.column) == (8, 12)
    assert "service_years" in diagnostic.hint


def test_bad_argument_located(tmp_path: Path) -> None:
    """A wrong argument type is reported at the argument's line."""
    text = HEADER + "conditions:\n  - id: years\n    check: service_years\n    min_years: ten\n"
    diagnostic = only(load_errors(tmp_path, text), "bad-argument")
    assert diagnostic.location is not None
    assert diagnostic.location.line == 9
    assert diagnostic.path == "conditions[0].min_years"


def test_unknown_argument_rejected(tmp_path: Path) -> None:
    """An argument the predicate does not take is an error, not silently ignored."""
    text = (
        HEADER + "conditions:\n  - {id: years, check: service_years, min_years: 10, minyears: 3}\n"
    )
    diagnostic = only(load_errors(tmp_path, text), "bad-argument")
    assert "unknown key 'minyears'" in diagnostic.message


def test_unknown_parameter_suggests(tmp_path: Path) -> None:
    """A parameter reference with a typo suggests the declared parameter."""
    text = HEADER + (
        "parameters:\n  min_years: {value: 10, note: the law says so}\n"
        "conditions:\n  - {id: years, check: service_years, min_years: $min_yeras}\n"
    )
    diagnostic = only(load_errors(tmp_path, text), "unknown-parameter")
    assert diagnostic.hint == "did you mean $min_years?"


def test_parameter_needs_a_note(tmp_path: Path) -> None:
    """Every parameter must say why it has its value."""
    text = HEADER + (
        "parameters:\n  min_years: {value: 10}\n"
        "conditions:\n  - {id: years, check: service_years, min_years: $min_years}\n"
    )
    diagnostic = only(load_errors(tmp_path, text), "schema")
    assert diagnostic.message == "missing required key 'note'"


def test_parameters_substituted(tmp_path: Path) -> None:
    """A parameter's value reaches the predicate (and a used parameter gives no warning)."""
    (tmp_path / "award.yaml").write_text(
        HEADER
        + (
            "parameters:\n  min_years: {value: 7, note: example}\n"
            "conditions:\n  - {id: years, check: service_years, min_years: $min_years}\n"
        ),
        encoding="utf-8",
    )
    catalog = load_catalog(tmp_path)
    leaf = catalog.versions("example.award")[0].leaves()[0]
    assert leaf.args.min_years == 7
    assert catalog.warnings == []


def test_unused_parameter_is_a_warning(tmp_path: Path) -> None:
    """An unused parameter loads, with a warning at its line."""
    (tmp_path / "award.yaml").write_text(
        HEADER
        + (
            "parameters:\n  unused: {value: 1, note: example}\n"
            "conditions:\n  - {id: a, check: alive}\n"
        ),
        encoding="utf-8",
    )
    catalog = load_catalog(tmp_path)
    assert [w.code for w in catalog.warnings] == ["unused-parameter"]
    assert catalog.warnings[0].location is not None
    assert catalog.warnings[0].location.line == 7


def test_duplicate_key_rejected(tmp_path: Path) -> None:
    """A key given twice is an error (PyYAML alone would keep the last silently)."""
    diagnostics = load_errors(tmp_path, HEADER + "subject: unit\nconditions: []\n")
    diagnostic = only(diagnostics, "duplicate-key")
    assert diagnostic.location is not None
    assert diagnostic.location.line == 6


def test_duplicate_leaf_id(tmp_path: Path) -> None:
    """Two leaves with one id in a file are an error."""
    text = HEADER + "conditions:\n  - {id: a, check: alive}\n  - {id: a, check: alive}\n"
    assert only(load_errors(tmp_path, text), "duplicate-id").location is not None


def test_predicate_for_the_wrong_subject(tmp_path: Path) -> None:
    """A unit predicate in an individual's award is an error."""
    text = HEADER + "conditions:\n  - {id: age, check: unit_age, min_years: 10}\n"
    assert "unit" in only(load_errors(tmp_path, text), "wrong-subject").message


def test_unknown_award_id_suggests(tmp_path: Path) -> None:
    """A misspelled award id in a leaf suggests the known id."""
    text = (
        HEADER + "conditions:\n  - {id: a, check: not_received_award, award: vss.dg_certficate}\n"
    )
    diagnostic = only(load_errors(tmp_path, text), "unknown-award")
    assert "vss.dg_certificate" in diagnostic.hint


def test_unknown_reference(tmp_path: Path) -> None:
    """A reference to criteria that do not exist suggests close ids."""
    text = HEADER + "conditions:\n  - {id: r, check: meets_criteria, award: example.awrd}\n"
    diagnostic = only(load_errors(tmp_path, text), "unknown-reference")
    assert "example.award" in diagnostic.hint


def test_reference_cycle(tmp_path: Path) -> None:
    """Criteria that refer to each other in a cycle are rejected."""
    (tmp_path / "b.yaml").write_text(
        HEADER.replace("example.award", "example.other")
        + ("conditions:\n  - {id: r, check: meets_criteria, award: example.award}\n"),
        encoding="utf-8",
    )
    text = HEADER + "conditions:\n  - {id: r, check: meets_criteria, award: example.other}\n"
    diagnostic = only(load_errors(tmp_path, text), "reference-cycle")
    assert "example.award -> example.other -> example.award" in diagnostic.message


def test_overlapping_versions(tmp_path: Path) -> None:
    """Two versions in force on the same day are an error at the later one's in_force."""
    (tmp_path / "old.yaml").write_text(
        HEADER + "conditions:\n  - {id: a, check: alive}\n", encoding="utf-8"
    )
    text = HEADER.replace("2020-01-01", "2021-01-01") + "conditions:\n  - {id: a, check: alive}\n"
    diagnostic = only(load_errors(tmp_path, text, "new.yaml"), "version-overlap")
    assert diagnostic.location is not None
    assert diagnostic.location.file.endswith("new.yaml")


def test_gap_between_versions_is_a_warning(tmp_path: Path) -> None:
    """A gap between versions loads with a warning naming the uncovered dates."""
    old = HEADER.replace("{from: 2020-01-01}", "{from: 2020-01-01, until: 2020-06-30}")
    new = HEADER.replace("2020-01-01", "2020-08-01")
    for name, text in (("old.yaml", old), ("new.yaml", new)):
        (tmp_path / name).write_text(text + "conditions:\n  - {id: a, check: alive}\n", "utf-8")
    catalog = load_catalog(tmp_path)
    assert [w.code for w in catalog.warnings] == ["version-gap"]
    assert "2020-07-01 to 2020-07-31" in catalog.warnings[0].message


def test_every_error_reported_not_just_the_first(tmp_path: Path) -> None:
    """Problems in several files and leaves are all collected in one run."""
    (tmp_path / "one.yaml").write_text(HEADER + "conditions:\n  - {id: a, check: nope}\n", "utf-8")
    text = HEADER.replace("example.award", "example.two") + (
        "conditions:\n  - {id: b, check: service_years}\n  - {id: c, check: alive, x: 1}\n"
    )
    diagnostics = load_errors(tmp_path, text, "two.yaml")
    assert len(diagnostics) == 3
    assert {Path(d.location.file).name for d in diagnostics if d.location} == {
        "one.yaml",
        "two.yaml",
    }


def test_python_tags_are_never_executed(tmp_path: Path) -> None:
    """Criteria are data: a python object tag is a load error, nothing runs."""
    path = tmp_path / "evil.yaml"
    path.write_text("id: !!python/object/apply:os.system ['echo hacked']\n", encoding="utf-8")
    with pytest.raises(YamlLoadError) as info:
        load_documents(path)
    assert info.value.diagnostic.location is not None
    assert info.value.diagnostic.location.line == 1


def test_diagnostic_text_is_file_line_column(tmp_path: Path) -> None:
    """A diagnostic prints as file:line:column: message."""
    text = HEADER + "conditions:\n  - id: years\n    check: service_year\n"
    diagnostic = only(load_errors(tmp_path, text), "unknown-check")
    assert str(diagnostic).startswith(f"{tmp_path / 'award.yaml'}:8:12: ")


def test_shipped_criteria_load_cleanly() -> None:
    """The shipped criteria load with no error and no warning."""
    catalog = load_catalog()
    assert catalog.warnings == []
    assert {
        "vss.dg_certificate.retirement",
        "vss.dg_certificate.small_collective",
        "vss.year_end_registration",
    } <= set(catalog.ids())


def test_missing_directory(tmp_path: Path) -> None:
    """Loading a directory that does not exist is a CriteriaError naming it."""
    with pytest.raises(CriteriaError, match="no such file"):
        load_catalog(tmp_path / "nowhere")


def test_impossible_date_is_located(tmp_path: Path) -> None:
    """A date-like value that is no date (month 13) is a located error, not a crash."""
    path = tmp_path / "award.yaml"
    path.write_text(HEADER.replace("2020-01-01", "2020-13-01"), encoding="utf-8")
    with pytest.raises(YamlLoadError) as info:
        load_documents(path)
    diagnostic = info.value.diagnostic
    assert diagnostic.code == "yaml-value"
    assert diagnostic.location is not None
    assert (diagnostic.location.line, diagnostic.location.column) == (5, 18)


def test_unknown_parameter_is_one_error_and_no_unused_warning(tmp_path: Path) -> None:
    """A misspelt $reference yields exactly one error, not a type error nor an unused warning."""
    text = HEADER + (
        "parameters:\n  min_years: {value: 10, note: example}\n"
        "conditions:\n  - {id: years, check: service_years, min_years: $min_yeras}\n"
    )
    assert [d.code for d in load_errors(tmp_path, text)] == ["unknown-parameter"]


def test_versions_must_agree_on_annual(tmp_path: Path) -> None:
    """An award cannot be annual in one version and not in another."""
    old = HEADER.replace("{from: 2020-01-01}", "{from: 2020-01-01, until: 2020-12-31}")
    new = HEADER.replace("2020-01-01", "2021-01-01") + "annual: true\n"
    (tmp_path / "old.yaml").write_text(old + "conditions:\n  - {id: a, check: alive}\n", "utf-8")
    diagnostics = load_errors(
        tmp_path, new + "conditions:\n  - {id: a, check: alive}\n", "new.yaml"
    )
    assert "every version must agree" in only(diagnostics, "version-annual").message
