"""What a reader's visit leaves behind, through the real app: neutral file names, HEAD
without a body, the safe-online page's way back and 112, the advice for when scripts are off."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import lxml.html
import pytest
from litestar.testing import TestClient

from service.store.usage import LOCAL
from service.web.app import create_app
from tests.staffing import Person

PASSWORD = "a long pass phrase for reading"
SUBJECT = re.compile(r"victim|youth|child|perpetrator|relative|infogen|våld", re.IGNORECASE)


@pytest.fixture(scope="module")
def app(runtime):
    return create_app(runtime)


@pytest.fixture(scope="module")
def client(app):
    with TestClient(app=app) as client:
        yield client


@pytest.mark.parametrize(("path", "name"), [("/l/0180/victim/ar.pdf", "stockholm-ar.pdf"),
                                            ("/l/0114/child/ti.pdf", "upplands-vasby-ti.pdf"),
                                            ("/l/0127/perpetrator/sv.pdf?topics=honour", "botkyrka-sv.pdf")])
def test_a_downloaded_leaflet_is_named_after_the_place_and_language_only(client, path, name):
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-disposition"] == f'inline; filename="{name}"'


def test_staff_downloads_say_nothing_about_the_subject_either(runtime, app):
    runtime.store.users.add("names.0127", PASSWORD, "staff", "0127")
    staff = Person(app)
    staff.login("names.0127", PASSWORD)
    choice = "municipality=0127&audience=victim&topics=close&language=ar"
    names = {}
    for path in (f"/staff/pdf?{choice}", f"/staff/bilingual.pdf?{choice}", f"/staff/handout?{choice}",
                 f"/staff/card?{choice}", "/staff/poster?municipality=0127&audience=victim"):
        response = staff.get(path)
        assert response.status_code == 200, path
        names[path.split("?")[0]] = re.search(r'filename="([^"]+)"', response.headers["content-disposition"])[1]
    assert names == {"/staff/pdf": "botkyrka-ar.pdf", "/staff/bilingual.pdf": "botkyrka-sv-ar.pdf",
                     "/staff/handout": "botkyrka-qr-ar.pdf", "/staff/card": "cards-ar.pdf",
                     "/staff/poster": "botkyrka-languages-A4.pdf"}
    staff.close()


PUBLIC = ["/", "/ti", "/AR", "/l/0180/victim", "/l/0180", "/l/0180?lang=ar", "/l/0180/victim/th", "/l/0180/victim/sv.pdf", "/safe/ti",
          "/l/9999/victim/sv", "/no/such/page", "/static/exit.js", "/healthz"]


@pytest.mark.parametrize("path", PUBLIC)
def test_head_answers_as_get_without_a_body(client, path):
    get, head = client.get(path), client.head(path)
    assert head.status_code == get.status_code
    assert head.content == b""
    for name in ("content-type", "content-length", "cache-control", "content-security-policy"):
        assert head.headers.get(name) == get.headers.get(name), name


def _views(runtime, code: str) -> int:
    runtime.views.flush()
    today = datetime.now(LOCAL).date()  # read as if the day were over: today's totals are held back
    return runtime.store.usage.report(today, today, [code], today=today + timedelta(days=1)).totals.views


def test_a_head_request_is_not_counted_as_a_reader(runtime, client):
    before = _views(runtime, "0188")
    assert client.head("/l/0188/relative/so").status_code == 200
    assert _views(runtime, "0188") == before
    client.get("/l/0188/relative/so")
    assert _views(runtime, "0188") == before + 1


def test_the_safe_page_leads_back_to_the_leaflet_it_came_from_and_shows_112(client):
    leaflet = client.get("/l/0180/victim/ar?topics=close,honour").text
    link = re.search(r'<p class="safety"><a href="([^"]+)"', leaflet)[1]
    assert link == "/safe/ar?from=/l/0180/victim/ar%3Ftopics%3Dclose%2Chonour"
    page = client.get(link.replace("&amp;", "&")).text
    assert '<p class="back"><a href="/l/0180/victim/ar?topics=close,honour">العودة إلى المعلومات</a></p>' in page
    assert '<a href="tel:112">' in page
    # the other languages of the page keep the way back
    assert 'href="/safe/ti?from=/l/0180/victim/ar%3Ftopics%3Dclose%2Chonour"' in page


@pytest.mark.parametrize("where", ["https://example.org/", "//example.org/l/0180/victim/sv", "/l/9999/victim/sv",
                                   "/l/0180/victim/xx", "/l/0180/victim/sv?topics=weather", "/admin/",
                                   "/l/0180/victim/sv\n", "javascript:alert(1)", "/l/0180/victim/rom"])
def test_the_way_back_leads_only_to_a_real_leaflet(client, where):
    page = client.get("/safe/sv", params={"from": where})
    assert page.status_code == 200
    assert 'class="back"' not in page.text and "from=" not in page.text


def test_the_title_in_the_tab_and_history_names_no_subject(client):
    for path in ("/", "/l/0180", "/l/0180?lang=sv", "/l/0180/victim/sv", "/l/0180/child/sv", "/safe/sv",
                 "/safe/sv?from=/l/0180/victim/sv"):
        title = re.search(r"<title>(.*?)</title>", client.get(path).text)[1]
        assert not SUBJECT.search(title), (path, title)


def test_without_scripts_the_leaflet_says_what_back_can_still_show(client):
    html = client.get("/l/0180/victim/fa").text
    note = re.search(r'<noscript><p class="no-script">(.*?)</p></noscript>', html)[1]
    assert "JavaScript" in note and "«بازگشت»" in note
    advice = client.get("/safe/fa").text
    assert note in advice


@pytest.mark.parametrize(("where", "first"), [
    ("0182/victim", [("Kvinnofridslinjen", "tel:+4620505050"),
                     ("Socialtjänsten i Nacka kommun", None)]),  # no number in the data: their page
    ("0181/child", [("BRIS", "tel:116111"), ("Socialtjänsten i Södertälje", "tel:+46852301000"),
                    ("Socialjouren Södertälje", "tel:+46852303870")]),
    ("0123/youth", [("Kvinnofridslinjen", "tel:+4620505050"), ("Järfälla", None)]),  # the municipality's website
    ("0114/perpetrator", [("Välj att sluta", "tel:+4620555666"), ("Socialtjänsten i Upplands Väsby", "tel:+46859097000")]),
])
def test_the_numbers_come_first_under_the_title(client, runtime, where, first):
    code, audience = where.split("/")
    leaflet = runtime.leaflet(code, audience, "sv")
    assert [(c.name, c.phone_uri) for c in leaflet.call_now] == first
    html = client.get(f"/l/{where}/ar").text
    top = html[:html.index('<p class="intro">')]  # before the first paragraph of text
    assert '<a href="tel:112">' in top
    for name, uri in first:
        name = f'<bdi class="name" lang="sv">{name}</bdi>'  # a Swedish name, in a Swedish voice
        assert (f'<a href="{uri}">{name}' if uri else name) in top


def _spoken_in(element) -> str:
    """The language a screen reader speaks an element in: its own lang, else its nearest ancestor's."""
    return next(e.get("lang") for e in element.iterancestors() if e.get("lang")) if element.get("lang") is None \
        else element.get("lang")


