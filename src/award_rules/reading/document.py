"""A document read by the gate: its data and where each value was written."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..errors import Diagnostic, SourceLocation

__all__ = ["Document", "InputError", "PathKey", "Positions", "data_path", "dotted", "location_of"]

PathKey = tuple[str | int, ...]
Positions = dict[PathKey, tuple[int, int]]
Locator = Callable[[], tuple[Positions, Positions]]


class InputError(Exception):
    """Internal: the input is not acceptable data; carries one located diagnostic."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        self.diagnostic = diagnostic
        super().__init__(str(diagnostic))


class Document:
    """One document: its data and the line and column of each value (and key).

    Positions may be computed on first use (``locate``), as for JSON, where
    they are only needed to report a problem. ``sub(i)`` is the document of
    the ``i``-th item of a top-level list, sharing the position tables.
    """

    def __init__(
        self,
        file: str,
        data: Any,
        positions: Positions | None = None,
        index: int = 0,
        key_positions: Positions | None = None,
        *,
        locate: Locator | None = None,
        prefix: PathKey = (),
    ) -> None:
        self.file = file
        self.data = data
        self.index = index
        self.prefix = prefix
        self._tables = None if locate else (positions or {}, key_positions or {})
        self._locate = locate

    def _table(self) -> tuple[Positions, Positions]:
        if self._tables is None:
            assert self._locate is not None
            try:
                self._tables = self._locate()
            except InputError:
                self._tables = ({}, {})
        return self._tables

    @property
    def positions(self) -> Positions:
        """Value path (from the top of the file) to (line, column)."""
        return self._table()[0]

    @property
    def key_positions(self) -> Positions:
        """Value path to the (line, column) of its key."""
        return self._table()[1]

    def sub(self, index: int) -> Document:
        """The document of item ``index`` of this document's list."""
        sub = Document(self.file, self.data[index], index=self.index, prefix=(*self.prefix, index))
        sub._tables, sub._locate = self._tables, self._locate
        if self._tables is None:
            sub._locate = self._table
        return sub

    def location(self, path: Sequence[Any] = (), *, key: bool = False) -> SourceLocation:
        """Where the value at ``path`` (its key, with ``key=True``) was written.

        Falls back to the nearest written ancestor.
        """
        return location_of(self, path, key=key)


def data_path(data: Any, path: Sequence[Any]) -> list[str | int]:
    """The part of a validation path that indexes into ``data``.

    Elements that do not (pydantic's union tags and model names) are skipped,
    so ``("conditions", "Leaf", 0, "min")`` becomes ``["conditions", 0, "min"]``.
    """
    walked: list[str | int] = []
    for element in path:
        in_dict = isinstance(data, dict) and element in data
        in_list = isinstance(data, list) and isinstance(element, int) and 0 <= element < len(data)
        if in_dict or in_list:
            data = data[element]
            walked.append(element)
    return walked


def dotted(path: Sequence[str | int]) -> str:
    """A path written as ``conditions[0].window``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def location_of(doc: Document, path: Sequence[Any], *, key: bool = False) -> SourceLocation:
    """The file position of the value (or key) at ``path``, or of its nearest ancestor."""
    walked = (*doc.prefix, *data_path(doc.data, path))
    positions, key_positions = doc.positions, doc.key_positions
    if key and walked in key_positions:
        line, column = key_positions[walked]
        return SourceLocation(doc.file, line, column)
    for end in range(len(walked), -1, -1):
        pos = positions.get(walked[:end])
        if pos is not None:
            return SourceLocation(doc.file, pos[0], pos[1])
    return SourceLocation(doc.file)
