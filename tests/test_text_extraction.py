"""The text layer of infogen's PDFs as readers' tools give it back: copy/paste, search and
screen readers get the source text, whatever the script. Read with poppler (pdftotext, its
default layout analysis and ``-raw``), MuPDF (PyMuPDF), pypdf and PDFium (pypdfium2)."""

from __future__ import annotations

import io
import re
import unicodedata

import pymupdf
import pytest
from pypdf.generic import ContentStream
from reportlab.pdfgen.canvas import Canvas

from service.settings import ROOT
from service.text import FontLibrary, TextStyle, draw_lines, layout_paragraph
from tests.conftest import TODAY, pdf_reader
from tests.extraction import TOOLS, strays

fonts = FontLibrary(ROOT / "fonts")

# Words each tool used to cut or garble: SARA AM (two glyphs for one character), marks
# raised over marks (ผู้), tanween over a letter, the lam-alef ligature, Hebrew points.
SAMPLES = {
    "th": (("NotoSansThai-Regular", "NotoSans-Regular"), False, "สำหรับตำรวจ คุณ ผู้หญิง ทำร้าย โทร 112"),
    "ar": (("NotoSansArabic-Regular", "NotoSans-Regular"), True, "لا تتردد، طارئًا الآن على 112 (مجانًا)"),
    "yi": (("NotoSansHebrew-Regular", "NotoSans-Regular"), True, "שפּראַך פֿאַר דיר וואָס האָסט"),
    "am": (("NotoSansEthiopic-Regular", "NotoSans-Regular"), False, "አስቸኳይ አደጋ ላይ ከሆኑ፣ 112 ይደውሉ።"),
}


def sample_pdf(lang: str) -> bytes:
    families, rtl, text = SAMPLES[lang]
    style = TextStyle(fonts.chain(*families), 12, rtl=rtl, lang=lang)
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    draw_lines(canvas, layout_paragraph(text, style, 400), style, 50, 700, 400)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@pytest.fixture(scope="module")
def samples() -> dict[str, bytes]:
    return {lang: sample_pdf(lang) for lang in SAMPLES}


def found(text: str) -> str:
    """Text as a search box compares it: NFC, without the bidi embedding marks poppler adds."""
    return "".join(c for c in unicodedata.normalize("NFC", text) if not "\u202a" <= c <= "\u202e")


@pytest.mark.parametrize("tool", TOOLS)
@pytest.mark.parametrize("lang", SAMPLES)
def test_no_zero_width_space_or_private_code_comes_out(samples, lang, tool):
    assert strays(TOOLS[tool](samples[lang])) == []


@pytest.mark.parametrize("tool", TOOLS)
def test_thai_words_come_back_whole_for_search(samples, tool):
    text = found(TOOLS[tool](samples["th"]))
    for word in ("สำหรับตำรวจ", "คุณ", "ทำร้าย", "112"):
        assert word in text, f"{tool}: {word!r} not in {text!r}"


@pytest.mark.parametrize("tool", [
    pytest.param(tool, marks=pytest.mark.xfail(strict=True, reason=(
        "poppler's layout analysis cuts a word where a tone mark is raised over a vowel below "
        "(text rise): ผูห / ้ญิง"))) if tool == "pdftotext" else tool
    for tool in TOOLS])
def test_a_word_with_stacked_marks_comes_back_whole(samples, tool):
    assert "ผู้หญิง" in found(TOOLS[tool](samples["th"]))


@pytest.mark.parametrize("tool", ["pypdf", "pymupdf"])
def test_yiddish_points_stay_on_their_letters(samples, tool):
    text = found(TOOLS[tool](samples["yi"]))
    assert text.split() == SAMPLES["yi"][2].split()


# pdftotext -raw keeps a right-to-left line in drawing order (left to right): it is not
# among the tools that read right-to-left text back
READ_RTL = [tool for tool in TOOLS if tool != "pdftotext -raw"]


@pytest.mark.parametrize("tool", READ_RTL)
def test_a_right_to_left_ligature_reads_back_as_its_letters_in_order(samples, tool):
    # lam-alef is one glyph for two letters; a multi-letter glyph text comes out reversed
    # from poppler, MuPDF and PDFium and not from pypdf, so no glyph says two letters
    words = found(TOOLS[tool](samples["ar"])).replace("،", " ").split()
    for word in ("لا", "تتردد", "الآن", "على"):
        assert word in words, f"{tool}: {word!r} not in {words}"
    if tool != "pdfium":  # PDFium sets the raised tanween on a line of its own
        assert "طارئًا" in words


