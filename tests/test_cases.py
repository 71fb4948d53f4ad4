"""Case files: loading, running, coverage, the CLI's ``test`` command and the pytest plugin."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from award_rules import Catalog, CriteriaError, load_catalog
from award_rules.cli import main
from award_rules.testing.cases import load_case_file
from award_rules.testing.runner import CatalogCache, Coverage, run_case
from conftest import CRITERIA, ROOT

pytest_plugins = ["pytester"]


CRITERION = """\
id: example.long_service
name: {vi: Thâm niên, en: Long service}
subject: individual
source: Example
in_force: {from: 2000-01-01}
parameters:
  min_years: {value: 10, note: example threshold}
conditions:
  - {id: service_years, check: service_years, min_years: $min_years}
  - {id: no_discipline, check: no_discipline}
"""

NOMINEE = """\
kind: individual
id: P-1
full_name: Người Thử
service: [{start: 2008-01-01}]
"""

CASES = """\
award: example.long_service
as_of: 2020-01-01
nominee: ../nominee.yaml
cases:
  - name: twelve years and clean
    expect: {status: eligible}
  - name: too short
    set: {service: [{start: 2015-01-01}]}
    expect: {status: ineligible, failed: [service_years]}
"""


def make_pack(directory: Path, cases: str = CASES, criterion: str = CRITERION) -> Path:
    """A criteria directory with one criterion, a nominee and a case file."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "long_service.yaml").write_text(criterion, encoding="utf-8")
    # Nominee files live outside the criteria directory: every YAML file in it is criteria.
    (directory.parent / "nominee.yaml").write_text(NOMINEE, encoding="utf-8")
    (directory / "long_service.cases.yaml").write_text(cases, encoding="utf-8")
    return directory


def cli(*args: str | Path) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in args], stdout=out, stderr=err)
    return code, out.getvalue() + err.getvalue()


def test_cases_load_with_defaults_and_overrides(tmp_path: Path) -> None:
    """Defaults apply to every case; ``set`` replaces a field of the shared nominee."""
    pack = make_pack(tmp_path / "pack")
    cases = load_case_file(pack / "long_service.cases.yaml")
    assert [c.name for c in cases] == ["twelve years and clean", "too short"]
    assert (
        cases[1].nominee["service"] == [{"start": "2015-01-01"}]
        or str(cases[1].nominee["service"][0]["start"]) == "2015-01-01"
    )
    assert cases[0].criteria_dir == pack.resolve()
    assert cases[1].location.line == 7


def test_add_appends_to_lists(tmp_path: Path) -> None:
    """``add`` appends records to the nominee's lists (the same official, but disciplined)."""
    pack = make_pack(
        tmp_path / "pack",
        CASES
        + """\
  - name: disciplined
    add: {disciplines: [{form: reprimand, decided_on: 2015-06-10}]}
    expect: {status: ineligible, failed: [no_discipline]}
""",
    )
    case = load_case_file(pack / "long_service.cases.yaml")[2]
    assert len(case.nominee["disciplines"]) == 1
    result = run_case(case, load_catalog(pack))
    assert result.passed, result.problems


def test_mismatch_reports_expected_and_actual(tmp_path: Path) -> None:
    """A wrong expectation yields a report with the case's file:line, both values and the tree."""
    pack = make_pack(
        tmp_path / "pack",
        CASES.replace(
            "expect: {status: eligible}", "expect: {status: ineligible, failed: [retired]}"
        ),
    )
    case = load_case_file(pack / "long_service.cases.yaml")[0]
    result = run_case(case, load_catalog(pack))
    assert result.problems == [
        "status: expected ineligible, got eligible",
        "failed: expected ['retired'], got []",
    ]
    report = result.report("en")
    assert report.startswith(f"{pack / 'long_service.cases.yaml'}:5:5: case 'twelve years")
    assert "✓ At least 10 years of service in the sector" in report


def test_case_file_errors_have_locations(tmp_path: Path) -> None:
    """A malformed case file is a CriteriaError with file, line and column."""
    pack = make_pack(
        tmp_path / "pack", CASES.replace("expect: {status: eligible}", "expect: {status: eligble}")
    )
    with pytest.raises(CriteriaError) as info:
        load_case_file(pack / "long_service.cases.yaml")
    diagnostic = info.value.diagnostics[0]
    assert diagnostic.location is not None
    assert (diagnostic.location.line, diagnostic.location.column) == (6, 22)


def test_missing_nominee_file_named(tmp_path: Path) -> None:
    """A case naming a nominee file that does not exist says which file."""
    pack = make_pack(
        tmp_path / "pack", CASES.replace("nominee: ../nominee.yaml", "nominee: nobody.yaml")
    )
    with pytest.raises(CriteriaError, match=r"nominee file not found: nobody\.yaml"):
        load_case_file(pack / "long_service.cases.yaml")


