"""The page for officials, server-rendered: forms, verdicts, errors, rosters, the export hook."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the server extra is not installed")

from fastapi.testclient import TestClient

from award_rules import load_catalog
from award_rules.server import create_app, exports
from award_rules.server.exports import ExportRequest, RosterExport, RosterResult

ROOT = Path(__file__).resolve().parents[1]
NOMINEES = ROOT / "examples" / "nominees"
RETIREMENT = "vss.dg_certificate.retirement"


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(catalog=load_catalog()))


def _judged(client: TestClient, record: str, award: str = RETIREMENT, lang: str = "vi") -> str:
    """The page for ``record`` pasted in the form, judged for ``award`` on 20/07/2020."""
    form = {"award": award, "as_of": "2020-07-20", "record": record, "lang": lang}
    return client.post("/judge", data=form).text


def test_form_lists_award_names_not_ids(client: TestClient) -> None:
    """The award list shows names in the page's language; ids stay in the option values."""
    page = client.get("/", params={"as_of": "2020-07-20"}).text
    assert '<html lang="vi">' in page
    assert f'<option value="{RETIREMENT}"' in page
    assert ">Bằng khen của Tổng Giám đốc (khen thưởng đặc cách khi nghỉ hưu)</option>" in page
    english = client.get("/", params={"lang": "en"}).text
    assert ">Director General&#39;s certificate of merit (special award on retirement)<" in english


def test_page_runs_no_script(client: TestClient) -> None:
    """The page carries no script and its policy forbids any, nor framing it elsewhere."""
    response = client.get("/")
    assert "<script" not in response.text
    assert "script-src 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"


def test_awards_listed_follow_the_date(client: TestClient) -> None:
    """The award list can be shown for another date: the 2020 certificate only in 2020."""
    small = 'value="vss.dg_certificate.small_collective"'
    assert small in client.get("/", params={"year": "2020"}).text
    assert small not in client.get("/", params={"as_of": "2021-06-01"}).text


def test_pasted_record_gives_the_verdict(client: TestClient) -> None:
    """A pasted record shows the conclusion, each condition with its mark, and what was found."""
    page = _judged(client, (NOMINEES / "short_service_official.yaml").read_text("utf-8"))
    assert 'id="conclusion">KHÔNG ĐỦ ĐIỀU KIỆN<' in page
    assert "8 năm 3 tháng" in page
    assert 'data-id="service_years"' in page


def test_missing_data_says_what_to_request(client: TestClient) -> None:
    """An undetermined verdict lists what to ask the unit for, in words."""
    record = (NOMINEES / "division_missing_rating.yaml").read_text("utf-8")
    page = _judged(client, record, "vss.dg_certificate.small_collective", "en")
    assert "UNDETERMINED" in page
    assert "the rating of 2014 (ratings[2014])" in page


def test_waiting_would_suffice_shows_the_date(client: TestClient) -> None:
    """When waiting alone would make the nominee eligible, the page gives the date."""
    record = (NOMINEES / "division_2010.yaml").read_text("utf-8")
    page = _judged(client, record, "vss.dg_certificate.small_collective", "en")
    assert "If nothing else changes, eligible from <strong>01/09/2020</strong>" in page


def test_short_form(client: TestClient) -> None:
    """The short form builds a record from the common fields."""
    form = {
        "award": RETIREMENT,
        "as_of": "2020-07-20",
        "lang": "en",
        "kind": "individual",
        "id": "HD-1",
        "name": "Nguyễn Văn A",
        "service_start": "2000-01-01",
        "service_end": "2020-06-30",
        "retirement_date": "2020-07-01",
        "unit_id": "u",
    }
    page = client.post("/judge", data=form).text
    assert 'id="conclusion">ELIGIBLE<' in page
    assert "Nguyễn Văn A (HD-1)" in page


def test_short_form_for_a_unit_with_ratings(client: TestClient) -> None:
    """The short form takes a unit, its level, founding date and one rating a line."""
    ratings = "\n".join(f"{year} good" for year in range(2005, 2020))
    form = {
        "award": "vss.dg_certificate.small_collective",
        "as_of": "2020-07-20",
        "lang": "en",
        "kind": "unit",
        "id": "vp-1",
        "name": "Phòng Thu",
        "level": "division",
        "established_on": "2005-01-01",
        "ratings": ratings,
    }
    assert 'id="conclusion">ELIGIBLE<' in client.post("/judge", data=form).text
    form["ratings"] = "2019 splendid"
    page = client.post("/judge", data=form)
    assert page.status_code == 422
    assert "ratings[0].level" in page.text


