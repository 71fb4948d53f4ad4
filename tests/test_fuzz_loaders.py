"""Fuzzing the loaders: arbitrary text and bytes give data or a located error, never a crash.

Bounded: a fixed number of examples, each with a deadline, so a hang or a
slow path fails the test instead of stalling the suite.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from award_rules import CriteriaError, NomineeError, load_nominees
from award_rules.cli import main
from award_rules.criteria.loader import load_files
from award_rules.testing.cases import load_case_file
from award_rules.vocabulary import default_vocabulary
from award_rules.yamlfile import YamlLoadError, parse_documents

FUZZ = settings(
    max_examples=100,
    deadline=2000,
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
)

TOKENS = st.sampled_from(
    [
        "kind: unit\n",
        "kind: individual\n",
        "id: U\n",
        "name: N\n",
        "level: division\n",
        "ratings:\n",
        "  - ",
        "{year: 2019, level: good}",
        "year: ",
        "33:38",
        "03742",
        "2_018",
        ".nan",
        ".inf",
        "1e999",
        "yes",
        "0x1F",
        "&a ",
        "*a",
        "*b",
        "[",
        "]",
        "{",
        "}",
        ", ",
        ": ",
        "- ",
        "? ",
        "!!set ",
        "!!python/name:os.system ",
        "!!int ",
        "<<: ",
        "\n",
        "  ",
        "\t",
        '"\\e"',
        '"\\ud800"',
        "'",
        '"',
        "#",
        "---\n",
        "...\n",
        "%YAML 1.1\n",
        "\x00",
        "\x1b",
        "\ud800",
        "\ufeff",
        "2020-13-01",
        "2020-01-01",
        "~",
        "null",
        "é",
    ]
)
YAMLISH = st.lists(TOKENS, max_size=40).map("".join)
JSONISH = st.lists(
    st.sampled_from(
        [
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            '"a"',
            '"kind"',
            '"unit"',
            "1",
            "1.5e3",
            "NaN",
            "-Infinity",
            "1e999",
            "true",
            "null",
            '"\\u0000"',
            '"\\ud800"',
            '"\\ud83d\\ude00"',
            "\t",
            "\n",
            " ",
            "0" * 5000,
        ]
    ),
    max_size=40,
).map("".join)


def _check_error(diagnostics: list[object], file: str) -> None:
    """Every diagnostic is located in ``file``."""
    assert diagnostics
    for diagnostic in diagnostics:
        location = getattr(diagnostic, "location", None)
        assert location is not None, diagnostic
        assert location.file == file, diagnostic


@FUZZ
@given(text=st.one_of(st.text(max_size=300), YAMLISH))
def test_parsing_any_text_as_yaml_gives_data_or_a_located_error(text: str) -> None:
    """Arbitrary text read as YAML: documents, or one error with a line."""
    try:
        parse_documents(text, "fuzz.yaml")
    except YamlLoadError as exc:
        _check_error([exc.diagnostic], "fuzz.yaml")


@FUZZ
@given(text=st.one_of(st.text(max_size=300), JSONISH))
def test_parsing_any_text_as_json_gives_data_or_a_located_error(text: str) -> None:
    """Arbitrary text read as JSON and JSON Lines: documents, or one located error."""
    for kind in ("json", "jsonl"):
        try:
            parse_documents(text, "fuzz.json", kind=kind)
        except YamlLoadError as exc:
            _check_error([exc.diagnostic], "fuzz.json")


@FUZZ
@given(raw=st.binary(max_size=300), suffix=st.sampled_from([".yaml", ".json", ".jsonl"]))
def test_loading_any_bytes_as_nominees_gives_nominees_or_located_errors(
    raw: bytes, suffix: str
) -> None:
    """Arbitrary bytes in a nominee file: nominees, or a NomineeError located in the file."""
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / f"n{suffix}"
        path.write_bytes(raw)
        try:
            load_nominees(path)
        except NomineeError as exc:
            _check_error(list(exc.diagnostics), str(path))


@FUZZ
@given(text=YAMLISH)
def test_loading_any_criteria_text_gives_versions_or_located_diagnostics(text: str) -> None:
    """Arbitrary criteria text: every diagnostic is located in the file."""
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "award.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        result = load_files([path], default_vocabulary())
        for diagnostic in result.diagnostics:
            assert diagnostic.location is not None
            assert diagnostic.location.file == str(path)


@FUZZ
@given(text=YAMLISH)
def test_loading_any_case_file_gives_cases_or_located_errors(text: str) -> None:
    """Arbitrary case-file text: cases, or a CriteriaError located in the file."""
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "x.cases.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            load_case_file(path)
        except CriteriaError as exc:
            _check_error(list(exc.diagnostics), str(path))


@settings(max_examples=40, deadline=5000, database=None)
@given(
    raw=st.one_of(
        st.binary(max_size=200), YAMLISH.map(lambda t: t.encode("utf-8", "surrogatepass"))
    )
)
def test_check_on_any_bytes_never_exits_4(raw: bytes) -> None:
    """``award-rules check`` on arbitrary bytes: a verdict (0, 1, 3) or exit 2, no traceback."""
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "n.yaml"
        path.write_bytes(raw)
        out, err = io.StringIO(), io.StringIO()
        status = main(
            [
                "check",
                str(path),
                "--award",
                "vss.dg_certificate.small_collective",
                "--as-of",
                "2020-07-20",
            ],
            out,
            err,
        )
        assert status in (0, 1, 2, 3), err.getvalue()
        assert "Traceback" not in err.getvalue()
        if status == 2:
            assert all(
                line.startswith("award-rules: error: ") for line in err.getvalue().splitlines()
            )
