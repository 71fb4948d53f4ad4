"""``award-rules review ROSTER --year Y``: the year-end review of a whole roster."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

from ..catalog import Catalog
from ..loading import load_catalog
from ..roster.readers import RosterLimits, read_roster
from ..roster.review import ReviewRow, Summary, review
from ..roster.writers import FORMATS, Target
from . import Command, register
from .common import EXIT_OK, EXIT_USAGE, UsageError, criteria_option, year_arg

__all__ = ["configure", "run", "run_review"]


def configure(parser: argparse.ArgumentParser, *, selection: bool = True) -> None:
    """The options of ``review`` (and of ``batch``, which has no selection)."""
    parser.add_argument(
        "roster",
        type=Path,
        help="roster: .yaml/.json, .jsonl, .csv (or a directory of them), .xlsx",
    )
    parser.add_argument("--year", type=year_arg, required=True, help="the year under review")
    parser.add_argument("--format", choices=sorted(FORMATS), default="table")
    parser.add_argument(
        "--output",
        "-o",
        type=Path,
        metavar="FILE",
        help="write here (default: standard output; needed for xlsx)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="judge in N processes; output stays in input order",
    )
    parser.add_argument(
        "--award",
        action="append",
        metavar="ID",
        help="judge this award only (repeatable; default: every year-end title)",
    )
    parser.add_argument("--lang", choices=("vi", "en"), default="vi")
    defaults = RosterLimits()
    parser.add_argument(
        "--max-values",
        type=int,
        default=defaults.max_values,
        metavar="N",
        help=f"values in a YAML/JSON roster, read whole (default {defaults.max_values:,})",
    )
    parser.add_argument(
        "--max-bytes",
        type=int,
        default=defaults.max_bytes,
        metavar="N",
        help=f"size of a YAML/JSON roster, read whole (default {defaults.max_bytes:,})",
    )
    parser.add_argument(
        "--max-record-bytes",
        type=int,
        default=defaults.record_bytes,
        metavar="N",
        help=f"size of one JSON Lines record (default {defaults.record_bytes:,})",
    )
    if selection:
        parser.add_argument(
            "--no-selection", action="store_true", help="plain verdicts: no quotas or ranking"
        )
    criteria_option(parser)


def _progress(err: TextIO) -> tuple[Callable[[], None] | None, Callable[[], None]]:
    """A tqdm bar on a terminal (when tqdm is installed); nothing when piped."""
    if not err.isatty():
        return None, lambda: None
    try:
        from tqdm import tqdm
    except ImportError:
        return None, lambda: None
    bar = tqdm(file=err, unit=" records", dynamic_ncols=True)
    return lambda: bar.update(1), bar.close


def run_review(args: argparse.Namespace, out: TextIO, err: TextIO, *, selection: bool) -> int:
    """Read, judge, select and write; the summary and every problem go to ``err``."""
    if args.year < 1900 or args.year > 2200:
        raise UsageError(f"--year {args.year} is out of range")
    if args.workers < 1:
        raise UsageError("--workers must be at least 1")
    fmt = FORMATS[args.format]
    if fmt.needs_file and args.output is None:
        raise UsageError(f"--format {fmt.name} writes a file: give --output FILE")
    try:
        limits = RosterLimits(
            max_bytes=args.max_bytes,
            max_values=args.max_values,
            record_bytes=args.max_record_bytes,
        )
    except ValueError as exc:
        raise UsageError(str(exc).replace("RosterLimits.", "limit ")) from None
    catalog: Catalog = load_catalog(args.criteria)
    roster = read_roster(args.roster, limits=limits, extensions=catalog.vocabulary.extensions)
    summary = Summary()
    tick, close = _progress(err)
    rows: Iterator[ReviewRow] = review(
        catalog,
        roster,
        args.year,
        awards=args.award,
        workers=args.workers,
        selection=selection,
        summary=summary,
        progress=tick,
    )
    try:
        if fmt.needs_file or args.output is None:
            fmt.write(
                rows,
                Target(
                    out if not fmt.needs_file else None, args.output, args.lang, catalog, summary
                ),
            )
        else:
            with args.output.open("w", encoding="utf-8", newline="") as handle:
                fmt.write(rows, Target(handle, args.output, args.lang, catalog, summary))
    finally:
        close()
    problems = [*summary.problems, *roster.notices]
    for problem in problems:
        print(f"award-rules: error: {problem}", file=err)
    print(summary.text(args.lang), file=err)
    with contextlib.suppress(AttributeError):
        err.flush()
    return EXIT_USAGE if problems else EXIT_OK


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    return run_review(args, out, err, selection=not args.no_selection)


register(
    Command(
        "review",
        "the year-end review of a roster: every applicable award, quotas and ranking",
        configure,
        run,
    )
)
