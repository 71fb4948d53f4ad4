"""The JSON gate answers as its plain definition does, on any JSON text.

The gate tells most texts clean by what they show (no refusable escape, few
enough containers and commas), catches a number that overflows as it reads
it, and walks the values only otherwise; the plain definition always walks them. Texts are
generated with keys written twice (also as escapes), refused characters raw and
escaped, numbers that overflow to infinity, and small limits.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from award_rules.reading import Limits
from award_rules.reading.document import InputError
from award_rules.reading.jsondata import _clean_by_its_text, _load, _walk, parse_json
from award_rules.reading.text import check_text

CHARACTERS = [*'ab:é \t\n"\\/', "\x01", "\x08", "\x0c", "\x7f", "\x85", "\x9b", "\ud800", "\ufffe"]
CHARACTERS.append("\U0001f600")


@dataclass
class Number:
    """A number as written, such as ``1e400``."""

    text: str


@dataclass
class Obj:
    """A JSON object as written: its pairs in order, a key possibly twice."""

    pairs: list[tuple[str, Any]]


def write_string(text: str, style: int) -> str:
    """``text`` as a JSON string: ASCII escapes, raw characters, or every character escaped."""
    if style == 0:
        return json.dumps(text)
    if style == 1:
        return json.dumps(text, ensure_ascii=False)
    return (
        '"'
        + "".join(json.dumps(c)[1:-1] if ord(c) > 0xFFFF else f"\\u{ord(c):04x}" for c in text)
        + '"'
    )


def write(value: Any, styles: list[int]) -> str:
    """``value`` as JSON text, the strings written in turn in each of ``styles``."""

    def style() -> int:
        styles.append(styles.pop(0))
        return styles[-1]

    if isinstance(value, Obj):
        return (
            "{"
            + ", ".join(f"{write_string(k, style())}: {write(v, styles)}" for k, v in value.pairs)
            + "}"
        )
    if isinstance(value, list):
        return "[" + ",".join(write(v, styles) for v in value) + "]"
    if isinstance(value, str):
        return write_string(value, style())
    if isinstance(value, Number):
        return value.text
    return json.dumps(value)


texts = st.text(alphabet=st.sampled_from(CHARACTERS), max_size=5)
keys = st.sampled_from(["a", "b", "a:b", ":", "é"]) | texts
NUMBERS = ["1e400", "-1E+309", "1e99", "1" + "0" * 250 + ".5e60", "0." + "0" * 250 + "1", "2e-400"]
scalars = (
    st.none()
    | st.booleans()
    | st.integers(-9, 9)
    | st.floats(-1e3, 1e3)
    | texts
    | st.sampled_from(NUMBERS).map(Number)
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.lists(st.tuples(keys, inner), max_size=4).map(Obj)
    ),
    max_leaves=12,
)
limits = st.builds(
    Limits, max_bytes=st.just(10_000), max_depth=st.integers(1, 5), max_values=st.integers(1, 40)
)


def plain_definition(text: str, limits: Limits) -> tuple[str, Any]:
    """``("ok", data)`` or ``("refused", code)``: a refused character written as it is
    refused first, then each object checked as it is read, then every value walked."""
    try:
        check_text(text, "data.json")
        data = _load(text, "data.json", limits, 1)
    except InputError as exc:
        return "refused", exc.diagnostic.code
    problem = _walk(data, limits)
    return ("ok", data) if problem is None else ("refused", problem[0])


def gate(text: str, limits: Limits) -> tuple[str, Any]:
    """The same answer from :func:`parse_json`."""
    try:
        return "ok", parse_json(text, "data.json", limits).data
    except InputError as exc:
        return "refused", exc.diagnostic.code


@given(values, st.lists(st.integers(0, 2), min_size=1, max_size=4), limits)
def test_the_fast_check_answers_as_the_plain_definition(
    value: Any, styles: list[int], limits: Limits
) -> None:
    """Accepted with the same data, or refused for the same reason, as the plain definition."""
    text = write(value, styles)
    assert gate(text, limits) == plain_definition(text, limits), text


def test_a_number_that_overflows_is_refused_however_written() -> None:
    """``1e400`` and a 250-digit number times ``1e60`` are infinite: refused; in a string, kept."""
    for number in ("1e400", "1" + "0" * 250 + ".5e60"):
        assert gate(f'{{"a": [1, {number}]}}', Limits()) == ("refused", "number")
        assert gate(f'{{"a": "{number}"}}', Limits()) == ("ok", {"a": number})


def test_the_limits_hold_at_their_bounds() -> None:
    """Three values pass a limit of three and fail one of two; depth likewise."""
    text = '{"a": [1]}'
    assert gate(text, Limits(max_values=3))[0] == "ok"
    assert gate(text, Limits(max_values=2)) == ("refused", "input-limit")
    assert gate(text, Limits(max_depth=2))[0] == "ok"
    assert gate(text, Limits(max_depth=1)) == ("refused", "input-limit")


def test_a_nominee_record_is_told_clean_by_its_text() -> None:
    """A record as other systems send it (escaped Vietnamese, dates, numbers) needs no walk."""
    record = {
        "kind": "individual",
        "id": "HP-1",
        "full_name": "Nguyễn Thị Hoà",
        "service": [{"unit_id": "U-1", "start": "2001-03-01", "in_sector": True}],
        "ratings": [{"year": y, "level": "excellent"} for y in range(2001, 2021)],
        "extensions": {"score": 9.5},
    }
    for text in (json.dumps(record), json.dumps(record, ensure_ascii=False, indent=1)):
        assert _clean_by_its_text(text, Limits())


@pytest.mark.parametrize(
    "escape",
    [
        "\\b",
        "\\f",
        "\\u0001",
        "\\u001F",
        "\\u007f",
        "\\u0080",
        "\\u009f",
        "\\ud800",
        "\\uDFFF",
        "\\ufffe",
        "\\uFFFF",
    ],
)
def test_each_escape_of_a_refused_character_is_refused(escape: str) -> None:
    """Every escape that writes a refused character is refused, in a key or in a value."""
    assert gate(f'{{"a": "x{escape}"}}', Limits()) == ("refused", "control-character")
    assert gate(f'{{"x{escape}": 1}}', Limits()) == ("refused", "control-character")