def _names_on(html: str, names: set[str]) -> dict[str, set[tuple[str | None, str]]]:
    """For each of ``names``: (own lang, language spoken in) of every element of the page's body
    holding just that name (the tab's title is one language's text, without parts)."""
    found: dict[str, set[tuple[str | None, str]]] = {name: set() for name in names}
    for element in lxml.html.fromstring(html).body.iter():
        if isinstance(element.tag, str) and len(element) == 0 and (element.text or "").strip() in names:
            found[element.text.strip()].add((element.get("lang"), _spoken_in(element)))
    return found


def test_swedish_names_are_spoken_in_swedish_on_a_page_in_another_language(client, runtime):
    """Contact and place names are Swedish, never translated: on the Arabic leaflet a screen
    reader says "Kvinnofridslinjen" in a Swedish voice; on the Swedish one nothing is added."""
    for lang, expected in (("ar", {("sv", "sv")}), ("sv", {(None, "sv")}),
                           ("sv-x-lattlast", {(None, "sv-x-lattlast")})):
        leaflet = runtime.leaflet("0180", "victim", lang)
        html = client.get(f"/l/0180/victim/{lang}").text
        assert f'<html lang="{lang}"' in html
        names = {c.name for c in leaflet.contacts} | {leaflet.municipality_name}
        found = _names_on(html, names)
        assert found["Kvinnofridslinjen"] == expected, lang
        assert {name: langs for name, langs in found.items() if langs != expected} == {}, lang
    for path, expected in (("/ar", ("sv", "sv")), ("/l/0180?lang=ar", ("sv", "sv")), ("/sv", (None, "sv")),
                           ("/l/0180", (None, "sv"))):  # the municipalities, and a municipality's own page
        assert _names_on(client.get(path).text, {"Stockholm"}) == {"Stockholm": {expected}}, path


def test_the_start_page_offers_the_languages_first_each_in_itself(client, runtime):
    html = client.get("/").text
    offered = runtime.content.offered()
    for lang in offered:
        assert (f'<a href="/{lang.code}" lang="{lang.code}" dir="{lang.direction}" hreflang="{lang.code}">'
                f'{lang.endonym}</a>') in html
    assert "/l/0180" not in html  # the municipalities come after, in the chosen language


