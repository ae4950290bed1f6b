"""Printables, looked at as a person would: rendered, rasterised at 150 dpi, every QR code
scanned with zbar, and each decoded address opened in the app."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from litestar.testing import TestClient

from service.render.handout import PER_PAGE, copies
from service.web.app import create_app
from tests.conftest import pdf_reader, pdf_text
from tests.staffing import Person

BASE = "https://infogen.example"
PASSWORD = "printables pass phrase"


def scan(pdf: bytes, folder: Path) -> list[list[str]]:
    """The addresses in the QR codes of each page, as zbar reads them from a 150 dpi image."""
    source = folder / "sheet.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(source), str(folder / "page")], check=True)
    pages = []
    for image in sorted(folder.glob("page*.png")):
        found = subprocess.run(["zbarimg", "--quiet", "--raw", str(image)], capture_output=True, text=True)
        pages.append(sorted(found.stdout.split()))
    return pages


@pytest.fixture(scope="module")
def app(runtime):
    return create_app(runtime)


@pytest.mark.parametrize("language", ["sv", "ar", "ti", "th"])
def test_a_handout_sheet_of_one_language_scans_to_its_leaflet(runtime, app, tmp_path, language):
    leaflet = runtime.leaflet("0127", "victim", language)
    sheet = runtime.handout.render(copies([leaflet]))
    expected = f"{BASE}/l/0127/victim/{language}?qr"
    assert scan(sheet, tmp_path) == [[expected] * PER_PAGE]  # one page, eight cards, every one readable
    text = pdf_text(sheet)
    assert text.count("020-50 50 50") == PER_PAGE and text.count("112") >= PER_PAGE
    # the label in the language's own script
    assert leaflet.title.replace(" ", "") in text.replace("\n", "").replace(" ", "")
    reader = TestClient(app)
    page = reader.get(expected.removeprefix(BASE))
    assert page.status_code == 200 and f'<html lang="{language}"' in page.text


def test_staff_print_cards_of_several_languages_and_each_counts(runtime, app, tmp_path):
    runtime.store.users.add("printer.0127", PASSWORD, "staff", "0127")
    staff = Person(app)
    assert staff.login("printer.0127", PASSWORD).status_code == 303
    before = len(runtime.store.usage.generations("0127"))
    response = staff.get("/staff/handout?municipality=0127&audience=youth&topics=close,honour"
                         "&language=ar&language=ti&language=th&count=3")
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    # nine cards asked for: two whole sheets, the seven slots left filled from the first language on,
    # never an empty slot with cut marks around it
    assert len(pdf_reader(response.content).pages) == 2
    pages = scan(response.content, tmp_path)
    assert [len(page) for page in pages] == [PER_PAGE, PER_PAGE]
    assert sorted(pages[0] + pages[1]) == sorted(
        f"{BASE}/l/0127/youth/{code}?topics=close,honour&qr" for code, n in (("ar", 6), ("ti", 5), ("th", 5))
        for _ in range(n))
    text = pdf_text(response.content)  # each card says in Swedish, small, which language it is
    assert (text.count("arabiska"), text.count("tigrinja"), text.count("thailändska")) == (6, 5, 5)
    recorded = runtime.store.usage.generations("0127")[before:]
    assert [(g.language, g.format) for g in recorded] == [("ar", "handout"), ("ti", "handout"), ("th", "handout")]
    assert staff.get("/staff/handout?municipality=0180&audience=victim&topics=close&language=ar").status_code == 403


def test_the_command_line_prints_a_handout_sheet(tmp_path):
    from tests.test_cli import infogen

    out = tmp_path / "cards.pdf"
    done = infogen("render", "--municipality", "0180", "--audience", "child", "--lang", "sv,ar", "--format",
                   "handout", "--output", str(out))
    assert done.returncode == 0, done.stderr
    codes = scan(out.read_bytes(), tmp_path)
    assert [sorted(set(page)) for page in codes] == [[f"http://127.0.0.1:8000/l/0180/child/{c}?qr" for c in ("ar", "sv")]]
    assert len(codes[0]) == PER_PAGE
    several = infogen("render", "--municipality", "0180", "--audience", "child", "--lang", "sv,ar", "--output",
                      str(tmp_path / "x.pdf"))
    assert several.returncode == 2 and "--format handout" in several.stderr


def scan_cells(pdf: bytes, folder: Path, boxes, page_height: float) -> list[str]:
    """Each code cut out of the 150 dpi image on its own (zbar reads a grid of many codes
    unreliably at once; a phone reads one)."""
    source = folder / "poster.pdf"
    source.write_bytes(pdf)
    scale, pad, found = 150 / 72, 6, []
    for x, y, cell, size in boxes:
        left, top = int((x + (cell - size) / 2) * scale) - pad, int((page_height - y - size) * scale) - pad
        side = int(size * scale) + 2 * pad
        subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", "-x", str(left), "-y", str(top), "-W",
                        str(side), "-H", str(side), str(source), str(folder / "cell")], check=True)
        found.append(subprocess.run(["zbarimg", "--quiet", "--raw", str(folder / "cell.png")],
                                    capture_output=True, text=True).stdout.strip())
    return found


@pytest.mark.parametrize("paper", ["A4", "A3"])
def test_the_language_poster_has_a_readable_code_under_every_language(runtime, app, tmp_path, paper):
    from service.render.poster import SIZES, grid

    offered = [lang for lang in runtime.content.offered()]
    leaflets = [runtime.leaflet("0127", "victim", lang.code) for lang in offered]
    poster = runtime.poster.render(leaflets, paper)
    reader = pdf_reader(poster)
    assert len(reader.pages) == 1
    assert [round(float(v)) for v in reader.pages[0].mediabox[2:]] == [round(v) for v in SIZES[paper]]
    found = scan_cells(poster, tmp_path, grid(len(leaflets), paper), SIZES[paper][1])
    assert found == [f"{BASE}/l/0127/victim/{lang.code}?qr" for lang in offered]
    text = pdf_text(poster).replace("\u200b", "")
    for lang in offered:  # each language under its own name, whole, in its own script
        assert lang.endonym.replace(" ", "") in text.replace(" ", "").replace("\n", ""), lang.code
    assert "112" in text and "020-50 50 50" in text
    client = TestClient(app)
    for lang in [lang for lang in offered if lang.code in ("sv", "ar", "ti", "th")]:
        page = client.get(f"/l/0127/victim/{lang.code}?qr")
        assert page.status_code == 200 and f'<html lang="{lang.code}"' in page.text


def test_staff_download_a_poster_counted_once(runtime, app):
    runtime.store.users.add("poster.0127", PASSWORD, "staff", "0127")
    staff = Person(app)
    assert staff.login("poster.0127", PASSWORD).status_code == 303
    before = len(runtime.store.usage.generations("0127"))
    response = staff.get("/staff/poster?municipality=0127&audience=youth&paper=A3")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    recorded = runtime.store.usage.generations("0127")[before:]
    assert [(g.language, g.format, g.audience) for g in recorded] == [("mul", "poster", "youth")]


def words_with_positions(pdf: bytes, folder: Path) -> list[tuple[str, float, int]]:
    """(word, left edge in points, page) as poppler reads them."""
    import html
    import re

    source, out = folder / "bilingual.pdf", folder / "words.html"
    source.write_bytes(pdf)
    subprocess.run(["pdftotext", "-bbox", str(source), str(out)], check=True)
    words, page = [], 0
    for line in out.read_text().splitlines():
        if "<page " in line:
            page += 1
        found = re.search(r'<word xMin="([\d.]+)"[^>]*>(.*?)</word>', line)
        if found:
            words.append((html.unescape(found.group(2)), float(found.group(1)), page))
    return words


@pytest.mark.parametrize("language", ["ar", "ti", "th"])
def test_a_bilingual_pdf_sets_swedish_and_the_language_side_by_side(runtime, tmp_path, language):
    swedish, other = (runtime.leaflet("0127", "victim", code) for code in ("sv", language))
    pdf = runtime.pdf.bilingual(swedish, other)
    assert pdf_reader(pdf).trailer["/Root"]["/Lang"] == language
    words = words_with_positions(pdf, tmp_path)
    middle = 595.3 / 2
    first_page = [(w, x) for w, x, page in words if page == 1]
    swedish_words = [x for w, x in first_page if w in ("Till", "dig", "våld")]
    assert swedish_words and all(x < middle for x in swedish_words)  # Swedish on the left
    placed = [x for w, x in first_page if any(0x600 <= ord(c) < 0x2000 for c in w)]  # Arabic, Thai, Ethiopic
    assert len(placed) > 20 and all(x > middle for x in placed)  # on the right, where RTL starts
    def plain(text: str) -> str:
        # spaces and line breaks aside; lam and the alefs too, which the Arabic ligature lam-alef
        # gives back to text extraction in either order
        return "".join(c for c in text if c not in " \n\u200bلاأإآ")

    text = plain(pdf_text(pdf))
    for leaflet in (swedish, other):  # every passage in both languages: headings and every contact
        for heading in [s.heading for s in leaflet.sections] + [leaflet.labels.contacts_heading]:
            assert plain(heading) in text, (leaflet.language, heading)
    assert text.count("020-505050") == 2  # the helpline, once in each language


def test_staff_download_a_bilingual_pdf(runtime, app):
    runtime.store.users.add("pair.0127", PASSWORD, "staff", "0127")
    staff = Person(app)
    assert staff.login("pair.0127", PASSWORD).status_code == 303
    before = len(runtime.store.usage.generations("0127"))
    response = staff.get("/staff/bilingual.pdf?municipality=0127&audience=victim&topics=close&language=ar")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert [(g.language, g.format) for g in runtime.store.usage.generations("0127")[before:]] == [("ar", "bilingual")]


@pytest.mark.parametrize("language", ["sv", "ar", "ti", "th"])
def test_wallet_cards_are_discreet_in_front_and_hold_the_numbers_behind(runtime, language):
    from service.render.wallet import numbers

    leaflet = runtime.leaflet("0127", "victim", language)
    pdf = runtime.wallet.render(leaflet)
    reader = pdf_reader(pdf)
    assert len(reader.pages) == 2  # fronts, then backs
    front, back = (page.extract_text() for page in reader.pages)
    # the front says only "phone" in the reader's language: nothing of the leaflet's words about violence
    assert front.split() == leaflet.labels.phone.split() * 8
    assert reader.metadata.title == leaflet.labels.phone  # the file's title too
    if language == "sv":
        assert "våld" not in front.lower() and "våld" not in back.lower()
    flat = back.replace("\u200b", "").replace("\n", "").replace(" ", "")
    assert flat.count("112") >= 8
    for contact in numbers(leaflet):
        assert flat.count(contact.phone.replace(" ", "")) == 8, contact.name
    assert [c.phone for c in numbers(leaflet)][:2] == ["020-50 50 50", "114 14"]  # the support line, then the police


def test_a_name_too_long_for_the_card_reads_as_shortened(runtime):
    back = pdf_reader(runtime.wallet.render(runtime.leaflet("0186", "victim", "sv"))).pages[1].extract_text()
    # "Lidingö stads mottagningstelefon för våld i nära relation" does not fit its line
    assert back.count("Lidingö stads mottagningstelefon\u2026") == 8


def test_staff_print_wallet_cards_counted_as_cards(runtime, app):
    runtime.store.users.add("card.0127", PASSWORD, "staff", "0127")
    staff = Person(app)
    assert staff.login("card.0127", PASSWORD).status_code == 303
    before = len(runtime.store.usage.generations("0127"))
    response = staff.get("/staff/card?municipality=0127&audience=victim&topics=close&language=ti&count=3")
    assert response.status_code == 200 and 'filename="cards-ti.pdf"' in response.headers["content-disposition"]
    assert pdf_reader(response.content).pages[0].extract_text().split() == \
        runtime.leaflet("0127", "victim", "ti").labels.phone.split() * 3
    assert [(g.language, g.format) for g in runtime.store.usage.generations("0127")[before:]] == [("ti", "card")]


def test_every_printed_code_has_modules_a_phone_can_read(runtime):
    """At least 0.5 mm per module, quiet zone included, for the longest address there is."""
    from reportlab.lib.units import mm

    from service.render import handout, poster
    from service.render.pdf import QR_SIZE
    from service.render.qr import qr_matrix

    longest = max((runtime.leaflet("0127", audience, lang.code, "close,honour,trafficking").qr_url
                   for audience in ("victim", "perpetrator", "relative") for lang in runtime.content.offered()), key=len)
    modules = len(qr_matrix(longest))
    sizes = {"leaflet": QR_SIZE, "handout": handout.QR, "poster A4": poster.grid(31, "A4")[0][3],
             "poster A3": poster.grid(31, "A3")[0][3]}
    assert {name: round(size / mm / modules, 2) for name, size in sizes.items() if size / mm / modules < 0.5} == {}


def test_a_handout_never_drops_a_language_it_counts(runtime, app, tmp_path):
    runtime.store.users.add("many.0127", PASSWORD, "staff", "0127")
    staff = Person(app)
    assert staff.login("many.0127", PASSWORD).status_code == 303
    before = len(runtime.store.usage.generations("0127"))
    response = staff.get("/staff/handout?municipality=0127&audience=victim&topics=close&language=ar&language=sv"
                         "&count=80")  # 160 cards asked for: at most ten sheets, shared between the two
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert len(pdf_reader(response.content).pages) == 10 and text.count("020-50 50 50") == 80
    assert [g.language for g in runtime.store.usage.generations("0127")[before:]] == ["ar", "sv"]
    for odd in ("²", "9" * 5000, "-3", "x"):  # never a server error: the default instead
        assert staff.get(f"/staff/card?municipality=0127&audience=victim&topics=close&language=ar&count={odd}"
                         ).status_code == 200
    assert staff.get("/staff/bilingual.pdf?municipality=0127&audience=victim&topics=close&language=sv"
                     ).status_code == 400