def test_expected_error_cases(tmp_path: Path) -> None:
    """A case can expect an error (a date before the criterion was in force)."""
    pack = make_pack(
        tmp_path / "pack",
        CASES
        + """\
  - name: before in force
    as_of: 1999-12-31
    expect: {error: not_in_force}
""",
    )
    case = load_case_file(pack / "long_service.cases.yaml")[2]
    assert run_case(case, load_catalog(pack)).passed


def test_cli_test_summary_and_exit_status(tmp_path: Path) -> None:
    """award-rules test prints 'N passed, M failed' and exits 1 when a case fails."""
    pack = make_pack(tmp_path / "pack")
    assert cli("test", pack) == (0, "2 passed, 0 failed\n")
    (pack / "long_service.yaml").write_text(CRITERION.replace("value: 10", "value: 15"), "utf-8")
    code, out = cli("test", pack)
    assert code == 1
    assert "case 'twelve years and clean' failed" in out
    assert "status: expected eligible, got ineligible" in out
    assert out.rstrip().endswith("1 passed, 1 failed")


def test_cli_test_broken_case_file_is_exit_2(tmp_path: Path) -> None:
    """A case file that cannot be loaded is reported with its location; exit status 2."""
    pack = make_pack(tmp_path / "pack", "cases: []\n")
    code, out = cli("test", pack)
    assert code == 2
    assert f"{pack / 'long_service.cases.yaml'}:1:" in out


def test_coverage_names_the_condition_never_failed(tmp_path: Path) -> None:
    """--coverage lists the leaf no case made fail, and the run fails."""
    pack = make_pack(tmp_path / "pack")
    code, out = cli("test", pack, "--coverage")
    assert code == 1
    assert "no_discipline                pass ✓  fail ✗" in out
    assert "example.long_service [no_discipline] never fail" in out
    assert "[service_years] never missing" in out


def test_coverage_api_counts_outcomes(tmp_path: Path) -> None:
    """Coverage records each leaf's outcomes across verdicts."""
    pack = make_pack(tmp_path / "pack")
    cache, coverage = CatalogCache(), Coverage()
    for case in load_case_file(pack / "long_service.cases.yaml"):
        result = run_case(case, cache.get(case.criteria_dir))
        assert result.verdict is not None
        coverage.record(result.verdict)
    assert coverage.seen[("example.long_service@2000-01-01", "service_years")] == {True, False}
    gaps = coverage.gaps(cache.catalogs())
    assert {(g.leaf, g.never) for g in gaps} == {
        ("service_years", ("missing",)),
        ("no_discipline", ("fail",)),
    }


def test_shipped_criteria_fully_covered() -> None:
    """Every shipped leaf is made to pass and fail, and go missing where it can (CI guard)."""
    code, out = cli("test", CRITERIA, "--coverage")
    assert code == 0, out
    assert "Never exercised" not in out


def test_every_shipped_criterion_has_a_case_file(catalog: Catalog) -> None:
    """Each shipped award id has cases in some *.cases.yaml."""
    texts = "".join(p.read_text("utf-8") for p in CRITERIA.rglob("*.cases.yaml"))
    for award_id in catalog.ids():
        assert f"award: {award_id}" in texts, award_id


def test_pytest_plugin_collects_and_reports(pytester: pytest.Pytester) -> None:
    """pytest collects one item per case; a failure shows expected vs actual and file:line."""
    pack = make_pack(
        pytester.path / "pack",
        CASES.replace(
            "expect: {status: ineligible, failed: [service_years]}", "expect: {status: eligible}"
        ),
    )
    result = pytester.runpytest(str(pack), "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*long_service.cases.yaml:7:5: case 'too short' failed*",
            "*status: expected eligible, got ineligible*",
        ]
    )
    assert "Traceback" not in result.stdout.str()


def test_pytest_plugin_broken_file_is_a_collection_error(pytester: pytest.Pytester) -> None:
    """A malformed case file is a collection error naming its line, not a traceback."""
    pack = make_pack(pytester.path / "pack", "award: x\ncases: [{name: a}]\n")
    result = pytester.runpytest(str(pack), "-p", "no:cacheprovider")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*long_service.cases.yaml:2:*"])


def test_shipped_cases_copy_runs_elsewhere(tmp_path: Path) -> None:
    """A copied criteria directory with its cases runs on its own (the docs' workflow)."""
    target = tmp_path / "criteria"
    shutil.copytree(CRITERIA, target)
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    code, out = cli("test", target)
    assert code == 0, out


def test_worked_example_under_pytest(pytester: pytest.Pytester) -> None:
    """The docs' worked example fails under pytest exactly on the case it names."""
    shutil.copytree(ROOT / "examples" / "testing", pytester.path / "examples" / "testing")
    shutil.copytree(ROOT / "examples" / "nominees", pytester.path / "examples" / "nominees")
    result = pytester.runpytest("examples/testing/criteria", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(
        [
            "FAILED examples/testing/criteria/long_service.cases.yaml::12 years in the sector*",
        ]
    )