def shown_without_text(data: bytes) -> list[str]:
    """The glyph codes shown as text whose font's ToUnicode map says nothing for them."""
    reader = pdf_reader(data)
    missing = []
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        said = {}
        for name, font in fonts.items():
            font = font.get_object()
            cmap = font["/ToUnicode"].get_data().decode("latin-1") if "/ToUnicode" in font else ""
            said[name] = {int(code, 16): text for code, text in re.findall(r"<([0-9A-F]{2})> <([0-9A-F]*)>", cmap)}
        current = None
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"Tf":
                current = operands[0]
            elif operator in (b"TJ", b"Tj"):
                strings = operands[0] if operator == b"TJ" else [operands[0]]
                for item in strings:
                    if isinstance(item, (bytes, str)) and not isinstance(item, (int, float)):
                        raw = item.original_bytes if hasattr(item, "original_bytes") else bytes(item)
                        missing += [f"{current}:{b:02X}" for b in raw if not said[current].get(b)]
    return missing


@pytest.mark.parametrize("lang", SAMPLES)
def test_every_glyph_in_the_text_layer_says_something(samples, lang):
    # a glyph mapped to nothing comes out of MuPDF and PDFium as its raw code
    assert shown_without_text(samples[lang]) == []


def test_the_ring_of_sara_am_is_drawn_over_its_letter_though_not_as_text(samples):
    with pymupdf.open(stream=samples["th"], filetype="pdf") as document:
        page = document[0]
        rings = [d["rect"] for d in page.get_drawings() if d.get("fill") is not None]
        words = {w[4]: pymupdf.Rect(w[:4]) for w in page.get_text("words")}
    assert len(rings) == SAMPLES["th"][2].count("ำ") == 3
    for ring, word in zip(sorted(rings, key=lambda r: r.x0), ["สำหรับตำรวจ", "สำหรับตำรวจ", "ทำร้าย"]):
        box = words[word]
        assert box.x0 <= ring.x0 and ring.x1 <= box.x1  # over its word
        assert ring.y1 < box.y0 + box.height / 2  # above the letters' middle (y grows downwards)


@pytest.fixture(scope="module")
def leaflets(runtime) -> dict[str, bytes]:
    return {code: runtime.pdf.render(runtime.leaflet("0180", "victim", code, today=TODAY))
            for code in ("sv", "ar")}


def covered(page, rect) -> list[str]:
    """The words whose middle lies inside ``rect``."""
    return [w[4] for w in page.get_text("words")
            if rect.contains(pymupdf.Point((w[0] + w[2]) / 2, (w[1] + w[3]) / 2))]


@pytest.mark.parametrize("code", ["sv", "ar"])
def test_every_line_of_an_address_is_a_link_to_it(runtime, leaflets, code):
    leaflet = runtime.leaflet("0180", "victim", code, today=TODAY)
    long_ones = [c for c in leaflet.contacts if c.web_label and len(c.web_label) > 60]
    assert long_ones, "the sample leaflet has a long address"
    with pymupdf.open(stream=leaflets[code], filetype="pdf") as document:
        for contact in long_ones:
            rects = [(page, link["from"]) for page in document for link in page.get_links()
                     if link.get("uri") == contact.web]
            assert len(rects) >= 2, f"{contact.web}: one link for an address on several lines"
            shown = [w for page, rect in rects for w in covered(page, rect)]
            # the label ("Webb:") shares the first line; the address is the Latin rest
            assert "".join(w for w in shown if w.isascii() and not w.endswith(":")) == contact.web_label
        numbers = {link.get("uri") for page in document for link in page.get_links()}
        assert {c.phone_uri for c in leaflet.contacts if c.phone} <= numbers


def test_an_address_is_cut_only_after_a_slash_dash_dot_or_query(runtime, leaflets):
    text = TOOLS["pdftotext -raw"](leaflets["sv"])
    leaflet = runtime.leaflet("0180", "victim", "sv", today=TODAY)
    for contact in leaflet.contacts:
        if not contact.web_label:
            continue
        lines = [line.strip().removeprefix("Webb:").strip() for line in text.splitlines()]
        start = next(n for n, line in enumerate(lines) if line and contact.web_label.startswith(line))
        pieces, shown = [], ""
        for line in lines[start:]:
            pieces.append(line)
            shown += line
            if shown == contact.web_label:
                break
        assert shown == contact.web_label, f"{contact.web_label} read back as {pieces}"
        assert all(piece[-1] in "/-.?&" for piece in pieces[:-1]), pieces

