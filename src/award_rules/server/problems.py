"""Errors as ``application/problem+json`` (RFC 9457), each problem with its field path."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..errors import (
    AwardRulesError,
    CriteriaError,
    Diagnostic,
    NomineeError,
    NotInForceError,
    SubjectMismatchError,
    UnknownAwardError,
)

__all__ = ["PROBLEM_MEDIA_TYPE", "Problem", "diagnostic_dict", "problem_for"]

PROBLEM_MEDIA_TYPE = "application/problem+json"

TITLES = {
    400: "Bad request",
    401: "Authentication required",
    404: "Not found",
    405: "Method not allowed",
    413: "Request body too large",
    415: "Unsupported media type",
    422: "Invalid input",
    500: "Internal error",
}


class Problem(Exception):
    """An error response: HTTP status, a one-line detail and the problems found."""

    def __init__(
        self,
        status: int,
        detail: str,
        errors: Sequence[dict[str, Any]] = (),
        *,
        kind: str = "about:blank",
        extra: dict[str, Any] | None = None,
    ) -> None:
        self.status = status
        self.detail = detail
        self.errors = list(errors)
        self.kind = kind
        self.extra = extra or {}
        super().__init__(detail)

    def to_dict(self) -> dict[str, Any]:
        """The RFC 9457 body: type, title, status, detail, plus ``errors``."""
        body: dict[str, Any] = {
            "type": self.kind,
            "title": TITLES.get(self.status, "Error"),
            "status": self.status,
            "detail": self.detail,
            "errors": self.errors,
        }
        body.update(self.extra)
        return body


def diagnostic_dict(diagnostic: Diagnostic) -> dict[str, Any]:
    """One problem: field path, message, line/column in the body, and the CLI's wording."""
    loc = diagnostic.location
    return {
        "path": diagnostic.path or None,
        "message": diagnostic.message,
        "line": loc.line if loc else None,
        "column": loc.column if loc else None,
        "code": diagnostic.code,
        "hint": diagnostic.hint or None,
        "text": str(diagnostic),
    }


def problem_for(exc: AwardRulesError) -> Problem:
    """The response for a library error, worded as the CLI words it."""
    if isinstance(exc, UnknownAwardError):
        return Problem(
            404,
            str(exc),
            [{"path": "award", "message": str(exc), "code": "unknown-award", "text": str(exc)}],
            extra={"suggestions": list(exc.suggestions)},
        )
    if isinstance(exc, NomineeError | CriteriaError):
        return Problem(422, str(exc), [diagnostic_dict(d) for d in exc.diagnostics])
    code = (
        "not-in-force"
        if isinstance(exc, NotInForceError)
        else "subject-mismatch"
        if isinstance(exc, SubjectMismatchError)
        else "invalid"
    )
    return Problem(
        422, str(exc), [{"path": None, "message": str(exc), "code": code, "text": str(exc)}]
    )
