"""Strict types at load time: criteria arguments and nominee text fields."""

from __future__ import annotations

from pathlib import Path

import pytest

from award_rules import CriteriaError, Diagnostic, NomineeError, load_catalog, parse_nominee

HEADER = """\
id: example.award
name: {vi: Ví dụ, en: Example}
subject: unit
source: Example document
in_force: {from: 2020-01-01}
"""


def load_errors(tmp_path: Path, text: str) -> list[Diagnostic]:
    """The diagnostics of loading one criteria file (which must fail)."""
    (tmp_path / "award.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(CriteriaError) as info:
        load_catalog(tmp_path)
    return info.value.diagnostics


@pytest.mark.parametrize(
    ("condition", "line", "words"),
    [
        ("{id: c, check: ratings_at_least, years: {from: 2019, to: 2016}}", 7, "after 'to'"),
        ("{id: c, check: rating_streak, min_years: true}", 7, "whole number"),
        ("{id: c, check: rating_streak, min_years: 3.0}", 7, "whole number"),
        ("{id: c, check: result, field: score, above: 90, max: 90}", 7, "never be true"),
        ("{id: c, check: result, field: score, min: .nan}", 7, "NaN"),
        ("{id: c, check: result, field: score, min: true}", 7, "a number"),
        ("{id: c, check: result, field: score, max: 1e400}", 7, "out of range"),
    ],
)
def test_criteria_arguments_are_strict(
    tmp_path: Path, condition: str, line: int, words: str
) -> None:
    """Arguments that would be converted, or could never hold, are load-time errors."""
    diagnostics = load_errors(tmp_path, HEADER + f"conditions:\n  - {condition}\n")
    assert any(words in d.message for d in diagnostics), diagnostics
    assert all(d.location is not None and d.location.line == line for d in diagnostics)


def test_a_parameter_value_is_held_to_the_argument_type(tmp_path: Path) -> None:
    """``min_years: $n`` with ``n: true`` is refused like ``min_years: true``."""
    text = (
        HEADER
        + "parameters:\n  n: {value: true, note: why}\n"
        + "conditions:\n  - {id: c, check: rating_streak, min_years: $n}\n"
    )
    diagnostics = load_errors(tmp_path, text)
    assert any("whole number" in d.message for d in diagnostics), diagnostics


@pytest.mark.parametrize("value", ['"yes"', "1", "yes", '"true"'])
def test_annual_is_true_or_false(tmp_path: Path, value: str) -> None:
    """``annual: "yes"`` (or 1) is not read as true."""
    text = HEADER + f"annual: {value}\nconditions:\n  - {{id: c, check: registered}}\n"
    diagnostics = load_errors(tmp_path, text)
    assert any(d.path == "annual" for d in diagnostics), diagnostics


def test_strict_arguments_still_accept_the_right_types(tmp_path: Path) -> None:
    """Whole numbers, floats for float bounds and spans in order load fine."""
    text = HEADER + (
        "conditions:\n"
        "  - {id: a, check: result, field: score, above: 89.5, max: 100}\n"
        "  - {id: b, check: ratings_at_least, years: {from: 2016, to: 2019}}\n"
        "  - {id: c, check: rating_streak, min_years: 3}\n"
    )
    (tmp_path / "award.yaml").write_text(text, encoding="utf-8")
    assert load_catalog(tmp_path).ids() == ["example.award"]


def unit(**changes: object) -> dict[str, object]:
    """A valid unit record with ``changes``."""
    return {"kind": "unit", "id": "U-1", "name": "Phòng 1", "level": "division", **changes}


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"name": "   "}, "name"),
        ({"name": "\t"}, "name"),
        ({"name": "\u3000"}, "name"),
        ({"name": "\x1b[31mRed"}, "name"),
        ({"name": "a\x00b"}, "name"),
        ({"name": "a\rb"}, "name"),
        ({"name": "\ud800"}, "name"),
        ({"id": ""}, "id"),
        ({"awards": [{"award": " ", "year": 2020}]}, "awards[0].award"),
        ({"registrations": [{"year": 2020, "titles": ["\x07"]}]}, "registrations[0].titles[0]"),
        ({"results": [{"year": 2020, "plan_completion_pct": float("inf")}]}, "results[0]"),
        ({"results": [{"year": 2020, "score": float("nan")}]}, "results[0]"),
        ({"ratings": [{"year": 2020.0, "level": "good"}]}, "ratings[0].year"),
        ({"remote_area": "yes"}, "remote_area"),
    ],
)
def test_nominee_text_and_numbers_are_clean(changes: dict[str, object], path: str) -> None:
    """Blank text, control characters, NaN, infinity and lax numbers are refused with a path."""
    with pytest.raises(NomineeError) as info:
        parse_nominee(unit(**changes))
    assert any(d.path.startswith(path) for d in info.value.diagnostics), info.value.diagnostics


def test_text_is_trimmed_and_may_span_lines() -> None:
    """Surrounding spaces go; tabs and line feeds inside text are kept."""
    nominee = parse_nominee(unit(name="  Phòng\tKế hoạch\nTài chính  "))
    assert nominee.name == "Phòng\tKế hoạch\nTài chính"  # type: ignore[union-attr]
