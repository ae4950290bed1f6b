"""Tagged PDFs (PDF/UA-1): read back as assistive technology reads them — the structure tree
through pikepdf, its text through poppler (`pdfinfo -struct-text`), the content streams
operator by operator, and the `pdfua` checker."""

from __future__ import annotations

import ctypes
import difflib
import io
import re
import subprocess
import unicodedata
from functools import lru_cache
from pathlib import Path

import icu
import lxml.html
import pikepdf
import pymupdf
import pypdfium2
import pypdfium2.raw as pdfium
import pytest
from pdfua import validate

from service.render.handout import copies
from service.render.pdf import QR_SIZE
from service.render.wallet import numbers
from tests.conftest import TODAY

# operators that put something on the page: text, painted paths, images, shadings
PAINTING = {"Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "Do", "sh", "BI", "INLINE IMAGE"}


def languages(runtime) -> list[str]:
    return list(dict.fromkeys(["sv", *(language.code for language in runtime.content.offered())]))


@pytest.fixture(scope="module")
def leaflets(runtime) -> dict[str, tuple]:
    """Every offered language's leaflet for one municipality, as PDF and as the web page."""
    rendered = {}
    for code in languages(runtime):
        leaflet = runtime.leaflet("0180", "victim", code, today=TODAY)
        rendered[code] = (leaflet, runtime.pdf.render(leaflet), runtime.html.render(leaflet))
    return rendered


def structure_text(data: bytes, folder: Path) -> list[str]:
    """The text of the structure tree in its order, as poppler gives it to a reader."""
    path = folder / "document.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True, check=True).stdout
    out = out.decode("utf-8", errors="replace")  # a stray byte is a wrong word, not a crash
    return [m.group(1) for m in re.finditer(r'^\s*"(.*)"$', out, re.M)]


def html_text(page: str, bilingual: bool = False) -> list[str]:
    """The leaflet's own text on the web page: its masthead and main part (not the language
    list, links or footer around it, nor the numbers repeated for a phone's first screen). For the bilingual PDF: without what it leaves to the
    Swedish side (the review statement in Swedish) or leaves out (the contacts' level headings)."""
    tree = lxml.html.fromstring(page)
    for repeated in tree.xpath('//main/ul[@class="call-now"]'):
        repeated.drop_tree()  # the web page's first screen repeats numbers the contacts give
    if bilingual:
        for dropped in tree.xpath('//main//h3 | //footer/p[@class="review"][@lang="sv"]'):
            dropped.drop_tree()
    for block in tree.iter("h1", "h2", "h3", "p", "li"):
        block.tail = "\n" + (block.tail or "")  # a block ends a word, as it does on screen
    parts = tree.xpath('//header[@class="masthead"]/h1 | //header[@class="masthead"]/p[@class="place"] | //main'
                       ' | //footer/p[@class="review"]')
    return [part.text_content() for part in parts]


@lru_cache(maxsize=64)
def _breaker(lang: str):
    return icu.BreakIterator.createWordInstance(icu.Locale(lang.split("-")[0]))


def words(texts: list[str], lang: str) -> list[str]:
    """Words by ICU's dictionary-based word breaks (Thai has no spaces), after NFKC: what a
    screen reader would speak one by one."""
    result = []
    breaker = _breaker(lang)
    for text in texts:
        text = unicodedata.normalize("NFKC", text)
        text = "".join(c for c in text if unicodedata.category(c) != "Cf" or c == "\u200c")
        breaker.setText(text)
        start = 0
        for end in breaker:
            word = text[start:end]
            start = end
            if any(c.isalnum() for c in word):
                result.append(word)
    return result


def in_order(expected: list[str], got: list[str]) -> float:
    """The share of ``expected`` words found in ``got`` in the same order (matching blocks of
    difflib: a lower bound of the longest common subsequence)."""
    matcher = difflib.SequenceMatcher(None, expected, got, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(expected)


def elements(pdf: pikepdf.Pdf):
    """Every structure element, depth first, in reading order."""

    def walk(node):
        kids = node.get("/K")
        if kids is None:
            return
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") not in ("/MCR", "/OBJR"):
                yield kid
                yield from walk(kid)

    yield from walk(pdf.Root.StructTreeRoot)


def is_tagged(data: bytes, title: str, lang: str) -> None:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root
        assert "/StructTreeRoot" in root and "/ParentTree" in root.StructTreeRoot
        assert root.MarkInfo.Marked is True
        assert str(root.Lang) == lang
        assert root.ViewerPreferences.DisplayDocTitle is True
        assert str(pdf.docinfo.Title) == title
        with pdf.open_metadata() as xmp:
            assert xmp["pdfuaid:part"] == "1"
            assert xmp["dc:title"] == title
        for page in pdf.pages:
            assert page.obj.Tabs == "/S" and "/StructParents" in page.obj
        assert next(elements(pdf)).S == "/Document"


def unmarked_painting(data: bytes) -> list[tuple[int, str]]:
    """Operators that paint outside any content item or artifact, as (page, operator)."""
    found = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            marks: list[bool] = []  # per open sequence: is it an MCID or an artifact
            for operands, operator in pikepdf.parse_content_stream(page):
                op = str(operator)
                if op == "BDC":
                    tag, props = operands
                    marks.append(tag == "/Artifact" or (isinstance(props, pikepdf.Dictionary) and "/MCID" in props))
                elif op == "BMC":
                    marks.append(operands[0] == "/Artifact")
                elif op == "EMC":
                    marks.pop()
                elif op in PAINTING and not any(marks):
                    found.append((number, op))
            assert not marks, f"page {number}: a marked-content sequence is not closed"
    return found


def heading_levels(data: bytes) -> list[int]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return [int(str(e.S)[2:]) for e in elements(pdf) if re.fullmatch(r"/H\d", str(e.S))]


def figures(data: bytes) -> list[str | None]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return [str(e.Alt) if "/Alt" in e else None for e in elements(pdf) if e.S == "/Figure"]


def links(data: bytes) -> list[tuple[str, str]]:
    """(text of the Link element's annotation target, role check) for every Link element,
    following OBJR to the annotation and the annotation's StructParent back to the element."""
    found = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        for element in elements(pdf):
            if element.S != "/Link":
                continue
            kids = element.K if isinstance(element.K, pikepdf.Array) else [element.K]
            objrs = [k for k in kids if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"]
            assert objrs, "a Link element without its annotation"
            for objr in objrs:
                annotation = objr.Obj
                assert annotation.Subtype == "/Link"
                assert parents[int(annotation.StructParent)].objgen == element.objgen
                assert any(a.objgen == annotation.objgen for a in objr.Pg.Annots)
                found.append(str(annotation.A.URI))
    return found


def marked_texts(data: bytes) -> dict[tuple[int, int], str]:
    """The text of each content item, {(page index, MCID): text}, as PDFium reads the text
    objects it is drawn with."""
    found: dict[tuple[int, int], str] = {}
    document = pypdfium2.PdfDocument(data)
    try:
        for number, page in enumerate(document):
            textpage = page.get_textpage()
            for obj in page.get_objects():
                if obj.type != pdfium.FPDF_PAGEOBJ_TEXT:
                    continue
                size = pdfium.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)
                buffer = ctypes.create_string_buffer(size)
                into = ctypes.cast(buffer, ctypes.POINTER(pdfium.FPDF_WCHAR))
                pdfium.FPDFTextObj_GetText(obj.raw, textpage.raw, into, size)
                key = (number, pdfium.FPDFPageObj_GetMarkedContentID(obj.raw))
                found[key] = found.get(key, "") + buffer.raw.decode("utf-16-le").rstrip("\x00")
            textpage.close()
            page.close()
    finally:
        document.close()
    return found


def texts_and_languages(data: bytes) -> list[tuple[str | None, str, str]]:
    """(its own /Lang, the language it is spoken in, the text of its own content items) of
    every structure element in reading order: what a screen reader says, and in which voice
    (an element's /Lang, else its nearest ancestor's, else the document's)."""
    texts = marked_texts(data)
    found = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pages = {page.objgen: number for number, page in enumerate(pdf.pages)}

        def kids(node) -> list:
            kids = node.get("/K")
            return [] if kids is None else list(kids) if isinstance(kids, pikepdf.Array) else [kids]

        def own_text(node) -> str:
            """The text of the content items an element marks itself (not its children's)."""
            text = ""
            for kid in kids(node):
                if isinstance(kid, int):
                    text += texts.get((pages[node.Pg.objgen], kid), "")
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                    text += texts.get((pages[kid.Pg.objgen], int(kid.MCID)), "")
            return text

        def walk(node, inherited: str) -> None:
            for kid in kids(node):
                if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") not in ("/MCR", "/OBJR"):
                    own = str(kid.Lang) if "/Lang" in kid else None
                    found.append((own, own or inherited, own_text(kid)))
                    walk(kid, own or inherited)

        walk(pdf.Root.StructTreeRoot, str(pdf.Root.Lang))
    return found


def _squeezed(text: str) -> str:
    """Text without spaces and isolates: a name set on two lines is one name."""
    return "".join(c for c in text if not c.isspace() and unicodedata.category(c) != "Cf")


def spoken(data: bytes, names: set[str]) -> dict[str, set[tuple[str | None, str]]]:
    """For each of ``names``: (own /Lang, language spoken in) of each structure element whose
    own text is that name, or its first words and an ellipsis (a name shortened to fit)."""
    found: dict[str, set[tuple[str | None, str]]] = {name: set() for name in names}
    for own, lang, text in texts_and_languages(data):
        text = _squeezed(text)
        for name in names:
            if text == _squeezed(name) or (text.endswith("\u2026") and _squeezed(name).startswith(text[:-1])):
                found[name].add((own, lang))
    return found


def figure_boxes(data: bytes) -> list[tuple[int, tuple[float, float, float, float]]]:
    """(page index, /BBox) of every Figure, which must say where on its page it is."""
    found = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pages = {page.objgen: number for number, page in enumerate(pdf.pages)}
        for element in elements(pdf):
            if element.S == "/Figure":
                assert element.A.O == "/Layout", element.A
                found.append((pages[element.Pg.objgen], tuple(float(v) for v in element.A.BBox)))
    return found


def qr_codes(data: bytes) -> list[tuple[int, tuple[float, float, float, float], tuple[float, float, float, float]]]:
    """Where each QR code is drawn, as MuPDF finds it: (page index, its white square with the
    quiet zone, the box of its black modules), in PDF coordinates (origin at the foot)."""
    found = []
    with pymupdf.open(stream=data, filetype="pdf") as document:
        for number, page in enumerate(document):
            height = page.rect.height
            drawings = page.get_drawings()

            def box(rect):
                return rect.x0, height - rect.y1, rect.x1, height - rect.y0

            for white, black in zip(drawings, drawings[1:]):
                w, b = white["rect"], black["rect"]
                if (white.get("fill") == (1.0, 1.0, 1.0) and black.get("fill") == (0.0, 0.0, 0.0)
                        and abs(w.width - w.height) < 0.01 and w.contains(b) and b.width > 0.6 * w.width):
                    found.append((number, box(w), box(b)))
    return found


def pdfua_findings(data: bytes, folder: Path) -> list[str]:
    path = folder / "checked.pdf"
    path.write_bytes(data)
    return [f"{f.rule_id} {f.severity.name}: {f.message}" for f in validate(str(path)).findings]


# --- the leaflet, in every offered language ---------------------------------------------------------

def test_every_leaflet_is_tagged_and_claims_pdf_ua(leaflets):
    for code, (leaflet, pdf, _) in leaflets.items():
        is_tagged(pdf, leaflet.document_title, code)


# Reading right-to-left text back from the structure is a known failure, until the text engine
# shows right-to-left glyphs in logical order: strict, so the suite says when it is fixed.
DIRECTIONS = [
    "ltr",
    pytest.param("rtl", marks=pytest.mark.xfail(strict=True, reason=(
        "poppler reads glyphs in the order the content stream shows them, and right-to-left runs "
        "are shown in visual order (it ignores /ActualText): the text engine must show them in "
        "logical order"))),
]


@pytest.mark.parametrize("direction", DIRECTIONS)
def test_the_structure_reads_the_web_leaflet_word_for_word_in_order(leaflets, direction, tmp_path):
    shares = {}
    for code, (leaflet, pdf, page) in leaflets.items():
        if leaflet.direction != direction:
            continue
        expected = words(html_text(page), code)
        assert len(expected) > 300
        shares[code] = in_order(expected, words(structure_text(pdf, tmp_path), code))
    assert shares and min(shares.values()) >= 0.995, {code: f"{share:.2%}" for code, share in shares.items()}


def test_the_qr_code_is_a_figure_described_in_the_leaflets_language(leaflets):
    for code, (leaflet, pdf, _) in leaflets.items():
        assert figures(pdf) == [leaflet.labels.qr_alt], code
    assert leaflets["en"][0].labels.qr_alt != leaflets["sv"][0].labels.qr_alt


def test_swedish_names_are_spoken_in_swedish_inside_another_language(leaflets):
    """Contact and municipality names are Swedish, never translated: an Arabic leaflet's screen
    reader says "Kvinnofridslinjen" in a Swedish voice, and the text around it in Arabic."""
    for code, (leaflet, pdf, _) in leaflets.items():
        names = {c.name for c in leaflet.contacts} | {leaflet.municipality_name}
        swedish = code.split("-")[0] == "sv"  # sv, and easy-to-read Swedish: its /Lang once, for all
        expected = {(None, code)} if swedish else {("sv", "sv")}
        assert {name: found for name, found in spoken(pdf, names).items() if found != expected} == {}, code
    leaflet, arabic, _ = leaflets["ar"]
    assert spoken(arabic, {"Kvinnofridslinjen"}) == {"Kvinnofridslinjen": {("sv", "sv")}}
    assert {lang for _, lang, text in texts_and_languages(arabic) if text.strip()} == {"ar", "sv"}
    is_tagged(arabic, leaflet.document_title, "ar")
    assert [own for own, _, _ in texts_and_languages(leaflets["sv"][1]) if own] == []


def test_every_qr_code_figure_says_where_on_the_page_it_is(leaflets, formats):
    """Each Figure's layout BBox is the code's square, quiet zone included, on its page."""
    cases = [(f"leaflet {code}", pdf) for code, (_, pdf, _) in leaflets.items()]
    cases += [(case, pdf) for case, pdf, *_ in all_formats(formats) if case.startswith(("handout", "poster"))]
    for case, pdf in cases:
        boxes, codes = figure_boxes(pdf), qr_codes(pdf)
        assert len(boxes) == len(figures(pdf)) > 0, case
        with pikepdf.open(io.BytesIO(pdf)) as document:
            pages = [[float(v) for v in page.mediabox] for page in document.pages]
        for page, box in boxes:
            x1, y1, x2, y2 = box
            left, bottom, right, top = pages[page]
            assert left <= x1 < x2 <= right and bottom <= y1 < y2 <= top, (case, box)
            drawn = [(white, black) for number, white, black in codes
                     if number == page and all(abs(a - b) < 0.01 for a, b in zip(white, box))]
            assert len(drawn) == 1, (case, box)  # the white square with the quiet zone: the box
            (_, (bx1, by1, bx2, by2)), = drawn
            assert x1 < bx1 < bx2 < x2 and y1 < by1 < by2 < y2, (case, box)  # the modules inside it
        if case.startswith("leaflet"):
            assert [round(x2 - x1, 2) for _, (x1, _, x2, _) in boxes] == [round(QR_SIZE, 2)], case


def test_headings_start_at_one_and_never_skip_a_level(leaflets):
    for code, (_, pdf, _) in leaflets.items():
        levels = heading_levels(pdf)
        assert levels[0] == 1 and levels.count(1) == 1, code
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), (code, levels)
        assert 3 in levels  # the contacts by level: in your municipality, the county, all Sweden


def test_everything_drawn_is_content_or_an_artifact(leaflets):
    for code, (_, pdf, _) in leaflets.items():
        assert unmarked_painting(pdf) == [], code


def test_every_number_and_address_is_a_link_tied_to_its_annotation(leaflets):
    for code, (leaflet, pdf, _) in leaflets.items():
        uris = links(pdf)
        assert leaflet.emergency_uri in uris
        for contact in leaflet.contacts:
            if contact.phone:
                assert contact.phone_uri in uris, (code, contact.name)
            if contact.web:
                assert contact.web in uris, (code, contact.name)


def test_the_pdfua_checker_finds_nothing(leaflets, tmp_path):
    for code, (_, pdf, _) in leaflets.items():
        assert pdfua_findings(pdf, tmp_path) == [], code


# --- the other formats ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def formats(runtime, leaflets) -> dict[str, list[tuple]]:
    """Every format once per module, as (name, pdf, document title, document language, the
    texts it prints per language in reading order as {code: [text, …]})."""
    sv = leaflets["sv"][0]
    others = [leaflets[code][0] for code in leaflets if code != "sv"]
    every = [leaflets[code][0] for code in leaflets]
    made: dict[str, list[tuple]] = {"bilingual": [], "handout": [], "poster": [], "wallet": []}
    for other in others:
        made["bilingual"].append((other.language, runtime.pdf.bilingual(sv, other), other.document_title,
                                  other.language, None))
    made["handout"].append(("all", runtime.handout.render(copies(every), title=sv.document_title),
                            sv.document_title, "sv", {l.language: _card_texts(l) for l in every}))
    made["handout"].append(("ar×8", runtime.handout.render(copies(every[3:4], 8), title=every[3].document_title),
                            every[3].document_title, every[3].language, {every[3].language: _card_texts(every[3])}))
    for paper in ("A4", "A3"):
        made["poster"].append((paper, runtime.poster.render(every, paper), None, "sv",
                               {l.language: [_endonym(l)] for l in every}))
    for leaflet in every:
        made["wallet"].append((leaflet.language, runtime.wallet.render(leaflet), leaflet.labels.phone,
                               leaflet.language, {leaflet.language: _wallet_texts(leaflet)}))
    return made


def _card_texts(leaflet) -> list[str]:
    key = leaflet.key_contact
    return [leaflet.title, key.name, key.phone, leaflet.labels.emergency_line, leaflet.staff_label]


def _endonym(leaflet) -> str:
    return next(a.endonym for a in leaflet.alternates if a.code == leaflet.language)


def _wallet_texts(leaflet) -> list[str]:
    texts = [leaflet.labels.phone, leaflet.labels.emergency_line]
    for contact in numbers(leaflet):
        texts += [contact.name, contact.phone]
    return texts


def all_formats(formats):
    for name, made in formats.items():
        for case, pdf, title, lang, texts in made:
            yield f"{name} {case}", pdf, title, lang, texts


def test_every_format_is_tagged_and_claims_pdf_ua(formats, leaflets):
    for case, pdf, title, lang, _ in all_formats(formats):
        with pikepdf.open(io.BytesIO(pdf)) as document:
            title = title or str(document.docinfo.Title)
        is_tagged(pdf, title, lang)


def test_every_format_draws_only_content_or_artifacts(formats):
    for case, pdf, *_ in all_formats(formats):
        assert unmarked_painting(pdf) == [], case


def test_every_format_speaks_swedish_names_in_swedish(formats, leaflets):
    """The bilingual leaflet's other side, the cards and the wallet card name contacts and the
    municipality in Swedish, whatever language is around them."""
    checked = 0
    for code, pdf, *_ in formats["bilingual"]:
        other = leaflets[code][0]
        names = {c.name for c in other.contacts} | {other.municipality_name}
        # each name twice: in the Swedish passage (a Div in sv) and in the other language's
        expected = {(None, "sv"), (None, code) if code.split("-")[0] == "sv" else ("sv", "sv")}
        assert {name: found for name, found in spoken(pdf, names).items() if found != expected} == {}, code
        checked += 1
    for case, pdf, _, _, texts in all_formats({k: v for k, v in formats.items() if k in ("handout", "wallet")}):
        for code in texts:
            leaflet = leaflets[code][0]
            names = {c.name for c in numbers(leaflet)} if case.startswith("wallet") else {leaflet.key_contact.name}
            found = spoken(pdf, names)
            # in a card of another language, only the name's own /Lang makes it Swedish
            assert all(found[name] and {lang.split("-")[0] for _, lang in found[name]} == {"sv"} for name in names), \
                (case, code, found)
            checked += 1
    assert checked > 60


def test_every_formats_headings_start_at_one_and_never_skip(formats):
    for case, pdf, *_ in all_formats(formats):
        levels = heading_levels(pdf)
        assert levels and levels[0] == 1, case
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), (case, levels)


