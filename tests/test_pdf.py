"""PDF leaflets, read back with a real PDF parser and a real rasteriser."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from service.content.model import Audience
from tests.conftest import TODAY, pdf_reader, pdf_text
from tests.test_data import COUNTY


@pytest.fixture(scope="module")
def swedish(runtime) -> bytes:
    return runtime.pdf.render(runtime.leaflet("0180", "victim", "sv", today=TODAY))


def test_swedish_victim_leaflet_fits_on_two_a4_pages(swedish):
    reader = pdf_reader(swedish)
    assert len(reader.pages) <= 2
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points


def test_the_numbers_and_headings_read_back_from_the_pdf(swedish):
    text = pdf_text(swedish)
    for expected in ("112", "Kvinnofridslinjen", "020-50 50 50", "Om du är i akut fara",
                     "Dina rättigheter", "Här kan du få hjälp", "Brottsofferjouren", "116 006"):
        assert expected in text


def test_title_language_and_embedded_fonts(swedish):
    reader = pdf_reader(swedish)
    assert reader.metadata.title == "Stockholm – information"  # says nothing about violence: tabs and history show it
    assert reader.trailer["/Root"]["/Lang"] == "sv"
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/FontDescriptor"]
            fonts[font["/BaseFont"]] = "/FontFile2" in descriptor
    assert fonts and all(fonts.values())  # every font is embedded, none borrowed from the reader's system
    assert all("NotoSans" in name for name in fonts)


def test_footer_names_municipality_version_and_date(runtime, swedish):
    text = pdf_text(swedish)
    assert "23 november 2026" in text
    assert runtime.content.version_of("0180") in text


def test_english_leaflet_reads_in_english(runtime):
    data = runtime.pdf.render(runtime.leaflet("0180", "victim", "en", today=TODAY))
    text = pdf_text(data)
    assert "020-50 50 50" in text and "Kvinnofridslinjen" in text and "112" in text
    english = runtime.content.catalogs.translations("en").gettext
    assert english("Dina rättigheter") in text and english("Dina rättigheter") != "Dina rättigheter"
    assert pdf_reader(data).trailer["/Root"]["/Lang"] == "en"


@pytest.mark.parametrize("code", sorted(COUNTY))
def test_every_audience_renders_for_every_municipality(runtime, code):
    for audience in Audience:
        data = runtime.pdf.render(runtime.leaflet(code, audience.value, "sv"))
        text = pdf_text(data)
        assert COUNTY[code] in text
        assert "112" in text
        html = runtime.html.render(runtime.leaflet(code, audience.value, "sv"))
        assert 'href="tel:112"' in html


def test_the_qr_code_scans_to_the_web_leaflet(runtime, swedish, tmp_path: Path):
    pdf = tmp_path / "leaflet.pdf"
    pdf.write_bytes(swedish)
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    page = next(tmp_path.glob("page*.png"))
    decoded = subprocess.run(["zbarimg", "--quiet", "--raw", str(page)], capture_output=True, text=True, check=True)
    # the printed address is the web leaflet, marked so that scans are counted apart from links
    assert decoded.stdout.strip() == "https://infogen.example/l/0180/victim/sv?qr"
