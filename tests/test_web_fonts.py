"""The web fonts: every page links its language's stylesheet of faces cut to what it shows,
from our own origin, kept a year by name; nothing shown is left without its glyph."""

from __future__ import annotations

import html as markup
import io
import re

import pytest
from fontTools.ttLib import TTFont
from litestar.testing import TestClient

from service.settings import ROOT
from service.web.app import create_app


@pytest.fixture(scope="module")
def client(runtime):
    with TestClient(app=create_app(runtime)) as client:
        yield client


def _shown(page: str) -> set[int]:
    """The characters a page shows (its text, without the language list's names)."""
    body = re.sub(r'<nav class="languages".*?</nav>', " ", page, flags=re.S)
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>|<[^>]+>", " ", body, flags=re.S)
    return {ord(c) for c in markup.unescape(body) if not c.isspace() and ord(c) > 0x20}


def _cmap(data: bytes) -> set[int]:
    return set(TTFont(io.BytesIO(data)).getBestCmap())


def _faces(client, page: str) -> dict[str, bytes]:
    stylesheet = re.search(r'<link rel="stylesheet" href="(/assets/fonts/[^"]+\.css)">', page)[1]
    css = client.get(stylesheet)
    assert css.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert css.headers["content-type"].startswith("text/css")
    rules = re.findall(r"@font-face \{[^}]*\}", css.text)
    assert rules and all("font-display: swap" in rule for rule in rules)  # text never waits for a font
    faces = {}
    for rule in rules:
        family = re.search(r'font-family: "([^"]+)"', rule)[1]
        weight = re.search(r"font-weight: (\d+)", rule)[1]
        url = re.search(r'url\("([^"]+)"\)', rule)[1]
        font = client.get(url)
        assert font.status_code == 200 and font.content[:4] == b"wOF2", url
        assert font.headers["cache-control"] == "public, max-age=31536000, immutable"
        faces[f"{family} {weight} {url.split('/')[-1].split('.')[0]}"] = font.content
    return faces


@pytest.mark.parametrize(("path", "script_font"), [("/l/0180/victim/sv", None),
                                                   ("/l/0180/victim/ar", "NotoSansArabic"),
                                                   ("/l/0127/youth/ti", "NotoSansEthiopic"),
                                                   ("/l/0181/child/th", "NotoSansThai"),
                                                   ("/safe/am", "NotoSansEthiopic"),
                                                   ("/l/0180?lang=fa", "NotoSansArabic")])
def test_every_character_a_page_shows_is_in_its_cut_fonts(client, path, script_font):
    page = client.get(path).text
    assert "/fonts/" not in page.replace("/assets/fonts/", "")  # no whole font any more
    faces = _faces(client, page)
    shown = _shown(page)
    for weight in ("400", "700"):
        covered = set()
        for name, data in faces.items():
            if f" {weight} " in name and not name.startswith("Endonyms"):
                covered |= _cmap(data)
        whole = set()
        for font in ("NotoSans", script_font):
            if font:
                whole |= set(TTFont(ROOT / "fonts" / f"{font}-Regular.ttf", lazy=True).getBestCmap())
        missing = {chr(c) for c in (shown & whole) - covered}
        assert not missing, (path, weight, sorted(missing))
    # and they are cut: far smaller than the whole fonts
    page_faces = sum(len(d) for n, d in faces.items() if not n.startswith("Endonyms"))
    whole_fonts = sum((ROOT / "fonts" / f"{font}-{style}.ttf").stat().st_size
                      for font in ("NotoSans", script_font) if font for style in ("Regular", "Bold"))
    assert page_faces * 10 < whole_fonts, (page_faces, whole_fonts)


def test_the_language_names_come_from_one_small_shared_subset(client, runtime):
    names = {}
    for path in ("/l/0180/victim/sv", "/l/0180/victim/th", "/safe/ur"):
        page = client.get(path).text
        faces = {n: d for n, d in _faces(client, page).items() if n.startswith("Endonyms")}
        names[path] = faces
    first = next(iter(names.values()))
    assert all(faces == first for faces in names.values())  # the same files on every page: fetched once
    covered = set().union(*(_cmap(d) for d in first.values()))
    endonyms = {ord(c) for lang in runtime.content.offered() for c in lang.endonym if not c.isspace()}
    assert endonyms <= covered
    assert sum(len(d) for d in first.values()) < 20_000


@pytest.mark.parametrize("name", ["NotoSans-Regular.xx.0123456789ab.woff2", "NotoSans-Regular.ar.zzz.woff2",
                                  "../secret_key", "ar.css", "Arial-Regular.ar.0123456789ab.woff2",
                                  "xx.0123456789ab.css"])
def test_an_address_that_names_no_cut_font_is_not_found(client, name):
    response = client.get(f"/assets/fonts/{name}")
    assert response.status_code == 404
    assert response.headers["cache-control"] == "no-store"


def test_an_older_address_still_gets_fonts_but_not_to_keep(client):
    page = client.get("/l/0180/victim/ar").text
    stylesheet = re.search(r'href="(/assets/fonts/ar\.[0-9a-f]{12}\.css)"', page)[1]
    older = client.get(re.sub(r"\.[0-9a-f]{12}\.css", ".0123456789ab.css", stylesheet))
    assert older.status_code == 200 and "@font-face" in older.text
    assert older.headers["cache-control"] == "no-store"
