"""What the tests share: the repository's paths, the shipped catalog, hypothesis profiles.

Hypothesis runs under one of two profiles, registered here:

- ``ci`` (selected when the environment has ``CI=true``): the full number of
  examples each test asks for;
- ``dev`` (otherwise): a fifth of them, for quick local runs.

A test states its full count through :func:`examples`; ``pytest
--hypothesis-profile=ci`` runs the full profile locally.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from award_rules import Catalog, load_catalog

ROOT = Path(__file__).resolve().parents[1]
"""The repository."""

CRITERIA = ROOT / "criteria"
"""The shipped criteria files."""

EXAMPLES_DIR = ROOT / "examples"
"""Example programs, nominees and events."""

NOMINEES = EXAMPLES_DIR / "nominees"
"""The example nominee files."""

EVENTS_FILE = EXAMPLES_DIR / "events" / "province_2020.jsonl"
"""The example year of HR events for a province."""

RETIREMENT = "vss.dg_certificate.retirement"
SMALL = "vss.dg_certificate.small_collective"
REGISTRATION = "vss.year_end_registration"

CI_EXAMPLES = 100
"""Hypothesis' default number of examples, kept by the ``ci`` profile."""

DEV_EXAMPLES = CI_EXAMPLES // 5
"""The ``dev`` profile's default: a fifth."""

settings.register_profile("ci", max_examples=CI_EXAMPLES)
settings.register_profile("dev", max_examples=DEV_EXAMPLES)


def profile_name(environ: Mapping[str, str]) -> str:
    """``ci`` when the environment says ``CI=true``, else ``dev``."""
    return "ci" if environ.get("CI") == "true" else "dev"


settings.load_profile(profile_name(os.environ))


def examples(full: int, profile: settings | None = None) -> int:
    """``full`` examples under the ``ci`` profile; proportionally fewer (at least 5) under ``dev``.

    ``profile`` defaults to the one loaded when a test module is imported
    (after ``--hypothesis-profile`` is applied).
    """
    current = profile if profile is not None else settings()
    return max(min(full, 5), full * current.max_examples // CI_EXAMPLES)


@cache
def shipped_catalog() -> Catalog:
    """The shipped criteria, loaded once for the whole session (for module-level use)."""
    return load_catalog()


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The shipped criteria (a module may override this fixture with its own catalog)."""
    return shipped_catalog()


@pytest.fixture(scope="session")
def root() -> Path:
    """The repository."""
    return ROOT


@pytest.fixture
def computed_facts(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The keys of the derived facts computed (not found in a cache) during the test."""
    from award_rules.facts import FactCache

    computed: list[Any] = []
    original = FactCache.get

    def counting(self: FactCache, key: Any, compute: Any, *args: Any) -> Any:
        if key not in self._values:  # type: ignore[attr-defined]
            computed.append(key)
        return original(self, key, compute, *args)

    monkeypatch.setattr(FactCache, "get", counting)
    return computed
