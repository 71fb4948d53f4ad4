"""Workbook and CSV rosters on the service, and the proposal workbook download."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import yaml

pytest.importorskip("fastapi", reason="the server extra is not installed")
pytest.importorskip("openpyxl", reason="the roster extra is not installed")

import openpyxl
from fastapi.testclient import TestClient

from award_rules import load_catalog
from award_rules.roster.sheets import SHEETS
from award_rules.roster.template import write_template
from award_rules.server import create_app

ROOT = Path(__file__).resolve().parents[1]
CLUSTER = ROOT / "examples" / "cluster1_2012.yaml"
FLAG = "vss.emulation_flag.province"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(catalog=load_catalog()))


def _row(sheet: str, values: dict[str, object]) -> list[object]:
    columns = next(s for s in SHEETS if s.name == sheet).columns
    return [values.get(c.key) for c in columns]


def cluster_workbook(path: Path, *, bad_level: bool = False) -> bytes:
    """The 2012 cluster example written into the roster template (units and results sheets)."""
    write_template(path)
    book = openpyxl.load_workbook(path)
    for n, unit in enumerate(yaml.safe_load(CLUSTER.read_text("utf-8"))):
        level = "provnce" if bad_level and n == 1 else unit["level"]
        book["units"].append(_row("units", {**unit, "level": level}))
        for result in unit["results"]:
            book["results"].append(_row("results", {"nominee_id": unit["id"], **result}))
    book.save(path)
    return path.read_bytes()


def test_form_offers_workbooks_csv_and_the_proposal(client: TestClient) -> None:
    """The roster form lists .csv and .xlsx among the formats and the proposal among downloads."""
    page = client.get("/", params={"lang": "en"}).text
    assert ".csv" in page
    assert ".xlsx" in page
    assert '<option value="proposal">Proposal workbook (Excel)</option>' in page


def test_workbook_roster_is_summarised_per_award(client: TestClient, tmp_path: Path) -> None:
    """A workbook made from the template is judged on the page: nine provinces, two flags' worth."""
    body = cluster_workbook(tmp_path / "roster.xlsx")
    page = client.post(
        "/roster",
        data={"award": FLAG, "year": "2012", "lang": "en"},
        files={"roster": ("roster.xlsx", body, XLSX)},
    ).text
    assert f'<tr data-award="{FLAG}">' in page
    row = page.split(f'<tr data-award="{FLAG}">')[1].split("</tr>")[0]
    assert '<td class="eligible">9</td>' in row
    assert "bhxh-hai-duong" in page


def test_bad_workbook_row_is_located_by_sheet_row_and_column(
    client: TestClient, tmp_path: Path
) -> None:
    """A bad cell is reported with its sheet, row, column and field; the others are judged."""
    body = cluster_workbook(tmp_path / "roster.xlsx", bad_level=True)
    page = client.post(
        "/roster",
        data={"award": FLAG, "year": "2012", "lang": "en"},
        files={"roster": ("roster.xlsx", body, XLSX)},
    ).text
    assert "roster.xlsx, sheet units, row 3, column C: level: expected one of" in page
    row = page.split(f'<tr data-award="{FLAG}">')[1].split("</tr>")[0]
    assert '<td class="eligible">8</td>' in row