def test_bad_record_shows_located_problems(client: TestClient) -> None:
    """A bad record is shown back with each problem's line, column and field path (422)."""
    record = "kind: individual\nid: X\nfull_name: A\nbirth_date: 1960-02-30\n"
    response = client.post("/judge", data={"award": RETIREMENT, "record": record})
    assert response.status_code == 422
    assert "record:4:13:" in response.text
    assert "Traceback" not in response.text
    good = (NOMINEES / "retiring_official.yaml").read_text("utf-8")
    unknown = client.post(
        "/judge", data={"award": "vss.dg_certificate.retiremnt", "record": good, "lang": "en"}
    )
    assert unknown.status_code == 404
    assert "did you mean vss.dg_certificate.retirement" in unknown.text


def test_uploaded_file_wins_over_the_textarea(client: TestClient) -> None:
    """An uploaded record file is judged rather than the text area's content."""
    path = NOMINEES / "retiring_official.yaml"
    response = client.post(
        "/judge",
        data={"award": RETIREMENT, "as_of": "2020-07-20", "record": "garbage: ["},
        files={"file": (path.name, path.read_bytes(), "application/yaml")},
    )
    assert 'id="conclusion">ĐỦ ĐIỀU KIỆN<' in response.text


def test_roster_jsonl_with_a_bad_line(client: TestClient) -> None:
    """A JSON Lines roster is summarised per award; a bad line is listed with its number."""
    lines = [
        '{"kind": "unit", "id": "u1", "name": "A", "level": "division", '
        '"established_on": "2005-01-01"}',
        "{broken",
    ]
    response = client.post(
        "/roster",
        data={"award": "vss.dg_certificate.small_collective", "as_of": "2020-07-20", "lang": "en"},
        files={"roster": ("staff.jsonl", "\n".join(lines).encode(), "application/x-ndjson")},
    )
    page = response.text
    assert response.status_code == 200
    assert 'data-award="vss.dg_certificate.small_collective"' in page
    assert "JSON syntax error" in page
    assert "<td>2</td>" in page


def test_roster_unknown_format_is_refused(client: TestClient) -> None:
    """A roster file of a format no reader is registered for is refused, naming the formats."""
    response = client.post(
        "/roster",
        data={"lang": "en"},
        files={"roster": ("staff.docx", b"PK", "application/octet-stream")},
    )
    assert response.status_code == 422
    assert "unsupported roster file" in response.text
    assert ".jsonl" in response.text


def _csv(results: Sequence[RosterResult], asked: ExportRequest) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for r in results:
        writer.writerow(
            [r.line, r.nominee_id, r.award_id, r.verdict.status if r.verdict else "error"]
        )
    return out.getvalue().encode()


def test_registered_export_is_offered_and_downloaded(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A registered roster export appears on the form and returns its file when chosen."""
    monkeypatch.setattr(exports, "EXPORTS", {})
    monkeypatch.setattr("award_rules.server.pages.EXPORTS", exports.EXPORTS)
    exports.register_export(RosterExport("csv", "Bảng CSV", "CSV table", "text/csv", "csv", _csv))
    assert 'id="roster-export"' in client.get("/", params={"lang": "en"}).text
    body = (ROOT / "examples" / "cluster1_2012.yaml").read_bytes()
    response = client.post(
        "/roster",
        data={"award": "national.advanced_collective", "year": "2012", "export": "csv"},
        files={"roster": ("cluster.yaml", body, "application/yaml")},
    )
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.text)))
    assert len(rows) == 9
    assert rows[0][1] == "bhxh-bac-giang"
    with pytest.raises(ValueError, match="already registered"):
        exports.register_export(RosterExport("csv", "", "", "text/csv", "csv", _csv))


def test_form_over_the_limit_is_refused_on_the_page() -> None:
    """A form larger than the limit is refused with 413, as a page rather than JSON."""
    from award_rules.server import Settings

    app = create_app(Settings(max_nominee_bytes=10), catalog=load_catalog())
    client = TestClient(app)
    response = client.post("/judge", data={"award": RETIREMENT, "record": "x" * 100_000})
    assert response.status_code == 413
    assert response.headers["content-type"].startswith("text/html")
    assert "larger than the limit" in response.text


def test_an_ineligible_verdict_still_says_what_to_request(client: TestClient) -> None:
    """A failed condition does not hide the facts missing elsewhere: the page lists them."""
    record = (NOMINEES / "official_no_history.yaml").read_text("utf-8")
    record = record.replace("retirement_date: 2020-05-01", "retirement_date: 2030-05-01")
    page = _judged(client, record, lang="en")
    assert 'id="conclusion">NOT ELIGIBLE<' in page
    requests = page.split('id="requests"', 1)[1].split("</div>", 1)[0]
    assert "<li>" in requests
