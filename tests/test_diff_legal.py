"""``diff`` between the pack before and after the legal corrections of issue 9, on a roster."""

from __future__ import annotations

import datetime as dt
import random
import subprocess
import sys
from pathlib import Path

import pytest

from award_rules import Individual, load_catalog, parse_nominee
from award_rules.commands.diff import changes, criteria_at

ROOT = Path(__file__).resolve().parents[1]
BEFORE = "6e48e38"
"""The last commit before the legal corrections (and the evaluation core) landed."""

sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_roster import records  # noqa: E402


def _have_revision() -> bool:
    found = subprocess.run(
        ["git", "-C", str(ROOT), "cat-file", "-e", f"{BEFORE}^{{commit}}"],
        capture_output=True,
        check=False,
    )
    return found.returncode == 0


pytestmark = pytest.mark.skipif(
    not _have_revision(), reason=f"needs the git history ({BEFORE}) of a full clone"
)


def test_the_legal_corrections_flip_statuses_of_a_generated_roster() -> None:
    """On a generated roster, the corrections flip the advanced worker title for some people."""
    rng = random.Random(9)
    generated = records(400, seed=rng.randrange(10**6))
    people = [parse_nominee(r) for r in generated if r["kind"] == "individual"]
    assert all(isinstance(p, Individual) for p in people)
    with criteria_at(f"{BEFORE}:criteria") as old_dir:
        old = load_catalog(old_dir)
        new = load_catalog()
        found = changes(old, new, people[:120], dt.date(2016, 12, 31))
    assert found, "the corrections change no status on this roster"
    # From 20/08/2014 a head of unit is judged on the results of the unit they lead
    # (NĐ 65 Art. 2(2)): the generated leaders have no led_units, so the verdict waits.
    assert {(c.award, c.old, c.new) for c in found} == {
        ("national.advanced_worker", "eligible", "undetermined")
    }
    for change in found:
        assert "led_units[2016]" in change.new_text
        assert change.old_text != change.new_text
