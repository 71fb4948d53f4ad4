"""Static analysis of criteria: what no nominee can satisfy, gaps between versions."""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import Diagnostic
from .loader import CriteriaVersion

__all__ = ["analyse"]


def analyse(versions: Sequence[CriteriaVersion]) -> list[Diagnostic]:
    """Every problem the analysis finds in ``versions`` (loaded and bound)."""
    return []
