"""The tests' shared setup (tests/conftest.py): hypothesis profiles and the shipped catalog."""

from __future__ import annotations

import pytest
from hypothesis import settings

from award_rules import Catalog
from conftest import CRITERIA, ROOT, examples, profile_name, shipped_catalog


@pytest.mark.parametrize(
    ("environ", "name"),
    [({"CI": "true"}, "ci"), ({}, "dev"), ({"CI": "false"}, "dev"), ({"CI": "1"}, "dev")],
)
def test_ci_true_selects_the_full_profile(environ: dict[str, str], name: str) -> None:
    """CI=true selects the ci profile; anything else the dev one."""
    assert profile_name(environ) == name


@pytest.mark.parametrize(("full", "ci", "dev"), [(50, 50, 10), (40, 40, 8), (15, 15, 5), (3, 3, 3)])
def test_examples_scale_with_the_profile(full: int, ci: int, dev: int) -> None:
    """The ci profile keeps a test's full count; dev draws a fifth, at least 5 (or all)."""
    assert examples(full, settings.get_profile("ci")) == ci
    assert examples(full, settings.get_profile("dev")) == dev


def test_dev_profile_is_lighter_than_ci() -> None:
    """The dev profile draws fewer examples by default than the ci one."""
    assert settings.get_profile("dev").max_examples < settings.get_profile("ci").max_examples


def test_shared_catalog_is_the_shipped_one_loaded_once(catalog: Catalog) -> None:
    """The catalog fixture is the session's one shipped catalog, with every shipped criterion."""
    assert catalog is shipped_catalog()
    assert (ROOT / "criteria") == CRITERIA
    assert "vss.dg_certificate.retirement" in catalog.ids()