def test_every_formats_links_are_tied_to_their_annotations(formats, leaflets):
    for case, pdf, *_ in all_formats(formats):
        uris = links(pdf)
        assert "tel:112" in uris, case
        odd = [uri for uri in uris if not re.fullmatch(r"tel:\+?\d+|https://\S+|mailto:\S+@\S+", uri)]
        assert not odd, case


def test_the_pdfua_checker_finds_nothing_in_any_format(formats, tmp_path):
    for case, pdf, *_ in all_formats(formats):
        assert pdfua_findings(pdf, tmp_path) == [], case


def test_the_bilingual_pdf_reads_passage_by_passage_swedish_first(formats, leaflets):
    for code, pdf, *_ in formats["bilingual"]:
        with pikepdf.open(io.BytesIO(pdf)) as document:
            passages = [str(kid.get("/Lang", code)) for kid in document.Root.StructTreeRoot.K[0].K]
        assert passages[:2] == ["sv", code] and len(passages) > 40, code
        pairs = list(zip(passages[::2], passages[1::2]))
        assert all(pair == ("sv", code) for pair in pairs[:-1]), code  # the last: the review, which Swedish has not


def test_cards_read_card_by_card_each_language_once_with_its_code_described(formats, leaflets):
    (_, pdf, _, _, texts), (_, copies_pdf, *_) = formats["handout"]
    with pikepdf.open(io.BytesIO(pdf)) as document:
        cards = [str(kid.Lang) for kid in document.Root.StructTreeRoot.K[0].K]
    assert cards == list(texts)  # the copies that fill the sheet are artifacts
    assert figures(pdf) == [leaflets[code][0].labels.qr_alt for code in texts]
    assert len(figures(copies_pdf)) == 1  # eight cards of one language: read once


