"""Roster limits: whole-file totals for YAML/JSON, per record for JSON Lines, named when hit."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from award_rules.cli import main
from award_rules.reading.limits import Limits
from award_rules.roster import RosterLimits, read_roster
from award_rules.roster.sample import records, write


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def _nodes(value: object) -> int:
    """Values as the input gate counts them in JSON: every container and scalar."""
    if isinstance(value, dict):
        return 1 + sum(_nodes(v) for v in value.values())
    if isinstance(value, list):
        return 1 + sum(_nodes(v) for v in value)
    return 1


def test_json_roster_over_the_gates_default_is_read_under_the_roster_default(
    tmp_path: Path,
) -> None:
    """A JSON roster past the gate's 1,000,000 values is read whole under the roster's limit."""
    data = list(records(17_000))
    assert RosterLimits().max_values > _nodes(data) > Limits().max_values
    path = tmp_path / "big.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    roster = read_roster(path)
    assert sum(1 for _ in roster) == len(data)
    assert roster.notices == []


def test_whole_file_limit_names_the_limit_and_how_to_raise_it(tmp_path: Path) -> None:
    """Past ``max_values`` a YAML roster is one located notice naming the limit and the option."""
    path = tmp_path / "roster.yaml"
    write(path, 40)
    roster = read_roster(path, limits=RosterLimits(max_values=500))
    assert list(roster) == []
    (notice,) = roster.notices
    assert notice.row is not None
    assert notice.row > 1
    assert "more than 500 values" in notice.message
    assert "RosterLimits.max_values" in notice.message
    assert "--max-values" in notice.hint
    assert "JSON Lines" in notice.hint


def test_review_command_raises_the_limit_with_its_option(tmp_path: Path) -> None:
    """``--max-values`` too low stops the review with exit 2 and the limit; raised, it runs."""
    path = tmp_path / "roster.yaml"
    write(path, 20)
    code, out, err = _run("review", str(path), "--year", "2020", "--max-values", "300")
    assert code == 2
    assert "RosterLimits.max_values" in err
    assert "--max-values N" in err
    assert "Traceback" not in err
    code, out, err = _run(
        "review", str(path), "--year", "2020", "--max-values", "300000", "--format", "csv"
    )
    assert code == 0, err
    assert "I0000019" in out


def test_whole_file_byte_limit_is_named(tmp_path: Path) -> None:
    """A JSON roster larger than ``max_bytes`` is refused with that limit and its option."""
    path = tmp_path / "roster.json"
    path.write_text(json.dumps(list(records(5))), encoding="utf-8")
    roster = read_roster(path, limits=RosterLimits(max_bytes=1000))
    assert list(roster) == []
    (notice,) = roster.notices
    assert "RosterLimits.max_bytes" in notice.message
    assert "--max-bytes" in notice.hint


def test_json_lines_limit_is_per_record_and_the_run_goes_on(tmp_path: Path) -> None:
    """A JSON Lines record over ``record_bytes`` is rejected with its line; the others are read."""
    lines = [json.dumps(r, ensure_ascii=False) for r in records(3)]
    long_line = max(range(len(lines)), key=lambda i: len(lines[i]))
    cap = len(lines[long_line].encode()) - 1
    path = tmp_path / "roster.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    entries = list(read_roster(path, limits=RosterLimits(record_bytes=cap)))
    assert len(entries) == len(lines)
    rejected = [e for e in entries if e.rejected]
    assert [e.index for e in rejected] == [
        i for i, line in enumerate(lines) if len(line.encode()) + 1 > cap
    ]
    problem = rejected[-1].problems[0]
    assert problem.row == long_line + 1
    assert f"limit of {cap} bytes" in problem.message
    assert "--max-record-bytes" in problem.hint
    # a whole-file total does not apply to JSON Lines: a tiny one changes nothing
    tiny = RosterLimits(max_values=1, max_bytes=1)
    assert not [e for e in read_roster(path, limits=tiny) if e.rejected]


def test_json_lines_bad_bytes_and_deep_nesting_are_located(tmp_path: Path) -> None:
    """A line that is not UTF-8 or nests too deeply is rejected with its line, not a crash."""
    good = json.dumps(next(iter(records(0))), ensure_ascii=False).encode()
    path = tmp_path / "roster.jsonl"
    path.write_bytes(good + b"\n" + b'{"id": "\xff"}\n' + b"[" * 100_000 + b"\n" + good + b"\n")
    entries = list(read_roster(path))
    assert [e.rejected for e in entries] == [False, True, True, False]
    assert entries[1].problems[0].row == 2
    assert "UTF-8" in entries[1].problems[0].message
    assert entries[2].problems[0].row == 3


@pytest.mark.parametrize("option", ["--max-values", "--max-bytes", "--max-record-bytes"])
def test_limit_options_must_be_positive(option: str, tmp_path: Path) -> None:
    """A limit of 0 is a usage error (exit 2) naming the limit."""
    path = tmp_path / "roster.jsonl"
    write(path, 1)
    code, _, err = _run("review", str(path), "--year", "2020", option, "0")
    assert code == 2
    assert "must be a positive integer" in err
