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


SERVED: dict[str, Path] = {}  # the server's var folder, to read what it recorded


def _recorded(fmt: str) -> int:
    """How many leaflets the server has counted as handed over as ``fmt``."""
    store = Store.open(f"sqlite:///{SERVED['var'] / 'infogen.sqlite3'}")
    try:
        return sum(1 for code in ("0127", "0180") for g in store.usage.generations(code) if g.format == fmt)
    finally:
        store.db.dispose()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    SERVED["var"] = var
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


def _choose(page: Page, municipality: str, audience: str, *languages: str) -> None:
    page.get_by_label("Kommun").select_option(municipality)
    page.get_by_label(audience).check()
    page.get_by_label("Våld i nära relationer").check()
    for code in languages:
        page.locator(f"input[name=language][value={code}]").check()
    page.get_by_role("button", name="Skapa", exact=True).click()


def test_the_generator_produces_a_pdf(server, browser):
    page = _page(browser, accept_downloads=True)
    _log_in(page, server, *COUNTY)
    _choose(page, "0127", "Ung person som har utsatts för våld", "ti")
    expect(page.locator("#link-ti")).to_have_value(f"{server}/l/0127/youth/ti?topics=close")
    with page.expect_download() as download:
        page.locator("section.result", has=page.locator("#link-ti")).get_by_role("link", name="Ladda ner PDF").click()
    data = Path(download.value.path()).read_bytes()
    assert data.startswith(b"%PDF") and "112" in pdf_text(data)


def test_back_from_the_bilingual_view_shows_the_results_without_sending_anything_again(server, browser):
    page = _page(browser)
    _log_in(page, server, *COUNTY)
    _choose(page, "0127", "Vuxen som har utsatts för våld", "so", "ar")
    results = page.url
    assert "/staff/results?" in results
    before = _recorded("bilingual")
    page.locator("section.result", has=page.locator("#link-so")).get_by_role(
        "button", name="Tvåspråkigt: svenska bredvid").click()
    expect(page.locator(".bilingual [lang=so]")).to_be_visible()
    page.go_back()
    expect(page).to_have_url(results)  # the results again, no question about sending a form
    expect(page.locator("#link-ar")).to_be_visible()
    page.go_forward()
    page.reload()
    expect(page.locator(".bilingual [lang=so]")).to_be_visible()
    assert _recorded("bilingual") == before + 1  # once, for the button; not for Back, Forward or reload


def test_the_language_filter_narrows_the_list_as_one_types(server, browser):
    page = _page(browser)
    _log_in(page, server, *COUNTY)
    page.locator("input[name=language][value=ti]").check()
    box = page.get_by_label("Sök språk")
    box.fill("arab")
    ticked = set(page.locator("#language-list input:checked").evaluate_all("boxes => boxes.map(b => b.value)"))
    expect(page.locator("#language-list label.choice:visible")).to_have_count(len(ticked | {"ar"}))
    visible = page.locator("#language-list label.choice:visible input").evaluate_all("boxes => boxes.map(b => b.value)")
    assert set(visible) == ticked | {"ar"} and "ti" in ticked  # Arabic, and what is ticked stays in sight
    box.fill("qqq")
    expect(page.locator("#no-language")).to_be_visible()
    box.fill("")
    expect(page.locator("#language-list label.choice:visible")).to_have_count(
        page.locator("#language-list label.choice").count())


def test_copying_a_link_puts_it_on_the_clipboard_and_counts_it_once(server, browser):
    page = _page(browser, permissions=["clipboard-read", "clipboard-write"])
    _log_in(page, server, *COUNTY)
    _choose(page, "0127", "Vuxen som har utsatts för våld", "fa")
    before = _recorded("link")
    page.locator("section.result", has=page.locator("#link-fa")).get_by_role("button", name="Kopiera länken").click()
    expect(page.get_by_role("status")).to_contain_text("Länken är kopierad")
    assert page.evaluate("navigator.clipboard.readText()") == f"{server}/l/0127/victim/fa?topics=close"
    assert _recorded("link") == before + 1


def test_restoring_a_version_asks_first(server, browser):
    page = _page(browser)
    _log_in(page, server, *COUNTY)
    page.goto(server + "/admin/contacts/0186")
    page.locator("#c1-phone").fill("08-767 03 09")
    page.get_by_role("button", name="Publicera").click()
    expect(page.get_by_role("status")).to_contain_text("Publicerat som version")
    page.goto(server + "/admin/contacts/0186/revisions")
    page.get_by_role("link", name="Återställ version 1 …").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Återställ version 1?")
    expect(page.locator("ul.changes")).to_contain_text("ändrade telefonnumret från 08-767 03 09 till 08-767 03 03")
    page.get_by_role("button", name="Ja, återställ version 1").click()
    expect(page.get_by_role("status")).to_contain_text("Publicerat som version")
    page.goto(server + "/l/0186/victim/sv")
    expect(page.locator(".contact", has_text="Lidingö kvinnojour")).to_contain_text("08-767 03 03")


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
                "/l/0180/victim/th", "/safe/sv", "/safe/ar?from=/l/0180/victim/ar", "/l/0180/victim/xx", "/ar", "/ti",
                "/l/9999/victim/ar"]
STAFF_PAGES = ["/staff/", "/admin/", "/admin/users", "/admin/contacts/0180", "/admin/contacts/0180/revisions",
               "/admin/contacts/actors", "/admin/contacts/0180/rollback?number=1", "/staff/password", "/admin/coverage",
               "/staff/link?municipality=0180&audience=victim&topics=close&language=ar",
               "/translate/", "/translate/ar?q=barn", "/translate/ar/versions"]


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
    _choose(page, "0180", "Vuxen som har utsatts för våld", "ar")
    problems["/staff/results"] = _axe(page)
    page.locator("section.result", has=page.locator("#link-ar")).get_by_role("button", name="Visa QR-kod").click()
    expect(page.locator("figure.qr svg")).to_be_visible()
    problems["/staff/qr"] = _axe(page)
    page.goto(server + "/staff/stats")  # with the generation just made: charts and tables
    expect(page.locator("svg.chart")).to_have_count(2)
    problems["/staff/stats"] = _axe(page)
    assert {path: found for path, found in problems.items() if found} == {}
