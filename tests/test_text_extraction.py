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


# pdftotext -raw keeps a right-to-left line in drawing order (left to right): it is not
# among the tools that read right-to-left text back
READ_RTL = [tool for tool in TOOLS if tool != "pdftotext -raw"]


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


@pytest.mark.parametrize("tool", TOOLS)
def test_a_word_with_stacked_marks_comes_back_whole(samples, tool):
    assert "ผู้หญิง" in found(TOOLS[tool](samples["th"]))


@pytest.mark.parametrize("tool", READ_RTL)
def test_yiddish_points_stay_on_their_letters(samples, tool):
    text = found(TOOLS[tool](samples["yi"]))
    assert text.split() == SAMPLES["yi"][2].split()


@pytest.mark.parametrize("tool", READ_RTL)
def test_a_right_to_left_ligature_reads_back_as_its_letters_in_order(samples, tool):
    # lam-alef is one glyph for two letters; a multi-letter glyph text comes out reversed
    # from poppler, MuPDF and PDFium and not from pypdf, so no glyph says two letters
    words = found(TOOLS[tool](samples["ar"])).replace("،", " ").split()
    for word in ("لا", "تتردد", "طارئًا", "الآن", "على"):
        assert word in words, f"{tool}: {word!r} not in {words}"


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


def test_marks_out_of_line_are_drawn_over_their_letters_though_not_as_text(samples):
    # SARA AM's ring (no text of its own) and marks placed apart (their text said where the
    # pen stands) are outlines: each lies over the word it belongs to
    with pymupdf.open(stream=samples["th"], filetype="pdf") as document:
        page = document[0]
        marks = [d["rect"] for d in page.get_drawings() if d.get("fill") is not None]
        words = [(w[4], pymupdf.Rect(w[:4])) for w in page.get_text("words")]
    assert len(marks) >= SAMPLES["th"][2].count("ำ") + SAMPLES["th"][2].count("้")
    for mark in marks:
        assert any(box.x0 - 1 <= mark.x0 and mark.x1 <= box.x1 + 1 for _, box in words), mark
    rings = [w for w, box in words if "ำ" in w]
    assert rings == ["สำหรับตำรวจ", "ทำร้าย"]


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



# Every offered language in every printed format, read back by every tool: at least 99 % of
# the source's words in order (NFKC; the longest common subsequence of the word lists over
# the number of source words), never a zero-width space or a private-use code point.
#
# What a format must give back: a leaflet, the web leaflet's words (its masthead and main
# text, as tests/test_tagged_pdf.py takes them); a bilingual leaflet, both web leaflets'
# words, each in order; a handout card, its title, support line, number and emergency line;
# a wallet card, "phone", the emergency line and its numbers; the poster, each language's
# name. Each text is compared on its own where cards repeat. Each PDF is made once.

from service.render.handout import copies  # noqa: E402
from service.render.wallet import numbers  # noqa: E402
from tests.extraction import recovered, words  # noqa: E402
from tests.test_scripts import OFFERED  # noqa: E402
from tests.test_tagged_pdf import html_text  # noqa: E402

FORMATS = ("leaflet", "bilingual", "handout", "wallet", "poster")
CASES = [(code, fmt) for code in OFFERED for fmt in FORMATS if not (fmt == "bilingual" and code == "sv")]


class Documents:
    """PDFs and what they must give back, made on first use and kept for the module."""

    def __init__(self, runtime):
        self.runtime = runtime
        self.made: dict[tuple[str, str], tuple[bytes, list[list[str]]]] = {}
        self.texts: dict[tuple[str, str, str], str] = {}

    def leaflet(self, code: str):
        return self.runtime.leaflet("0180", "victim", code, today=TODAY)

    def web_words(self, code: str, bilingual: bool = False) -> list[str]:
        page = self.runtime.html.render(self.leaflet(code))
        return words("\n".join(html_text(page, bilingual)), code)

    def make(self, code: str, fmt: str) -> tuple[bytes, list[list[str]]]:
        runtime = self.runtime
        if code == "mul":  # one poster of every language
            return runtime.poster.render([self.leaflet(c) for c in OFFERED]), []
        leaflet = self.leaflet(code)
        if fmt == "leaflet":
            return runtime.pdf.render(leaflet), [self.web_words(code)]
        if fmt == "bilingual":
            return (runtime.pdf.bilingual(self.leaflet("sv"), leaflet),
                    [self.web_words("sv", True), self.web_words(code, True)])
        if fmt == "handout":
            key = leaflet.key_contact
            texts = [leaflet.title, key.name, key.phone, leaflet.labels.emergency_line]
            return runtime.handout.render(copies([leaflet])), [words(t, code) for t in texts]
        if fmt == "wallet":
            texts = [leaflet.labels.phone, leaflet.labels.emergency_line]
            texts += [c.phone for c in numbers(leaflet)]
            return runtime.wallet.render(leaflet), [words(t, code) for t in texts]
        endonym = next(a.endonym for a in leaflet.alternates if a.code == code)
        return self.get("mul", "poster")[0], [words(endonym, code)]

    def get(self, code: str, fmt: str) -> tuple[bytes, list[list[str]]]:
        if (code, fmt) not in self.made:
            self.made[code, fmt] = self.make(code, fmt)
        return self.made[code, fmt]

    def text(self, code: str, fmt: str, tool: str) -> str:
        key = ("mul" if fmt == "poster" else code, fmt, tool)
        if key not in self.texts:
            self.texts[key] = TOOLS[tool](self.get(code, fmt)[0])
        return self.texts[key]


