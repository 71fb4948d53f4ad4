"""What the strategy modules share: default bounds, checks of the knobs, common draws."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from hypothesis import strategies as st

from ...model import RatingLevel

MIN_DATE = dt.date(1950, 1, 1)
"""The earliest date :func:`dates` draws by default."""

MAX_DATE = dt.date(2050, 12, 31)
"""The latest date :func:`dates` draws by default."""

ALL_LEVELS: tuple[RatingLevel, ...] = tuple(RatingLevel)
"""Every rating level."""

GOOD_OR_BETTER: tuple[RatingLevel, ...] = (RatingLevel.EXCELLENT, RatingLevel.GOOD)
"""The rating levels of a nominee who always completed its tasks well."""

DEFAULT_AWARD_IDS: tuple[str, ...] = (
    "vss.dg_certificate",
    "vss.emulation_fighter",
    "vss.emulation_flag",
    "national.advanced_worker",
)
"""Award ids drawn for award records and registered titles when none are given."""

DAY = dt.timedelta(days=1)
YEAR_MIN, YEAR_MAX = 1900, 2200  # the model's bounds for a year
MAX_YEARS = 80  # the longest service or unit age the knobs accept

# Strategies drawn often, built once (a strategy is validated the first time it is drawn).
BOOL = st.booleans()
UNIT_ID = st.sampled_from(tuple(f"U-{n}" for n in range(1, 10)))
MAYBE_UNIT_ID = st.none() | UNIT_ID


def check_range(low: dt.date, high: dt.date, what: str) -> None:
    """Refuse a range whose end is before its start."""
    if high < low:
        raise ValueError(f"{what}: {high} is before {low}")


def check_years(low: int, high: int, what: str, limit: int = MAX_YEARS) -> None:
    """Refuse a range of years that is not within 0..``limit`` in order."""
    if not 0 <= low <= high <= limit:
        raise ValueError(f"{what}: need 0 <= min <= max <= {limit}, got {low} and {high}")


def year_list(years: Iterable[int]) -> list[int]:
    """The distinct years, sorted; refuses none, and years the model refuses."""
    out = sorted(set(years))
    if not out:
        raise ValueError("years: give at least one year")
    if out[0] < YEAR_MIN or out[-1] > YEAR_MAX:
        raise ValueError(f"years must lie between {YEAR_MIN} and {YEAR_MAX}")
    return out


def nonempty(values: Sequence[object], what: str) -> None:
    """Refuse an empty choice."""
    if not values:
        raise ValueError(f"{what}: give at least one")


def deadline(year: int, month_day: str) -> dt.date:
    """``MM-DD`` of ``year`` (raises ValueError for a day that year lacks)."""
    return dt.date.fromisoformat(f"{year}-{month_day}")


def years_between(first: int, last: int) -> range:
    """The years from ``first`` to ``last``, clipped to the model's bounds."""
    return range(max(first, YEAR_MIN), min(last, YEAR_MAX) + 1)
