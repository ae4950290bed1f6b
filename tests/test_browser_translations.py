"""A review in Chromium, on SQLite and on PostgreSQL, against `infogen serve`: a county
administrator creates a translator for Arabic; the translator edits one message, previews the
leaflet right to left with the edit, marks three messages reviewed and publishes; the public
Arabic leaflet shows the new text at once; the versions list who and when; a rollback brings
the old text back; the translator cannot reach other languages, contacts, accounts or
statistics."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid

import httpx
import psycopg
import pytest
from playwright.sync_api import Page, expect

from service.settings import ROOT
from service.store import Store
from tests.conftest import POSTGRESQL
from tests.test_browser import AXE, _axe, _free_port, _page, browser  # noqa: F401  (the browser fixture)

COUNTY = ("lena.county", "county pass phrase 1")
TRANSLATOR = ("amal.haddad", "translator pass phrase")
RIGHTS = "Dina rättigheter"
NEW_RIGHTS = "حقوقك في السويد"
REVIEW = ("Gratis", "Tolk finns", "Barn")


@pytest.fixture(params=["sqlite", "postgresql"])
def server(request, tmp_path):
    var = tmp_path / "var"
    schema = None
    if request.param == "sqlite":
        database = f"sqlite:///{var / 'infogen.sqlite3'}"
    else:
        schema = f"infogen_browser_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(POSTGRESQL, autocommit=True) as connection:
            connection.execute(f"CREATE SCHEMA {schema}")
        database = f"{POSTGRESQL}?options=-csearch_path%3D{schema}"
    store = Store.open(database, seed_from=ROOT / "municipalities", locales=ROOT / "locales")
    store.users.add(*COUNTY, "county_admin", None)
    store.db.dispose()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "INFOGEN_VAR_DIR": str(var), "INFOGEN_BASE_URL": base, "INFOGEN_DATABASE_URL": database}
    process = subprocess.Popen([sys.executable, "-m", "service", "serve", "--port", str(port)], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                httpx.get(base + "/healthz", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
        if schema:
            with psycopg.connect(POSTGRESQL, autocommit=True) as connection:
                connection.execute(f"DROP SCHEMA {schema} CASCADE")


def _log_in(page: Page, server: str, username: str, password: str, lands: str) -> None:
    page.goto(server + "/staff/login")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(server + lands)


def _message(page: Page, msgid: str):
    return page.locator("article.message", has=page.locator("p.source", has_text=msgid)).filter(
        has=page.locator(f'p.source:text-is("{msgid}")'))


def test_a_review_from_account_to_rollback(server, browser):  # noqa: F811
    county = _page(browser)
    _log_in(county, server, *COUNTY, "/staff/")
    county.goto(server + "/admin/users")
    county.get_by_label("Användarnamn").fill(TRANSLATOR[0])
    county.get_by_label("Lösenord (minst 12 tecken)").fill(TRANSLATOR[1])
    county.get_by_label("Roll").select_option("translator")
    county.locator("input[name=languages][value=ar]").check()
    county.get_by_label("Översättarens namn").fill("Amal Haddad")
    county.get_by_role("button", name="Skapa konto").click()
    expect(county.locator("table.users")).to_contain_text("Amal Haddad")

    page = _page(browser)
    _log_in(page, server, *TRANSLATOR, "/translate/")
    public = httpx.get(server + "/l/0180/victim/ar").text
    old = public.split('id="rights"')[1].split("<h2>")[1].split("</h2>")[0]

    page.goto(server + "/translate/ar?q=" + RIGHTS)
    message = _message(page, RIGHTS)
    message.locator("textarea").fill(NEW_RIGHTS)
    message.get_by_role("button", name="Spara", exact=True).click()
    expect(page.locator("article.message", has_text=RIGHTS).locator("p.note")).to_contain_text("Ändrad")

    page.goto(server + "/translate/ar")
    page.get_by_label("Förhandsgranska bladet för").select_option("victim")
    page.get_by_role("button", name="Förhandsgranska").click()
    preview = page.locator(".leaflet-preview")
    expect(preview).to_contain_text(NEW_RIGHTS)
    assert preview.evaluate("e => getComputedStyle(e).direction") == "rtl"
    heading = preview.locator("#rights h2")
    box, frame = heading.bounding_box(), preview.bounding_box()
    assert box["x"] + box["width"] > frame["x"] + frame["width"] - 40  # starts at the right edge

    for msgid in REVIEW:
        page.goto(server + "/translate/ar?q=" + msgid)
        _message(page, msgid).get_by_role("button", name="Spara och markera granskad").click()
        expect(_message(page, msgid).locator("p.note")).to_contain_text("markerad som granskad")
    page.goto(server + "/translate/ar")
    page.get_by_role("button", name="Publicera ändringarna").click()
    expect(page.get_by_role("status")).to_contain_text("Publicerat som version 2")

    assert NEW_RIGHTS in httpx.get(server + "/l/0180/victim/ar").text  # at once
    page.goto(server + "/translate/ar/versions")
    newest = page.locator("ol.revisions > li").first
    expect(newest).to_contain_text("Version 2")
    expect(newest).to_contain_text(TRANSLATOR[0])
    expect(newest).to_contain_text(time.strftime("%Y-%m-%d", time.gmtime()))
    page.get_by_role("button", name="Återställ version 1").click()
    expect(page.get_by_role("status")).to_contain_text("Publicerat som version 3")
    again = httpx.get(server + "/l/0180/victim/ar").text
    assert NEW_RIGHTS not in again and old in again

    for path in ("/translate/fa", "/admin/contacts/0180", "/admin/users", "/staff/stats", "/staff/"):
        response = page.goto(server + path)
        assert response.status == 403, path

    checked = _page(browser, bypass_csp=True)  # only so axe itself can be injected
    _log_in(checked, server, *TRANSLATOR, "/translate/")
    problems = {}
    for path in ("/translate/", "/translate/ar?q=barn", "/translate/ar/preview?audience=child"):
        checked.goto(server + path)
        problems[path] = _axe(checked)
    assert {path: found for path, found in problems.items() if found} == {}
