"""``watch`` reads each line within the size limit: over-long lines are reported, never held."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from award_rules import Catalog
from award_rules.cli import main, run_watch
from award_rules.reading import Limits, set_default_limits
from award_rules.reading.lines import LineTooLong, bounded_lines

REGISTERED = json.dumps(
    {
        "type": "nominee_registered",
        "nominee": "HP-1",
        "date": "2020-01-02",
        "kind": "individual",
        "full_name": "Nguyễn Văn Thử",
        "service": [{"start": "2005-03-01"}],
    },
    ensure_ascii=False,
).encode()


class Recording(io.BytesIO):
    """A stream that remembers the largest piece any ``readline`` returned."""

    largest = 0

    def readline(self, size: int | None = -1, /) -> bytes:
        piece = super().readline(size)
        self.largest = max(self.largest, len(piece))
        return piece


def test_lines_within_the_limit_come_back_whole() -> None:
    """Lines up to the limit (with or without a last newline) are yielded as they are."""
    stream = io.BytesIO(b"abcd\n\nxy\r\nabcd")
    assert list(bounded_lines(stream, 4)) == [b"abcd\n", b"\n", b"xy\r\n", b"abcd"]


@pytest.mark.parametrize("tail", [b"\n", b""])
def test_a_line_over_the_limit_is_replaced_and_skipped(tail: bytes) -> None:
    """A line one byte or a megabyte too long becomes ``LineTooLong``; the next line follows."""
    for long in (b"abcde", b"x" * 1_000_000):
        stream = Recording(b"ok\n" + long + b"\nnext" + tail)
        assert list(bounded_lines(stream, 4)) == [b"ok\n", LineTooLong(4), b"next" + tail]
        assert stream.largest <= 5


def test_a_long_last_line_without_newline_is_too_long() -> None:
    """The last line, without its newline, is judged by its content too."""
    assert list(bounded_lines(io.BytesIO(b"abcdef"), 4)) == [LineTooLong(4)]


def test_the_limit_must_be_positive() -> None:
    """A limit of 0 bytes is a programming error."""
    with pytest.raises(ValueError, match="max_bytes must be positive"):
        list(bounded_lines(io.BytesIO(b""), 0))


def test_run_watch_on_a_stream_reports_the_line_and_goes_on(catalog: Catalog) -> None:
    """An over-long line is reported with its number; the following lines are judged."""
    huge = b'{"type": "retired", "nominee": "HP-1", "note": "' + b"x" * 200_000 + b'"}'
    stream = Recording(b"\n".join([b"", huge, REGISTERED]) + b"\n")
    limit = len(REGISTERED) + 10
    previous = set_default_limits(Limits(max_bytes=limit))
    try:
        out, err = io.StringIO(), io.StringIO()
        status = run_watch(catalog, stream, out, lang="en", err=err)
    finally:
        set_default_limits(previous)
    assert status == 2
    assert err.getvalue() == (
        f"award-rules: error: line 2: line larger than the limit of {limit} bytes "
        "(Limits.max_bytes)\n"
    )
    assert stream.largest <= limit + 1
    printed = [json.loads(line) for line in out.getvalue().splitlines()]
    assert printed
    assert {p["line"] for p in printed} == {3}


def test_watch_command_reads_a_file_within_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``award-rules watch FILE`` reports an over-long line (exit 2) and judges the rest."""
    import award_rules.cli

    path = tmp_path / "events.jsonl"
    path.write_bytes(b"[" + b"0," * 100_000 + b"0]\n" + REGISTERED + b"\n")
    small = Limits(max_bytes=len(REGISTERED) + 1)  # the events' limit; criteria load as usual
    monkeypatch.setattr(award_rules.cli, "default_limits", lambda: small)
    out, err = io.StringIO(), io.StringIO()
    status = main(["watch", str(path), "--lang", "en"], out, err)
    assert status == 2
    assert err.getvalue().startswith("award-rules: error: line 1: line larger than the limit")
    assert "Traceback" not in err.getvalue()
    assert all(json.loads(line)["line"] == 2 for line in out.getvalue().splitlines())
    assert out.getvalue()
