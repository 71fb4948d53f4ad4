"""JSON Schemas the service publishes: the nominee (from the model) and the verdict.

The verdict's schema is the library's (:func:`award_rules.schemas.verdict_schema`),
one copy; here it is only placed in the OpenAPI document's ``components``.
"""

from __future__ import annotations

from typing import Any

from ..model import nominee_adapter
from ..schemas import verdict_definitions, verdict_schema

__all__ = ["components", "nominee_schema", "verdict_schema"]


def nominee_schema() -> dict[str, Any]:
    """The JSON Schema of a nominee record, as ``award-rules schema`` prints it."""
    return nominee_adapter.json_schema()


def components() -> dict[str, Any]:
    """Schemas for the OpenAPI document's ``components``, references rewritten to point there."""
    out = verdict_definitions("#/components/schemas/")
    nominee = nominee_adapter.json_schema(ref_template="#/components/schemas/{model}")
    out.update(nominee.pop("$defs", {}))
    out["Nominee"] = nominee
    return out
