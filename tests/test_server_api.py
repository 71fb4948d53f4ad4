"""The HTTP API: awards, criteria, verdicts, rosters, schemas, errors, limits and security."""

from __future__ import annotations

import io
import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the server extra is not installed")

import jsonschema_rs
from fastapi.testclient import TestClient

from award_rules import load_catalog, load_nominees
from award_rules.cli import main
from award_rules.model import nominee_adapter
from award_rules.schemas import nominee_schema
from award_rules.server import Settings, create_app

ROOT = Path(__file__).resolve().parents[1]
NOMINEES = ROOT / "examples" / "nominees"
RETIREMENT = "vss.dg_certificate.retirement"
SMALL = "vss.dg_certificate.small_collective"
CATALOG = load_catalog()
TOKEN = "s3cret-token-for-tests-0123456789"


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(catalog=CATALOG))


def cli(*args: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in args], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def judge(client: TestClient, body: bytes, **params: object):  # type: ignore[no-untyped-def]
    return client.post("/api/judge", params=params, content=body)


def test_health(client: TestClient) -> None:
    """The health check answers with the number of awards loaded."""
    response = client.get("/api/health")
    assert response.status_code == 200
    assert response.json()["awards"] == len(CATALOG.ids())


def test_awards_in_force_for_a_year_and_on_a_date(client: TestClient) -> None:
    """Awards in force follow the date: the 2020 anniversary certificate only in 2020."""
    in_2020 = {a["id"] for a in client.get("/api/awards", params={"year": 2020}).json()["awards"]}
    in_2019 = client.get("/api/awards", params={"as_of": "2019-06-01"}).json()
    assert SMALL in in_2020
    assert SMALL not in {a["id"] for a in in_2019["awards"]}
    assert in_2019["as_of"] == "2019-06-01"
    first = in_2019["awards"][0]
    assert first["name"]["vi"]
    assert first["name"]["en"]
    assert first["in_force"]["from"]


def test_award_criteria_in_words_and_data(client: TestClient) -> None:
    """One award's criteria come in both languages, with sources and the YAML as data."""
    data = client.get(f"/api/awards/{RETIREMENT}").json()
    version = data["versions"][-1]
    leaves = [c for c in version["conditions"]["children"] if c["kind"] == "check"]
    assert any(c["id"] == "service_years" for c in leaves)
    service = next(c for c in leaves if c["id"] == "service_years")
    assert service["text"]["vi"] != service["text"]["en"]
    assert version["criteria"]["id"] == RETIREMENT
    assert version["criteria"]["in_force"]["from"] == version["in_force"]["from"]


def test_unknown_award_is_404_with_did_you_mean(client: TestClient) -> None:
    """A misspelt award id is a 404 problem naming the closest ids."""
    for response in (
        client.get("/api/awards/vss.dg_certificate.retiremnt"),
        judge(client, b"{}", award="vss.dg_certificate.retiremnt"),
    ):
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"
        problem = response.json()
        assert "did you mean vss.dg_certificate.retirement" in problem["detail"]
        assert problem["suggestions"][0] == RETIREMENT


def test_verdict_is_the_cli_verdict(client: TestClient) -> None:
    """The API's verdict and explanation are those of ``award-rules check``."""
    path = NOMINEES / "short_service_official.yaml"
    response = judge(client, path.read_bytes(), award=RETIREMENT, as_of="2020-07-20", lang="en")
    assert response.status_code == 200
    data = response.json()
    code, out, _ = cli(
        "check", path, "--award", RETIREMENT, "--as-of", "2020-07-20", "--format", "json"
    )
    expected = json.loads(out)
    assert code == 1
    assert data["status"] == expected["status"] == "ineligible"
    assert data["failed"] == ["service_years"]
    assert data["conditions"] == expected["conditions"]
    assert data["text"] == expected["explanation"]["en"]
    assert data["version"]["file"] == "vss/dg_certificate.retirement.yaml"  # no server paths


def test_json_body_and_year(client: TestClient) -> None:
    """A JSON body is judged for a year: a year-end title with the version of 31 December."""
    nominee = load_nominees(NOMINEES / "division_2005.yaml")[0]
    body = nominee.model_dump_json().encode()
    response = judge(client, body, award="national.advanced_collective", year=2019)
    assert response.status_code == 200
    assert response.json()["year"] == 2019
    assert response.json()["version"]["in_force"]["until"] == "2023-12-31"


