"""The published JSON Schema agrees with the library, both ways, on one corpus."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.validators import extend
from pydantic import ValidationError

from award_rules.cli import main
from award_rules.model import nominee_adapter
from award_rules.schemas import SCHEMA_DIALECT, nominee_schema
from award_rules.yamlfile import load_documents

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples" / "nominees").glob("*.yaml"))


def _strict_integer(checker: Any, instance: object) -> bool:
    """An integer is written without a fraction, as the schema's $comment says."""
    return isinstance(instance, int) and not isinstance(instance, bool)


StrictValidator = extend(
    Draft202012Validator,
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _strict_integer),
)
SCHEMA = nominee_schema()
VALIDATOR = StrictValidator(SCHEMA, format_checker=FormatChecker())


def as_json(data: Any) -> Any:
    """``data`` as it would arrive in a JSON file (dates as ISO strings)."""
    return json.loads(json.dumps(data, default=str))


def examples() -> list[dict[str, Any]]:
    """Every example nominee, as JSON data."""
    found = []
    for path in EXAMPLES:
        for document in load_documents(path):
            items = document.data if isinstance(document.data, list) else [document.data]
            found.extend(as_json(item) for item in items)
    return found


def library_accepts(record: Any) -> bool:
    """Whether the library validates ``record`` read from JSON."""
    try:
        nominee_adapter.validate_json(json.dumps(record))
    except ValidationError:
        return False
    return True


def schema_accepts(record: Any) -> bool:
    """Whether the published schema (with format checking) accepts ``record``."""
    return VALIDATOR.is_valid(record)


INDIVIDUAL = {
    "kind": "individual",
    "id": "HP-1",
    "full_name": "Nguyễn Văn A",
    "birth_date": "1970-05-01",
    "service": [{"start": "1995-01-01", "end": "2020-03-31"}],
    "ratings": [{"year": 2019, "level": "good"}],
    "awards": [{"award": "vss.commemorative_medal", "year": 2010}],
    "registrations": [{"year": 2020, "titles": ["national.advanced_worker"]}],
}
UNIT = {
    "kind": "unit",
    "id": "U-1",
    "name": "Phòng Kế hoạch",
    "level": "division",
    "established_on": "2005-01-01",
    "results": [{"year": 2019, "plan_completion_pct": 103.5, "score": 90}],
    "members": [{"year": 2019, "members": 10, "advanced_workers": 7}],
}
Edit = Callable[[dict[str, Any]], None]


def _set(path: str, value: object) -> Edit:
    def edit(record: dict[str, Any]) -> None:
        *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
        target: Any = record
        for part in parents:
            target = target[part]
        target[last] = value

    return edit


def _drop(key: str) -> Edit:
    return lambda record: record.pop(key)


MUTATIONS: dict[str, tuple[dict[str, Any], Edit]] = {
    "no kind": (UNIT, _drop("kind")),
    "kind person": (UNIT, _set("kind", "person")),
    "kind null": (UNIT, _set("kind", None)),
    "blank name": (UNIT, _set("name", "   ")),
    "tab name": (UNIT, _set("name", "\t")),
    "empty name": (UNIT, _set("name", "")),
    "ideographic space name": (INDIVIDUAL, _set("full_name", "\u3000")),
    "escape in name": (INDIVIDUAL, _set("full_name", "\x1b[31mA")),
    "nul in id": (INDIVIDUAL, _set("id", "a\x00")),
    "carriage return in name": (UNIT, _set("name", "a\rb")),
    "year 2022.0": (UNIT, _set("results.0.year", 2022.0)),
    "year as text": (INDIVIDUAL, _set("ratings.0.year", "2019")),
    "year true": (INDIVIDUAL, _set("ratings.0.year", True)),
    "year 1800": (INDIVIDUAL, _set("ratings.0.year", 1800)),
    "date dd/mm/yyyy": (INDIVIDUAL, _set("birth_date", "01/09/2008")),
    "date 2020-13-01": (INDIVIDUAL, _set("birth_date", "2020-13-01")),
    "date with time": (INDIVIDUAL, _set("birth_date", "2020-01-01T00:00:00")),
    "date with spaces": (INDIVIDUAL, _set("birth_date", " 2020-01-01 ")),
    "date as number": (INDIVIDUAL, _set("birth_date", 20200101)),
    "unknown field": (UNIT, _set("colour", "red")),
    "unknown nested field": (UNIT, _set("results.0.colour", "red")),
    "wrong level": (UNIT, _set("level", "divisoin")),
    "kind of the other": (INDIVIDUAL, _set("kind", "unit")),
    "negative members": (UNIT, _set("members.0.members", -1)),
    "percent as text": (UNIT, _set("results.0.plan_completion_pct", "103")),
    "percent negative": (UNIT, _set("results.0.plan_completion_pct", -1)),
    "coverage over 100": (UNIT, _set("results.0.health_insurance_coverage_pct", 101)),
    "bool as text": (UNIT, _set("remote_area", "yes")),
    "bool as number": (UNIT, _set("remote_area", 1)),
    "title blank": (INDIVIDUAL, _set("registrations.0.titles.0", " ")),
    "null required": (INDIVIDUAL, _set("full_name", None)),
    "null optional": (INDIVIDUAL, _set("birth_date", None)),
    "list for text": (INDIVIDUAL, _set("id", ["a"])),
    "spaces around text": (INDIVIDUAL, _set("full_name", "  Nguyễn Văn A  ")),
    "line feed in text": (UNIT, _set("name", "Phòng\nKế hoạch")),
    "float score": (UNIT, _set("results.0.score", 90.5)),
    "exponent percent": (UNIT, _set("results.0.plan_completion_pct", 1.035e2)),
}

