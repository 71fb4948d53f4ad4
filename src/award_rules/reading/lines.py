"""Lines of a stream read within a size limit: never more than the limit held in memory.

``for line in stream`` reads a whole line, however long, before anyone can
look at its size. :func:`bounded_lines` reads at most ``max_bytes + 1`` bytes
of each line; a longer line is skipped, in pieces of that size, and yielded
as :class:`LineTooLong` so that the reader can report it and go on.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

__all__ = ["LineTooLong", "ReadsLines", "bounded_lines"]


class ReadsLines(Protocol):
    """A binary stream that reads a line up to a size (``io.BufferedReader``, ``BytesIO``)."""

    def readline(self, size: int = -1, /) -> bytes: ...


@dataclass(frozen=True, slots=True)
class LineTooLong:
    """A line longer than the limit (its content was read past and dropped)."""

    max_bytes: int

    @property
    def message(self) -> str:
        """What is wrong, in the input gate's words."""
        return f"line larger than the limit of {self.max_bytes} bytes (Limits.max_bytes)"


def bounded_lines(stream: ReadsLines, max_bytes: int) -> Iterator[bytes | LineTooLong]:
    """Each line of ``stream`` (its end of line kept), or :class:`LineTooLong` in its place.

    A line's content (without its ``\\n``) may hold ``max_bytes`` bytes; at most
    ``max_bytes + 1`` bytes are read at a time.
    """
    if max_bytes < 1:
        raise ValueError(f"max_bytes must be positive, got {max_bytes}")
    while True:
        chunk = stream.readline(max_bytes + 1)
        if not chunk:
            return
        if chunk.endswith(b"\n") or len(chunk) <= max_bytes:
            yield chunk
            continue
        # More than max_bytes before any end of line: skip the rest of the line.
        while True:
            rest = stream.readline(max_bytes + 1)
            if not rest or rest.endswith(b"\n"):
                break
        yield LineTooLong(max_bytes)
