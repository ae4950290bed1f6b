"""The public web routes, through the real app (and once through the real server)."""

from __future__ import annotations

import re
import socket
import os
import subprocess
import sys
import time

import httpx
import pytest
from litestar.testing import TestClient

from service.settings import ROOT
from service.web.app import create_app
from tests.conftest import pdf_reader, pdf_text
from tests.staffing import audit_headers


@pytest.fixture(scope="module")
def client(runtime):
    with TestClient(app=create_app(runtime)) as client:
        yield client


def test_web_leaflet_is_swedish_html_with_callable_numbers(client):
    response = client.get("/l/0180/victim/sv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert '<html lang="sv" dir="ltr"' in html
    assert '<a href="tel:+4620505050" dir="ltr">020-50 50 50</a>' in html
    assert '<a href="tel:112">' in html
    assert "Kvinnofridslinjen" in html


def test_pdf_leaflet_is_served_at_the_same_path_with_pdf(client):
    response = client.get("/l/0180/victim/sv.pdf")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert "020-50 50 50" in pdf_text(response.content)
    assert len(pdf_reader(response.content).pages) <= 2


def test_topics_narrow_the_leaflet(client):
    html = client.get("/l/0127/victim/sv?topics=honour").text
    assert "Rätt att välja" in html
    assert "Prostitution och människohandel" not in html
    # a topic that does not exist: the leaflet with every topic, never a dead end
    unknown = client.get("/l/0127/victim/sv?topics=weather", follow_redirects=False)
    assert unknown.status_code == 302 and unknown.headers["location"] == "/l/0127/victim/sv"


@pytest.mark.parametrize(
    ("path", "says", "offers"),
    [
        ("/l/9999/victim/sv", "ingen kommun med koden 9999", "/l/0127?lang=sv"),
        ("/l/0180/zzz/sv", "ingen målgrupp som heter zzz", "/l/0180/youth/sv"),
        ("/l/0180/victim/xx", "inget språk med koden xx", "/l/0180/victim/en"),
        ("/l/0180/victim/xx.pdf", "inget språk med koden xx", "/l/0180/victim/en"),
        ("/l/0180/victim/rom", "finns ännu inte på romani", "/l/0180/victim/ar"),
    ],
)
def test_unknown_leaflet_gives_a_helpful_404(client, path, says, offers):
    response = client.get(path)
    assert response.status_code == 404
    assert says in response.text
    assert f'href="{offers}"' in response.text


PUBLIC = [
    ("GET", "/"), ("GET", "/l/0180"), ("GET", "/l/0180?lang=ar"), ("GET", "/l/0180/victim/sv"),
    ("GET", "/l/0180/victim/sv.pdf"), ("GET", "/l/0180/victim/ar?qr"), ("HEAD", "/l/0180/victim/sv"),
    ("GET", "/safe/sv"), ("GET", "/safe/ti"), ("GET", "/healthz"), ("GET", "/readyz"),
    ("GET", "/static/leaflet.css"), ("GET", "/fonts/NotoSans-Regular.ttf"),
    ("GET", "/assets/fonts/ar.000000000000.css"), ("HEAD", "/assets/fonts/ar.000000000000.css"),
    # mistyped and refused
    ("GET", "/l/9999/victim/sv"), ("GET", "/l/0180/victim"), ("GET", "/nope"), ("GET", "/safe/xx"), ("GET", "/assets/fonts/nothing.woff2"),
    ("POST", "/l/0180/victim/sv"), ("OPTIONS", "/"), ("GET", "/static/../service/settings.py"),
]


def test_the_header_audit_covers_every_public_route(client):
    routes = {route.path for route in client.app.routes if not route.path.startswith(("/staff", "/admin", "/translate"))}
    audited = {path.split("?")[0] for _, path in PUBLIC}
    for route in routes:
        pattern = re.sub(r"\{[^}]+\}", "[^/]+", route)
        assert any(re.fullmatch(pattern, path) or path.startswith(route + "/") for path in audited), route


@pytest.mark.parametrize(("method", "path"), PUBLIC)
def test_every_public_response_sets_no_cookie_and_carries_the_safety_headers(client, method, path):
    response = client.request(method, path)
    assert response.status_code < 500
    assert "set-cookie" not in response.headers
    audit_headers(response, path)


def test_the_page_loads_nothing_from_elsewhere(client):
    html = client.get("/l/0180/victim/sv").text
    loaded = re.findall(r'<(?:script|link|img|iframe|source)[^>]+(?:src|href)=["\']?([^"\' >]+)', html)
    assert loaded and all(url.startswith("/") and not url.startswith("//") for url in loaded)
    urls = []
    for stylesheet in [url for url in loaded if url.endswith(".css")]:
        css = client.get(stylesheet).text
        assert "@import" not in css
        urls += re.findall(r"url\(\s*['\"]?([^'\")]+)", css)
    assert urls and all(url.startswith("/assets/fonts/") for url in urls)  # the cut fonts, from here


def test_a_crafted_address_cannot_make_the_site_show_made_up_text(client):
    response = client.get("/l/Ring 070-123 45 67 för hjälp/victim/sv")
    assert response.status_code == 404
    assert "070-123" not in response.text
    assert "Kommunkoden i adressen finns inte." in response.text
    response = client.get("/l/0180/victim/sv?topics=\u202ehj\u00e4lp", follow_redirects=False)
    assert response.status_code == 302 and response.headers["location"] == "/l/0180/victim/sv"


def test_quick_exit_is_a_plain_link_that_works_without_javascript(client):
    html = client.get("/l/0180/victim/sv").text
    assert re.search(r'<a class="quick-exit" id="quick-exit" href="https://[^"]+" rel="noreferrer noopener">Lämna sidan snabbt</a>', html)
    script = client.get("/static/exit.js").text
    assert "location.replace" in script and "Escape" in script


def test_language_picker_lists_languages_by_their_own_names(client):
    html = client.get("/l/0180/victim/en").text
    assert '<html lang="en" dir="ltr"' in html
    assert 'lang="sv" dir="ltr" hreflang="sv">svenska</a>' in html
    assert 'aria-current="page">English</a>' in html


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_infogen_serve_serves_leaflets_and_logs_no_visitor(tmp_path):
    port = _free_port()
    log = tmp_path / "serve.log"
    with open(log, "w") as out:
        server = subprocess.Popen([sys.executable, "-m", "service", "serve", "--port", str(port)],
                                  cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                  env={**os.environ, "INFOGEN_VAR_DIR": str(tmp_path / "var")})
    try:
        for _ in range(100):
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/l/0180/victim/sv.pdf",
                                     headers={"User-Agent": "ProbeAgent/1.0"}, timeout=5)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert response.status_code == 200 and response.content.startswith(b"%PDF")
        assert httpx.get(f"http://127.0.0.1:{port}/l/0180/victim/sv", timeout=5).status_code == 200
    finally:
        server.terminate()
        server.wait(timeout=10)
    written = log.read_text()
    assert "127.0.0.1" not in written.replace(f"http://127.0.0.1:{port}", "")
    assert "ProbeAgent" not in written  # (uvicorn's access log, were it on, would show the address)


def test_every_language_name_is_set_in_the_names_font(client):
    """Language lists name each language in its own script; without its font it shows as boxes.
    The stylesheet sets every ``a[hreflang]`` in the Endonyms family, whose faces hold every
    name (tests/test_web_fonts.py); so every name in a list is such a link."""
    css = (ROOT / "static" / "leaflet.css").read_text()
    assert re.search(r'a\[hreflang\] \{ font-family: "Endonyms"', css)
    for path in ("/", "/th", "/l/0180", "/l/0180/victim/th", "/safe/ar", "/l/9999/victim/ti"):
        html = client.get(path).text
        names = re.findall(r"<a [^>]*\slang=\"[^>]*>", html)
        assert names and all("hreflang=" in tag for tag in names), path


def test_ready_only_while_the_database_answers(client, runtime):
    from service.store.database import Database

    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").status_code == 200
    kept = runtime.store.db
    runtime.store.db = Database("postgresql://postgres@127.0.0.1:9/none?connect_timeout=2")
    try:
        down = client.get("/readyz")
        assert down.status_code == 503 and down.json()["status"] == "unavailable"
        assert client.get("/healthz").status_code == 200  # alive, though not ready
    finally:
        runtime.store.db = kept