def test_the_poster_reads_language_by_language_then_the_numbers(formats, leaflets, tmp_path):
    for paper, pdf, *_ in formats["poster"]:
        with pikepdf.open(io.BytesIO(pdf)) as document:
            kids = list(document.Root.StructTreeRoot.K[0].K)
        cells = [str(kid.Lang) for kid in kids if "/Lang" in kid and kid.S == "/Div"]
        assert cells == list(leaflets), paper
        assert figures(pdf) == [leaflets[code][0].labels.qr_alt for code in leaflets]
        foot = kids[-1]  # drawn first, read after the languages: the support line and 112
        assert foot.S == "/Div" and "/Lang" not in foot, paper
        assert leaflets["sv"][0].key_contact.name in structure_text(pdf, tmp_path)[-1], paper


@pytest.mark.parametrize("direction", DIRECTIONS)
def test_every_format_reads_its_words_in_order(formats, leaflets, direction, tmp_path):
    shares = {}
    for code, pdf, *_ in formats["bilingual"]:
        if leaflets[code][0].direction != direction:
            continue
        got = words(structure_text(pdf, tmp_path), code)
        for side in ("sv", code):  # each language's words, in order, among the other's
            expected = words(html_text(leaflets[side][2], bilingual=True), side)
            shares[f"bilingual {code}: {side}"] = in_order(expected, got)
    for case, pdf, _, _, texts in all_formats({k: v for k, v in formats.items() if k != "bilingual"}):
        got = None
        for code, printed in texts.items():
            if leaflets[code][0].direction != direction:
                continue
            got = got if got is not None else words(structure_text(pdf, tmp_path), code)
            shares[f"{case}: {code}"] = in_order(words(printed, code), got)
    assert shares and min(shares.values()) >= 0.995, {k: f"{v:.1%}" for k, v in shares.items() if v < 0.995}
