"""Case files (``*.cases.yaml``): test cases for criteria, written without Python.

A case names an award, a date, a nominee (inline, or a file with small
changes) and what the verdict must be::

    award: vss.dg_certificate.retirement      # defaults for every case below
    as_of: 2020-07-20
    cases:
      - name: the same official, but disciplined in 2015
        nominee: ../nominees/retiring_official.yaml
        add:
          disciplines: [{form: reprimand, decided_on: 2015-06-10}]
        expect:
          status: ineligible
          failed: [no_discipline]

Nominee files are found relative to the case file; the shipped cases keep theirs
in ``criteria/nominees/`` so that they travel with the criteria in the wheel.
``set`` replaces fields of the nominee, ``add`` appends to its lists, ``remove``
deletes fields. ``base: shipped`` judges the cases of a folder of one's own
criteria against the shipped pack with that folder on top.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..criteria.files import walk
from ..errors import Code, CriteriaError, Diagnostic, SourceLocation
from ..model import IsoDate
from ..validation import from_validation_error
from ..verdict import Status
from ..yamlfile import YamlLoadError, load_documents

__all__ = ["Case", "CaseFile", "Expectation", "LoadedCase", "load_case_file"]

CASE_SUFFIXES = (".cases.yaml", ".cases.yml")
ErrorKind = Literal["not_in_force", "subject_mismatch", "invalid_nominee", "unknown_award"]


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Expectation(_Strict):
    """What the verdict must be; only the keys given are checked."""

    status: Status | None = None
    error: ErrorKind | None = Field(
        default=None, description="Expect this error instead of a verdict."
    )
    failed: list[str] | None = None
    missing: list[str] | None = None
    earliest_eligible_on: IsoDate | Literal["none"] | None = None
    explanation_contains: list[str] | dict[Literal["vi", "en"], list[str]] | None = None

    @model_validator(mode="after")
    def _status_or_error(self) -> Expectation:
        if (self.status is None) == (self.error is None):
            raise ValueError("give exactly one of 'status' and 'error'")
        return self


class Case(_Strict):
    """One case: a nominee, an award, a date and the expected verdict."""

    name: Annotated[str, Field(min_length=1)]
    award: str | None = None
    as_of: IsoDate | None = None
    nominee: str | dict[str, Any] | None = None
    set: dict[str, Any] = Field(default_factory=dict)
    add: dict[str, list[Any]] = Field(default_factory=dict)
    remove: list[str] = Field(default_factory=list)
    expect: Expectation


class CaseFile(_Strict):
    """A case file: defaults, then the cases."""

    award: str | None = None
    as_of: IsoDate | None = None
    nominee: str | dict[str, Any] | None = None
    criteria: str | None = Field(
        default=None,
        description="Criteria directory, relative to this file (default: the nearest "
        "directory above holding awards.yaml, else this file's directory).",
    )
    base: Literal["shipped"] | None = Field(
        default=None,
        description="``shipped``: judge against the shipped criteria with the criteria "
        "directory as a layer on top (for a folder of one's own criteria).",
    )
    cases: list[Case] = Field(min_length=1)


@dataclass(frozen=True)
class LoadedCase:
    """A case with its defaults applied, its nominee data built, and where it was written."""

    name: str
    award: str
    as_of: dt.date
    nominee: dict[str, Any]
    expect: Expectation
    location: SourceLocation
    criteria_dir: Path
    on_shipped: bool = False


def is_case_file(path: Path) -> bool:
    """True for ``*.cases.yaml`` files."""
    return path.name.endswith(CASE_SUFFIXES)


def case_files(root: Path) -> list[Path]:
    """Case files below ``root`` (or ``root`` itself), sorted; symlinks followed."""
    return walk(root, is_case_file)[0]


def criteria_dir_for(path: Path, declared: str | None) -> Path:
    """The criteria a case file is judged against."""
    if declared is not None:
        return (path.parent / declared).resolve()
    for directory in path.resolve().parents:
        if (directory / "awards.yaml").is_file():
            return directory
    return path.parent.resolve()


def load_case_file(path: Path) -> list[LoadedCase]:
    """Every case of a file; :class:`CriteriaError` lists problems with file:line:column."""
    try:
        documents = load_documents(path)
    except YamlLoadError as exc:
        raise CriteriaError([exc.diagnostic]) from None
    if len(documents) != 1:
        raise CriteriaError(
            [
                Diagnostic(
                    Code.CASES, "a case file holds one YAML document", SourceLocation(str(path))
                )
            ]
        )
    document = documents[0]
    try:
        parsed = CaseFile.model_validate(document.data)
    except ValidationError as exc:
        raise CriteriaError(
            from_validation_error(exc, document, model=CaseFile, code=Code.CASES)
        ) from None
    criteria_dir = criteria_dir_for(path, parsed.criteria)
    loaded: list[LoadedCase] = []
    problems: list[Diagnostic] = []
    for index, case in enumerate(parsed.cases):
        where = document.location(("cases", index))
        try:
            resolved = _resolve(case, parsed, path, where, criteria_dir)
            loaded.append(replace(resolved, on_shipped=parsed.base == "shipped"))
        except _CaseProblem as problem:
            problems.append(Diagnostic(Code.CASES, str(problem), where))
    if problems:
        raise CriteriaError(problems)
    return loaded


class _CaseProblem(Exception):
    pass


def _resolve(
    case: Case, defaults: CaseFile, path: Path, where: SourceLocation, criteria_dir: Path
) -> LoadedCase:
    award = case.award or defaults.award
    as_of = case.as_of or defaults.as_of
    if award is None:
        raise _CaseProblem(f"case {case.name!r}: no award (give 'award' here or at the top)")
    if as_of is None:
        raise _CaseProblem(f"case {case.name!r}: no date (give 'as_of' here or at the top)")
    source = case.nominee if case.nominee is not None else defaults.nominee
    if source is None:
        raise _CaseProblem(f"case {case.name!r}: no nominee")
    nominee = dict(_read_nominee(source, path)) if isinstance(source, str) else dict(source)
    for key in case.remove:
        nominee.pop(key, None)
    nominee.update(case.set)
    for key, items in case.add.items():
        current = nominee.get(key) or []
        if not isinstance(current, list):
            raise _CaseProblem(f"case {case.name!r}: cannot add to {key!r}, it is not a list")
        nominee[key] = [*current, *items]
    return LoadedCase(case.name, award, as_of, nominee, case.expect, where, criteria_dir)


def _read_nominee(reference: str, case_path: Path) -> dict[str, Any]:
    target = (case_path.parent / reference).resolve()
    if not target.is_file():
        raise _CaseProblem(f"nominee file not found: {reference} (looked for {target})")
    try:
        documents = load_documents(target)
    except YamlLoadError as exc:
        raise _CaseProblem(str(exc.diagnostic)) from None
    data = documents[0].data if documents else None
    if not isinstance(data, dict):
        raise _CaseProblem(f"{reference}: expected one nominee mapping")
    return data
