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
        "vss/dg_certificate.retirement.yaml",
        "shipped",
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
        "check",
        OFFICIAL,
        "--award",
        "province.long_service",
        "--as-of",
        "2020-07-20",
        "--format",
        "json",
        "--criteria-add",
        LAYER,
    )
    assert status == 0
    verdict = tmp_path / "verdict.json"
    verdict.write_text(out, encoding="utf-8")
    status, out, _ = run("replay", verdict, OFFICIAL, "--criteria-add", LAYER)
    assert (status, out.split(":")[0]) == (0, "reproduced")
    status, _, err = run("replay", verdict, OFFICIAL)
    assert status == 2
    assert "unknown award id 'province.long_service'" in err


ROSTER = """\
- kind: individual
  id: HP-1
  full_name: Nguyễn Văn A
  service: [{start: 2000-01-01}]
  awards: [{award: vss.commemorative_medall, year: 2010}]
- kind: individual
  id: HP-2
  full_name: Nguyễn Văn B
  service: [{start: 2000-01-01}]
"""


def test_review_rejects_a_record_with_an_unknown_award_id_and_goes_on(tmp_path: Path) -> None:
    """A roster record naming an unknown award id is rejected with its place; others judged."""
    path = tmp_path / "roster.yaml"
    path.write_text(ROSTER, encoding="utf-8")
    status, out, err = run("review", path, "--year", "2024", "--lang", "en")
    assert status == 2
    assert (
        f"{path}:5:20: awards[0].award: unknown award id 'vss.commemorative_medall' "
        "(did you mean vss.commemorative_medal?)"
    ) in err
    rows = out.splitlines()[1:]
    assert [r.split()[0] for r in rows if "rejected" in r] == ["HP-1"]
    assert any(r.startswith("HP-2") for r in rows)


def test_a_workbook_record_is_placed_at_its_sheet_row_and_column(tmp_path: Path) -> None:
    """In a CSV workbook, an unknown registered title points at its sheet, row and column."""
    from award_rules import load_catalog
    from award_rules.roster.judge import judge
    from award_rules.roster.readers import read_roster

    (tmp_path / "staff.csv").write_text("id,full_name\nHP-1,An\nHP-2,Bình\n", encoding="utf-8")
    (tmp_path / "registrations.csv").write_text(
        "nominee_id,year,titles\nHP-2,2024,national.advanced_worker\n"
        "HP-1,2024,national.advanced_workr\n",
        encoding="utf-8",
    )
    judged = list(judge(load_catalog(), read_roster(tmp_path).records(), 2024))
    assert [j.rejected for j in judged] == [True, False]
    (problem,) = judged[0].problems
    assert (problem.sheet, problem.row, problem.column) == ("registrations", 3, "C")
    assert problem.field == "registrations[0].titles[0]"
    assert problem.hint.startswith("did you mean national.advanced_worker")


def test_a_live_event_naming_an_unknown_award_id_is_refused_and_changes_nothing() -> None:
    """``watch``: the event is reported with its line and not applied; the session goes on."""
    from award_rules import load_catalog
    from award_rules.cli import run_watch

    registered = {
        "type": "nominee_registered",
        "nominee": "HP-2",
        "date": "2020-01-02",
        "kind": "individual",
        "full_name": "Nguyễn Văn B",
        "service": [{"start": "2005-03-01"}],
    }
    granted = {
        "type": "award_granted",
        "nominee": "HP-2",
        "date": "2020-02-01",
        "award": "vss.commemorative_medall",
        "year": 2020,
    }
    out, err = io.StringIO(), io.StringIO()
    lines = [json.dumps(registered), json.dumps(granted)]
    status = run_watch(load_catalog(), lines, out, lang="en", err=err)
    assert status == 2
    assert err.getvalue() == (
        "award-rules: error: line 2 (award_granted for 'HP-2'): awards[0].award: unknown award "
        "id 'vss.commemorative_medall' (did you mean vss.commemorative_medal?)\n"
    )
    assert {json.loads(line)["line"] for line in out.getvalue().splitlines()} == {1}


def test_json_lines_rosters_go_through_the_input_gate(tmp_path: Path) -> None:
    """A key twice, NaN, a non-UTF-8 byte or an over-long line rejects its record only."""
    from award_rules import load_catalog
    from award_rules.roster.judge import judge
    from award_rules.roster.readers import RosterLimits, read_roster

    good = '{"kind": "individual", "id": "J-9", "full_name": "An"}'
    lines = [
        b'{"kind": "individual", "id": "J-1", "full_name": "A", "full_name": "B"}',
        b'{"kind": "individual", "id": "J-2", "full_name": "A", "ratings": '
        b'[{"year": 2020, "level": "good", "score": NaN}]}',
        b'{"kind": "individual", "id": "J-3", "full_name": "\xff"}',
        b'{"kind": "individual", "id": "J-4", "full_name": "' + b"x" * 500 + b'"}',
        good.encode(),
    ]
    path = tmp_path / "staff.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    catalog = load_catalog()  # with the usual limits; the roster's lines with a small one
    roster = read_roster(path, limits=RosterLimits(record_bytes=400))
    judged = list(judge(catalog, roster.records(), 2024))
    assert [j.rejected for j in judged] == [True, True, True, True, False]
    messages = [str(j.problems[0]) for j in judged[:4]]
    assert messages[0] == f"{path}:1:55: duplicate key 'full_name'"
    assert messages[1].startswith(f"{path}:2:")
    assert "NaN" in messages[1]
    assert messages[2] == f"{path}:3: not UTF-8 text (byte 51)"
    assert messages[3].startswith(
        f"{path}:4: record longer than the roster limit of 400 bytes (RosterLimits.record_bytes)"
    )
    assert "--max-record-bytes" in messages[3]


def test_a_csv_roster_in_another_encoding_is_a_located_error(tmp_path: Path) -> None:
    """A CSV file that is not UTF-8 stops the review with its line (exit 2), not a crash."""
    (tmp_path / "staff.csv").write_bytes(
        "\ufeffid,full_name\nHP-1,An\n".encode() + "HP-2,Bình\n".encode("latin-1")
    )
    status, _, err = run("review", tmp_path, "--year", "2024", "--lang", "en")
    assert status == 2
    assert f"{tmp_path / 'staff.csv'}:3:" in err
    assert "not UTF-8 text" in err
    assert "internal error" not in err
