"""Downloads of a judged roster, registered by name (the proposal workbook registers here).

The page offers one button per registered export under the roster summary;
with none registered it offers none. The year-end review's proposal workbook
is meant to call :func:`register_export` from its own module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..catalog import Catalog
from ..model import Individual, Unit
from ..verdict import Verdict
from .problems import Problem

__all__ = ["EXPORTS", "ExportRequest", "RosterExport", "RosterResult", "register_export"]


@dataclass(frozen=True, slots=True)
class RosterResult:
    """One nominee judged for one award in a roster (or the problem that stopped it)."""

    line: int
    nominee_id: str | None
    nominee: Individual | Unit | None
    award_id: str | None
    verdict: Verdict | None
    problem: Problem | None


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """What the roster was judged against: the catalog, the awards asked, date, year, language."""

    catalog: Catalog
    awards: tuple[str, ...]
    as_of: dt.date | None
    year: int | None
    lang: str


@dataclass(frozen=True, slots=True)
class RosterExport:
    """A file built from a judged roster and what it was judged against (``build``: bytes)."""

    name: str
    label_vi: str
    label_en: str
    media_type: str
    suffix: str
    build: Callable[[Sequence[RosterResult], ExportRequest], bytes]


EXPORTS: dict[str, RosterExport] = {}


def register_export(export: RosterExport) -> RosterExport:
    """Offer ``export`` under every roster summary; a name already taken is an error."""
    if export.name in EXPORTS:
        raise ValueError(f"roster export {export.name!r} is already registered")
    EXPORTS[export.name] = export
    return export
