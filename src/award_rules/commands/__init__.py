"""Commands of ``award-rules`` beyond the built-in ones, registered by name.

Each command lives in its own module of this package and registers a
:class:`Command` (name, help, how to configure its parser, how to run it), the
way predicates register in the vocabulary. :mod:`award_rules.cli` adds every
registered command to its parser and dispatches to it; a module is imported
only when listed in ``MODULES``.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

__all__ = ["MODULES", "Command", "commands", "register"]

MODULES: tuple[str, ...] = ("diff", "replay", "review", "batch", "template", "serve")
"""Modules of this package that register commands (imported by :func:`commands`)."""

Runner = Callable[[argparse.Namespace, TextIO, TextIO], int]


@dataclass(frozen=True, slots=True)
class Command:
    """A subcommand: ``configure`` adds its arguments; ``run`` returns the exit status."""

    name: str
    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Runner


_REGISTRY: dict[str, Command] = {}


def register(command: Command) -> Command:
    """Add a command; a name already taken is an error."""
    if command.name in _REGISTRY:
        raise ValueError(f"command {command.name!r} is already registered")
    _REGISTRY[command.name] = command
    return command


def commands() -> list[Command]:
    """Every registered command, after importing the modules in ``MODULES``."""
    for module in MODULES:
        importlib.import_module(f"{__name__}.{module}")
    return list(_REGISTRY.values())
