"""JSON Schemas the service publishes: the nominee (from the model) and the verdict.

``VERDICT_SCHEMA`` describes :meth:`award_rules.Verdict.to_dict`; the tests
check every example verdict against it, so it cannot drift unnoticed.
"""

from __future__ import annotations

from typing import Any

from ..model import nominee_adapter

__all__ = ["VERDICT_SCHEMA", "components", "nominee_schema", "verdict_schema"]

_TEXT = {"type": "string"}
_DATE = {"type": "string", "format": "date"}
_STRINGS = {"type": "array", "items": _TEXT}
_LOCALIZED = {
    "type": "object",
    "properties": {"vi": _TEXT, "en": _TEXT},
    "required": ["vi", "en"],
}
_CITATION = {
    "type": "object",
    "description": "A legal source: the document, and where known its article, date, URL, quote.",
    "properties": {
        "document": _TEXT,
        "article": _TEXT,
        "date": _DATE,
        "url": _TEXT,
        "quote": _TEXT,
    },
    "required": ["document"],
}
_NODE_TEXT = {
    "type": "object",
    "properties": {"label": _TEXT, "required": _TEXT, "found": _TEXT},
    "required": ["label", "required", "found"],
}


def _condition(ref: str) -> dict[str, Any]:
    return {
        "type": "object",
        "description": "One evaluated condition: a group (all/any/not) or a check (a leaf).",
        "properties": {
            "id": {"type": ["string", "null"]},
            "kind": {"enum": ["all", "any", "not", "check"]},
            "check": {"type": ["string", "null"], "description": "The predicate of a leaf."},
            "passed": {"type": ["boolean", "null"], "description": "null: a fact is missing."},
            "required": {"description": "What the condition asks for, as data."},
            "found": {"description": "What was found in the record, as data."},
            "evidence": _STRINGS,
            "missing": _STRINGS,
            "source": {"anyOf": [_CITATION, {"type": "null"}]},
            "text": {
                "type": "object",
                "properties": {"vi": _NODE_TEXT, "en": _NODE_TEXT},
                "required": ["vi", "en"],
            },
            "children": {"type": "array", "items": {"$ref": ref}},
        },
        "required": [
            "id", "kind", "check", "passed", "required", "found", "evidence", "missing",
            "source", "text", "children",
        ],
    }


def _verdict(ref: str) -> dict[str, Any]:
    return {
        "type": "object",
        "title": "Verdict",
        "description": "Whether a nominee is eligible for an award on a date, and why.",
        "properties": {
            "award": _TEXT,
            "award_name": _LOCALIZED,
            "nominee": {
                "type": "object",
                "properties": {
                    "id": _TEXT, "name": _TEXT, "kind": {"enum": ["individual", "unit"]},
                },
                "required": ["id", "name", "kind"],
            },
            "as_of": _DATE,
            "year": {"type": "integer"},
            "status": {"enum": ["eligible", "ineligible", "undetermined"]},
            "failed": _STRINGS,
            "missing": _STRINGS,
            "earliest_eligible_on": {"anyOf": [_DATE, {"type": "null"}]},
            "version": {
                "type": "object",
                "properties": {
                    "in_force": {
                        "type": "object",
                        "properties": {
                            "from": _DATE, "until": {"anyOf": [_DATE, {"type": "null"}]},
                        },
                        "required": ["from", "until"],
                    },
                    "source": _CITATION,
                    "file": _TEXT,
                },
                "required": ["in_force", "source", "file"],
            },
            "unverified": _STRINGS,
            "conditions": {"$ref": ref},
            "explanation": _LOCALIZED,
            "text": {"type": "string", "description": "The explanation in the language asked for."},
        },
        "required": [
            "award", "award_name", "nominee", "as_of", "year", "status", "failed", "missing",
            "earliest_eligible_on", "version", "unverified", "conditions", "explanation",
        ],
    }


VERDICT_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    **_verdict("#/$defs/Condition"),
    "$defs": {"Condition": _condition("#/$defs/Condition")},
}
"""The standalone JSON Schema of a verdict (served at ``/api/schemas/verdict``)."""


def verdict_schema() -> dict[str, Any]:
    """The JSON Schema of :meth:`Verdict.to_dict` (a fresh copy)."""
    import copy

    return copy.deepcopy(VERDICT_SCHEMA)


def nominee_schema() -> dict[str, Any]:
    """The JSON Schema of a nominee record, as ``award-rules schema`` prints it."""
    return nominee_adapter.json_schema()


def components() -> dict[str, Any]:
    """Schemas for the OpenAPI document's ``components``, references rewritten to point there."""
    out: dict[str, Any] = {
        "Verdict": _verdict("#/components/schemas/Condition"),
        "Condition": _condition("#/components/schemas/Condition"),
    }
    nominee = nominee_adapter.json_schema(ref_template="#/components/schemas/{model}")
    out.update(nominee.pop("$defs", {}))
    out["Nominee"] = nominee
    return out
