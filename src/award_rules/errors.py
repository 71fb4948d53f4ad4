"""One base error for the library, split by stage; diagnostics carry a location."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "AwardRulesError",
    "Code",
    "CriteriaError",
    "Diagnostic",
    "EngineUnavailableError",
    "NomineeError",
    "NotInForceError",
    "SourceLocation",
    "SubjectMismatchError",
    "UnknownAwardError",
    "closest",
]


class Code(StrEnum):
    """Every diagnostic code, in one place (a code is a stable, documented string)."""

    # reading files
    IO = "io"
    YAML = "yaml"
    YAML_SYNTAX = "yaml-syntax"
    YAML_TAG = "yaml-tag"
    YAML_VALUE = "yaml-value"
    DUPLICATE_KEY = "duplicate-key"
    # one criteria file
    SCHEMA = "schema"
    REGISTRY = "registry"
    EMPTY = "empty"
    DUPLICATE_ID = "duplicate-id"
    UNKNOWN_CHECK = "unknown-check"
    WRONG_SUBJECT = "wrong-subject"
    BAD_ARGUMENT = "bad-argument"
    UNKNOWN_PARAMETER = "unknown-parameter"
    UNUSED_PARAMETER = "unused-parameter"
    # across files and versions
    VERSION_SUBJECT = "version-subject"
    VERSION_ANNUAL = "version-annual"
    VERSION_OVERLAP = "version-overlap"
    VERSION_GAP = "version-gap"
    UNTIL_BEFORE_FROM = "until-before-from"
    UNKNOWN_REFERENCE = "unknown-reference"
    REFERENCE_SUBJECT = "reference-subject"
    REFERENCE_NOT_IN_FORCE = "reference-not-in-force"
    REFERENCE_CYCLE = "reference-cycle"
    UNKNOWN_AWARD = "unknown-award"
    # static analysis of conditions
    CONTRADICTION = "contradiction"
    UNREACHABLE = "unreachable-branch"
    # layers
    LAYER_CONFLICT = "layer-conflict"
    REPLACES_NOTHING = "replaces-nothing"
    SYMLINK_LOOP = "symlink-loop"
    # cases and nominees
    CASES = "cases"
    NOMINEE = "nominee"
    UNKNOWN_EXTENSION = "unknown-extension"
    INPUT_LIMIT = "input-limit"
    CONTROL_CHARACTER = "control-character"
    ENCODING = "encoding"
    JSON_SYNTAX = "json-syntax"
    NUMBER = "number"
    ROSTER = "roster"
    RECEIPT = "receipt"


@dataclass(frozen=True, slots=True)
class SourceLocation:
    """A place in a file: 1-based line and column (either may be unknown)."""

    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in user input: a stable code, a message and where it is."""

    code: str
    message: str
    location: SourceLocation | None = None
    path: str = ""
    hint: str = ""
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        at = f"{self.path}: " if self.path else ""
        hint = f" ({self.hint})" if self.hint else ""
        level = "warning: " if self.severity == "warning" else ""
        return f"{where}{level}{at}{self.message}{hint}"

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        loc = self.location
        return {
            "code": self.code,
            "message": self.message,
            "file": loc.file if loc else None,
            "line": loc.line if loc else None,
            "column": loc.column if loc else None,
            "path": self.path or None,
            "hint": self.hint or None,
            "severity": self.severity,
        }


class AwardRulesError(Exception):
    """Base class of every error award-rules raises on purpose."""


class CriteriaError(AwardRulesError):
    """A criteria file (or a set of them) is invalid; holds every problem found."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = list(diagnostics)
        super().__init__(_summarise(self.diagnostics, "criteria"))


class NomineeError(AwardRulesError):
    """Nominee data does not fit the domain model; each diagnostic names the field path."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = list(diagnostics)
        super().__init__(_summarise(self.diagnostics, "nominee"))


class UnknownAwardError(AwardRulesError, KeyError):
    """No criteria with that award id; suggests the closest ids."""

    def __init__(self, award_id: str, known: Iterable[str]) -> None:
        self.award_id = award_id
        self.suggestions = closest(award_id, known)
        hint = f"; did you mean {' or '.join(self.suggestions)}?" if self.suggestions else ""
        self.message = f"unknown award id {award_id!r}{hint}"
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


class NotInForceError(AwardRulesError):
    """No version of the award's criteria is in force on the evaluation date."""


class SubjectMismatchError(AwardRulesError, TypeError):
    """The nominee is of the wrong kind for the award (a unit for an individual's award)."""


class EngineUnavailableError(AwardRulesError):
    """The engine backend asked for cannot run here (its optional dependency is missing)."""


def closest(word: str, candidates: Iterable[str], n: int = 3, cutoff: float = 0.6) -> list[str]:
    """The candidates closest to ``word``, best first (for "did you mean")."""
    return difflib.get_close_matches(word, sorted(set(candidates)), n=n, cutoff=cutoff)


def _summarise(diagnostics: Sequence[Diagnostic], what: str) -> str:
    if not diagnostics:
        return f"invalid {what}"
    first = str(diagnostics[0])
    more = len(diagnostics) - 1
    return first if more == 0 else f"{first} (and {more} more problem{'s' * (more > 1)})"


class ArgumentError(AwardRulesError, ValueError):
    """An argument of the Python API is of the wrong type or out of range."""
