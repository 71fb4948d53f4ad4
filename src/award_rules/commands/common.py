"""What every command shares: exit codes, the usage error, option types."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

__all__ = [
    "EXIT_FAILED",
    "EXIT_INTERNAL",
    "EXIT_OK",
    "EXIT_UNDETERMINED",
    "EXIT_USAGE",
    "UsageError",
    "criteria_option",
    "iso_date",
]

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_UNDETERMINED, EXIT_INTERNAL = 0, 1, 2, 3, 4


class UsageError(Exception):
    """Bad command-line input (exit status 2)."""


def iso_date(text: str) -> dt.date:
    """An argparse type: a date written YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None


def criteria_option(parser: argparse.ArgumentParser) -> None:
    """``--criteria DIR``: the criteria to load instead of the shipped ones."""
    parser.add_argument(
        "--criteria",
        metavar="DIR",
        type=Path,
        help="criteria directory or file (default: the shipped criteria)",
    )
