"""What every command shares: exit codes, the usage error, option types."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import MAX_YEAR, MIN_YEAR

if TYPE_CHECKING:
    from ..catalog import Catalog

__all__ = [
    "EXIT_FAILED",
    "EXIT_INTERNAL",
    "EXIT_OK",
    "EXIT_UNDETERMINED",
    "EXIT_USAGE",
    "UsageError",
    "criteria_option",
    "iso_date",
    "layers_option",
    "load_criteria",
    "year_arg",
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


def year_arg(text: str) -> int:
    """An argparse type: a year the library judges (``MIN_YEAR`` to ``MAX_YEAR``)."""
    try:
        year = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a year such as 2024, got {text!r}") from None
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise argparse.ArgumentTypeError(
            f"expected a year from {MIN_YEAR} to {MAX_YEAR}, got {year}"
        )
    return year


def criteria_option(parser: argparse.ArgumentParser) -> None:
    """``--criteria DIR`` (instead of the shipped ones) and ``--criteria-add DIR`` (layers)."""
    parser.add_argument(
        "--criteria",
        metavar="DIR",
        type=Path,
        help="criteria directory or file (default: the shipped criteria)",
    )
    layers_option(parser)


def layers_option(parser: argparse.ArgumentParser) -> None:
    """``--criteria-add DIR`` (repeatable): a folder of criteria on top of the others."""
    parser.add_argument(
        "--criteria-add",
        metavar="DIR",
        type=Path,
        action="append",
        default=[],
        help="a folder of your own criteria on top of the others (repeatable; a file "
        "replaces a shipped award or version only if it says 'replaces')",
    )


def load_criteria(args: argparse.Namespace) -> Catalog:
    """The catalog the ``--criteria`` and ``--criteria-add`` options ask for."""
    from ..loading import load_catalog

    for layer in getattr(args, "criteria_add", []):
        if not layer.exists():
            raise UsageError(f"no such criteria folder: {layer}")
    return load_catalog(getattr(args, "criteria", None), extra=getattr(args, "criteria_add", []))
