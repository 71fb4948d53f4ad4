"""Gaps of issue 10 found by using the CLI as a new user: no machine paths; replay with layers."""

from __future__ import annotations

import io
import json
from pathlib import Path

from award_rules.cli import main
from conftest import EXAMPLES_DIR, ROOT

LAYER = EXAMPLES_DIR / "layers" / "provincial"
OFFICIAL = EXAMPLES_DIR / "nominees" / "retiring_official.yaml"


def run(*args: str | Path) -> tuple[int, str, str]:
    """Exit status, stdout and stderr of the command line."""
    out, err = io.StringIO(), io.StringIO()
    status = main([str(a) for a in args], out, err)
    return status, out.getvalue(), err.getvalue()


def test_list_and_show_name_files_relative_to_their_layer() -> None:
    """``list --format json`` and ``show`` never print a machine path, only the layer's own."""
    status, out, _ = run("list", "--format", "json", "--all", "--criteria-add", LAYER)
    assert status == 0
    files = {row["id"]: (row["file"], row["layer"]) for row in json.loads(out)}
    assert files["vss.dg_certificate.retirement"] == (
        "vss/dg_certificate.retirement.yaml", "shipped",
    )
    assert files["province.long_service"] == ("long_service.yaml", str(LAYER))
    assert not any(str(ROOT) in file for file, _ in files.values())
    status, out, _ = run("show", "vss.dg_certificate.retirement", "--lang", "en")
    assert status == 0
    assert "File: vss/dg_certificate.retirement.yaml" in out.splitlines()
    assert str(ROOT) not in out


def test_replay_loads_the_layers_the_decision_was_made_with(tmp_path: Path) -> None:
    """A receipt made with ``--criteria-add`` replays with it (exit 0), not without (exit 2)."""
    status, out, _ = run(
        "check", OFFICIAL, "--award", "province.long_service", "--as-of", "2020-07-20",
        "--format", "json", "--criteria-add", LAYER,
    )
    assert status == 0
    verdict = tmp_path / "verdict.json"
    verdict.write_text(out, encoding="utf-8")
    status, out, _ = run("replay", verdict, OFFICIAL, "--criteria-add", LAYER)
    assert (status, out.split(":")[0]) == (0, "reproduced")
    status, _, err = run("replay", verdict, OFFICIAL)
    assert status == 2
    assert "unknown award id 'province.long_service'" in err
