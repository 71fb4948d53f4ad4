"""`award-rules diff`: the status changes a change to the criteria makes on a roster."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from award_rules.cli import main
from award_rules.loading import shipped_criteria_dir

ROOT = Path(__file__).resolve().parents[1]
NOMINEES = ROOT / "criteria" / "nominees"
RETIREMENT = "vss.dg_certificate.retirement"


def cli(*args: object) -> tuple[int, str, str]:
    """Exit status, stdout and stderr of the CLI."""
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in args], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def stricter(tmp_path: Path) -> Path:
    """The shipped pack with the retirement certificate's 10 years raised to 25."""
    new = tmp_path / "new"
    shutil.copytree(shipped_criteria_dir(), new)
    target = new / "vss" / "dg_certificate.retirement.yaml"
    target.write_text(target.read_text("utf-8").replace("value: 10\n", "value: 25\n"), "utf-8")
    return new


def test_status_changes_are_listed_side_by_side(stricter: Path) -> None:
    """The retiring official flips to ineligible; both explanations are shown; exit 1."""
    code, out, _ = cli(
        "diff",
        shipped_criteria_dir(),
        stricter,
        "--roster",
        NOMINEES,
        "--as-of",
        "2020-07-20",
        "--lang",
        "en",
    )
    assert code == 1
    header = next(line for line in out.splitlines() if line.startswith("== "))
    assert header.startswith(f"== {RETIREMENT}: ")
    assert header.endswith("eligible → ineligible")
    row = next(line for line in out.splitlines() if "Verdict:" in line)
    assert row.split("│")[0].strip() == "Verdict: ELIGIBLE"
    assert row.split("│")[1].strip() == "Verdict: NOT ELIGIBLE"
    assert f"  {RETIREMENT}: 1 changed (1 eligible → ineligible)" in out


def test_no_change_exits_0(tmp_path: Path) -> None:
    """The same criteria on both sides: no changes, exit 0."""
    roster = tmp_path / "roster.yaml"
    people = [
        yaml.safe_load((NOMINEES / n).read_text("utf-8"))
        for n in ("retiring_official.yaml", "short_service_official.yaml")
    ]
    roster.write_text(yaml.safe_dump(people, allow_unicode=True), "utf-8")
    code, out, _ = cli(
        "diff",
        shipped_criteria_dir(),
        shipped_criteria_dir(),
        "--roster",
        roster,
        "--as-of",
        "2020-07-20",
        "--award",
        RETIREMENT,
    )
    assert code == 0
    assert "2 nominees judged on 2020-07-20:" in out
    assert "no status changes" in out


def test_git_revision_against_a_folder(stricter: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """OLD may be a git revision of the repository's criteria folder."""
    monkeypatch.chdir(ROOT)
    inside = subprocess.run(
        ["git", "rev-parse", "--verify", "HEAD"], capture_output=True, check=False
    )
    if inside.returncode != 0:
        pytest.skip("not a git checkout")
    code, out, _ = cli(
        "diff",
        "HEAD:criteria",
        stricter,
        "--roster",
        NOMINEES,
        "--as-of",
        "2020-07-20",
        "--award",
        RETIREMENT,
    )
    assert code == 1
    assert f"{RETIREMENT}: 1 changed" in out


def test_bad_revision_is_a_usage_error(tmp_path: Path) -> None:
    """Neither a folder nor a revision: exit 2 with one line, no traceback."""
    code, _, err = cli(
        "diff",
        "no-such-rev-xyz",
        shipped_criteria_dir(),
        "--roster",
        NOMINEES,
        "--as-of",
        "2020-07-20",
    )
    assert code == 2
    assert "neither a folder nor a git revision" in err
    assert "Traceback" not in err
