"""``award-rules template roster.xlsx``: an empty roster workbook to fill in."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from . import Command, register
from .common import EXIT_OK, UsageError

__all__ = ["configure", "run"]


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", type=Path, help="the workbook to write (.xlsx)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.path.suffix.lower() != ".xlsx":
        raise UsageError(f"{args.path}: the template is an Excel workbook: name it *.xlsx")
    if args.path.exists() and not args.force:
        raise UsageError(f"{args.path} exists: give --force to overwrite it")
    try:
        from ..roster.template import write_template
    except ImportError:  # pragma: no cover - the roster extra is missing
        raise UsageError(
            "writing workbooks needs openpyxl: pip install 'award-rules[roster]'"
        ) from None
    write_template(args.path)
    print(f"wrote {args.path}", file=out)
    return EXIT_OK


register(Command("template", "write an empty roster workbook (.xlsx) to fill in", configure, run))
