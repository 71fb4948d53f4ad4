"""The command line: exit statuses, formats, and one-line errors instead of tracebacks."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from award_rules.cli import main
from conftest import NOMINEES, RETIREMENT, ROOT


def run(*args: str | Path) -> tuple[int, str, str]:
    """Run the CLI in-process; return exit status, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in args], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def check(file_name: str, award: str = RETIREMENT, *extra: str) -> tuple[int, str, str]:
    return run("check", NOMINEES / file_name, "--award", award, "--as-of", "2020-07-20", *extra)


@pytest.mark.parametrize(
    ("file_name", "award", "status"),
    [
        ("retiring_official.yaml", RETIREMENT, 0),
        ("short_service_official.yaml", RETIREMENT, 1),
        ("official_no_history.yaml", RETIREMENT, 3),
        ("division_2005.yaml", "vss.dg_certificate.small_collective", 0),
        ("division_2010.yaml", "vss.dg_certificate.small_collective", 1),
        ("division_missing_rating.yaml", "vss.dg_certificate.small_collective", 3),
    ],
)
def test_check_exit_status(file_name: str, award: str, status: int) -> None:
    """check exits 0 eligible, 1 ineligible, 3 undetermined."""
    assert check(file_name, award)[0] == status


def test_check_text_in_english() -> None:
    """--lang en gives the English explanation."""
    code, out, _ = check("short_service_official.yaml", RETIREMENT, "--lang", "en")
    assert code == 1
    assert "Verdict: NOT ELIGIBLE" in out
    assert "8 years 3 months" in out


def test_check_json() -> None:
    """--format json prints the verdict's dictionary."""
    code, out, _ = check(
        "division_2010.yaml", "vss.dg_certificate.small_collective", "--format", "json"
    )
    data = json.loads(out)
    assert code == 1
    assert data["status"] == "ineligible"
    assert data["earliest_eligible_on"] == "2020-09-01"


def test_unknown_award_is_exit_2_with_suggestion() -> None:
    """A misspelled award id exits 2 with one line suggesting the right one."""
    code, out, err = check("retiring_official.yaml", "vss.dg_certificate.retirment")
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert "did you mean vss.dg_certificate.retirement" in err


def test_wrong_subject_is_exit_2() -> None:
    """A unit checked for an individual's award is a usage error."""
    code, _, err = check("division_2005.yaml", RETIREMENT)
    assert code == 2
    assert "is for an individual" in err


