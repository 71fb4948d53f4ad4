"""The input gate: limits, clean text, YAML 1.2 core schema, JSON as JSON, no NaN."""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

import pytest

from award_rules import NomineeError, load_nominee, load_nominees
from award_rules.reading import Limits, default_limits, set_default_limits, yaml12
from award_rules.yamlfile import YamlLoadError, load_documents, parse_documents

BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9) if prev else ', '.join(['lol'] * 9)}]\n"
    for prev, name in zip(["", *"abcdefgh"], "abcdefghi", strict=True)
)


@pytest.fixture(params=["c", "pure"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both YAML parsers: libyaml (when installed) and PyYAML's pure-Python one."""
    if request.param == "c" and not yaml12.C_PARSER:
        pytest.skip("PyYAML has no C parser here")
    if request.param == "pure":
        monkeypatch.setattr(yaml12, "C_PARSER", False)
    return request.param


def error(text: str, file: str = "data.yaml", **kwargs: object) -> tuple[str, str, int, int]:
    """The code, message, line and column of the error reading ``text``."""
    kind = {".json": "json", ".jsonl": "jsonl"}.get(Path(file).suffix, "yaml")
    with pytest.raises(YamlLoadError) as info:
        parse_documents(text, file, kind=kind, **kwargs)  # type: ignore[arg-type]
    diagnostic = info.value.diagnostic
    assert diagnostic.location is not None
    assert diagnostic.location.file == file
    line, column = diagnostic.location.line, diagnostic.location.column
    assert line is not None, diagnostic
    assert column is not None, diagnostic
    return diagnostic.code, diagnostic.message, line, column


def data(text: str, kind: str = "yaml") -> object:
    """The data of the single document in ``text``."""
    (document,) = parse_documents(text, "data", kind=kind)
    return document.data


def test_alias_bomb_fails_at_the_alias_that_crosses_the_limit(parser: str) -> None:
    """A 333-byte billion-laughs file stops at the value limit, located, without expanding."""
    assert len(BOMB.encode()) < 400
    code, message, line, _column = error(BOMB)
    assert code == "input-limit"
    assert "max_values" in message
    assert line == 7  # g: 9**7 values crosses the default million


def test_aliases_within_the_limit_read_as_their_values(parser: str) -> None:
    """An alias stands for its anchor's value when the expansion is small."""
    assert data("a: &x {b: [1, 2]}\nc: *x\n") == {"a": {"b": [1, 2]}, "c": {"b": [1, 2]}}


def test_value_limit_is_configurable(parser: str) -> None:
    """``Limits.max_values`` counts every value, aliases as what they stand for."""
    text = "a: &x [1, 2, 3]\nb: [*x, *x]\n"
    assert data(text) == {"a": [1, 2, 3], "b": [[1, 2, 3], [1, 2, 3]]}
    code, _, line, _ = error(text, limits=Limits(max_values=8))
    assert (code, line) == ("input-limit", 2)


def test_nesting_deeper_than_the_limit_is_located(parser: str) -> None:
    """Nesting beyond ``max_depth`` stops the read where the limit is crossed."""
    code, message, line, column = error("a: " + "{b: " * 5000 + "1" + "}" * 5000)
    assert code == "input-limit"
    assert "max_depth" in message
    assert (line, column) == (1, 4 + 4 * 99)


def test_nesting_through_an_alias_counts(parser: str) -> None:
    """An alias to a deep value placed deep crosses the depth limit too."""
    text = "a: &x [[[1]]]\nb: [[*x]]\n"
    assert data(text) == {"a": [[[1]]], "b": [[[[[1]]]]]}
    assert error(text, limits=Limits(max_depth=5))[:1] == ("input-limit",)


def test_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    """A file over ``max_bytes`` is refused without being parsed."""
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * 2000 + "\n", encoding="utf-8")
    with pytest.raises(YamlLoadError) as info:
        load_documents(path, limits=Limits(max_bytes=1000))
    assert info.value.diagnostic.code == "input-limit"
    assert "1000 bytes" in info.value.diagnostic.message


def test_default_limits_can_be_replaced(tmp_path: Path) -> None:
    """``set_default_limits`` changes the limits every loader uses by default."""
    path = tmp_path / "n.yaml"
    path.write_text("kind: unit\nid: U\nname: N\nlevel: division\n", encoding="utf-8")
    previous = set_default_limits(Limits(max_bytes=10))
    try:
        with pytest.raises(NomineeError, match="max_bytes"):
            load_nominee(path)
    finally:
        set_default_limits(previous)
    assert default_limits() == previous
    assert load_nominee(path).id == "U"


def test_limits_must_be_positive_integers() -> None:
    """A limit of zero, a negative or a non-integer limit is a programming error."""
    for bad in (0, -1, 1.5, True):
        with pytest.raises(ValueError, match="max_depth"):
            Limits(max_depth=bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "where", "what"),
    [
        ("a: 1\nb: x\x07y\n", (2, 5), "U+0007"),
        ("a: 1\nb: \x00\n", (2, 4), "U+0000"),
        ("name: x\x1b[31m\n", (1, 8), "U+001B"),
        ("name: \x9b\n", (1, 7), "U+009B"),
        ("name: \ud800\n", (1, 7), "surrogate"),
    ],
)
def test_control_characters_in_the_text_are_located(
    parser: str, text: str, where: tuple[int, int], what: str
) -> None:
    """A control character or a lone surrogate anywhere is refused with line and column."""
    code, message, line, column = error(text)
    assert code == "control-character"
    assert what in message
    assert (line, column) == where