LIBRARY_ONLY = {
    "end before start": (INDIVIDUAL, _set("service.0.end", "1990-01-01")),
    "rating year twice": (INDIVIDUAL, _set("ratings", [{"year": 2019, "level": "good"}] * 2)),
    "service before birth": (INDIVIDUAL, _set("service.0.start", "1960-01-01")),
    "more advanced than members": (UNIT, _set("members.0.advanced_workers", 11)),
}
"""Rules across fields: the schema cannot say them (its $comment tells so)."""


def mutated(base: dict[str, Any], edit: Edit) -> dict[str, Any]:
    """A deep copy of ``base`` with ``edit`` applied."""
    record = copy.deepcopy(base)
    edit(record)
    return record


CORPUS = [
    *[(f"example {i}", record) for i, record in enumerate(examples())],
    ("individual", INDIVIDUAL),
    ("unit", UNIT),
    *[(name, mutated(base, edit)) for name, (base, edit) in MUTATIONS.items()],
]


@pytest.mark.parametrize(("name", "record"), CORPUS, ids=[name for name, _ in CORPUS])
def test_schema_and_library_agree(name: str, record: dict[str, Any]) -> None:
    """What the library accepts the schema accepts, and what it refuses the schema refuses."""
    assert schema_accepts(record) == library_accepts(record), (
        name,
        [e.message for e in VALIDATOR.iter_errors(record)],
    )


def test_the_corpus_has_both_outcomes() -> None:
    """The corpus holds records both accept and both refuse, so agreement means something."""
    outcomes = {library_accepts(record) for _, record in CORPUS}
    assert outcomes == {True, False}
    assert len(examples()) >= 3


@pytest.mark.parametrize("name", sorted(LIBRARY_ONLY))
def test_rules_across_fields_are_the_library_s_alone(name: str) -> None:
    """The only disagreement allowed: cross-field rules, which the schema's $comment names."""
    base, edit = LIBRARY_ONLY[name]
    record = mutated(base, edit)
    assert schema_accepts(record)
    assert not library_accepts(record)


def test_schema_names_its_dialect_and_id() -> None:
    """The schema has ``$schema`` (draft 2020-12) and a stable ``$id``, and is itself valid."""
    for kind in ("nominee", "individual", "unit"):
        schema = nominee_schema(kind)  # type: ignore[arg-type]
        assert schema["$schema"] == SCHEMA_DIALECT
        assert schema["$id"] == f"urn:award-rules:schema:{kind}:v1"
        Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize(
    ("record", "path"),
    [
        (mutated(UNIT, _set("level", "divisoin")), ["level"]),
        (mutated(UNIT, _set("results.0.year", "2019")), ["results", 0, "year"]),
        (mutated(INDIVIDUAL, _set("full_name", " ")), ["full_name"]),
        (mutated(INDIVIDUAL, _set("birth_date", "01/09/2008")), ["birth_date"]),
        (mutated(UNIT, _drop("kind")), []),
    ],
)
def test_errors_point_at_the_field_not_the_root(record: dict[str, Any], path: list[object]) -> None:
    """Kinds are told apart by ``kind``, so every error is at the wrong field's path."""
    errors = list(VALIDATOR.iter_errors(record))
    assert errors
    assert all(list(error.absolute_path) == path for error in errors), [
        (list(e.absolute_path), e.message) for e in errors
    ]


def test_cli_prints_the_published_schema() -> None:
    """``award-rules schema`` prints the published schema: no extension, as the shipped catalog."""
    import io

    out = io.StringIO()
    assert main(["schema"], out, io.StringIO()) == 0
    assert json.loads(out.getvalue()) == nominee_schema(extensions={})