def test_bad_data_is_422_with_the_cli_message(client: TestClient, tmp_path: Path) -> None:
    """Bad data is a 422 problem: field path, line and column, the CLI's own message."""
    text = "kind: individual\nid: X-1\nfull_name: A\nservice:\n  - {unit_id: u, start: 2020-01-01, end: 2019-01-01}\n"  # noqa: E501
    response = judge(client, text.encode(), award=RETIREMENT)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    error = problem["errors"][0]
    assert error["path"] == "service[0]"
    file = tmp_path / "x.yaml"
    file.write_text(text, encoding="utf-8")
    code, _, err = cli("check", file, "--award", RETIREMENT)
    assert code == 2
    assert error["message"] in err
    assert err.strip().endswith(error["text"].removeprefix("body"))


def test_json_body_problem_is_located(client: TestClient) -> None:
    """A JSON body with a bad value is located by line and column too."""
    body = b'{"kind": "individual",\n "id": "X-2",\n "full_name": "A",\n "gender": "robot"}'
    response = judge(client, body, award=RETIREMENT)
    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert error["path"] == "gender"
    assert (error["line"], error["column"]) == (4, 12)


def test_syntax_error_is_located(client: TestClient) -> None:
    """A YAML syntax error names its line and column."""
    response = judge(client, b"kind: individual\nid: [unclosed\n", award=RETIREMENT)
    assert response.status_code == 422
    assert response.json()["errors"][0]["line"] == 3


def test_several_nominees_in_one_body_is_422(client: TestClient) -> None:
    """``/api/judge`` takes exactly one nominee; a list is refused, counted."""
    body = (ROOT / "examples" / "cluster1_2012.yaml").read_bytes()
    response = judge(client, body, award=RETIREMENT)
    assert response.status_code == 422
    assert "expected one nominee, found 9" in response.json()["detail"]
    one = b"- " + (NOMINEES / "retiring_official.yaml").read_bytes().replace(b"\n", b"\n  ")
    verdict = judge(client, one, award=RETIREMENT, as_of="2020-07-20").json()
    assert verdict["status"] == "eligible"  # a list of one nominee, as the CLI takes it
    assert "found 0" in judge(client, b"", award=RETIREMENT).json()["detail"]


