"""Strategies for a nominee's ``extensions``: the keys a vocabulary declares, typed as declared."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from ...model import (
    EXTENSION_KEY,
    EXTENSION_KEY_PATTERN,
    MAX_YEAR,
    MIN_YEAR,
    Extensions,
    ExtensionValue,
)
from ...vocabulary.base import EXTENSION_TYPES, ExtensionType
from ._knobs import DAY, check_range

JUDGED_DATES = (dt.date(MIN_YEAR, 1, 1), dt.date(MAX_YEAR, 12, 31))
"""The first and last day of the years the library judges: the dates an extension may hold."""


def _text(raw: str) -> str:
    """``raw`` as the model keeps text: NFC, surrounding white space removed."""
    return unicodedata.normalize("NFC", raw).strip()


# Text the model keeps unchanged: no control character (tab and line feed
# allowed) or lone surrogate, NFC, trimmed, not blank.
_TEXT = (
    st.text(
        st.characters(exclude_categories=("Cc", "Cs"), include_characters="\t\n"),
        min_size=1,
        max_size=20,
    )
    .map(_text)
    .filter(bool)
)
_NUMBER = st.floats(allow_nan=False, allow_infinity=False)


def _check_kind(key: str, kind: str) -> None:
    if kind not in EXTENSION_TYPES:
        raise ValueError(
            f"extension {key!r} has type {kind!r}; use one of {', '.join(EXTENSION_TYPES)}"
        )


def _checked(declared: Mapping[str, ExtensionType]) -> dict[str, ExtensionType]:
    """``declared`` as a dict, refusing keys and types a vocabulary would refuse."""
    for key, kind in declared.items():
        if not EXTENSION_KEY.match(key):
            raise ValueError(f"extension key {key!r} does not match {EXTENSION_KEY_PATTERN}")
        _check_kind(key, kind)
    return dict(declared)


def _check_dates(between: tuple[dt.date, dt.date]) -> None:
    check_range(*between, "dates_between")
    if between[0] < JUDGED_DATES[0] or between[1] > JUDGED_DATES[1]:
        raise ValueError(f"dates_between must lie within the years {MIN_YEAR} to {MAX_YEAR}")


def extension_values(
    kind: ExtensionType,
    *,
    dates_between: tuple[dt.date, dt.date] = JUDGED_DATES,
    dates_near: dt.date | None = None,
    ints_between: tuple[int, int] | None = None,
) -> SearchStrategy[ExtensionValue]:
    """Values of one declared type, each one the model and a catalog's gate accept as it is.

    - ``bool``: true or false;
    - ``int``: whole numbers (never a bool), within ``ints_between`` when given;
    - ``number``: whole numbers as for ``int``, and finite floats;
    - ``string``: text the model keeps unchanged (NFC, trimmed, not blank, no
      control character but tab and line feed);
    - ``date``: dates within ``dates_between`` (by default the years the library
      judges, which is all a catalog's gate accepts); with ``dates_near``,
      that day and the days either side of it (those within
      ``dates_between``) now and then: where a check comparing a date with
      the day judged changes its answer.
    """
    _check_kind("value", kind)
    _check_dates(dates_between)
    if ints_between is not None:
        low, high = ints_between
        if high < low:
            raise ValueError(f"ints_between: {high} is below {low}")
    whole = st.integers() if ints_between is None else st.integers(*ints_between)
    strategies: dict[ExtensionType, SearchStrategy[ExtensionValue]] = {
        "bool": st.booleans(),
        "int": whole,
        "number": whole | _NUMBER,
        "string": _TEXT,
        "date": _dates(dates_between, dates_near),
    }
    return strategies[kind]


def _dates(between: tuple[dt.date, dt.date], near: dt.date | None) -> SearchStrategy[dt.date]:
    days = st.dates(*between)
    if near is None:
        return days
    around = [day for day in (near - DAY, near, near + DAY) if between[0] <= day <= between[1]]
    return days | st.sampled_from(around) if around else days


def extensions(
    declared: Mapping[str, ExtensionType],
    *,
    present: bool | None = None,
    dates_between: tuple[dt.date, dt.date] = JUDGED_DATES,
    dates_near: dt.date | None = None,
    ints_between: tuple[int, int] | None = None,
) -> SearchStrategy[Extensions]:
    """``extensions`` mappings of the ``declared`` keys, each with a value of its type.

    ``declared`` is what a vocabulary declares (``catalog.vocabulary.extensions``)
    or any mapping of keys to types. ``present=True``: every key is there;
    ``False``: none (an empty mapping); ``None``: each key is there or not.
    Values are drawn by :func:`extension_values` with ``dates_between``,
    ``dates_near`` and ``ints_between``, so a catalog declaring these keys admits every example
    (dates as dates: the catalog's gate returns the nominee unchanged).
    """
    kinds = _checked(declared)
    values = {
        key: extension_values(
            kind, dates_between=dates_between, dates_near=dates_near, ints_between=ints_between
        )
        for key, kind in kinds.items()
    }
    if present is False or not values:
        return st.just(Extensions())
    required, optional = (values, {}) if present else ({}, values)
    return st.fixed_dictionaries(required, optional=optional).map(Extensions)
