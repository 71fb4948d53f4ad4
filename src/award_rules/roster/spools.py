"""Temporary spools: items pickled in batches to an unnamed temporary file, read back in order.

The review keeps what grows with the roster (the judged records, the cohort
candidates of each award, their partitions and decisions) in spools rather
than in memory. A spool's file is a :func:`tempfile.TemporaryFile`: it has no
name on disk (on POSIX it is unlinked as soon as it is made), and it is closed
by :meth:`Spool.close` or on leaving a ``with`` block.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterable, Iterator
from types import TracebackType
from typing import Generic, TypeVar

__all__ = ["BATCH", "Spool"]

BATCH = 1000
"""Items pickled together (one call each: fewer, smaller writes)."""

T = TypeVar("T")


class Spool(Generic[T]):
    """Items appended, then read back once in the order written (:meth:`items`)."""

    def __init__(self, batch: int = BATCH) -> None:
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close())
        self._held: list[T] = []
        self._batch = batch
        self.count = 0
        """Items appended so far."""

    def append(self, item: T) -> None:
        self._held.append(item)
        self.count += 1
        if len(self._held) >= self._batch:
            self._flush()

    def extend(self, items: Iterable[T]) -> None:
        for item in items:
            self.append(item)

    def _flush(self) -> None:
        if self._held:
            pickle.dump(self._held, self._file, protocol=pickle.HIGHEST_PROTOCOL)
            self._held = []

    def items(self) -> Iterator[T]:
        """Everything appended, in order, a batch at a time in memory."""
        self._flush()
        self._file.seek(0)
        while True:
            try:
                held: list[T] = pickle.load(self._file)  # our own file, written above
            except EOFError:
                return
            yield from held

    def close(self) -> None:
        self._held = []
        self._file.close()

    def __enter__(self) -> Spool[T]:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
