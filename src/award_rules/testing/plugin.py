"""pytest plugin: collect ``*.cases.yaml`` files, one test item per case.

Registered through the ``pytest11`` entry point, so installing award-rules is
enough: ``pytest criteria/`` runs every case. A failing case reports its
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
from .runner import CaseResult, CatalogCache, run_case

__all__ = ["CaseFileCollector", "CaseItem", "pytest_collect_file"]

_CATALOGS = pytest.StashKey[CatalogCache]()


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
        for case in cases:
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
