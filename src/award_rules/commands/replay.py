"""``award-rules replay RECEIPT NOMINEE``: judge again and say whether the decision reproduces.

RECEIPT is a receipt (JSON or YAML), or the output of ``check --format json``,
which carries one under ``receipt``. Exit 0 when the decision reproduces, 1
when something differs (each difference on its own line), 2 on bad input.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from pydantic import ValidationError

from ..errors import Code, CriteriaError, Diagnostic, SourceLocation
from ..nominees import load_nominee
from ..receipt import Receipt, replay
from ..validation import from_validation_error
from ..yamlfile import Document, YamlLoadError, load_documents
from . import Command, register
from .common import EXIT_FAILED, EXIT_OK, UsageError, criteria_option, load_criteria


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("receipt", type=Path, metavar="RECEIPT", help="receipt or verdict JSON")
    parser.add_argument("nominee", type=Path, metavar="NOMINEE", help="the nominee file judged")
    criteria_option(parser)


def _receipt(path: Path) -> Receipt:
    if not path.is_file():
        raise UsageError(f"no such receipt file: {path}")
    try:
        documents = load_documents(path)
    except YamlLoadError as exc:
        raise CriteriaError([exc.diagnostic]) from None
    if len(documents) != 1 or not isinstance(documents[0].data, dict):
        raise CriteriaError(
            [
                Diagnostic(
                    Code.RECEIPT, "expected one receipt (a mapping)", SourceLocation(str(path))
                )
            ]
        )
    document: Document = documents[0]
    data = document.data
    prefix: tuple[str, ...] = ()
    if "receipt" in data and "receipt_format" not in data:
        data, prefix = data["receipt"], ("receipt",)
    try:
        return Receipt.model_validate(data)
    except ValidationError as exc:
        raise CriteriaError(
            from_validation_error(exc, document, prefix=prefix, code=Code.RECEIPT)
        ) from None


def _run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    receipt = _receipt(args.receipt)
    if not args.nominee.is_file():
        raise UsageError(f"no such nominee file: {args.nominee}")
    nominee = load_nominee(args.nominee)
    report = replay(receipt, nominee, load_criteria(args))
    if report.reproduced:
        print(
            f"reproduced: {receipt.award_id} for {receipt.nominee.id} on "
            f"{receipt.as_of.isoformat()}: {receipt.decision.status}",
            file=out,
        )
        return EXIT_OK
    print(f"NOT reproduced: {receipt.award_id} for {receipt.nominee.id}", file=out)
    for difference in report.differences:
        print(f"  {difference}", file=out)
    return EXIT_FAILED


register(
    Command("replay", "judge again from a receipt; say whether it reproduces", _configure, _run)
)
