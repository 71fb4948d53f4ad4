"""Raw input to clean text: size limit, UTF-8 decoding, no control characters."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import BinaryIO, TextIO

from ..errors import Code, Diagnostic, SourceLocation
from .document import InputError
from .limits import Limits

__all__ = [
    "FORBIDDEN",
    "STDIN",
    "check_text",
    "decode",
    "forbidden_message",
    "read_source",
    "source_name",
]

STDIN = "-"
"""The name that stands for standard input."""

FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
"""Characters refused anywhere in data: control characters (tab, line breaks
and NEL excepted), lone surrogates and the non-characters U+FFFE, U+FFFF."""


def forbidden_message(char: str) -> str:
    """What is wrong with a refused character."""
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return f"a lone surrogate (U+{code:04X}) is not text"
    if code in (0xFFFE, 0xFFFF):
        return f"the non-character U+{code:04X} is not allowed"
    return f"control character U+{code:04X} is not allowed"


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def check_text(text: str, file: str, *, first_line: int = 1) -> None:
    """Refuse a forbidden character, with its line and column."""
    found = FORBIDDEN.search(text)
    if found is not None:
        line, column = _position(text, found.start())
        raise InputError(
            Diagnostic(
                Code.CONTROL_CHARACTER,
                forbidden_message(found.group()),
                SourceLocation(file, line + first_line - 1, column),
            )
        )


def _too_big(file: str, limits: Limits) -> InputError:
    return InputError(
        Diagnostic(
            Code.INPUT_LIMIT,
            f"input larger than the limit of {limits.max_bytes} bytes (Limits.max_bytes)",
            SourceLocation(file),
        )
    )


def decode(raw: bytes, file: str, limits: Limits) -> str:
    """UTF-8 bytes (a BOM allowed) as text; a bad byte is reported with its line and column."""
    if len(raw) > limits.max_bytes:
        raise _too_big(file, limits)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = raw[: exc.start].decode("utf-8", errors="replace")
        line, column = _position(good, len(good))
        raise InputError(
            Diagnostic(
                Code.ENCODING,
                f"not UTF-8 text: byte 0x{raw[exc.start]:02X} cannot start or continue a character",
                SourceLocation(file, line, column),
            )
        ) from None
    return text.removeprefix("\ufeff")


def _read_stream(stream: TextIO | BinaryIO, file: str, limits: Limits) -> str:
    buffer = getattr(stream, "buffer", stream)
    chunk = buffer.read(limits.max_bytes + 1)
    if isinstance(chunk, str):
        if len(chunk) > limits.max_bytes:
            raise _too_big(file, limits)
        return chunk
    return decode(chunk, file, limits)


def source_name(source: Path | str) -> str:
    """How a source is named in messages: its path (control characters escaped), or ``<stdin>``."""
    if str(source) == STDIN:
        return "<stdin>"
    return FORBIDDEN.sub(lambda found: ascii(found.group())[1:-1], str(source))


def read_source(source: Path | str, limits: Limits) -> str:
    """The text of a file, or of standard input for ``-``, within ``limits``."""
    file = source_name(source)
    if str(source) == STDIN:
        return _read_stream(sys.stdin, file, limits)
    try:
        path = Path(source)
        if path.stat().st_size > limits.max_bytes:
            raise _too_big(file, limits)
        with path.open("rb") as handle:
            raw = handle.read(limits.max_bytes + 1)
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the path
        reason = getattr(exc, "strerror", None) or str(exc)
        raise InputError(
            Diagnostic(Code.IO, f"cannot read file: {reason}", SourceLocation(file))
        ) from None
    return decode(raw, file, limits)
