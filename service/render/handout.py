"""The QR handout sheet: A4, eight cards (2 × 4) per page with cut marks. Each card holds a
QR code to one web leaflet, a one-line label in the leaflet's language and script, the most
important number and 112."""

from __future__ import annotations

from io import BytesIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from ..leaflet.model import Leaflet
from ..text import FontLibrary, TextStyle, layout_paragraph
from ..text.fonts import exclusive
from .qr import draw_qr
from .tagging import Element, Structure, TaggedCanvas, Unmarked, artifact, draw_link, draw_marked, swedish_name
from .sheet import cut_marks

CARD_W, CARD_H = 90 * mm, 62 * mm
COLUMNS, ROWS = 2, 4
PER_PAGE = COLUMNS * ROWS
QR = 38 * mm  # with its quiet zone; a module of about 1 mm scans from a phone at arm's length
PAD = 5 * mm
LABEL_SIZE = 7  # points: the Swedish name of the card's language, for staff
LINE_HEIGHT = {"NotoSansArabic": 1.25, "NotoSansThai": 1.15, "NotoSansEthiopic": 1.1, "NotoSansHebrew": 1.1}


class HandoutRenderer:
    def __init__(self, fonts: FontLibrary):
        self.fonts = fonts

    def _styles(self, leaflet: Leaflet) -> tuple[TextStyle, TextStyle, TextStyle]:
        families = list(dict.fromkeys([*leaflet.fonts, "NotoSans"]))
        tall = LINE_HEIGHT.get(families[0], 1.0)
        common = dict(rtl=leaflet.rtl, lang=leaflet.language)
        bold = self.fonts.chain(*(f"{f}-Bold" for f in families))
        regular = self.fonts.chain(*(f"{f}-Regular" for f in families))
        return (TextStyle(bold, 11, 14 * tall, **common), TextStyle(regular, 8.5, 11 * tall, color="#4a4a4a", **common),
                TextStyle(bold, 13, 16, **common))

    @exclusive
    def render(self, cards: list[Leaflet], title: str = "infogen") -> bytes:
        """One card per leaflet in ``cards`` (repeat a leaflet for several copies). The structure
        reads card by card, each leaflet once: its copies are artifacts."""
        buffer = BytesIO()
        structure = Structure(cards[0].language if cards else "sv", title)
        canvas = TaggedCanvas(buffer, pagesize=A4, initialFontName=self.fonts.chain("NotoSans-Regular").primary.name,
                              structure=structure)
        canvas.setAuthor("infogen")
        canvas.setCreator("infogen")
        width, height = A4
        left = (width - COLUMNS * CARD_W) / 2
        bottom = (height - ROWS * CARD_H) / 2
        tagged: list[Leaflet] = []
        for start in range(0, len(cards), PER_PAGE):
            with artifact(canvas):
                cut_marks(canvas, left, bottom, CARD_W, CARD_H, COLUMNS, ROWS)
            for i, leaflet in enumerate(cards[start:start + PER_PAGE]):
                column, row = i % COLUMNS, i // COLUMNS
                x, y = left + column * CARD_W, bottom + (ROWS - 1 - row) * CARD_H
                if any(leaflet is other for other in tagged):
                    with artifact(canvas):
                        self._card(canvas, leaflet, x, y, Unmarked())
                else:
                    tagged.append(leaflet)
                    self._card(canvas, leaflet, x, y, structure.root.add("Div", lang=leaflet.language))
            canvas.showPage()
        canvas.save()
        return buffer.getvalue()

    def _card(self, canvas, leaflet: Leaflet, x: float, y: float, card: Element) -> None:
        """One card; its structure under ``card``: the title, the number, 112, the code."""
        label, small, number = self._styles(leaflet)
        title = card.add("H1")
        numbers = card.add("L")
        figure = card.add("Figure", alt=leaflet.labels.qr_alt)
        staff = card.add("P", lang="sv")
        text_width = CARD_W - QR - 2 * PAD + 2 * mm  # the quiet zone is padding enough on its side
        qr_x = x + (PAD - 2 * mm if leaflet.rtl else CARD_W - QR - PAD + 2 * mm)
        text_x = x + (CARD_W - PAD - text_width if leaflet.rtl else PAD)
        qr_y = y + (CARD_H - QR) / 2
        with figure.mark(canvas, bbox=(qr_x, qr_y, qr_x + QR, qr_y + QR)):
            draw_qr(canvas, leaflet.qr_url, qr_x, qr_y, QR)
        if leaflet.staff_label:  # small, in Swedish, under the code: which language this card is, for staff
            canvas.saveState()
            canvas.setFont(self.fonts.chain("NotoSans-Regular").primary.name, LABEL_SIZE)
            canvas.setFillColor("#6b6b6b")
            with staff.mark(canvas):
                canvas.drawCentredString(qr_x + QR / 2, y + (CARD_H - QR) / 2 - LABEL_SIZE, leaflet.staff_label)
            canvas.restoreState()
        top = y + CARD_H - PAD
        lines = layout_paragraph(leaflet.title, label, text_width)
        draw_marked(canvas, title, lines, label, text_x, top, text_width)
        top -= len(lines) * label.line_height + 2 * mm
        key = leaflet.key_contact
        for name, phone, uri in ([(key.name, key.phone, key.phone_uri)] if key else []) + [
                (leaflet.labels.emergency_line, None, leaflet.emergency_uri)]:
            body = numbers.add("LI").add("LBody")
            if phone is None:  # 112 with its translated line ("In an emergency, call 112")
                lines = layout_paragraph(name, small, text_width)
                draw_link(canvas, body.add("Link"), uri, name, lines, small, text_x, top, text_width)
                top -= len(lines) * small.line_height
                continue
            lines = layout_paragraph(name, small, text_width)
            draw_marked(canvas, body.add("P", swedish_name(leaflet.language)), lines, small, text_x, top, text_width)
            top -= len(lines) * small.line_height
            lines = layout_paragraph(f"\u2066{phone}\u2069", number, text_width)
            draw_link(canvas, body.add("Link"), uri, phone, lines, number, text_x, top, text_width)
            top -= len(lines) * number.line_height + 1.5 * mm


MAX_CARDS = 10 * PER_PAGE


def copies(leaflets: list[Leaflet], count: int | None = None) -> list[Leaflet]:
    """``count`` cards of each leaflet (by default as many as fill one sheet), and as many more,
    one each from the first language on, as fill the last sheet: no empty slot with cut marks
    around it. Never more than ten sheets; with more languages than that holds, the first
    eighty get one card each."""
    if not leaflets:
        return []
    leaflets = leaflets[:MAX_CARDS]
    each = count if count else PER_PAGE // len(leaflets) or 1
    each = max(1, min(each, MAX_CARDS // len(leaflets)))  # every language gets its cards, fewer if need be
    total = min(MAX_CARDS, -(-each * len(leaflets) // PER_PAGE) * PER_PAGE)  # whole sheets
    counts = [each] * len(leaflets)
    for i in range(total - each * len(leaflets)):
        counts[i % len(leaflets)] += 1
    return [leaflet for leaflet, n in zip(leaflets, counts) for _ in range(n)]
