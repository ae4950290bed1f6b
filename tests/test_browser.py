"""The pages in a real browser: Debian's Chromium, driven by Playwright, against `infogen serve`."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, expect, sync_playwright

from service.settings import ROOT
from service.store import Store
from tests.conftest import pdf_text

CHROMIUM = os.environ.get("INFOGEN_CHROMIUM", "/usr/bin/chromium")
AXE = Path(os.environ.get("INFOGEN_AXE", ROOT / ".venv/npm/node_modules/axe-core/axe.min.js"))
NEUTRAL = "https://www.smhi.se/"
COUNTY = ("lena.county", "county pass phrase 1")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    Store.open(f"sqlite:///{var / 'infogen.sqlite3'}", seed_from=ROOT / "municipalities").users.add(
        *COUNTY, "county_admin", None)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "INFOGEN_VAR_DIR": str(var), "INFOGEN_BASE_URL": base}
    process = subprocess.Popen([sys.executable, "-m", "service", "serve", "--port", str(port)], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                httpx.get(base + "/healthz", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield browser
        browser.close()


def _page(browser, **options) -> Page:
    context = browser.new_context(**options)
    # the neutral site is outside this closed network: answer for it, as it would
    context.route(f"{NEUTRAL}**", lambda route: route.fulfill(status=200, content_type="text/html",
                                                              body="<title>SMHI</title><p>Väder</p>"))
    return context.new_page()


def test_quick_exit_with_the_escape_key_leaves_no_way_back(server, browser):
    page = _page(browser)
    page.goto("about:blank")
    page.goto(server + "/l/0180/victim/sv")
    expect(page.locator("#quick-exit")).to_be_visible()
    page.keyboard.press("Escape")
    page.wait_for_url(NEUTRAL)
    page.go_back()
    assert "/l/0180" not in page.url


def test_quick_exit_button_replaces_the_page_in_the_history(server, browser):
    page = _page(browser)
    page.goto("about:blank")
    page.goto(server + "/l/0180/victim/ar")
    page.locator("#quick-exit").click()
    page.wait_for_url(NEUTRAL)
    page.go_back()
    assert "/l/0180" not in page.url


def test_quick_exit_works_without_javascript(server, browser):
    page = _page(browser, java_script_enabled=False)
    page.goto(server + "/l/0180/victim/sv")
    page.locator("#quick-exit").click()
    page.wait_for_url(NEUTRAL)


def test_an_arabic_leaflet_reads_right_to_left_on_a_small_phone(server, browser):
    page = _page(browser, viewport={"width": 360, "height": 740})
    page.goto(server + "/l/0180/victim/ar")
    assert page.evaluate("getComputedStyle(document.documentElement).direction") == "rtl"
    heading = page.locator("h1").bounding_box()
    assert heading["x"] + heading["width"] > 300  # starts at the right edge
    exit_box = page.locator("#quick-exit").bounding_box()
    assert exit_box["x"] < 180  # the exit sits at the end of the line: the left
    phone = page.locator(".contact .phone a").first
    assert phone.evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scrolling


def _log_in(page: Page, server: str, username: str, password: str) -> None:
    page.goto(server + "/staff/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(server + "/staff/")


def test_the_generator_produces_a_pdf(server, browser):
    page = _page(browser, accept_downloads=True)
    _log_in(page, server, *COUNTY)
    page.get_by_label("Kommun").select_option("0127")
    page.get_by_label("Ung person som har utsatts för våld").check()
    page.locator("input[name=language][value=ti]").check()
    page.get_by_role("button", name="Skapa", exact=True).click()
    expect(page.locator("#link-ti")).to_have_value(f"{server}/l/0127/youth/ti")
    with page.expect_download() as download:
        page.locator("section.result", has=page.locator("#link-ti")).get_by_role("link", name="Ladda ner PDF").click()
    data = Path(download.value.path()).read_bytes()
    assert data.startswith(b"%PDF") and "112" in pdf_text(data)


def test_a_contact_edit_shows_up_in_the_leaflet(server, browser):
    page = _page(browser)
    _log_in(page, server, *COUNTY)
    page.goto(server + "/admin/contacts/0127")
    new = page.locator("fieldset.contact-block.new")
    new.get_by_label("Namn", exact=True).fill("Kvinnojouren i testet")
    new.get_by_label("Slag").select_option("womens_shelter")
    new.get_by_label("Telefon", exact=True).fill("08-530 999 00")
    page.get_by_role("button", name="Publicera").click()
    expect(page.get_by_role("status")).to_contain_text("Publicerat som version")
    page.goto(server + "/l/0127/victim/sv")
    expect(page.locator(".contact", has_text="Kvinnojouren i testet")).to_contain_text("08-530 999 00")


PUBLIC_PAGES = ["/", "/l/0180", "/l/0180?lang=fa", "/l/0180/victim/sv", "/l/0180/child/ar", "/l/0127/youth/ti",
                "/l/0180/victim/th", "/safe/sv", "/safe/ar", "/l/0180/victim/xx"]
STAFF_PAGES = ["/staff/", "/admin/", "/admin/users", "/admin/contacts/0180", "/admin/contacts/0180/revisions",
               "/translate/", "/translate/ar?q=barn", "/translate/ar/versions",
               "/admin/contacts/actors"]


def _axe(page: Page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("""async () => {
        const result = await axe.run(document, {resultTypes: ['violations']});
        return result.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length,
                                             target: v.nodes[0].target.join(' ')}));
    }""")
    return [f"{v['id']} ({v['impact']}, {v['nodes']}×, e.g. {v['target']})" for v in found
            if v["impact"] in ("serious", "critical")]


def test_pages_have_no_serious_accessibility_violations(server, browser):
    assert AXE.exists(), f"{AXE} missing: `make browser-tools` installs axe-core"
    page = _page(browser, bypass_csp=True)  # only so axe itself can be injected
    problems = {}
    for path in PUBLIC_PAGES:
        page.goto(server + path)
        problems[path] = _axe(page)
    _log_in(page, server, *COUNTY)
    for path in STAFF_PAGES:
        page.goto(server + path)
        problems[path] = _axe(page)
    page.goto(server + "/staff/")
    page.locator("input[name=language][value=ar]").check()
    page.get_by_role("button", name="Skapa", exact=True).click()
    problems["/staff/generate"] = _axe(page)
    page.goto(server + "/staff/stats")  # with the generation just made: charts and tables
    expect(page.locator("svg.chart")).to_have_count(2)
    problems["/staff/stats"] = _axe(page)
    assert {path: found for path, found in problems.items() if found} == {}
