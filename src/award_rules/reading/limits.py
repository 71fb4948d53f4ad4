"""How much input the gate accepts: size, nesting and values (aliases expanded)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Limits", "default_limits", "set_default_limits"]


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on one input (a file, a stream, a string, a JSON line).

    ``max_bytes``: size of the input; ``max_depth``: nesting of mappings and
    lists; ``max_values``: values in the input, every alias counted as the
    values it stands for (this bounds "billion laughs" alias bombs).
    """

    max_bytes: int = 16 * 1024 * 1024
    max_depth: int = 100
    max_values: int = 1_000_000

    def __post_init__(self) -> None:
        for name in ("max_bytes", "max_depth", "max_values"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"Limits.{name} must be a positive integer, got {value!r}")


_default = Limits()


def default_limits() -> Limits:
    """The limits used when a loader is given none."""
    return _default


def set_default_limits(limits: Limits) -> Limits:
    """Make ``limits`` the default for every loader; returns the previous default."""
    global _default
    if not isinstance(limits, Limits):
        raise TypeError(f"expected Limits, got {type(limits).__name__}")
    previous, _default = _default, limits
    return previous
