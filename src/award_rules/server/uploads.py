"""Roster uploads kept a short while, so the page's summary can offer downloads without script.

The store is bounded (a few uploads, a few minutes) and lives in the process
only: nothing is written to disk, and an expired token asks for the file again.
"""

from __future__ import annotations

import datetime as dt
import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

__all__ = ["Upload", "UploadStore"]


@dataclass(frozen=True, slots=True)
class Upload:
    """A roster file as sent, with what it was judged against."""

    data: bytes
    filename: str
    awards: tuple[str, ...]
    as_of: dt.date | None
    year: int | None


class UploadStore:
    """At most ``keep`` uploads, each for ``seconds``; the oldest go first."""

    def __init__(self, keep: int = 8, seconds: float = 900.0) -> None:
        self.keep = keep
        self.seconds = seconds
        self._items: OrderedDict[str, tuple[float, Upload]] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, upload: Upload) -> str:
        """Keep ``upload``; the token that fetches it back."""
        token = secrets.token_urlsafe(18)
        with self._lock:
            self._items[token] = (time.monotonic(), upload)
            while len(self._items) > self.keep:
                self._items.popitem(last=False)
        return token

    def get(self, token: str) -> Upload | None:
        """The upload kept under ``token``, unless it expired or was pushed out."""
        with self._lock:
            item = self._items.get(token)
            if item is None:
                return None
            if time.monotonic() - item[0] > self.seconds:
                del self._items[token]
                return None
            return item[1]
