"""The service's schemas in the OpenAPI document's ``components``.

The nominee's and the verdict's schemas are the library's
(:mod:`award_rules.schemas`), one definition each; here they are only placed
in ``components``, references rewritten to point there, the nominee's
``extensions`` held to what the service's catalog declares.
"""

from __future__ import annotations

from typing import Any

from ..catalog import Catalog
from ..schemas import declared_extensions, nominee_definitions, verdict_definitions

__all__ = ["components"]

PREFIX = "#/components/schemas/"


def components(catalog: Catalog) -> dict[str, Any]:
    """Schemas for the OpenAPI document's ``components`` (``Nominee``, ``Verdict``, their parts)."""
    out = verdict_definitions(PREFIX)
    out.update(nominee_definitions(PREFIX, extensions=declared_extensions(catalog)))
    return out
