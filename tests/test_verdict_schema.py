"""The published JSON Schema of a verdict agrees with ``Verdict.to_dict()``."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker

from award_rules import load_catalog, load_nominee
from award_rules.cli import main
from award_rules.schemas import SCHEMA_DIALECT, VERDICT_KEYS, schema_id, verdict_schema
from award_rules.testing import strategies as gen

ROOT = Path(__file__).resolve().parents[1]
NOMINEES = ROOT / "examples" / "nominees"
CATALOG = load_catalog()
VALIDATOR = Draft202012Validator(verdict_schema(), format_checker=FormatChecker())


def errors(data: dict[str, Any]) -> list[str]:
    """The schema's complaints about ``data``, each with its path."""
    return [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(data)]


def test_the_schema_is_valid_and_names_its_dialect_and_id() -> None:
    """The verdict schema is a valid 2020-12 schema with ``$schema`` and a versioned ``$id``."""
    schema = verdict_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == SCHEMA_DIALECT
    assert schema["$id"] == schema_id("verdict") == "urn:award-rules:schema:verdict:v1"
    assert schema["required"] == list(VERDICT_KEYS)


@pytest.mark.parametrize("award_id", CATALOG.ids())
def test_every_shipped_award_on_the_examples_validates(award_id: str) -> None:
    """Every shipped award judged on every example nominee of its kind gives a valid verdict."""
    subject = CATALOG.versions(award_id)[-1]
    judged = 0
    for path in sorted(NOMINEES.glob("*.yaml")):
        nominee = load_nominee(path)
        if subject.doc.subject not in (nominee.kind, "any"):
            continue
        for version in CATALOG.versions(award_id):
            start, until = version.doc.in_force.from_, version.doc.in_force.until
            day = until or max(start, dt.date(2025, 6, 30))
            verdict = CATALOG.evaluate(nominee, award_id, day)
            data = json.loads(json.dumps(verdict.to_dict(), ensure_ascii=False))
            assert errors(data) == [], (award_id, path.name)
            judged += 1
    assert judged > 0


@pytest.mark.parametrize("award_id", CATALOG.ids())
@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_generated_nominees_give_valid_verdicts(award_id: str, data: st.DataObject) -> None:
    """Verdicts on generated nominees, for every shipped award, validate against the schema."""
    nominee, day = data.draw(gen.nominees_and_dates(CATALOG, award_id))
    verdict = CATALOG.evaluate(nominee, award_id, day)
    assert errors(json.loads(json.dumps(verdict.to_dict(), ensure_ascii=False))) == []


def test_the_schema_refuses_what_to_dict_never_gives() -> None:
    """An unknown key, a wrong status, a bad date or a missing receipt is refused."""
    nominee = load_nominee(NOMINEES / "short_service_official.yaml")
    data = CATALOG.evaluate(
        nominee, "vss.dg_certificate.retirement", dt.date(2020, 7, 20)
    ).to_dict()
    assert errors(data) == []
    without_receipt = {k: v for k, v in data.items() if k != "receipt"}
    for broken in (
        {**data, "extra": 1},
        {**data, "status": "maybe"},
        {**data, "as_of": "20/07/2020"},
        without_receipt,
        {**data, "conditions": {**data["conditions"], "passed": "yes"}},
    ):
        assert errors(broken) != []


def test_cli_prints_the_verdict_schema() -> None:
    """``award-rules schema --kind verdict`` prints the library's verdict schema."""
    out, err = io.StringIO(), io.StringIO()
    assert main(["schema", "--kind", "verdict"], out, err) == 0
    assert json.loads(out.getvalue()) == verdict_schema()