@pytest.mark.parametrize("escape", ['"\\e[31m"', '"\\x1b"', '"a\\0b"', '"\\u007f"'])
def test_control_characters_from_escapes_are_located(parser: str, escape: str) -> None:
    """Escapes that produce control characters are refused at the scalar."""
    code, _, line, column = error(f"a: 1\nname: {escape}\n")
    assert code == "control-character"
    assert (line, column) == (2, 7)


def test_tabs_and_line_breaks_in_text_are_kept(parser: str) -> None:
    """Tabs and newlines are text, not control characters to refuse."""
    assert data('note: "a\\tb\\nc"\n') == {"note": "a\tb\nc"}


def test_escaped_lone_surrogate_is_refused(parser: str) -> None:
    """``"\\ud800"`` never becomes a string that crashes on printing."""
    code, _, line, _ = error('a: 1\nname: "\\ud800"\n')
    assert code in ("control-character", "yaml-syntax")
    assert line == 2


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("33:38", "33:38"),
        ("03742", "03742"),
        ("2_018", "2_018"),
        ("yes", "yes"),
        ("No", "No"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("0b101", "0b101"),
        ("+12", 12),
        ("2018", 2018),
        ("0", 0),
        ("-7", -7),
        ("0x1F", 31),
        ("0o17", 15),
        ("1.035e2", 103.5),
        ("1e3", 1000.0),
        (".5", 0.5),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("2020-01-02", dt.date(2020, 1, 2)),
        ("2020-01-02 10:30:00", dt.datetime(2020, 1, 2, 10, 30)),
        ("'2018'", "2018"),
    ],
)
def test_plain_scalars_follow_the_yaml_1_2_core_schema(
    parser: str, written: str, read: object
) -> None:
    """No YAML 1.1 sexagesimal, octal, underscore numbers or yes/no booleans."""
    value = data(f"v: {written}\n")
    assert value == {"v": read}
    assert type(value["v"]) is type(read)  # type: ignore[index]


