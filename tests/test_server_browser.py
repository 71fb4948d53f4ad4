"""A real browser (Debian's Chromium driven by Playwright) uses the page for officials.

JavaScript is switched off: the page must work server-rendered. Screenshots and
the PDF print land in ``test-artefacts/`` (git-ignored). Without Chromium the
tests skip, except under CI (``CI=true``), where its absence is a failure.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

if os.environ.get("CI") != "true":  # under CI a missing extra fails the import below
    pytest.importorskip("fastapi", reason="the server extra is not installed")

import uvicorn

from award_rules import load_catalog
from award_rules.server import create_app

ROOT = Path(__file__).resolve().parents[1]
ARTEFACTS = ROOT / "test-artefacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _need(condition: bool, reason: str) -> None:
    if condition:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must run the browser tests: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """The app on uvicorn, on a free loopback port, in a thread."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(
        create_app(catalog=load_catalog()), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Chromium from Debian (Playwright downloads nothing here)."""
    _need(CHROMIUM.exists(), f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _need(False, "the playwright package is not installed (pip install -e '.[dev]')")
        raise
    ARTEFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def test_judge_one_nominee_switch_language_print(server: str, browser: object) -> None:
    """An official pastes a record, reads the verdict condition by condition, switches to
    English, and prints one A4 page."""
    from playwright.sync_api import Browser, expect

    assert isinstance(browser, Browser)
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1100, "height": 900}
    )
    page = context.new_page()
    page.goto(server + "/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    page.select_option(
        "#award", label="Bằng khen của Tổng Giám đốc (khen thưởng đặc cách khi nghỉ hưu)"
    )
    page.fill("#as_of", "2020-07-20")
    record = (ROOT / "examples" / "nominees" / "short_service_official.yaml").read_text("utf-8")
    page.fill("#record", record)
    page.click("#submit")

    expect(page.locator("#conclusion")).to_have_text("KHÔNG ĐỦ ĐIỀU KIỆN")
    service = page.locator('li.cond[data-id="service_years"]')
    expect(service.locator(".mark")).to_have_text("✗")
    expect(service.locator(".found")).to_contain_text("8 năm 3 tháng")
    expect(page.locator("li.cond.pass").first).to_be_visible()
    expect(page.locator("#verdict")).to_contain_text("Trần Văn Bình")
    page.screenshot(path=str(ARTEFACTS / "verdict-vi.png"), full_page=True)

    page.click("#lang-switch")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#conclusion")).to_have_text("NOT ELIGIBLE")
    service = page.locator('li.cond[data-id="service_years"]')
    expect(service.locator(".found")).to_contain_text("8 years 3 months")
    page.screenshot(path=str(ARTEFACTS / "verdict-en.png"), full_page=True)

    page.emulate_media(media="print")
    page.screenshot(path=str(ARTEFACTS / "verdict-print.png"), full_page=True)
    pdf = page.pdf(path=str(ARTEFACTS / "verdict-en.pdf"), format="A4", print_background=True)
    pages = re.findall(rb"/Type\s*/Page(?!s)", pdf)
    assert len(pages) == 1, f"the print is {len(pages)} pages, not one A4 page"
    context.close()


def test_page_fits_a_phone(server: str, browser: object) -> None:
    """On a phone-sized screen the form and the verdict need no sideways scrolling."""
    from playwright.sync_api import Browser, expect

    assert isinstance(browser, Browser)
    context = browser.new_context(viewport={"width": 375, "height": 740}, device_scale_factor=2)
    page = context.new_page()
    page.goto(server + "/?lang=en")
    width = "[document.documentElement.scrollWidth, window.innerWidth]"
    scroll, inner = page.evaluate(width)
    assert scroll <= inner
    page.select_option("#award", value="vss.dg_certificate.retirement")
    page.fill("#as_of", "2020-07-20")
    page.set_input_files("#file", str(ROOT / "examples" / "nominees" / "retiring_official.yaml"))
    page.click("#submit")
    expect(page.locator("#conclusion")).to_have_text("ELIGIBLE")
    scroll, inner = page.evaluate(width)
    assert scroll <= inner
    page.screenshot(path=str(ARTEFACTS / "verdict-phone.png"), full_page=True)
    context.close()


def test_roster_upload_summary(server: str, browser: object) -> None:
    """A roster file uploaded through the page gives the summary per award and each outcome."""
    from playwright.sync_api import Browser, expect

    assert isinstance(browser, Browser)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "/")
    page.set_input_files("#roster", str(ROOT / "examples" / "cluster1_2012.yaml"))
    page.fill("#roster-year", "2012")
    page.click("#roster-submit")  # no award chosen: every award for units in force in 2012
    expect(page.locator("#summary")).to_contain_text("cluster1_2012.yaml")
    awards = page.locator("table.summary tbody tr")
    expect(awards.first).to_be_visible()
    expected = {
        v.id
        for v in load_catalog().in_force_on(dt.date(2012, 12, 31))
        if v.doc.subject in ("unit", "any")
    }
    shown = {awards.nth(i).get_attribute("data-award") for i in range(awards.count())}
    assert shown == expected
    for i in range(awards.count()):
        counts = [int(c) for c in awards.nth(i).locator("td:not(.noprint)").all_inner_texts()]
        assert sum(counts) == 9  # each of the nine provinces judged once per award
    rows = page.locator("table.results tbody tr")
    expect(rows).to_have_count(9 * len(expected))
    expect(rows.first).to_contain_text("bhxh-bac-giang")
    expect(page.locator("tr.error")).to_have_count(0)
    page.screenshot(path=str(ARTEFACTS / "roster.png"), full_page=True)
    context.close()


def test_workbook_upload_and_proposal_download(
    server: str, browser: object, tmp_path: Path
) -> None:
    """A workbook from the roster template is uploaded; its award's proposal workbook downloads."""
    from playwright.sync_api import Browser, expect

    openpyxl = pytest.importorskip("openpyxl", reason="the roster extra is not installed")
    from test_server_rosterfiles import FLAG, cluster_workbook

    assert isinstance(browser, Browser)
    workbook = tmp_path / "cluster.xlsx"
    cluster_workbook(workbook)
    context = browser.new_context(java_script_enabled=False, accept_downloads=True)
    page = context.new_page()
    page.goto(server + "/?lang=en")
    page.set_input_files("#roster", str(workbook))
    page.fill("#roster-year", "2012")
    page.click("#roster-submit")
    expect(page.locator("#summary")).to_contain_text("cluster.xlsx")
    row = page.locator(f'table.summary tr[data-award="{FLAG}"]')
    expect(row.locator("td.eligible")).to_have_text("9")
    with page.expect_download() as download:
        row.locator('button[value="proposal"]').click()
    saved = ARTEFACTS / "proposal.xlsx"
    download.value.save_as(saved)
    book = openpyxl.load_workbook(saved, read_only=True)
    cells = [str(c) for r in book[FLAG].iter_rows(values_only=True) for c in r if c is not None]
    assert "Selected (2)" in cells
    context.close()


def test_api_reference_renders_without_the_internet(server: str, browser: object) -> None:
    """Swagger UI at /api/docs renders the API's operations; any request off this server fails."""
    from playwright.sync_api import Browser, Route

    assert isinstance(browser, Browser)
    context = browser.new_context()
    outside: list[str] = []

    def only_this_server(route: Route) -> None:
        if route.request.url.startswith(server):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_this_server)
    page = context.new_page()
    page.goto(f"{server}/api/docs")
    page.wait_for_selector(".opblock", timeout=20_000)
    assert page.locator(".opblock").count() >= 5
    assert outside == []
    context.close()
