"""The service publishes the library's nominee schema, its catalog's declared extensions exact."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the server extra is not installed")

from fastapi.testclient import TestClient
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from award_rules import Catalog, load_catalog
from award_rules.schemas import nominee_schema
from award_rules.server import create_app
from test_extensions import CRITERIA, host_vocabulary, person

GOOD = person(union_member_years=3, veteran=True, score=9.5, badge="Vàng", joined_on="2010-05-01")
BAD = [
    person(union_member_yrs=3),
    person(union_member_years="3"),
    person(veteran=1),
    person(joined_on="30/06/2020"),
]


@pytest.fixture(scope="module")
def host_client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    """The service over the shipped catalog with the host's vocabulary and its layer."""
    folder = tmp_path_factory.mktemp("layer")
    (folder / "checked.yaml").write_text(CRITERIA, encoding="utf-8")
    host = load_catalog(extra=[folder], vocabulary=host_vocabulary())
    return TestClient(create_app(catalog=host))


def _component(spec: dict[str, Any], name: str) -> Draft202012Validator:
    """A validator of ``#/components/schemas/<name>``, references resolved in ``spec``."""
    registry: Registry[Any] = Registry().with_resource(
        "urn:openapi", Resource.from_contents(spec, default_specification=DRAFT202012)
    )
    return Draft202012Validator(
        {"$ref": f"urn:openapi#/components/schemas/{name}"},
        registry=registry,
        format_checker=FormatChecker(),
    )


def _refs(node: Any) -> list[str]:
    """Every ``$ref`` under ``node``."""
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [ref for value in node.values() for ref in _refs(value)]
    if isinstance(node, list):
        return [ref for item in node for ref in _refs(item)]
    return []


def test_the_nominee_schema_holds_the_declared_extensions(host_client: TestClient) -> None:
    """``/api/schemas/nominee`` admits a declared key of its type, no other key, no other type."""
    schema = host_client.get("/api/schemas/nominee").json()
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    assert validator.is_valid(GOOD)
    assert [validator.is_valid(record) for record in BAD] == [False] * len(BAD)


def test_the_openapi_nominee_is_the_same_schema(host_client: TestClient) -> None:
    """``components`` carries the published schema: same verdicts, references point there."""
    spec = host_client.get("/api/openapi.json").json()
    schemas = spec["components"]["schemas"]
    refs = _refs(schemas)
    assert refs
    assert all(ref.startswith("#/components/schemas/") for ref in refs)
    assert all(ref.removeprefix("#/components/schemas/") in schemas for ref in refs)
    validator = _component(spec, "Nominee")
    assert validator.is_valid(GOOD)
    assert [validator.is_valid(record) for record in BAD] == [False] * len(BAD)
    published = host_client.get("/api/schemas/nominee").json()
    assert schemas["Nominee"]["allOf"] == [
        {
            **branch,
            "then": {"$ref": branch["then"]["$ref"].replace("#/$defs/", "#/components/schemas/")},
        }
        for branch in published["allOf"]
    ]
    assert (
        schemas["Individual"]["properties"]["extensions"]
        == (published["$defs"]["Individual"]["properties"]["extensions"])
    )


def test_without_declarations_the_service_admits_no_extension(catalog: Catalog) -> None:
    """The shipped checks declare no extension: the schema, as printed, admits none."""
    client = TestClient(create_app(catalog=catalog))
    assert client.get("/api/schemas/nominee").json() == nominee_schema(extensions={})
    spec = client.get("/api/openapi.json").json()
    assert _component(spec, "Nominee").is_valid(person())
    assert not _component(spec, "Nominee").is_valid(person(any_key=1))


def test_each_published_schema_is_built_once_per_service(
    catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The catalog is read-only: the schemas are built on the first request and kept (one
    service's are not another's)."""
    from award_rules.server import api

    built: list[str] = []
    for name in ("nominee_schema", "verdict_schema"):
        real = getattr(api, name)
        monkeypatch.setattr(
            api, name, lambda *a, _real=real, _name=name, **k: built.append(_name) or _real(*a, **k)
        )
    first, second = TestClient(create_app(catalog=catalog)), TestClient(create_app(catalog=catalog))
    for client in (first, first, second):
        assert client.get("/api/schemas/nominee").json() == nominee_schema(extensions={})
        assert client.get("/api/schemas/verdict").json()["title"]
    assert sorted(built) == ["nominee_schema"] * 2 + ["verdict_schema"] * 2