@pytest.fixture(scope="module")
def documents(runtime) -> Documents:
    return Documents(runtime)


# Below 99 % as measured (lowest and highest share, and which languages). pdftotext's
# default layout analysis: a left-to-right leaflet's columns read one after the other since
# the column laid out second keeps clear of poppler's table rows (service/render/columns.py),
# except where moving text would cost a page (French leaflet; Serbian, Albanian, Spanish and
# Romanian bilingual leaflets); right-to-left leaflets make only the moves that cost no
# height, and their lines lose the space between a number or a Latin name and the next word
# ("112تماس"). Right to left, pdftotext -raw keeps the drawing order
# (visual, so words come back last to first), and MuPDF, pypdf, poppler and PDFium each put
# numbers and Latin names inside a right-to-left line back in their own way ("112",
# "socialtjänsten" at the wrong end, or run into the next word).
# Strict: a case that starts to pass fails here until it is taken off the list.
BELOW = {
    ("bilingual", "pdfium"): (97.2, 98.8, "ar ckb fa prs ps ur yi"),
    ("bilingual", "pdftotext"): (86.2, 98.6, "ar ckb es fa prs ps ro sq sr ur yi"),
    ("bilingual", "pdftotext -raw"): (57.7, 64.6, "ar ckb fa prs ps ur yi"),
    ("bilingual", "pymupdf"): (94.7, 95.7, "ar ckb fa prs ps ur yi"),
    ("bilingual", "pypdf"): (87.4, 95.7, "ar ckb fa prs ps ur yi"),
    ("handout", "pdftotext"): (89.5, 91.3, "ckb fa prs ps ur"),
    ("handout", "pdftotext -raw"): (52.9, 95.0, "fa prs yi"),
    ("handout", "pymupdf"): (89.5, 91.3, "ckb fa prs ps ur"),
    ("handout", "pypdf"): (89.5, 91.3, "ckb fa prs ps ur"),
    ("leaflet", "pdfium"): (98.4, 98.9, "ar ckb yi"),
    ("leaflet", "pdftotext"): (65.5, 96.3, "ar ckb fa fr prs ps ur yi"),
    ("leaflet", "pdftotext -raw"): (26.1, 30.1, "ar ckb fa prs ps ur yi"),
    ("leaflet", "pymupdf"): (89.6, 92.1, "ar ckb fa prs ps ur yi"),
    ("leaflet", "pypdf"): (76.8, 92.3, "ar ckb fa prs ps ur yi"),
    ("poster", "pdfium"): (50.0, 50.0, "ckb"),
    ("poster", "pdftotext -raw"): (0.0, 50.0, "ckb yi"),
    ("wallet", "pdftotext"): (91.7, 92.3, "ckb fa prs ps ur"),
    ("wallet", "pdftotext -raw"): (78.3, 96.2, "ps yi"),
    ("wallet", "pymupdf"): (91.7, 92.3, "ckb fa prs ps ur"),
    ("wallet", "pypdf"): (70.8, 79.2, "ar ckb fa prs ps ur yi"),
}


def _cases():
    for code, fmt in CASES:
        for tool in TOOLS:
            low, high, codes = BELOW.get((fmt, tool), (0, 0, ""))
            marks = [pytest.mark.xfail(strict=True, reason=f"{tool} on {fmt}s: {low}–{high} %")] \
                if code in codes.split() else []
            yield pytest.param(code, fmt, tool, marks=marks, id=f"{code}-{fmt}-{tool}")


@pytest.mark.parametrize(("code", "fmt", "tool"), list(_cases()))
def test_every_tool_reads_back_the_words_in_order(documents, code, fmt, tool):
    share = recovered(documents.get(code, fmt)[1], documents.text(code, fmt, tool), code)
    assert share >= 0.99, f"{code} {fmt} {tool}: {share:.1%} of the words in order"


@pytest.mark.parametrize("tool", TOOLS)
@pytest.mark.parametrize(("code", "fmt"), CASES)
def test_no_tool_gets_a_zero_width_space_or_private_code(documents, code, fmt, tool):
    assert strays(documents.text(code, fmt, tool)) == []
