"""Mutation testing of criteria: survivors name what no case pins, with a score."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from award_rules.cli import main
from award_rules.testing.cases import load_case_file
from award_rules.testing.mutate import mutants, run_mutation
from award_rules.vocabulary import default_vocabulary
from award_rules.yamlfile import load_documents

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[1]
NOMINEE = ROOT / "criteria" / "nominees" / "retiring_official.yaml"
CRITERIA = """\
id: province.long_service
name: {vi: Giấy khen thâm niên, en: Long-service certificate}
subject: individual
source: Quyết định 1/QĐ-UBND
in_force: {from: 2016-01-01}
parameters:
  min_years: {value: 10, note: ten years}
conditions:
  - {id: service_years, check: service_years, min_years: $min_years}
  - {id: no_discipline, check: no_discipline, window: ever}
"""
WEAK_CASES = f"""\
base: shipped
award: province.long_service
as_of: 2020-07-20
nominee: {NOMINEE}
cases:
  - name: 24 years, never disciplined
    expect: {{status: eligible}}
  - name: reprimanded
    add: {{disciplines: [{{form: reprimand, decided_on: 2015-06-10}}]}}
    expect: {{status: ineligible, failed: [no_discipline]}}
"""
STRONG_CASES = (
    WEAK_CASES
    + """\
  - name: exactly 10 years
    set: {service: [{start: 2010-07-20}]}
    expect: {status: eligible}
  - name: one day short of 10 years
    set: {service: [{start: 2010-07-21}]}
    expect: {status: ineligible, failed: [service_years]}
  - name: the first day in force
    as_of: 2016-01-01
    set: {service: [{start: 2000-01-01}]}
    expect: {status: eligible}
  - name: the day before
    as_of: 2015-12-31
    expect: {error: not_in_force}
"""
)


def layer(tmp_path: Path, cases: str) -> Path:
    """A folder with the criteria and the given case file."""
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "long_service.yaml").write_text(CRITERIA, encoding="utf-8")
    (folder / "long_service.cases.yaml").write_text(cases, encoding="utf-8")
    return folder


def descriptions(folder: Path) -> tuple[list[str], float]:
    """The survivors' descriptions and the score."""
    cases = load_case_file(folder / "long_service.cases.yaml")
    report = run_mutation(folder, cases, on_shipped=True)
    return [r.mutant.description for r in report.of("survived")], report.score


def test_mutants_cover_every_operator() -> None:
    """Thresholds both ways, drops, all/any swap and date shifts are all generated."""
    documents = load_documents("<criteria>", CRITERIA)
    made = [m.description for m in mutants(documents, default_vocabulary())]
    owner = "province.long_service@2016-01-01"
    assert f"{owner}: parameter min_years (used by service_years) 10 → 9" in made
    assert any(d.endswith("10 → 11") for d in made)
    assert any("drop condition 'no_discipline'" in d for d in made)
    assert any("all → any" in d for d in made)
    assert any("in force from 2016-01-01 → 2016-01-02" in d for d in made)


def test_weak_cases_leave_survivors(tmp_path: Path) -> None:
    """Without a boundary case, moving the threshold and dropping service_years survive."""
    survivors, score = descriptions(layer(tmp_path, WEAK_CASES))
    assert any("10 → 9" in s for s in survivors)
    assert any("10 → 11" in s for s in survivors)
    assert any("drop condition 'service_years'" in s for s in survivors)
    assert score < 1


def test_boundary_cases_kill_them(tmp_path: Path) -> None:
    """Cases on both sides of each boundary kill every mutant."""
    survivors, score = descriptions(layer(tmp_path, STRONG_CASES))
    assert survivors == []
    assert score == 1


def test_cli_reports_survivors_and_score(tmp_path: Path) -> None:
    """`award-rules test DIR --mutate` lists survivors with a hint and exits 1."""
    out = io.StringIO()
    code = main(["test", str(layer(tmp_path, WEAK_CASES)), "--mutate"], stdout=out)
    text = out.getvalue()
    assert code == 1
    assert "10 → 9 survives: no case has 9 years and some months (it must fail)" in text
    assert "mutation score" in text


def test_cli_needs_passing_cases(tmp_path: Path) -> None:
    """A failing case stops mutation testing: the baseline must be green."""
    broken = WEAK_CASES.replace("{status: eligible}", "{status: ineligible}")
    out = io.StringIO()
    assert main(["test", str(layer(tmp_path, broken)), "--mutate"], stdout=out) == 1
    assert "needs every case to pass first" in out.getvalue()


def test_pytest_option(tmp_path: Path, pytester: pytest.Pytester) -> None:
    """`pytest --mutate-criteria` prints the survivors and fails the run."""
    folder = layer(tmp_path, WEAK_CASES)
    result = pytester.runpytest(str(folder), "--mutate-criteria", "-p", "no:cacheprovider")
    result.stdout.fnmatch_lines(["*mutants of*", "*10 → 9 survives*", "*mutation score*"])
    assert result.ret == 1


def test_share_bounds_are_flipped() -> None:
    """share_above_pct and min_share_pct are flipped like min and above."""
    text = CRITERIA.replace("subject: individual", "subject: unit").split("conditions:")[0]
    text += "conditions:\n"
    text += "  - {id: most, check: members, field: advanced_workers, share_above_pct: 50}\n"
    made = [m.description for m in mutants(load_documents("<c>", text), default_vocabulary())]
    assert any("share_above_pct: 50 → min_share_pct: 50 (exclusive → inclusive)" in d for d in made)
