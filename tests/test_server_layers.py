"""``serve --criteria-add DIR`` (each version's layer shown) and preconditions in /api/awards."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the server extra is not installed")

from fastapi.testclient import TestClient

from award_rules.server import Settings, create_app
from test_layers import cli, own_layer

OWN = "province.long_service"


def test_api_awards_tell_each_versions_layer(tmp_path: Path) -> None:
    """/api/awards and /api/awards/{id} name the layer: the added folder's name, else shipped."""
    client = TestClient(create_app(Settings(criteria_add=(own_layer(tmp_path),))))
    listed = client.get("/api/awards", params={"as_of": "2021-01-01"}).json()["awards"]
    layers = {a["id"]: a["layer"] for a in listed}
    assert layers[OWN] == "mine"
    assert layers["vss.dg_certificate.retirement"] == "shipped"
    one = client.get(f"/api/awards/{OWN}").json()
    assert [v["layer"] for v in one["versions"]] == ["mine"]
    assert str(tmp_path) not in client.get("/api/awards").text  # the server's paths stay out


def test_page_marks_awards_of_an_added_layer(tmp_path: Path) -> None:
    """The page's award list shows a layered award's name with its layer; shipped ones plain."""
    client = TestClient(create_app(Settings(criteria_add=(own_layer(tmp_path),))))
    page = client.get("/", params={"lang": "en", "as_of": "2021-01-01"}).text
    assert f'<option value="{OWN}">Provincial long-service certificate [mine]</option>' in page
    assert "[shipped]" not in page


def test_serve_loads_the_layers_it_is_given(tmp_path: Path) -> None:
    """``serve --criteria-add DIR --check`` loads the layer and says so; a missing one is exit 2."""
    code, out = cli("serve", "--criteria-add", own_layer(tmp_path), "--check")
    assert code == 0, out
    assert "criteria layer mine" in out
    code, out = cli("serve", "--criteria-add", tmp_path / "nowhere", "--check")
    assert code == 2
    assert "no such criteria folder" in out
    assert "Traceback" not in out


def test_api_awards_mark_preconditions() -> None:
    """/api/awards marks the year-end registration as a precondition, and titles as not."""
    client = TestClient(create_app(Settings()))
    listed = client.get("/api/awards", params={"year": 2020}).json()["awards"]
    marked = {a["id"] for a in listed if a["precondition"]}
    assert marked == {"vss.year_end_registration"}
