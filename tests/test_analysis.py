"""Static analysis of criteria: contradictions, unreachable branches, dates, references."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from award_rules import CriteriaError, Diagnostic, load_catalog
from award_rules.cli import main
from award_rules.errors import Code

HEADER = """\
id: example.award
name: {vi: Ví dụ, en: Example}
subject: individual
source: Example document
in_force: {from: 2020-01-01}
"""


def problems(tmp_path: Path, text: str) -> list[Diagnostic]:
    """Errors and warnings of loading ``text`` as a layer over the shipped pack."""
    (tmp_path / "award.yaml").write_text(text, encoding="utf-8")
    try:
        catalog = load_catalog(extra=[tmp_path])
    except CriteriaError as exc:
        return exc.diagnostics
    return catalog.warnings


def test_min_and_negated_min_contradict(tmp_path: Path) -> None:
    """At least 10 years and not at least 8 years in one 'all' is a contradiction."""
    found = problems(
        tmp_path,
        HEADER + "conditions:\n"
        "  - {id: long, check: service_years, min_years: 10}\n"
        "  - not: {id: short, check: service_years, min_years: 8}\n",
    )
    (problem,) = found
    assert problem.code == Code.CONTRADICTION
    assert problem.severity == "error"
    assert "'long'" in problem.message
    assert "'short'" in problem.message
    assert problem.location is not None
    assert problem.location.line == 8


def test_compatible_bounds_are_no_contradiction(tmp_path: Path) -> None:
    """At least 10 years and not at least 12 years (10 to 12) is satisfiable."""
    found = problems(
        tmp_path,
        HEADER + "conditions:\n"
        "  - {id: long, check: service_years, min_years: 10}\n"
        "  - not: {id: short, check: service_years, min_years: 12}\n",
    )
    assert found == []


@pytest.mark.parametrize(
    ("first", "second", "contradicts"),
    [
        ("check: result, field: score, min: 10", "check: result, field: score, max: 8", True),
        ("check: result, field: score, min: 8", "check: result, field: score, max: 8", False),
        ("check: result, field: score, above: 8", "check: result, field: score, max: 8", True),
        (
            "check: result, field: score, min: 10",
            "check: result, field: plan_completion_pct, max: 8",
            False,
        ),
        (
            "check: field, field: level, equals: division",
            "check: field, field: level, in: [province]",
            True,
        ),
        (
            "check: field, field: level, in: [division, province]",
            "check: field, field: level, not_in: [division, province]",
            True,
        ),
        (
            "check: field, field: level, in: [division, province]",
            "check: field, field: level, in: [province, district]",
            False,
        ),
    ],
)
def test_bounds_on_one_quantity(tmp_path: Path, first: str, second: str, contradicts: bool) -> None:
    """Bounds on one quantity across conditions are checked for a common value."""
    unit_header = HEADER.replace("subject: individual", "subject: unit")
    text = unit_header + f"conditions:\n  - {{id: a, {first}}}\n  - {{id: b, {second}}}\n"
    found = problems(tmp_path, text)
    assert all(d.code in (Code.CONTRADICTION,) for d in found), found
    assert bool(found) == contradicts, found


def test_impossible_branch_of_any_is_unreachable(tmp_path: Path) -> None:
    """A branch of an 'any' that can never pass is a warning, not an error."""
    found = problems(
        tmp_path,
        HEADER + "conditions:\n"
        "  - any:\n"
        "    - {id: plain, check: service_years, min_years: 5}\n"
        "    - all:\n"
        "      - {id: long, check: service_years, min_years: 10}\n"
        "      - not: {id: short, check: service_years, min_years: 8}\n",
    )
    (problem,) = found
    assert problem.code == Code.UNREACHABLE
    assert problem.severity == "warning"


def test_repeated_branch_of_any_is_reported(tmp_path: Path) -> None:
    """Two branches of an 'any' that check the same thing: the second never decides."""
    found = problems(
        tmp_path,
        HEADER + "conditions:\n"
        "  - any:\n"
        "    - {id: a, check: service_years, min_years: 5}\n"
        "    - {id: b, check: service_years, min_years: 5}\n",
    )
    assert [d.code for d in found] == [Code.UNREACHABLE]
    assert "repeats branch 1" in found[0].message


def test_until_before_from(tmp_path: Path) -> None:
    """A version ending before it starts is an error at its 'until'."""
    text = HEADER.replace("{from: 2020-01-01}", "{from: 2020-01-01, until: 2019-12-31}")
    found = problems(tmp_path, text + "conditions:\n  - {id: a, check: retired}\n")
    assert [d.code for d in found] == [Code.UNTIL_BEFORE_FROM]
    assert found[0].path == "in_force.until"


def test_reference_to_an_award_never_in_force_together(tmp_path: Path) -> None:
    """meets_criteria on an award in force on none of the version's days is an error."""
    text = HEADER.replace("{from: 2020-01-01}", "{from: 2010-01-01, until: 2010-12-31}")
    text += "conditions:\n"
    text += "  - {id: ref, check: meets_criteria, award: vss.dg_certificate.retirement}"
    text += "\n"
    found = problems(tmp_path, text)
    assert [d.code for d in found] == [Code.REFERENCE_NOT_IN_FORCE]


def test_shipped_pack_has_no_findings() -> None:
    """The shipped criteria pass the analysis with no error and no warning."""
    out = io.StringIO()
    assert main(["validate"], stdout=out, stderr=io.StringIO()) == 0
    assert out.getvalue().strip().endswith("0 errors, 0 warnings")


def test_validate_reports_analysis_codes_in_json(tmp_path: Path) -> None:
    """`validate --format json` carries the analysis code and location."""
    import json

    (tmp_path / "award.yaml").write_text(
        HEADER + "conditions:\n"
        "  - {id: long, check: service_years, min_years: 10}\n"
        "  - not: {id: short, check: service_years, min_years: 8}\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    assert (
        main(
            ["validate", "--criteria-add", str(tmp_path), "--format", "json"],
            stdout=out,
            stderr=io.StringIO(),
        )
        == 1
    )
    (diagnostic,) = json.loads(out.getvalue())["diagnostics"]
    assert diagnostic["code"] == "contradiction"
    assert diagnostic["line"] == 8


def test_member_share_bounds_contradict(tmp_path: Path) -> None:
    """More than 50% of members and, negated, at least 40% cannot both hold."""
    unit_header = HEADER.replace("subject: individual", "subject: unit")
    found = problems(
        tmp_path,
        unit_header + "conditions:\n"
        "  - {id: most, check: members, field: advanced_workers, share_above_pct: 50}\n"
        "  - not: {id: few, check: members, field: advanced_workers, min_share_pct: 40}\n",
    )
    assert [d.code for d in found] == [Code.CONTRADICTION]