@pytest.mark.parametrize(
    "written", [".nan", ".NaN", ".inf", "-.inf", "+.Inf", "1e999", "!!float .nan"]
)
def test_nan_and_infinity_are_refused_in_yaml(parser: str, written: str) -> None:
    """NaN, infinities and overflowing numbers are located errors."""
    code, _, line, column = error(f"a: 1\nv: {written}\n")
    assert (code, line, column) == ("number", 2, 4)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("!!set {a, b}\n", "yaml-tag"),
        ("a: !!python/object/apply:os.system [ls]\n", "yaml-tag"),
        ("a: !!binary aGk=\n", "yaml-tag"),
        ("a: !custom 1\n", "yaml-tag"),
        ("a: !!int x\n", "yaml-value"),
        ("? [a]\n: 1\n", "yaml"),
        ("{[a]: 1}\n", "yaml"),
        ("a: &x {b: 1}\nc:\n  <<: *x\n", "yaml"),
        ("a: 1\na: 2\n", "duplicate-key"),
        ("a: *nowhere\n", "yaml"),
        ("a: 2020-13-01\n", "yaml-value"),
        ("a: " + "9" * 5000 + "\n", "yaml-value"),
        ("a: [1\n", "yaml-syntax"),
    ],
)
def test_what_yaml_data_cannot_hold_is_located(parser: str, text: str, code: str) -> None:
    """Tags beyond the core schema, non-scalar keys, merge keys and bad values are refused."""
    assert error(text)[0] == code


def test_json_is_read_as_json_with_exponents_and_tabs() -> None:
    """Valid JSON is accepted: exponents, tab indentation, surrogate-pair escapes."""
    text = '{\n\t"a": 1.035e2,\n\t"b": [1,\n\t\t2E-1],\n\t"c": "\\ud83d\\ude00 \\/"}'
    assert data(text, "json") == {"a": 103.5, "b": [1, 0.2], "c": "😀 /"}


@pytest.mark.parametrize(
    ("text", "code", "where"),
    [
        ('{"a": 1,\n "b": NaN}', "number", (2, 7)),
        ('{"a": [1,\n  -Infinity]}', "number", (2, 3)),
        ('{"s": "NaN",\n "b": Infinity}', "number", (2, 7)),
        ('{"a":\n  1e999}', "number", (2, 3)),
        ('{"a": 1,\n "a": 2}', "duplicate-key", (2, 2)),
        ('{"a": 1,\n "name": "\\u001b[31m"}', "control-character", (2, 10)),
        ('{"a": 1,\n "name": "\\ud800"}', "control-character", (2, 10)),
        # Python 3.13's json module points at the trailing comma, older ones after it.
        ('{"a": 1,}', "json-syntax", (1, 8) if sys.version_info >= (3, 13) else (1, 9)),
        ('{"a":\n 1\n', "json-syntax", (3, 1)),
        ("[" * 100000 + "]" * 100000, "input-limit", (1, 101)),
    ],
)
def test_json_problems_are_located(text: str, code: str, where: tuple[int, int]) -> None:
    """NaN, infinities, duplicates, control characters and syntax errors in JSON have a line."""
    found = error(text, "data.json")
    assert found[0] == code, found
    if code != "input-limit":
        assert found[2:] == where
    else:
        assert found[2] == 1


def test_json_depth_limit_is_the_same_limit() -> None:
    """JSON nesting within the recursion limit but beyond ``max_depth`` is refused."""
    text = "[" * 150 + "]" * 150
    code, message, _, _ = error(text, "data.json")
    assert code == "input-limit"
    assert "max_depth" in message


def test_json_lines_have_the_line_of_each_record() -> None:
    """JSON Lines: one document per non-blank line; an error names its line."""
    docs = parse_documents('{"a": 1}\n\n{"a": 2}\n', "e.jsonl", kind="jsonl")
    assert [d.data for d in docs] == [{"a": 1}, {"a": 2}]
    assert docs[1].location(("a",)).line == 3
    code, _, line, column = error('{"a": 1}\n{"a":\t2}\n{"a": NaN}\n', "e.jsonl")
    assert (code, line, column) == ("number", 3, 7)


def test_non_utf8_byte_is_located(tmp_path: Path) -> None:
    """A byte that is not UTF-8 is reported with the line and column it is on."""
    path = tmp_path / "n.yaml"
    path.write_bytes(
        "kind: unit\nname: Phòng \xff\n".encode("latin-1").replace(b"\xf2", "ò".encode())
    )
    with pytest.raises(YamlLoadError) as info:
        load_documents(path)
    diagnostic = info.value.diagnostic
    assert diagnostic.code == "encoding"
    assert "0xFF" in diagnostic.message
    assert diagnostic.location is not None
    assert (diagnostic.location.line, diagnostic.location.column) == (2, 13)


