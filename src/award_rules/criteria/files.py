"""Finding files below a folder: symlinked files and folders followed, loops reported."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from ..errors import Code, Diagnostic, SourceLocation

__all__ = ["NOMINEES_DIR", "walk"]

NOMINEES_DIR = "nominees"
"""A folder of this name holds the nominee files that cases use; it is never criteria."""


def walk(
    root: Path, keep: Callable[[Path], bool], *, skip_dirs: frozenset[str] = frozenset()
) -> tuple[list[Path], list[Diagnostic]]:
    """Files below ``root`` that ``keep`` accepts, sorted; a symlink loop is a warning.

    Symlinks are followed (a folder of links to criteria files is a layer like
    any other); a folder reached again through a link that points back up is
    skipped and reported.
    """
    if root.is_file():
        return ([root] if keep(root) else []), []
    found: list[Path] = []
    problems: list[Diagnostic] = []
    seen: set[str] = set()
    seen_files: set[str] = set()
    for current, dirs, files in os.walk(root, followlinks=True):
        real = os.path.realpath(current)
        if real in seen:
            problems.append(
                Diagnostic(
                    Code.SYMLINK_LOOP,
                    f"{current} leads back to {real}, which is already read; skipped",
                    SourceLocation(current),
                    severity="warning",
                )
            )
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = sorted(d for d in dirs if d not in skip_dirs and not d.startswith("."))
        for name in files:
            path = Path(current) / name
            real_file = os.path.realpath(path)
            if path.is_file() and keep(path) and real_file not in seen_files:
                seen_files.add(real_file)
                found.append(path)
    return sorted(found), problems