def test_query_errors_are_problems(client: TestClient) -> None:
    """A bad date or year in the query is a 422 problem naming the parameter."""
    response = client.get("/api/awards", params={"as_of": "2020-02-30"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["path"] == "query.as_of"
    assert client.get("/api/awards", params={"year": 99999}).status_code == 422


def test_body_over_the_limit_is_413() -> None:
    """A body over the configured limit is refused with 413 before it is parsed."""
    app = create_app(Settings(max_nominee_bytes=100, max_roster_bytes=200), catalog=CATALOG)
    client = TestClient(app)
    big = b"kind: individual\n" + b"#" * 200
    response = judge(client, big, award=RETIREMENT)
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert client.post("/api/roster", content=b"{}\n" * 100).status_code == 413


def roster_lines(client: TestClient, body: bytes, **params: object) -> list[dict[str, object]]:
    response = client.post("/api/roster", params=params, content=body)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/x-ndjson")
    return [json.loads(line) for line in response.text.splitlines()]


def test_roster_in_order_with_located_errors(client: TestClient) -> None:
    """A roster streams one line per nominee in input order; a bad record is a located error."""
    nominees = load_nominees(ROOT / "examples" / "cluster1_2012.yaml")
    rows = [n.model_dump_json() for n in nominees]
    rows.insert(3, '{"kind": "unit", "id": "bad", "name": "X", "level": "planet"}')
    rows.insert(5, "{not json")
    out = roster_lines(
        client, "\n".join(rows).encode(), award="national.advanced_collective", year=2012
    )
    assert [o["line"] for o in out] == list(range(1, len(rows) + 1))
    assert out[3]["status"] == "error"
    assert out[3]["nominee"] == "bad"
    assert out[3]["error"]["errors"][0]["path"] == "level"
    assert out[3]["error"]["errors"][0]["line"] == 4
    assert out[5]["error"]["errors"][0]["code"] == "json-syntax"
    good = [o for o in out if o["status"] != "error"]
    assert [o["nominee"] for o in good] == [n.id for n in nominees]
    assert all(o["verdict"]["award"] == "national.advanced_collective" for o in good)


def test_roster_every_applicable_award(client: TestClient) -> None:
    """Without ``award``, each nominee is judged for every award in force that fits its kind."""
    body = (NOMINEES / "short_service_official.yaml").read_bytes()
    data = json.dumps(
        nominee_adapter.validate_python(__import__("yaml").safe_load(body)).model_dump(mode="json")
    ).encode()
    out = roster_lines(client, data, as_of="2020-07-20")
    awarded = {o["award"] for o in out}
    expected = {
        v.id
        for v in CATALOG.in_force_on(__import__("datetime").date(2020, 7, 20))
        if v.doc.subject in ("individual", "any")
    }
    assert awarded == expected
    assert RETIREMENT in awarded
    assert SMALL not in awarded


def test_roster_unknown_award_is_404(client: TestClient) -> None:
    """An unknown award id fails the whole roster request before anything is judged."""
    response = client.post("/api/roster", params={"award": "nope.award"}, content=b"{}\n")
    assert response.status_code == 404


def test_schemas(client: TestClient) -> None:
    """The nominee schema is the library's; every example verdict fits the verdict schema."""
    assert client.get("/api/schemas/nominee").json() == nominee_schema(extensions={})
    validator = jsonschema_rs.validator_for(client.get("/api/schemas/verdict").json())
    cases = [
        ("short_service_official.yaml", RETIREMENT),
        ("retiring_official.yaml", RETIREMENT),
        ("official_no_history.yaml", RETIREMENT),
        ("division_2005.yaml", SMALL),
        ("division_missing_rating.yaml", SMALL),
    ]
    for name, award in cases:
        body = (NOMINEES / name).read_bytes()
        verdict = judge(client, body, award=award, as_of="2020-07-20").json()
        errors = [e.message for e in validator.iter_errors(verdict)]
        assert errors == [], name
    assert not validator.is_valid({"status": "maybe"})


def test_openapi_examples_come_from_examples(client: TestClient) -> None:
    """The OpenAPI document carries the example nominees and the cluster roster."""
    spec = client.get("/api/openapi.json").json()
    judge_examples = spec["paths"]["/api/judge"]["post"]["requestBody"]["content"][
        "application/json"
    ]["examples"]
    assert judge_examples["short_service_official"]["value"]["id"] == "HP-1022"
    roster = spec["paths"]["/api/roster"]["post"]["requestBody"]["content"]["application/x-ndjson"][
        "examples"
    ]["cluster1_2012"]["value"]
    assert len(roster.splitlines()) == 9
    for name, example in judge_examples.items():
        response = judge(
            client, json.dumps(example["value"]).encode(), award=RETIREMENT, as_of="2020-07-20"
        )
        assert response.status_code in (200, 422), name
        assert response.status_code == 200 or "is for an individual" in response.text, name
    lines = roster_lines(client, roster.encode(), award="national.advanced_collective", year=2012)
    assert all(line["status"] != "error" for line in lines)


def test_unknown_route_and_method_are_problems(client: TestClient) -> None:
    """Unknown paths and methods answer with problem+json too."""
    assert client.get("/api/nothing").headers["content-type"] == "application/problem+json"
    assert client.delete("/api/health").status_code == 405


def test_internal_error_has_no_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug is a 500 problem that shows neither the traceback nor the exception's text."""
    catalog = load_catalog()

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret detail of the nominee")

    monkeypatch.setattr(catalog, "evaluate", broken)
    client = TestClient(create_app(catalog=catalog), raise_server_exceptions=False)
    response = judge(client, (NOMINEES / "retiring_official.yaml").read_bytes(), award=RETIREMENT)
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert "secret" not in response.text
    assert "Traceback" not in response.text


def test_tokens_guard_everything_but_health() -> None:
    """With tokens, requests need ``Authorization: Bearer <token>``; health stays open."""
    client = TestClient(create_app(Settings(tokens=frozenset({TOKEN})), catalog=CATALOG))
    assert client.get("/api/health").status_code == 200
    refused = client.get("/api/awards")
    assert refused.status_code == 401
    assert refused.headers["www-authenticate"] == "Bearer"
    assert client.get("/api/awards", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.get("/", headers={"Authorization": f"Basic {TOKEN}"}).status_code == 401
    ok = client.get("/api/awards", headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 200


def test_no_cors_unless_configured(client: TestClient) -> None:
    """Browsers on other origins get no CORS grant unless an origin is configured."""
    origin = {"Origin": "https://hr.example.vn"}
    assert "access-control-allow-origin" not in client.get("/api/health", headers=origin).headers
    allowed = TestClient(
        create_app(Settings(cors_origins=("https://hr.example.vn",)), catalog=CATALOG)
    )
    headers = allowed.get("/api/health", headers=origin).headers
    assert headers["access-control-allow-origin"] == "https://hr.example.vn"


def test_criteria_are_read_only(client: TestClient) -> None:
    """No endpoint changes criteria: writing to an award is not allowed."""
    for method in ("put", "post", "delete", "patch"):
        assert getattr(client, method)(f"/api/awards/{RETIREMENT}").status_code == 405


def test_logs_name_nominees_by_id_only(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    """The service logs the nominee's id and the outcome, never the name or the record."""
    body = (NOMINEES / "short_service_official.yaml").read_bytes()
    with caplog.at_level(logging.INFO, logger="award_rules.server"):
        judge(client, body, award=RETIREMENT, as_of="2020-07-20")
    text = caplog.text
    assert "HP-1022" in text
    assert "Trần Văn Bình" not in text
    assert "1960-05-02" not in text


def test_import_does_not_load_fastapi() -> None:
    """``import award_rules`` (and the CLI) never imports FastAPI."""
    code = (
        "import sys, award_rules, award_rules.cli, award_rules.server; "
        "award_rules.cli._parser(); print('fastapi' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_serve_refuses_open_address_without_tokens(tmp_path: Path) -> None:
    """``serve`` on a non-loopback address needs --token-file or --no-auth (exit 2)."""
    code, _, err = cli("serve", "--host", "0.0.0.0", "--check")
    assert code == 2
    assert "refusing to serve 0.0.0.0 without authentication" in err
    tokens = tmp_path / "tokens"
    tokens.write_text(f"# ministry HR\n{TOKEN}\n", encoding="utf-8")
    code, out, _ = cli("serve", "--host", "0.0.0.0", "--token-file", tokens, "--check")
    assert code == 0
    assert "bearer tokens" in out
    assert cli("serve", "--host", "0.0.0.0", "--no-auth", "--check")[0] == 0
    tokens.write_text("short\n", encoding="utf-8")
    code, _, err = cli("serve", "--host", "0.0.0.0", "--token-file", tokens, "--check")
    assert code == 2
    assert f"{tokens}:1:" in err


def test_serve_without_the_extra_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the server extra, ``serve`` prints one line saying how to install it (exit 2)."""
    from award_rules.commands import serve

    monkeypatch.setattr(serve, "_missing_extra", lambda: True)
    code, _out, err = cli("serve")
    assert code == 2
    assert err.strip().splitlines() == [serve.INSTALL_HINT]


def test_the_api_reference_works_offline(client: TestClient) -> None:
    """/api/docs serves Swagger UI from this server (no CDN), under a policy allowing only it."""
    page = client.get("/api/docs")
    assert page.status_code == 200
    assert "/api/docs/assets/swagger-ui-bundle.js" in page.text
    assert "/api/openapi.json" in page.text
    assert "://" not in page.text.replace("http://www.w3.org", "")
    policy = page.headers["content-security-policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy
    assert "http" not in policy
    script = client.get("/api/docs/assets/swagger-ui-bundle.js")
    assert script.status_code == 200
    assert "SwaggerUIBundle" in script.text
    assert client.get("/api/docs/assets/swagger-ui.css").status_code == 200
    assert "script-src 'none'" in client.get("/").headers["content-security-policy"]