def test_bad_nominee_file_reports_line_and_field(tmp_path: Path) -> None:
    """Bad nominee data is reported with file:line:column and the field path."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "kind: individual\nid: X\nfull_name: A\nservice:\n  - start: 2020-01-01\n"
        "    end: 2019-01-01\n",
        encoding="utf-8",
    )
    code, _, err = run("check", bad, "--award", RETIREMENT, "--as-of", "2020-07-20")
    assert code == 2
    assert f"{bad}:5:5: service[0]: end 2019-01-01 is before start 2020-01-01" in err
    assert "Traceback" not in err


def test_missing_file_is_exit_2() -> None:
    """A nominee file that does not exist is a one-line error."""
    code, _, err = run("check", "nowhere.yaml", "--award", RETIREMENT)
    assert code == 2
    assert "no such nominee file" in err


def test_bad_date_is_exit_2() -> None:
    """A malformed --as-of is a usage error."""
    code, _, err = run(
        "check", NOMINEES / "retiring_official.yaml", "--award", RETIREMENT, "--as-of", "20/07/2020"
    )
    assert code == 2
    assert "YYYY-MM-DD" in err


def test_date_outside_in_force_is_exit_2() -> None:
    """Judging on a date no version covers is an error, not a verdict."""
    code, _, err = run(
        "check",
        NOMINEES / "division_2005.yaml",
        "--award",
        "vss.dg_certificate.small_collective",
        "--as-of",
        "2021-03-01",
    )
    assert code == 2
    assert "in force" in err


def test_list_on_a_date() -> None:
    """list shows the awards in force on the date, and not the others."""
    code, out, _ = run("list", "--as-of", "2021-03-01")
    assert code == 0
    assert RETIREMENT in out
    assert "small_collective" not in out


def test_list_json_all() -> None:
    """list --all --format json lists every version with its dates."""
    code, out, _ = run("list", "--all", "--format", "json")
    rows = json.loads(out)
    assert code == 0
    small = next(r for r in rows if r["id"] == "vss.dg_certificate.small_collective")
    assert small["in_force"] == {"from": "2020-01-01", "until": "2020-12-31"}


def test_list_hides_preconditions_unless_all() -> None:
    """list names preconditions on a last line, not as awards; --all lists them, marked."""
    code, out, _ = run("list", "--as-of", "2021-03-01", "--lang", "en")
    assert code == 0
    listed = [line.split()[0] for line in out.splitlines() if line.startswith("  ")]
    assert "vss.year_end_registration" not in listed
    assert out.splitlines()[-1].startswith("Preconditions, judged through the awards")
    assert out.splitlines()[-1].endswith(": vss.year_end_registration")
    code, out, _ = run("list", "--all", "--lang", "en")
    line = next(x for x in out.splitlines() if x.split()[0] == "vss.year_end_registration")
    assert line.endswith("(precondition)")
    rows = json.loads(run("list", "--as-of", "2021-03-01", "--format", "json")[1])
    assert not any(r["precondition"] for r in rows)
    rows = json.loads(run("list", "--all", "--format", "json")[1])
    marked = {r["id"] for r in rows if r["precondition"]}
    assert marked == {"vss.year_end_registration"}


def test_show_prints_conditions_and_parameters() -> None:
    """show prints every leaf id, the parameters with their notes, and the source."""
    code, out, _ = run("show", RETIREMENT, "--lang", "en")
    assert code == 0
    for leaf_id in ("service_years", "no_discipline", "not_previously_awarded", "retired"):
        assert f"[{leaf_id}]" in out
    assert "discipline_window = in_sector_service" in out
    assert "Source: Ngành BHXH Việt Nam" in out


def test_show_unknown_award() -> None:
    """show with a misspelled id suggests the right one."""
    code, _, err = run("show", "vss.year_end_registraton")
    assert code == 2
    assert "vss.year_end_registration" in err


def test_validate_shipped_criteria_ok() -> None:
    """validate passes on the shipped criteria."""
    code, out, _ = run("validate")
    assert code == 0
    assert "0 errors" in out


def test_validate_reports_every_error_with_location(tmp_path: Path) -> None:
    """validate prints each problem as file:line:column and exits 1."""
    (tmp_path / "a.yaml").write_text(
        "id: example.a\nname: {vi: A, en: A}\nsubject: individual\nsource: X\n"
        "in_force: {from: 2020-01-01}\nconditions:\n  - {id: x, check: service_year}\n"
        "  - {id: y, check: alive, extra: 1}\n",
        encoding="utf-8",
    )
    code, out, _ = run("validate", tmp_path)
    assert code == 1
    assert f"{tmp_path / 'a.yaml'}:7:" in out
    assert f"{tmp_path / 'a.yaml'}:8:" in out
    assert "2 errors" in out


def test_validate_json(tmp_path: Path) -> None:
    """validate --format json lists diagnostics with file, line and column."""
    (tmp_path / "a.yaml").write_text("id: [\n", encoding="utf-8")
    code, out, _ = run("validate", tmp_path, "--format", "json")
    data = json.loads(out)
    assert code == 1
    assert data["diagnostics"][0]["line"] == 2
    assert data["diagnostics"][0]["code"] == "yaml-syntax"


def test_schema_is_json_schema() -> None:
    """schema prints a JSON Schema covering both nominee kinds."""
    code, out, _ = run("schema")
    schema = json.loads(out)
    assert code == 0
    assert {"Individual", "Unit"} <= set(schema["$defs"])


def test_internal_errors_are_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """An unexpected exception becomes a one-line internal error with exit 4."""
    import award_rules.cli as cli

    def boom(_: object) -> object:
        raise RuntimeError("kaput")

    monkeypatch.delenv("AWARD_RULES_DEBUG", raising=False)
    monkeypatch.setattr(cli, "load_criteria", boom)
    code, _, err = run("list")
    assert code == 4
    assert err.startswith("award-rules: internal error: RuntimeError: kaput")
    assert "Traceback" not in err


def test_usage_error_exit_2() -> None:
    """A missing required option exits 2 (argparse's usage error)."""
    code, _, err = run("check", NOMINEES / "retiring_official.yaml")
    assert code == 2
    assert "--award" in err


def test_installed_entry_point_runs() -> None:
    """The console script runs as a module too, returning the verdict's status."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "award_rules",
            "check",
            str(NOMINEES / "short_service_official.yaml"),
            "--award",
            RETIREMENT,
            "--as-of",
            "2020-07-20",
            "--lang",
            "en",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "NOT ELIGIBLE" in result.stdout


def test_check_with_durable_engine_matches_native() -> None:
    """--engine durable prints the same explanation and exit status as the native engine."""
    pytest.importorskip("durable.lang")
    native = check("short_service_official.yaml", RETIREMENT, "--lang", "en")
    durable = check(
        "short_service_official.yaml", RETIREMENT, "--lang", "en", "--engine", "durable"
    )
    assert durable == native
    assert durable[0] == 1


def test_watch_prints_changes_as_json_lines() -> None:
    """watch replays events and prints each eligibility change as one JSON line."""
    events = ROOT / "examples" / "events" / "province_2020.jsonl"
    code, out, err = run("watch", events, "--award", RETIREMENT, "--lang", "en")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0, err
    assert rows
    assert {row["award"] for row in rows} == {RETIREMENT}
    assert all(row["old"] != row["new"] for row in rows)


def test_watch_bad_line_reported_with_its_number(tmp_path: Path) -> None:
    """A bad event line is reported with its line number; the exit status is 2."""
    events = tmp_path / "events.jsonl"
    events.write_text("{not json}\n", encoding="utf-8")
    code, _, err = run("watch", events)
    assert code == 2
    assert "line 1" in err


def test_watch_missing_file() -> None:
    """watch on a missing file is a one-line usage error."""
    code, _, err = run("watch", "nowhere.jsonl")
    assert code == 2
    assert "no such events file" in err
