"""``award-rules diff OLD NEW --roster R --as-of D``: what a change to criteria does to people.

OLD and NEW are folders of criteria, or git revisions (``REV`` for the
repository's ``criteria/`` folder, ``REV:path`` for another folder). Every
nominee of the roster is judged for every award in force (or those given with
``--award``) under both; each nominee whose status changes is printed with
both explanations side by side, then a count per award. Exit status 0 when
nothing changes, 1 when something does, 2 for bad input.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import subprocess
import tarfile
import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from ..catalog import Catalog
from ..criteria.files import walk
from ..errors import AwardRulesError, NotInForceError, SubjectMismatchError
from ..loading import load_catalog
from ..model import Individual, Unit
from ..nominees import load_nominees
from ..verdict import Verdict
from . import Command, register
from .common import EXIT_FAILED, EXIT_OK, UsageError, iso_date, layers_option

__all__ = ["Change", "changes", "read_roster"]

SIDE_WIDTH = 64


@dataclass(frozen=True)
class Change:
    """A nominee whose status for an award differs between two sets of criteria."""

    award: str
    nominee_id: str
    nominee_name: str
    old: str
    new: str
    old_text: str
    new_text: str


def read_roster(path: Path) -> list[Individual | Unit]:
    """Nominees from a YAML/JSON file (one, a list, several documents) or a folder of them."""
    if not path.exists():
        raise UsageError(f"no such roster: {path}")
    files = walk(path, lambda p: p.suffix in (".yaml", ".yml", ".json"))[0]
    nominees: list[Individual | Unit] = []
    for file in files:
        nominees.extend(load_nominees(file))
    if not nominees:
        raise UsageError(f"no nominees in {path}")
    return nominees


def _judge(
    catalog: Catalog, nominee: Individual | Unit, award: str, as_of: dt.date, lang: str
) -> tuple[str, str] | None:
    """(status, explanation), or None when the award does not apply to this kind of nominee."""
    if award not in catalog:
        return "absent", "(no such award in these criteria)"
    try:
        verdict: Verdict = catalog.evaluate(nominee, award, as_of)
    except SubjectMismatchError:
        return None
    except NotInForceError as exc:
        return "not in force", str(exc)
    except AwardRulesError as exc:
        return "error", str(exc)
    return verdict.status, verdict.explain(lang)


def changes(
    old: Catalog,
    new: Catalog,
    nominees: Sequence[Individual | Unit],
    as_of: dt.date,
    awards: Sequence[str] = (),
    lang: str = "vi",
) -> list[Change]:
    """Every (award, nominee) whose status differs between ``old`` and ``new``."""
    ids = list(awards) or sorted(
        {v.id for v in old.in_force_on(as_of)} | {v.id for v in new.in_force_on(as_of)}
    )
    out: list[Change] = []
    for award in ids:
        for nominee in nominees:
            before = _judge(old, nominee, award, as_of, lang)
            after = _judge(new, nominee, award, as_of, lang)
            if before is None or after is None or before[0] == after[0]:
                continue
            name = nominee.full_name if isinstance(nominee, Individual) else nominee.name
            out.append(Change(award, nominee.id, name, before[0], after[0], before[1], after[1]))
    return out


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for line in text.splitlines() or [""]:
        while len(line) > width:
            lines.append(line[:width])
            line = "  " + line[width:]
        lines.append(line)
    return lines


def side_by_side(left: str, right: str, width: int = SIDE_WIDTH) -> str:
    """Two texts in columns, ``left | right``."""
    a, b = _wrap(left, width), _wrap(right, width)
    rows = max(len(a), len(b))
    a += [""] * (rows - len(a))
    b += [""] * (rows - len(b))
    return "\n".join(f"{x:<{width}} │ {y}".rstrip() for x, y in zip(a, b, strict=True))


@contextmanager
def criteria_at(spec: str) -> Iterator[Path]:
    """A folder of criteria: ``spec`` itself, or a git revision of it extracted to a temp dir."""
    path = Path(spec)
    if path.exists():
        yield path
        return
    revision, _, inside = spec.partition(":")
    inside = inside or "criteria"
    try:
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=True
        ).stdout.strip()
        archive = subprocess.run(
            ["git", "-C", top, "archive", "--format=tar", revision, "--", inside],
            capture_output=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        raise UsageError(
            f"{spec!r} is neither a folder nor a git revision (REV or REV:path) here"
        ) from None
    with tempfile.TemporaryDirectory(prefix="award-rules-diff-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        yield Path(tmp) / inside


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("old", metavar="OLD", help="criteria folder, or git revision (REV[:path])")
    parser.add_argument("new", metavar="NEW", help="criteria folder, or git revision (REV[:path])")
    parser.add_argument(
        "--roster",
        required=True,
        type=Path,
        metavar="R",
        help="nominees: a YAML/JSON file (a list, or documents) or a folder of nominee files",
    )
    parser.add_argument("--as-of", required=True, type=iso_date, metavar="DATE")
    parser.add_argument(
        "--award", action="append", default=[], metavar="ID", help="only this award (repeatable)"
    )
    parser.add_argument("--lang", choices=("vi", "en"), default="vi")
    layers_option(parser)


def _run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    nominees = read_roster(args.roster)
    with criteria_at(args.old) as old_dir, criteria_at(args.new) as new_dir:
        old = load_catalog(old_dir, extra=args.criteria_add)
        new = load_catalog(new_dir, extra=args.criteria_add)
        for award in args.award:
            if award not in old and award not in new:
                new.versions(award)  # raises UnknownAwardError with suggestions
        found = changes(old, new, nominees, args.as_of, args.award, args.lang)
    for change in found:
        print(
            f"== {change.award}: {change.nominee_name} ({change.nominee_id}): "
            f"{change.old} → {change.new}",
            file=out,
        )
        print(side_by_side(f"[{args.old}]", f"[{args.new}]"), file=out)
        print(side_by_side(change.old_text, change.new_text), file=out)
        print("", file=out)
    per_award = Counter(c.award for c in found)
    flips = Counter((c.award, c.old, c.new) for c in found)
    word = "nominee" if len(nominees) == 1 else "nominees"
    print(f"{len(nominees)} {word} judged on {args.as_of.isoformat()}:", file=out)
    if not found:
        print("  no status changes", file=out)
    for award, count in sorted(per_award.items()):
        detail = ", ".join(
            f"{n} {old} → {new}" for (a, old, new), n in sorted(flips.items()) if a == award
        )
        print(f"  {award}: {count} changed ({detail})", file=out)
    return EXIT_FAILED if found else EXIT_OK


register(
    Command(
        "diff",
        "judge a roster under two versions of the criteria; list every status change",
        _configure,
        _run,
    )
)
