"""pytest plugin: collect ``*.cases.yaml`` files, one test item per case.

Registered through the ``pytest11`` entry point, so installing award-rules is
enough: ``pytest criteria/`` runs every case. ``pytest --mutate-criteria``
also runs mutation testing of the criteria the cases use (see
:mod:`award_rules.testing.mutate`): the survivors and the score are printed at
the end, and a survivor fails the run. A failing case reports its
file:line, expected versus actual, and the explanation tree; a broken case or
criteria file reports its diagnostics, never a traceback.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..errors import AwardRulesError, CriteriaError
from .cases import LoadedCase, is_case_file, load_case_file
from .mutate import MutationReport, run_mutation
from .runner import CaseResult, CatalogCache, run_case

__all__ = [
    "CaseFileCollector",
    "CaseItem",
    "pytest_addoption",
    "pytest_collect_file",
    "pytest_sessionfinish",
    "pytest_terminal_summary",
]

_CATALOGS = pytest.StashKey[CatalogCache]()
_CASES = pytest.StashKey[list[LoadedCase]]()
_REPORTS = pytest.StashKey[list[tuple[Path, MutationReport]]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--mutate-criteria``: mutation testing of the criteria the cases use."""
    parser.getgroup("award-rules").addoption(
        "--mutate-criteria",
        action="store_true",
        default=False,
        help="after the cases pass, mutate the criteria they test and report the "
        "mutants no case kills (a survivor fails the run)",
    )


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Run the mutation testing once the cases have passed."""
    config = session.config
    cases = config.stash.get(_CASES, [])
    if not config.getoption("--mutate-criteria") or exitstatus != 0 or not cases:
        return
    groups: dict[tuple[Path, bool], list[LoadedCase]] = {}
    for case in cases:
        groups.setdefault((case.criteria_dir, case.on_shipped), []).append(case)
    reports = [
        (directory, run_mutation(directory, group, on_shipped=on_shipped))
        for (directory, on_shipped), group in groups.items()
    ]
    config.stash[_REPORTS] = reports
    if any(report.of("survived") for _, report in reports):
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    """Print the mutation reports."""
    for directory, report in config.stash.get(_REPORTS, []):
        terminalreporter.section(f"mutants of {directory}")
        terminalreporter.write_line(report.report())


class CaseFailure(Exception):
    """A case whose verdict differs from what it expects."""

    def __init__(self, result: CaseResult) -> None:
        self.result = result
        super().__init__(result.report())


class CaseSetupError(Exception):
    """The case or its criteria could not be loaded."""


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    """Collect case files."""
    if is_case_file(file_path):
        collector: CaseFileCollector = CaseFileCollector.from_parent(parent, path=file_path)
        return collector
    return None


def _catalogs(config: pytest.Config) -> CatalogCache:
    cache = config.stash.get(_CATALOGS, None)
    if cache is None:
        cache = CatalogCache()
        config.stash[_CATALOGS] = cache
    return cache


class CaseFileCollector(pytest.File):
    """A ``*.cases.yaml`` file."""

    def collect(self) -> Iterator[pytest.Item]:
        try:
            cases = load_case_file(self.path)
        except CriteriaError as exc:
            raise self.CollectError("\n".join(str(d) for d in exc.diagnostics)) from None
        collected = self.config.stash.setdefault(_CASES, [])
        for case in cases:
            collected.append(case)
            yield CaseItem.from_parent(self, name=case.name, case=case)


class CaseItem(pytest.Item):
    """One case of a case file."""

    def __init__(self, *, case: LoadedCase, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case

    def runtest(self) -> None:
        try:
            catalog = _catalogs(self.config).for_case(self.case)
        except AwardRulesError as exc:
            raise CaseSetupError(str(exc)) from None
        result = run_case(self.case, catalog)
        if not result.passed:
            raise CaseFailure(result)

    def repr_failure(
        self,
        excinfo: pytest.ExceptionInfo[BaseException],
        style: Any = None,
    ) -> str:
        if isinstance(excinfo.value, CaseFailure | CaseSetupError):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        line = self.case.location.line
        return self.path, (line - 1 if line else None), f"case: {self.case.name}"
