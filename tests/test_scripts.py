"""Every offered language, every script: glyphs for every character, text that extracts back,
right-to-left leaflets set right to left."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

from service.content.model import Audience
from service.runtime import Runtime
from service.settings import ROOT, Settings
from service.text import FontLibrary, missing_characters
from tests.conftest import TODAY, pdf_reader
from tests.test_data import COUNTY

_runtime = Runtime.load(Settings.from_env({"INFOGEN_BASE_URL": "https://infogen.example"}))
OFFERED = [lang.code for lang in _runtime.content.offered()]
RTL = [code for code in OFFERED if _runtime.content.languages[code].rtl]
fonts = FontLibrary(ROOT / "fonts")


def chains(code: str):
    families = list(_runtime.content.languages[code].fonts)
    if "NotoSans" not in families:
        families.append("NotoSans")
    return (fonts.chain(*(f"{f}-Regular" for f in families)), fonts.chain(*(f"{f}-Bold" for f in families)))


def letters(text: str) -> str:
    """Text as compared after extraction: NFKC, without marks, spaces and format characters."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(c for c in text if unicodedata.category(c) not in ("Mn", "Me", "Cf", "Zs", "Cc"))


def extracted(data: bytes, rtl: bool, tmp_path: Path) -> str:
    """The text layer as a reader's tools see it: poppler for right-to-left (it reorders
    visual runs into reading order), pypdf's content-stream order otherwise."""
    if rtl:
        pdf = tmp_path / "leaflet.pdf"
        pdf.write_bytes(data)
        return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return "\n".join(page.extract_text() for page in pdf_reader(data).pages)


@pytest.mark.parametrize("code", OFFERED)
def test_every_message_has_a_glyph_in_the_languages_fonts(runtime, code):
    regular, bold = chains(code)
    catalogs = runtime.content.catalogs  # what readers get: the published revision in the store
    texts = [e.text for e in catalogs.entries.get(code, {}).values() if e.text] or list(catalogs.msgids)
    for leaflet_audience in Audience:
        leaflet = runtime.leaflet("0186", leaflet_audience.value, code, today=TODAY)
        texts += [leaflet.labels.footer, leaflet.date_text, leaflet.review] + [c.name for c in leaflet.contacts]
    missing = {}
    for text in texts:
        for chain in (regular, bold):
            for char in missing_characters(text, chain):
                missing.setdefault(f"U+{ord(char):04X} {unicodedata.name(char, '?')}", text[:60])
    assert missing == {}, f"{code}: characters no font covers: {missing}"


@pytest.mark.parametrize("code", OFFERED)
def test_every_audience_renders_for_all_municipalities(runtime, code):
    for municipality in sorted(COUNTY):
        for audience in Audience:
            leaflet = runtime.leaflet(municipality, audience.value, code)
            assert runtime.pdf.render(leaflet).startswith(b"%PDF")
            html = runtime.html.render(leaflet)
            assert f'<html lang="{code}" dir="{leaflet.direction}"' in html


@pytest.mark.parametrize("code", OFFERED)
def test_text_extracts_back_in_reading_order(runtime, code, tmp_path):
    leaflet = runtime.leaflet("0180", "victim", code, today=TODAY)
    data = runtime.pdf.render(leaflet)
    assert pdf_reader(data).trailer["/Root"]["/Lang"] == code
    text = extracted(data, leaflet.rtl, tmp_path)
    flat = letters(text)
    for heading in [s.heading for s in leaflet.sections] + [leaflet.labels.contacts_heading]:
        assert letters(heading) in flat, f"{code}: heading {heading!r} not found in the text layer"
    forms = [c for c in text if "\ufb50" <= c <= "\ufdff" or "\ufe70" <= c <= "\ufeff" or "\ue000" <= c <= "\uf8ff"]
    assert forms == [], f"{code}: presentation forms or private codes in the text layer: {forms[:10]}"
    for number in ("020-50 50 50", "116 006", "112"):
        assert number in unicodedata.normalize("NFKC", text), f"{code}: {number} not read back as written"


@pytest.mark.parametrize("code", RTL)
def test_right_to_left_lines_are_set_flush_right(runtime, code, tmp_path):
    data = runtime.pdf.render(runtime.leaflet("0180", "victim", code, today=TODAY))
    pdf = tmp_path / "leaflet.pdf"
    pdf.write_bytes(data)
    bbox = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-bbox-layout", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    # poppler cuts a visual line wherever a raised mark sits (tanween, Hebrew points): put
    # the pieces back together by column and baseline, then take each line's right edge
    lines: dict[tuple[bool, int], list[float]] = {}
    for x_min, y_min, x_max in re.findall(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"', bbox):
        x_min, y_min, x_max = float(x_min), float(y_min), float(x_max)
        if not 170 < y_min < 770:  # below the header and banner, above the (centred) footer
            continue
        key = (x_max > 297.6, round(y_min / 4))  # right column?, baseline within 4 pt
        lines.setdefault(key, []).extend([x_min, x_max])
    right_edges = [round(max(xs)) for xs in lines.values() if max(xs) - min(xs) > 60]
    assert len(right_edges) > 20
    # the two columns' right edges (with and without a bullet's indent)
    common = sorted(set(right_edges), key=right_edges.count, reverse=True)[:4]
    flush = [x for x in right_edges if any(abs(x - c) <= 2 for c in common)]
    assert len(flush) >= 0.9 * len(right_edges), f"{code}: lines not flush right: {sorted(set(right_edges))}"


@pytest.mark.parametrize("code", [c for c in ("ti", "am") if c in OFFERED])
def test_ethiopic_keeps_its_punctuation_and_digits(runtime, code, tmp_path):
    leaflet = runtime.leaflet("0180", "victim", code, today=TODAY)
    text = extracted(runtime.pdf.render(leaflet), False, tmp_path)
    assert "።" in text and "112" in text and "020-50 50 50" in text


def test_swedish_and_english_are_always_offered():
    assert {"sv", "en"} <= set(OFFERED)
