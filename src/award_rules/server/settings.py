"""What the service is configured with: criteria, tokens, CORS, body limits."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "DEFAULT_MAX_NOMINEE_BYTES",
    "DEFAULT_MAX_ROSTER_BYTES",
    "Settings",
    "is_loopback",
    "read_tokens",
]

DEFAULT_MAX_NOMINEE_BYTES = 256 * 1024
"""One nominee's record: a long career is a few kilobytes; 256 KiB is generous."""

DEFAULT_MAX_ROSTER_BYTES = 16 * 1024 * 1024
"""A roster: a province's staff (a few thousand records) fits many times over."""


@dataclass(frozen=True, slots=True)
class Settings:
    """The service's configuration; the defaults are those of ``award-rules serve``."""

    criteria: Path | None = None
    """Criteria directory or file (default: the shipped criteria)."""
    criteria_add: tuple[Path, ...] = ()
    """Folders of criteria layered on top (``--criteria-add``), in order."""
    tokens: frozenset[str] = field(default_factory=frozenset)
    """Bearer tokens accepted; empty means no authentication."""
    cors_origins: tuple[str, ...] = ()
    """Origins allowed to call the API from a browser; none by default."""
    max_nominee_bytes: int = DEFAULT_MAX_NOMINEE_BYTES
    max_roster_bytes: int = DEFAULT_MAX_ROSTER_BYTES


def read_tokens(path: Path) -> frozenset[str]:
    """The tokens of a token file: one a line; blank lines and ``#`` comments skipped.

    Raises :class:`ValueError` (with the file named) when it cannot be read or holds none.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: cannot read token file: {exc}") from None
    tokens = frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )
    if not tokens:
        raise ValueError(f"{path}: the token file holds no token")
    for number, line in enumerate(text.splitlines(), 1):
        token = line.strip()
        if token and not line.startswith("#") and (len(token) < 16 or " " in token):
            raise ValueError(
                f"{path}:{number}: a token must be at least 16 characters, without spaces"
            )
    return tokens


def is_loopback(host: str) -> bool:
    """Whether ``host`` is a loopback address (only this machine can connect)."""
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
