"""``award-rules batch ROSTER --year Y``: plain verdicts for a roster, no cohort rules."""

from __future__ import annotations

import argparse
from typing import TextIO

from . import Command, register
from .review import configure as configure_review
from .review import run_review

__all__ = ["configure", "run"]


def configure(parser: argparse.ArgumentParser) -> None:
    configure_review(parser, selection=False)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    return run_review(args, out, err, selection=False)


register(
    Command(
        "batch",
        "verdicts for every nominee of a roster and every applicable award (no quotas)",
        configure,
        run,
    )
)