def test_a_byte_order_mark_is_allowed(tmp_path: Path) -> None:
    """A UTF-8 byte order mark at the start of a JSON or YAML file is not an error."""
    for name in ("n.json", "n.yaml"):
        path = tmp_path / name
        path.write_bytes(b'\xef\xbb\xbf{"a": 1}')
        assert load_documents(path)[0].data == {"a": 1}


def test_stdin_is_read_through_the_same_gate(monkeypatch: pytest.MonkeyPatch) -> None:
    """``-`` reads standard input: JSON when it is JSON, else YAML; limits apply."""
    stdin = io.TextIOWrapper(io.BytesIO(b'{"a": 1.5e1}'), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert load_documents("-")[0].data == {"a": 15.0}
    stdin = io.TextIOWrapper(io.BytesIO(b"a: yes\n"), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    (document,) = load_documents("-")
    assert document.data == {"a": "yes"}
    assert document.file == "<stdin>"
    stdin = io.TextIOWrapper(io.BytesIO(b"a: " + b"x" * 100), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    with pytest.raises(YamlLoadError, match="max_bytes"):
        load_documents("-", limits=Limits(max_bytes=50))


def test_infinite_result_in_a_nominee_file_is_located(tmp_path: Path) -> None:
    """``plan_completion_pct: .inf`` never reaches evaluation."""
    path = tmp_path / "unit.yaml"
    path.write_text(
        "kind: unit\nid: U\nname: N\nlevel: province\n"
        "results:\n  - {year: 2020, plan_completion_pct: .inf}\n",
        encoding="utf-8",
    )
    with pytest.raises(NomineeError) as info:
        load_nominee(path)
    (diagnostic,) = info.value.diagnostics
    assert diagnostic.code == "number"
    assert str(diagnostic.location).endswith("unit.yaml:6:39")


def test_a_roster_list_locates_errors_in_each_item(tmp_path: Path) -> None:
    """Errors in the n-th nominee of a list point at its own lines."""
    path = tmp_path / "roster.json"
    path.write_text(
        '[{"kind": "unit", "id": "A", "name": "N", "level": "division"},\n'
        ' {"kind": "unit", "id": "B", "name": "N", "level": "divisoin"}]',
        encoding="utf-8",
    )
    with pytest.raises(NomineeError) as info:
        load_nominees(path)
    (diagnostic,) = info.value.diagnostics
    assert diagnostic.path == "level"
    assert diagnostic.location is not None
    assert diagnostic.location.line == 2


def test_unreadable_paths_are_errors_not_crashes(tmp_path: Path) -> None:
    """A directory, a missing file or a NUL in the path is an ``io`` error, name escaped."""
    for source, shown in [
        (tmp_path, str(tmp_path)),
        (tmp_path / "missing.yaml", str(tmp_path / "missing.yaml")),
        ("a\x00b\x1b.yaml", "a\\x00b\\x1b.yaml"),
    ]:
        with pytest.raises(YamlLoadError) as info:
            load_documents(source)
        assert info.value.diagnostic.code == "io"
        assert info.value.diagnostic.location is not None
        assert info.value.diagnostic.location.file == shown


def test_duplicate_json_keys_written_differently_are_found() -> None:
    """``"a"`` and ``"\\u0061"`` are the same key in JSON, and refused with a position."""
    code, _, line, column = error('{"a": 1, "\\u0061": 2}', "data.json")
    assert (code, line, column) == ("duplicate-key", 1, 10)


@pytest.mark.parametrize("char", ["\x7f", "\x9b", "\ufffe"])
def test_a_refused_character_written_in_a_json_string_is_located(tmp_path: Path, char: str) -> None:
    """Written as it is (JSON allows it unescaped), it is refused at its line and column."""
    path = tmp_path / "n.json"
    path.write_text(f'{{"kind": "individual",\n "full_name": "a{char}b"}}', encoding="utf-8")
    with pytest.raises(NomineeError) as info:
        load_nominee(path)
    (diagnostic,) = info.value.diagnostics
    assert diagnostic.code == "control-character"
    assert diagnostic.location is not None
    assert (diagnostic.location.line, diagnostic.location.column) == (2, 17)
