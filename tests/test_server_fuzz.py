"""Schemathesis fuzzes every endpoint of the app's own OpenAPI schema: no 5xx, responses fit."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi", reason="the server extra is not installed")
pytest.importorskip("schemathesis", reason="schemathesis is not installed")

import schemathesis
from hypothesis import HealthCheck, settings

from award_rules import load_catalog
from award_rules.server import create_app


@schemathesis.serializer("application/x-ndjson")
def _json_lines(ctx: object, value: object) -> bytes:
    """A roster body: text as is; anything else generated, as one JSON line."""
    import json

    return value.encode() if isinstance(value, str) else (json.dumps(value) + "\n").encode()


app = create_app(catalog=load_catalog())
schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_fuzzed(case: schemathesis.Case) -> None:
    """Any generated request gets a documented answer: never a 5xx, always its schema."""
    excluded = []
    if case.operation.path == "/api/roster":
        # By design a roster answers 200 and reports each bad line on that line (a
        # located error), so a body that is not a roster is not refused as a whole.
        excluded.append(schemathesis.checks.negative_data_rejection)
    case.call_and_validate(excluded_checks=excluded)