def test_a_language_lists_the_municipalities_in_that_language(client):
    html = client.get("/ti").text
    assert '<html lang="ti" dir="ltr" class="script-Ethi">' in html
    assert "<h1>ኮሙንኩም ምረጹ</h1>" in html and "<title>ሓበሬታ</title>" in html
    assert '<a href="/l/0180?lang=ti"><span lang="sv">Stockholm</span></a>' in html  # the name is Swedish
    assert '<a href="tel:112">' in html and '<a href="/safe/ti">' in html
    landing = client.get("/l/0180?lang=ti").text
    assert '<a href="/l/0180/victim/ti">' in landing


@pytest.mark.parametrize(("path", "status", "location"), [
    ("/AR", 301, "/ar"),
    ("/arabic", 302, "/ar"),
    ("/arabiska", 302, "/ar"),
    ("/l/0180/victim/AR", 301, "/l/0180/victim/ar"),
    ("/L/0180/VICTIM/AR", 301, "/l/0180/victim/ar"),
    ("/l/0180/victim/ar/", 301, "/l/0180/victim/ar"),
    ("/l/0180/victim/AR.pdf", 301, "/l/0180/victim/ar.pdf"),
    ("/l/0180/victim/ar-SA", 302, "/l/0180/victim/ar"),
    ("/l/0180/victim/ar?topics=clo", 302, "/l/0180/victim/ar?topics=close"),
    ("/l/0180/victim/ar?topics=close,hon", 302, "/l/0180/victim/ar?topics=close,honour"),
    ("/l/0180/victim/ar?topics=weather", 302, "/l/0180/victim/ar"),
    ("/l/0180/victim/AR?qr", 301, "/l/0180/victim/ar?qr"),  # a scanned code is still counted as one
    ("/l/0180/victims/sv", 302, "/l/0180/victim/sv"),
    ("/l/stockholm", 302, "/l/0180"),
    ("/l/upplands-vasby/youth/ti", 302, "/l/0114/youth/ti"),
    ("/l/0180?lang=AR", 301, "/l/0180?lang=ar"),
    ("/safe/AR?from=/l/0180/victim/ar", 301, "/safe/ar?from=/l/0180/victim/ar"),
    ("/l", 302, "/"),
])
def test_a_near_miss_leads_to_the_closest_real_page(client, path, status, location):
    response = client.get(path, follow_redirects=False)
    assert (response.status_code, response.headers.get("location")) == (status, location)
    assert client.get(path).status_code == 200  # and that page exists


def test_a_leaflet_without_its_language_opens_in_the_browsers_language(client):
    for accepted, language in (("ti-ER,ti;q=0.9,en;q=0.5", "ti"), ("de-CH, fr;q=0.5", "de"), ("", "sv"),
                               ("xx, *;q=0.1", "sv")):
        response = client.get("/l/0180/victim", headers={"accept-language": accepted}, follow_redirects=False)
        assert response.status_code == 302 and response.headers["location"] == f"/l/0180/victim/{language}"
        assert response.headers["vary"] == "Accept-Language"


@pytest.mark.parametrize(("path", "language", "title"), [
    ("/l/9999/victim/ar", "ar", "هذه الصفحة غير موجودة"),
    ("/l/0180/zzz/th", "th", "ไม่มีหน้านี้"),
    ("/ti/nothing/here", "ti", "እዚ ገጽ የለን"),
    ("/l/0180/victim/xx", "sv", "Sidan finns inte"),
    ("/nothing", "sv", "Sidan finns inte"),
])
def test_a_page_that_does_not_exist_speaks_the_addresss_language_and_offers_a_way_on(client, path, language, title):
    response = client.get(path, follow_redirects=False)
    assert response.status_code == 404
    html = response.text
    assert f'<html lang="{language}"' in html and f"<h1>{title}</h1>" in html
    assert '<a href="tel:112">' in html
    names = re.findall(r'<a href="/([a-z-]+)" lang="([a-z-]+)" dir="(?:ltr|rtl)" hreflang="\2"', html)
    assert len(names) >= 30  # every language by its own name, with its lang (so its font is used)
    assert "<li>" in html and 'class="choices"' in html


@pytest.mark.parametrize("path", ["//evil.example/", "/%5Cevil.example/", "/%0D%0ASet-Cookie:%20a=b/",
                                  "/L/%0D%0ALocation:%20https:%2F%2Fevil.example"])
def test_a_redirect_never_leaves_the_site_nor_splits_a_header(client, path):
    response = client.get(path, follow_redirects=False)
    location = response.headers.get("location", "/")
    assert location.startswith("/") and not location.startswith(("//", "/\\")), location
    assert "\r" not in location and "\n" not in location and "set-cookie" not in response.headers
