"""The published JSON Schema of nominee data, made to agree with the model.

Built from the pydantic models, then: ``$schema`` and ``$id`` added, and the
two kinds told apart by ``kind`` with ``if``/``then`` (not ``oneOf``), so a
validator's errors point at the field that is wrong, not at the root. Text
must hold a non-space character and no control characters; dates must be
``YYYY-MM-DD`` (a pattern, besides ``format: date``).

Two things JSON Schema cannot say are in ``$comment``: an integer is written
without a fraction (``2022``, not ``2022.0``; JSON Schema counts ``2022.0``
as an integer), and rules across fields (an end before its start, a year
given twice) are checked by the library only.
"""

from __future__ import annotations

from typing import Any, Literal

from .model import Individual, Unit, nominee_adapter

__all__ = ["SCHEMA_DIALECT", "nominee_schema", "receipt_schema", "schema_id"]

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_VERSION = 1

_COMMENT = (
    "Integers are written without a fraction (2022, not 2022.0). Validate with "
    "format assertion on, so that 'format: date' is checked. Rules across fields "
    "(an end before its start, a year given twice, a rating before birth) are "
    "checked by the award-rules library only."
)

Kind = Literal["nominee", "individual", "unit", "receipt"]
NomineeKind = Literal["nominee", "individual", "unit"]


def schema_id(kind: Kind) -> str:
    """The ``$id`` of a published schema."""
    return f"urn:award-rules:schema:{kind}:v{SCHEMA_VERSION}"


def _header(kind: Kind, body: dict[str, Any]) -> dict[str, Any]:
    return {"$schema": SCHEMA_DIALECT, "$id": schema_id(kind), "$comment": _COMMENT, **body}


def nominee_schema(kind: NomineeKind = "nominee") -> dict[str, Any]:
    """The JSON Schema of a nominee (``nominee``: either kind, told apart by ``kind``)."""
    if kind == "individual":
        return _header(kind, Individual.model_json_schema())
    if kind == "unit":
        return _header(kind, Unit.model_json_schema())
    if kind != "nominee":
        raise ValueError(f"kind must be 'nominee', 'individual' or 'unit', got {kind!r}")
    generated = nominee_adapter.json_schema()
    kinds = sorted(generated["discriminator"]["mapping"].items())
    branches = [
        {
            "if": {"properties": {"kind": {"const": name}}, "required": ["kind"]},
            "then": {"$ref": ref},
        }
        for name, ref in kinds
    ]
    return _header(
        kind,
        {
            "title": "Nominee",
            "description": "An individual or a unit, told apart by 'kind'.",
            "type": "object",
            "required": ["kind"],
            "properties": {"kind": {"enum": [name for name, _ in kinds]}},
            "allOf": branches,
            "$defs": generated["$defs"],
        },
    )


def receipt_schema() -> dict[str, Any]:
    """The JSON Schema of a decision receipt (:mod:`award_rules.receipt`)."""
    from .receipt import Receipt

    return _header("receipt", Receipt.model_json_schema(by_alias=True))
