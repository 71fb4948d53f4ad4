"""A hostile-input corpus, written by the tests: every case ends in a located error.

Each file is generated here (no committed blobs) and given to the command line
as a user would; the only outcome allowed is exit 2 with one ``file:line:column``
line per problem (or, for valid data, a verdict). Never exit 4, never a traceback.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from award_rules.cli import main

UNIT = "kind: unit\nid: U-1\nname: Phòng 1\nlevel: division\nestablished_on: 2005-01-01\n"
PERSON = (
    "kind: individual\nid: HP-1\nfull_name: Nguyễn Văn A\n"
    "service:\n  - {start: 2000-01-01, end: 2020-03-31}\nretirement_date: 2020-04-01\n"
)
UNIT_AWARD = "vss.dg_certificate.small_collective"
PERSON_AWARD = "vss.dg_certificate.retirement"
BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9) if prev else ', '.join(['lol'] * 9)}]\n"
    for prev, name in zip(["", *"abcdefgh"], "abcdefghi", strict=True)
)
UNIT_JSON = {"kind": "unit", "id": "U-1", "name": "Phòng 1", "level": "division"}


def run(*args: str | Path) -> tuple[int, str, str]:
    """Exit status, stdout and stderr of the command line."""
    out, err = io.StringIO(), io.StringIO()
    status = main([str(a) for a in args], out, err)
    return status, out.getvalue(), err.getvalue()


def assert_located(status: int, out: str, err: str, file: Path, line: int | None) -> None:
    """Exit 2, nothing on stdout, every message located in ``file`` (at ``line`` if given)."""
    assert status == 2, (status, err)
    assert out == ""
    assert "Traceback" not in err
    assert "internal error" not in err
    messages = err.splitlines()
    assert messages
    assert all(m.startswith(f"award-rules: error: {file}") for m in messages), err
    if line is not None:
        assert any(m.startswith(f"award-rules: error: {file}:{line}:") for m in messages), err


NOMINEES: list[tuple[str, str, bytes, int | None]] = [
    (
        "infinite result",
        "u.yaml",
        (UNIT + "results:\n  - {year: 2019, plan_completion_pct: .inf}\n").encode(),
        7,
    ),
    ("nan score", "u.yaml", (UNIT + "results:\n  - {year: 2019, score: .nan}\n").encode(), 7),
    (
        "overflowing number",
        "u.yaml",
        (UNIT + "results:\n  - {year: 2019, score: 1e999}\n").encode(),
        7,
    ),
    (
        "json NaN",
        "u.json",
        b'{"kind": "unit", "id": "U", "name": "N",\n "level": "division",\n'
        b' "results": [{"year": 2019, "score": NaN}]}',
        3,
    ),
    (
        "json Infinity",
        "u.json",
        b'{"kind": "unit", "id": "U", "name": "N",\n "results": [{"year": 2019,\n'
        b' "plan_completion_pct": Infinity}]}',
        3,
    ),
    (
        "sexagesimal year",
        "u.yaml",
        (UNIT + "ratings:\n  - {year: 33:38, level: good}\n").encode(),
        7,
    ),
    (
        "leading-zero year",
        "u.yaml",
        (UNIT + "ratings:\n  - {year: 03742, level: good}\n").encode(),
        7,
    ),
    (
        "underscore year",
        "u.yaml",
        (UNIT + "ratings:\n  - {year: 2_018, level: good}\n").encode(),
        7,
    ),
    ("yes as a boolean", "u.yaml", (UNIT + "remote_area: yes\n").encode(), 6),
    (
        "year 2022.0",
        "u.json",
        json.dumps({**UNIT_JSON, "ratings": [{"year": 2022.0, "level": "good"}]}).encode(),
        1,
    ),
    ("date 01/09/2008", "u.yaml", UNIT.replace("2005-01-01", "01/09/2008").encode(), 5),
    ("kind missing", "u.yaml", UNIT.replace("kind: unit\n", "").encode(), None),
    ("blank name", "u.yaml", UNIT.replace("Phòng 1", '"   "').encode(), 3),
    ("tab name", "u.yaml", UNIT.replace("Phòng 1", '"\\t"').encode(), 3),
    ("escape sequence in name", "u.yaml", UNIT.replace("Phòng 1", '"\\e[31mRed"').encode(), 3),
    (
        "unicode escape in name",
        "u.json",
        json.dumps({**UNIT_JSON, "name": "\x1b[31mRed"}).encode(),
        1,
    ),
    ("NUL in name", "u.yaml", UNIT.replace("Phòng 1", "a\x00b").encode(), 3),
    ("bell in the file", "u.yaml", (UNIT + "# \x07\n").encode(), 6),
    ("lone surrogate escape", "u.yaml", UNIT.replace("Phòng 1", '"\\ud800"').encode(), 3),
    ("lone surrogate json", "u.json", b'{"kind": "unit",\n "name": "\\ud800"}', 2),
    ("non-UTF-8 byte", "u.yaml", UNIT.encode().replace("ò".encode(), b"\xf2"), 3),
    ("set as a key", "u.yaml", (UNIT + "? [a, b]\n: 1\n").encode(), 6),
    ("set tag", "u.yaml", b"!!set {a, b}\n", 1),
    ("python tag", "u.yaml", (UNIT + "x: !!python/object/apply:os.system [ls]\n").encode(), 6),
    ("merge key", "u.yaml", (UNIT + "<<: {a: 1}\n").encode(), 6),
    ("duplicate key", "u.yaml", (UNIT + "name: Again\n").encode(), 6),
    ("json duplicate key", "u.json", b'{"kind": "unit",\n "kind": "unit"}', 2),
    ("thousand levels deep", "u.yaml", (UNIT + "x: " + "[" * 1000 + "]" * 1000 + "\n").encode(), 6),
    ("thousand levels deep json", "u.json", b"[" * 1000 + b"]" * 1000, 1),
    ("alias bomb", "u.yaml", BOMB.encode(), 7),
    (
        "misspelt award received",
        "p.yaml",
        (PERSON + "awards:\n  - {award: vss.dg_certificat, year: 2010}\n").encode(),
        8,
    ),
    (
        "misspelt title registered",
        "p.yaml",
        (PERSON + "registrations:\n  - {year: 2019, titles: [national.advanced_workr]}\n").encode(),
        8,
    ),
    ("empty file", "u.yaml", b"", None),
    ("a list of scalars", "u.yaml", b"- 1\n- 2\n", 1),
    ("yaml syntax error", "u.yaml", (UNIT + "x: [1\n").encode(), None),
    ("json syntax error", "u.json", b'{"kind": "unit",}', 1),
    ("binary garbage", "u.yaml", bytes(range(256)), 2),
]


@pytest.mark.parametrize(
    ("name", "file_name", "content", "line"), NOMINEES, ids=[c[0] for c in NOMINEES]
)
def test_hostile_nominee_files_give_located_errors(
    tmp_path: Path, name: str, file_name: str, content: bytes, line: int | None
) -> None:
    """Every hostile nominee file ends in exit 2 with file and line, never exit 4."""
    path = tmp_path / file_name
    path.write_bytes(content)
    award = PERSON_AWARD if file_name.startswith("p") else UNIT_AWARD
    status, out, err = run("check", path, "--award", award, "--as-of", "2020-07-20")
    assert_located(status, out, err, path, line)


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    """A nominee file larger than the default limit (16 MiB) fails at once."""
    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:
        handle.write(UNIT.encode())
        handle.truncate(16 * 1024 * 1024 + 1)
    status, out, err = run("check", path, "--award", UNIT_AWARD)
    assert_located(status, out, err, path, None)
    assert "max_bytes" in err


def test_valid_json_with_exponents_and_tabs_is_judged(tmp_path: Path) -> None:
    """Valid JSON is read as JSON: an exponent and tab indentation give a verdict."""
    path = tmp_path / "u.json"
    path.write_text(
        '{\n\t"kind": "unit", "id": "U-1", "name": "Phòng 1", "level": "division",\n'
        '\t"established_on": "2005-01-01",\n'
        '\t"results": [{"year": 2019, "plan_completion_pct": 1.035e2}]\n}',
        encoding="utf-8",
    )
    status, out, err = run("check", path, "--award", UNIT_AWARD, "--as-of", "2020-07-20")
    assert status in (0, 1, 3), err
    assert "Phòng 1" in out


HEADER = (
    "id: example.award\nname: {vi: Ví dụ, en: Example}\nsubject: unit\n"
    "source: Example document\nin_force: {from: 2000-01-01}\n"
)
CRITERIA: list[tuple[str, str, int]] = [
    (
        "reversed span",
        "conditions:\n  - {id: c, check: ratings_at_least, years: {from: 2019, to: 2016}}\n",
        7,
    ),
    ("nan bound", "conditions:\n  - {id: c, check: result, field: score, min: .nan}\n", 7),
    (
        "above equals max",
        "conditions:\n  - {id: c, check: result, field: score, above: 90, max: 90}\n",
        7,
    ),
    ("min_years true", "conditions:\n  - {id: c, check: rating_streak, min_years: true}\n", 7),
    ("annual yes", 'annual: "yes"\nconditions:\n  - {id: c, check: registered}\n', 6),
    (
        "last_years a billion",
        "conditions:\n  - {id: c, check: no_discipline, window: {last_years: 1000000000}}\n",
        7,
    ),
    ("control character", "conditions:\n  - {id: c, check: registered}\n# \x1b\n", 8),
    ("alias bomb", BOMB, 12),
    ("deep nesting", "conditions:\n  - " + "{a: " * 500 + "1" + "}" * 500 + "\n", 7),
]


def criteria_dir(tmp_path: Path, body: str) -> Path:
    """A criteria directory holding one file: the header and ``body``."""
    root = tmp_path / "criteria"
    root.mkdir()
    (root / "award.yaml").write_text(HEADER + body, encoding="utf-8")
    return root


@pytest.mark.parametrize(("name", "body", "line"), CRITERIA, ids=[c[0] for c in CRITERIA])
def test_hostile_criteria_give_located_errors(
    tmp_path: Path, name: str, body: str, line: int
) -> None:
    """Hostile criteria fail to load with file and line (check: exit 2; validate: exit 1)."""
    root = criteria_dir(tmp_path, body)
    nominee = tmp_path / "u.yaml"
    nominee.write_text(UNIT, encoding="utf-8")
    status, out, err = run("check", nominee, "--award", "example.award", "--criteria", root)
    assert_located(status, out, err, root / "award.yaml", line)
    status, out, _ = run("validate", root)
    assert status == 1
    assert f"{root / 'award.yaml'}:{line}:" in out


def test_one_unreadable_criteria_file_does_not_stop_validate(tmp_path: Path) -> None:
    """``validate`` reports a file with a control character and still checks the others."""
    root = criteria_dir(tmp_path, "conditions:\n  - {id: c, check: registered}\n")
    (root / "bad.yaml").write_bytes(b"id: x\n\x00\n")
    status, out, _ = run("validate", root)
    assert status == 1
    assert f"{root / 'bad.yaml'}:2:1:" in out
    assert "1 criteria versions" in out


def test_hostile_case_file_is_located(tmp_path: Path) -> None:
    """A case file with a NaN is reported with its line, and the run exits 2."""
    case_file = tmp_path / "x.cases.yaml"
    case_file.write_text(
        "award: vss.dg_certificate.small_collective\nas_of: 2020-07-20\ncases:\n"
        "  - name: n\n    nominee: {kind: unit, id: U, name: N, level: division}\n"
        "    set: {remote_area: .nan}\n    expect: {status: eligible}\n",
        encoding="utf-8",
    )
    status, out, _ = run("test", case_file)
    assert status == 2
    assert f"{case_file}:6:" in out
