"""Checks of what callers of the Python API pass: dates, years, award ids."""

from __future__ import annotations

import datetime as dt

from .errors import ArgumentError
from .model import MAX_YEAR, MIN_YEAR

__all__ = [
    "DATE_PATTERN",
    "MAX_YEAR",
    "MIN_YEAR",
    "checked_as_of",
    "checked_award_id",
    "checked_date",
    "checked_year",
    "date_in_range",
]

DATE_PATTERN = r"^(19[0-9]{2}|2[01][0-9]{2}|2200)-[0-9]{2}-[0-9]{2}$"
"""An ISO date whose year is judged, ``MIN_YEAR`` to ``MAX_YEAR`` (for JSON Schemas)."""


def checked_date(value: object, name: str) -> dt.date:
    """A date given as ``datetime.date`` (a datetime is cut to its date) or ISO text."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            raise ArgumentError(f"{name}: expected a date as YYYY-MM-DD, got {value!r}") from None
    if not isinstance(value, dt.date):
        raise ArgumentError(f"{name}: expected a date, got {type(value).__name__}")
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ArgumentError(f"{name}: {value.isoformat()} is outside {MIN_YEAR}..{MAX_YEAR}")
    return value


def date_in_range(value: dt.date) -> dt.date:
    """A pydantic after-validator: the date's year is one the library judges."""
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValueError(f"the year must be from {MIN_YEAR} to {MAX_YEAR}")
    return value


def checked_as_of(value: object) -> dt.date | None:
    """An evaluation date: ``None`` (the default) or a date as :func:`checked_date` takes it."""
    return None if value is None else checked_date(value, "as_of")


def checked_year(value: object) -> int | None:
    """A year under review: ``None`` (the default) or a whole number in range."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ArgumentError(f"year: expected a whole number, got {value!r}")
    if not MIN_YEAR <= value <= MAX_YEAR:
        raise ArgumentError(f"year: {value} is outside {MIN_YEAR}..{MAX_YEAR}")
    return value


def checked_award_id(value: object) -> str:
    """An award id must be text (whether it is known is the index's question)."""
    if not isinstance(value, str):
        raise ArgumentError(f"award_id: expected an award id as text, got {value!r}")
    return value