def test_proposal_workbook_is_downloaded_and_reads_back(client: TestClient, tmp_path: Path) -> None:
    """The proposal download is the review's workbook: Hải Dương and Tuyên Quang selected."""
    body = cluster_workbook(tmp_path / "roster.xlsx")
    response = client.post(
        "/roster",
        data={"award": FLAG, "year": "2012", "lang": "en", "export": "proposal"},
        files={"roster": ("roster.xlsx", body, XLSX)},
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == XLSX
    assert 'filename="roster.xlsx"' in response.headers["content-disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    assert book.sheetnames[0] == "Summary"
    cells = [str(c) for r in book[FLAG].iter_rows(values_only=True) for c in r if c is not None]
    assert "Selected (2)" in cells
    assert "Eligible, not selected (7)" in cells
    selected = cells[: cells.index("Eligible, not selected (7)")]
    assert {c for c in selected if c.startswith("bhxh-")} == {"bhxh-hai-duong", "bhxh-tuyen-quang"}


def test_csv_roster_is_read_with_vietnamese_headers(client: TestClient) -> None:
    """A CSV file of units with Vietnamese headers is judged like the workbook."""
    text = (
        "Mã đơn vị,Tên đơn vị,Cấp,Cụm thi đua\n"
        "U1,BHXH tỉnh A,province,1\nU2,BHXH tỉnh B,provnce,1\n"
    )
    page = client.post(
        "/roster",
        data={"award": FLAG, "year": "2012", "lang": "en"},
        files={"roster": ("units.csv", text.encode(), "text/csv")},
    ).text
    assert "units.csv, sheet units, row 3, column C: level: expected one of" in page
    assert "U1" in page


def test_api_roster_takes_a_workbook_by_content_type(client: TestClient, tmp_path: Path) -> None:
    """/api/roster reads a workbook body when told its media type; a bad row is a located error."""
    body = cluster_workbook(tmp_path / "roster.xlsx", bad_level=True)
    response = client.post(
        "/api/roster",
        params={"award": FLAG, "year": "2012", "lang": "en"},
        content=body,
        headers={"content-type": XLSX},
    )
    assert response.status_code == 200
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert [(x["nominee"], x["status"]) for x in lines[:3]] == [
        ("bhxh-bac-giang", "eligible"),
        ("bhxh-bac-ninh", "error"),
        ("bhxh-hai-duong", "eligible"),
    ]
    error = lines[1]["error"]["errors"][0]
    assert error["path"] == "level"
    assert error["text"].startswith("body.xlsx, sheet units, row 3, column C: level:")


def test_api_csv_roster_that_is_not_text_is_a_located_error(client: TestClient) -> None:
    """A CSV body that is not UTF-8 gives one error line, not a broken stream."""
    response = client.post(
        "/api/roster",
        params={"award": FLAG, "year": "2012"},
        content=b"\xff\xfe\x00bad",
        headers={"content-type": "text/csv"},
    )
    assert response.status_code == 200
    line = json.loads(response.text)
    assert line["status"] == "error"
    assert "unreadable CSV: not UTF-8 text" in line["error"]["detail"]


def _summary_token(page: str) -> str:
    return page.split('name="token" value="')[1].split('"')[0]


def test_summary_offers_the_proposal_per_award(client: TestClient, tmp_path: Path) -> None:
    """Under the summary each award offers the proposal; it downloads without sending the file."""
    body = cluster_workbook(tmp_path / "roster.xlsx")
    page = client.post(
        "/roster",
        data={"year": "2012", "lang": "en"},
        files={"roster": ("roster.xlsx", body, XLSX)},
    ).text
    row = page.split(f'<tr data-award="{FLAG}">')[1].split("</tr>")[0]
    assert f'<button type="submit" name="export" value="proposal" data-award="{FLAG}">' in row
    response = client.post(
        "/roster/download",
        data={"token": _summary_token(page), "award": FLAG, "export": "proposal", "lang": "en"},
    )
    assert response.status_code == 200
    assert f'filename="{FLAG}.xlsx"' in response.headers["content-disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    assert FLAG in book.sheetnames
    assert "v.c.government_flag" not in book.sheetnames  # this award only


def test_expired_or_unknown_upload_asks_for_the_file_again(client: TestClient) -> None:
    """A download with a token the server does not hold is a 404 page saying to upload again."""
    response = client.post(
        "/roster/download", data={"token": "nope", "export": "proposal", "lang": "en"}
    )
    assert response.status_code == 404
    assert "the roster upload has expired: upload it again" in response.text


def test_upload_store_is_bounded_and_expires() -> None:
    """The store keeps only the newest uploads and forgets them after their time."""
    from award_rules.server.uploads import Upload, UploadStore

    store = UploadStore(keep=2, seconds=60)
    tokens = [store.put(Upload(bytes([n]), "r.csv", (), None, None)) for n in range(3)]
    assert store.get(tokens[0]) is None
    kept = store.get(tokens[2])
    assert kept is not None
    assert kept.data == b"\x02"
    store.seconds = -1
    assert store.get(tokens[1]) is None


def test_api_year_review_gives_the_rows_of_the_review_command(client: TestClient) -> None:
    """With a year and no award, /api/roster streams the year-end review's rows, in order."""
    from award_rules.roster import read_roster, review

    expected = [
        (r.nominee_id, r.award_id, r.status, r.decision, r.rank)
        for r in review(load_catalog(), read_roster(CLUSTER), 2012)
    ]
    units = yaml.safe_load(CLUSTER.read_text("utf-8"))
    lines = [json.dumps(u, default=str) for u in units]
    lines.insert(2, '{"kind": "unit", "id": "bad", "name": "X", "level": "planet"}')
    response = client.post(
        "/api/roster", params={"year": "2012"}, content="\n".join(lines).encode()
    )
    assert response.status_code == 200
    out = [json.loads(line) for line in response.text.splitlines()]
    bad = [o for o in out if o["status"] == "error"]
    assert [(o["line"], o["nominee"]) for o in bad] == [(3, "bad")]
    assert bad[0]["error"]["errors"][0]["path"] == "level"
    got = [
        (o["nominee"], o["award"], o["status"], o["decision"], o["rank"])
        for o in out
        if o["status"] != "error"
    ]
    assert got == expected
    assert ("bhxh-hai-duong", FLAG, "eligible", "selected", 1) in got


def test_proposal_lists_bad_rows_and_sheet_notices(client: TestClient, tmp_path: Path) -> None:
    """The proposal's problems sheet has the bad row and the unknown sheet, each once."""
    path = tmp_path / "roster.xlsx"
    cluster_workbook(path, bad_level=True)
    book = openpyxl.load_workbook(path)
    book.create_sheet("ratingz").append(["x"])
    book.create_sheet("ratingx").append(["x"])
    book.save(path)
    response = client.post(
        "/roster",
        data={"award": FLAG, "year": "2012", "lang": "en", "export": "proposal"},
        files={"roster": ("roster.xlsx", path.read_bytes(), XLSX)},
    )
    proposal = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    messages = [str(r[-1]) for r in proposal["Rejected"].iter_rows(values_only=True)][1:]
    assert len(messages) == 3
    assert any("sheet units, row 3, column C: level: expected one of" in m for m in messages)
    assert any("unknown sheet 'ratingz'" in m for m in messages)
    assert any("unknown sheet 'ratingx'" in m for m in messages)


def test_an_uploaded_csv_types_extension_columns_as_the_catalog_declares() -> None:
    """The service's table reader passes the catalog's declarations: a declared whole
    number in a CSV upload is read as a number, not refused as text."""
    from award_rules.server.records import read_roster

    body = b"id,full_name,extensions.union_years\nHP-1,An,12\n"
    (typed,) = [e for e in read_roster(body, "staff.csv", {"union_years": "int"}) if e.nominee]
    assert typed.nominee is not None
    assert dict(typed.nominee.extensions) == {"union_years": 12}
    (as_text,) = [e for e in read_roster(body, "staff.csv") if e.nominee]
    assert as_text.nominee is not None
    assert dict(as_text.nominee.extensions) == {"union_years": "12"}
