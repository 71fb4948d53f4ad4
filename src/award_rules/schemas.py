"""The published JSON Schemas: nominee data (made to agree with the model), verdicts, receipts.

Built from the pydantic models, then: ``$schema`` and ``$id`` added, and the
two kinds told apart by ``kind`` with ``if``/``then`` (not ``oneOf``), so a
validator's errors point at the field that is wrong, not at the root. Text
must hold a non-space character and no control characters; dates must be
``YYYY-MM-DD`` (a pattern, besides ``format: date``).

Two things JSON Schema cannot say are in ``$comment``: an integer is written
without a fraction (``2022``, not ``2022.0``; JSON Schema counts ``2022.0``
as an integer), and rules across fields (an end before its start, a year
given twice) are checked by the library only.

The verdict schema describes :meth:`award_rules.Verdict.to_dict` (the output
of ``check --format json``), its ``receipt`` included; the service publishes
the same schema. The nominee schema a catalog publishes (``award-rules schema``,
the service) holds ``extensions`` to what its checks declare
(:func:`declared_extensions`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

from .model import TEXT_PATTERN, Individual, Unit, nominee_adapter

if TYPE_CHECKING:
    from .catalog import Catalog

__all__ = [
    "SCHEMA_DIALECT",
    "declared_extensions",
    "nominee_definitions",
    "nominee_schema",
    "receipt_schema",
    "schema_id",
    "verdict_definitions",
    "verdict_schema",
]

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_VERSION = 1

_COMMENT = (
    "Integers are written without a fraction (2022, not 2022.0). Validate with "
    "format assertion on, so that 'format: date' is checked. Rules across fields "
    "(an end before its start, a year given twice, a rating before birth) are "
    "checked by the award-rules library only."
)

Kind = Literal["nominee", "individual", "unit", "receipt", "verdict"]
NomineeKind = Literal["nominee", "individual", "unit"]


def schema_id(kind: Kind) -> str:
    """The ``$id`` of a published schema."""
    return f"urn:award-rules:schema:{kind}:v{SCHEMA_VERSION}"


def _header(kind: Kind, body: dict[str, Any]) -> dict[str, Any]:
    return {"$schema": SCHEMA_DIALECT, "$id": schema_id(kind), "$comment": _COMMENT, **body}


_EXTENSION_TYPES: dict[str, dict[str, Any]] = {
    "bool": {"type": "boolean"},
    "int": {"type": "integer"},
    "number": {"type": "number"},
    "string": {"type": "string", "minLength": 1, "pattern": TEXT_PATTERN},
    "date": {"type": "string", "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
}


def _declared(schema: dict[str, Any], extensions: Mapping[str, str] | None) -> dict[str, Any]:
    """``schema`` with ``extensions`` limited to the declared keys and types (if given)."""
    if extensions is None:
        return schema
    exact = {
        "type": "object",
        "description": "Facts of the host's own: the keys its checks declare.",
        "properties": {key: _EXTENSION_TYPES[kind] for key, kind in extensions.items()},
        "additionalProperties": False,
    }
    for model in (schema, *schema.get("$defs", {}).values()):
        if "extensions" in model.get("properties", {}):
            model["properties"]["extensions"] = exact
    return schema


def declared_extensions(catalog: Catalog) -> Mapping[str, str]:
    """What a catalog's published nominee schema holds ``extensions`` to.

    The keys and types its vocabulary declares: the catalog admits no other. An
    empty mapping when it declares none, as with the shipped checks (the catalog
    then refuses every extension, and so does its schema).
    """
    return dict(catalog.vocabulary.extensions)


def nominee_definitions(
    prefix: str = "#/$defs/", *, extensions: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """The nominee's schemas by name (``Nominee``, ``Individual``, ``Unit`` and their parts).

    References point at ``prefix`` + name (``#/components/schemas/`` in an
    OpenAPI document); ``extensions`` as for :func:`nominee_schema`.
    """
    generated = _declared(nominee_adapter.json_schema(ref_template=prefix + "{model}"), extensions)
    kinds = sorted(generated["discriminator"]["mapping"].items())
    branches = [
        {
            "if": {"properties": {"kind": {"const": name}}, "required": ["kind"]},
            "then": {"$ref": ref},
        }
        for name, ref in kinds
    ]
    out: dict[str, Any] = dict(generated["$defs"])
    out["Nominee"] = {
        "title": "Nominee",
        "description": "An individual or a unit, told apart by 'kind'.",
        "type": "object",
        "required": ["kind"],
        "properties": {"kind": {"enum": [name for name, _ in kinds]}},
        "allOf": branches,
    }
    return out


def nominee_schema(
    kind: NomineeKind = "nominee", *, extensions: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """The JSON Schema of a nominee (``nominee``: either kind, told apart by ``kind``).

    ``extensions`` (such as ``catalog.vocabulary.extensions``) makes the schema
    of ``extensions`` exact: those keys, of those types, and no other. Without
    it, any key of the allowed form and any scalar value is accepted.
    :func:`declared_extensions` gives what a catalog publishes.
    """
    if kind == "individual":
        return _header(kind, _declared(Individual.model_json_schema(), extensions))
    if kind == "unit":
        return _header(kind, _declared(Unit.model_json_schema(), extensions))
    if kind != "nominee":
        raise ValueError(f"kind must be 'nominee', 'individual' or 'unit', got {kind!r}")
    defs = nominee_definitions(extensions=extensions)
    return _header(kind, {**defs.pop("Nominee"), "$defs": defs})


def receipt_schema() -> dict[str, Any]:
    """The JSON Schema of a decision receipt (:mod:`award_rules.receipt`)."""
    from .receipt import Receipt

    return _header("receipt", Receipt.model_json_schema(by_alias=True))


_TEXT: dict[str, Any] = {"type": "string"}
_DATE: dict[str, Any] = {
    "type": "string",
    "format": "date",
    "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
}
_STRINGS: dict[str, Any] = {"type": "array", "items": _TEXT}
_LOCALIZED: dict[str, Any] = {
    "type": "object",
    "properties": {"vi": _TEXT, "en": _TEXT},
    "required": ["vi", "en"],
    "additionalProperties": False,
}
_CITATION: dict[str, Any] = {
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
_NODE_TEXT: dict[str, Any] = {
    "type": "object",
    "properties": {"label": _TEXT, "required": _TEXT, "found": _TEXT},
    "required": ["label", "required", "found"],
    "additionalProperties": False,
}


def _condition(ref: str) -> dict[str, Any]:
    return {
        "type": "object",
        "title": "Condition",
        "description": "One evaluated condition: a group (all/any/not) or a check (a leaf).",
        "properties": {
            "id": {"type": ["string", "null"]},
            "kind": {"enum": ["all", "any", "not", "check"]},
            "check": {"type": ["string", "null"], "description": "The predicate of a leaf."},
            "passed": {"type": ["boolean", "null"], "description": "null: a fact is missing."},
            "required": {
                "description": "What the condition asks for, as data: most checks give their "
                "arguments by their public names, some a duration; null for a group. "
                "docs/check-data.md gives each check's shape.",
            },
            "found": {
                "description": "What was found in the record, as data; null for a group. "
                "docs/check-data.md gives each check's shapes.",
            },
            "evidence": _STRINGS,
            "missing": _STRINGS,
            "source": {"anyOf": [_CITATION, {"type": "null"}]},
            "text": {
                "type": "object",
                "properties": {"vi": _NODE_TEXT, "en": _NODE_TEXT},
                "required": ["vi", "en"],
                "additionalProperties": False,
            },
            "children": {"type": "array", "items": {"$ref": ref}},
        },
        "required": [
            "id",
            "kind",
            "check",
            "passed",
            "required",
            "found",
            "evidence",
            "missing",
            "source",
            "text",
            "children",
        ],
        "additionalProperties": False,
    }


VERDICT_KEYS = (
    "award",
    "award_name",
    "nominee",
    "as_of",
    "year",
    "status",
    "failed",
    "missing",
    "to_request",
    "earliest_eligible_on",
    "version",
    "unverified",
    "conditions",
    "explanation",
    "receipt",
)
"""The keys of :meth:`Verdict.to_dict`, in order (all required)."""


def _verdict(prefix: str) -> dict[str, Any]:
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
                    "id": _TEXT,
                    "name": _TEXT,
                    "kind": {"enum": ["individual", "unit"]},
                },
                "required": ["id", "name", "kind"],
                "additionalProperties": False,
            },
            "as_of": _DATE,
            "year": {"type": "integer"},
            "status": {"enum": ["eligible", "ineligible", "undetermined"]},
            "failed": _STRINGS,
            "missing": _STRINGS,
            "to_request": {
                **_STRINGS,
                "description": "Every missing fact that still matters, also beside what failed.",
            },
            "earliest_eligible_on": {"anyOf": [_DATE, {"type": "null"}]},
            "version": {
                "type": "object",
                "properties": {
                    "in_force": {
                        "type": "object",
                        "properties": {
                            "from": _DATE,
                            "until": {"anyOf": [_DATE, {"type": "null"}]},
                        },
                        "required": ["from", "until"],
                        "additionalProperties": False,
                    },
                    "source": _CITATION,
                    "file": _TEXT,
                },
                "required": ["in_force", "source", "file"],
                "additionalProperties": False,
            },
            "unverified": _STRINGS,
            "conditions": {"$ref": f"{prefix}Condition"},
            "explanation": _LOCALIZED,
            "receipt": {"$ref": f"{prefix}Receipt"},
            "text": {
                "type": "string",
                "description": "The explanation in the language asked for (added by the service).",
            },
        },
        "required": list(VERDICT_KEYS),
        "additionalProperties": False,
    }


def verdict_definitions(prefix: str = "#/$defs/") -> dict[str, Any]:
    """The verdict's schemas by name (``Verdict``, ``Condition``, ``Receipt`` and its parts).

    References point at ``prefix`` + name: ``#/$defs/`` in the standalone schema,
    ``#/components/schemas/`` in an OpenAPI document.
    """
    from .receipt import Receipt

    receipt = Receipt.model_json_schema(by_alias=True, ref_template=prefix + "{model}")
    out: dict[str, Any] = dict(receipt.pop("$defs", {}))
    out["Receipt"] = receipt
    out["Condition"] = _condition(f"{prefix}Condition")
    out["Verdict"] = _verdict(prefix)
    return out


def verdict_schema() -> dict[str, Any]:
    """The JSON Schema of :meth:`Verdict.to_dict` (``award-rules schema --kind verdict``)."""
    defs = verdict_definitions()
    body = defs.pop("Verdict")
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": schema_id("verdict"),
        "$comment": "Dates are YYYY-MM-DD. 'required' and 'found' of a check are the "
        "predicate's own data, documented per check in docs/check-data.md.",
        **body,
        "$defs": defs,
    }
