"""Wallet cards, 85 × 55 mm, eight to an A4 sheet with cut marks, printed on both sides.

The front is discreet: nothing on it says violence — the word "phone" in the reader's
language beside a handset, as on any card of useful numbers. The back holds the numbers
that matter, with 112 first. The second page is the backs, mirrored so that they land
behind their fronts when the sheet is printed on both sides (flipped on the long edge)."""

from __future__ import annotations

from io import BytesIO

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from ..leaflet.model import Leaflet, LeafletContact
from ..text import FontLibrary, TextStyle, layout_paragraph
from ..text.fonts import exclusive
from .sheet import cut_marks
from .tagging import Element, Structure, TaggedCanvas, Unmarked, artifact, draw_link, draw_marked, swedish_name

CARD_W, CARD_H = 85 * mm, 55 * mm
COLUMNS, ROWS = 2, 4
PER_SHEET = COLUMNS * ROWS
PAD = 4 * mm
NUMBERS = 5  # besides 112: what fits at a size that reads without glasses
ACCENT = "#a4002a"


def numbers(leaflet: Leaflet) -> list[LeafletContact]:
    """Local numbers first, then the audience's support line, the police, the other lines."""
    ranked = [c for c in leaflet.contacts if c.phone and c.level == "local"]
    ranked += [leaflet.key_contact] if leaflet.key_contact else []
    ranked += [c for c in leaflet.contacts if c.phone and c.kind == "police"]
    ranked += [c for c in leaflet.contacts if c.phone and c.level in ("regional", "national")]
    seen, chosen = set(), []
    for contact in ranked:
        if contact.phone not in seen:
            seen.add(contact.phone)
            chosen.append(contact)
    return chosen[:NUMBERS]


class WalletRenderer:
    def __init__(self, fonts: FontLibrary):
        self.fonts = fonts

    def _style(self, leaflet: Leaflet, size: float, bold: bool = False, color: str = "#1a1a1a",
               leading: float = 1.3) -> TextStyle:
        families = list(dict.fromkeys([*leaflet.fonts, "NotoSans"]))
        chain = self.fonts.chain(*(f"{f}-{'Bold' if bold else 'Regular'}" for f in families))
        return TextStyle(chain, size, size * leading, rtl=leaflet.rtl, lang=leaflet.language, color=color)

    @exclusive
    def render(self, leaflet: Leaflet, count: int = PER_SHEET) -> bytes:
        """``count`` cards (at most a sheet) of one leaflet's numbers. The structure reads one
        card, front then back: the copies are artifacts."""
        count = max(1, min(count, PER_SHEET))
        buffer = BytesIO()
        # the file's title is seen too: as discreet as the front
        structure = Structure(leaflet.language, leaflet.labels.phone)
        canvas = TaggedCanvas(buffer, pagesize=A4, initialFontName=self.fonts.chain("NotoSans-Regular").primary.name,
                              structure=structure)
        canvas.setAuthor("infogen")
        canvas.setCreator("infogen")
        width, height = A4
        left, bottom = (width - COLUMNS * CARD_W) / 2, (height - ROWS * CARD_H) / 2
        for side in ("front", "back"):
            with artifact(canvas):
                cut_marks(canvas, left, bottom, CARD_W, CARD_H, COLUMNS, ROWS)
            draw = self._front if side == "front" else self._back
            for i in range(count):
                column, row = i % COLUMNS, i // COLUMNS
                if side == "back":
                    column = COLUMNS - 1 - column  # behind its front after a long-edge flip
                x, y = left + column * CARD_W, bottom + (ROWS - 1 - row) * CARD_H
                if i == 0:
                    draw(canvas, leaflet, x, y, structure.root.add("Div"))
                else:
                    with artifact(canvas):
                        draw(canvas, leaflet, x, y, Unmarked())
            canvas.showPage()
        canvas.save()
        return buffer.getvalue()

    def _front(self, canvas, leaflet: Leaflet, x: float, y: float, card: Element) -> None:
        with artifact(canvas):  # the handset says what the word beside it says
            canvas.saveState()
            canvas.setFillColor(HexColor("#eef2f5"))
            canvas.rect(x + 1.5 * mm, y + 1.5 * mm, CARD_W - 3 * mm, CARD_H - 3 * mm, stroke=0, fill=1)
            _handset(canvas, x + CARD_W / 2, y + CARD_H / 2 + 5 * mm, 14 * mm)
            canvas.restoreState()
        style = self._style(leaflet, 14, bold=True)
        style = TextStyle(style.chain, style.size, style.leading, rtl=style.rtl, lang=style.lang, align="center")
        lines = layout_paragraph(leaflet.labels.phone, style, CARD_W - 2 * PAD)[:1]
        draw_marked(canvas, card.add("H1"), lines, style, x + PAD, y + CARD_H / 2 - 7 * mm, CARD_W - 2 * PAD)

    def _back(self, canvas, leaflet: Leaflet, x: float, y: float, card: Element) -> None:
        inner = CARD_W - 2 * PAD
        top = y + CARD_H - PAD
        banner = self._style(leaflet, 9.5, bold=True, color="#ffffff", leading=1.35)
        lines = layout_paragraph(leaflet.labels.emergency_line, banner, inner - 3 * mm)[:2]
        band = len(lines) * banner.line_height + 2 * mm
        with artifact(canvas):
            canvas.setFillColor(HexColor(ACCENT))
            canvas.roundRect(x + PAD, top - band, inner, band, 1.5 * mm, stroke=0, fill=1)
        draw_link(canvas, card.add("P").add("Link"), leaflet.emergency_uri, leaflet.labels.emergency_line, lines,
                  banner, x + PAD + 1.5 * mm, top - 1 * mm, inner - 3 * mm)
        top -= band + 1.5 * mm
        rows = card.add("L")
        name = self._style(leaflet, 7.5)
        number = self._style(leaflet, 9.5, bold=True, leading=1.2)
        for contact in numbers(leaflet):
            if top - name.line_height < y + PAD:
                break
            # the name at the start of the line, the number at its end (mirrored for RTL)
            name_lines = _one_line(contact.name, name, inner * 0.58)
            number_lines = layout_paragraph(f"\u2066{contact.phone}\u2069", number, inner * 0.42)[:1]
            name_x, number_x = (x + PAD + inner * 0.42, x + PAD) if leaflet.rtl else (x + PAD, x + PAD + inner * 0.58)
            row = max(name.line_height, number.line_height)
            body = rows.add("LI").add("LBody")
            draw_marked(canvas, body.add("P", swedish_name(leaflet.language)), name_lines, name, name_x,
                        top - (row - name.line_height) / 2, inner * 0.58)
            align = TextStyle(number.chain, number.size, number.leading, rtl=not leaflet.rtl, lang=number.lang,
                              color=number.color)  # flush to the far edge
            draw_link(canvas, body.add("Link"), contact.phone_uri, contact.phone, number_lines, align, number_x, top,
                      inner * 0.42)
            top -= row + 0.6 * mm


def _one_line(text: str, style: TextStyle, width: float):
    """``text`` on one line: whole if it fits, else as many whole words as fit and an ellipsis,
    so a shortened name reads as shortened."""
    lines = layout_paragraph(text, style, width)
    words = text.split()
    while len(lines) > 1 and len(words) > 1:
        words.pop()
        lines = layout_paragraph(" ".join(words) + "\u2026", style, width)
    return lines[:1]


def _handset(canvas, cx: float, cy: float, size: float) -> None:
    """A plain telephone handset, drawn (no font has to have the glyph)."""
    canvas.setFillColor(HexColor("#2a5d8f"))
    canvas.circle(cx, cy, size / 2, stroke=0, fill=1)
    canvas.setFillColor(HexColor("#ffffff"))
    s = size / 14
    path = canvas.beginPath()
    path.moveTo(cx - 4 * s, cy + 4.5 * s)
    path.curveTo(cx - 5.5 * s, cy + 3 * s, cx - 5 * s, cy - 1 * s, cx - 1.5 * s, cy - 4 * s)
    path.curveTo(cx + 1.5 * s, cy - 6 * s, cx + 4 * s, cy - 5.5 * s, cx + 4.8 * s, cy - 4.2 * s)
    path.lineTo(cx + 2.8 * s, cy - 2.2 * s)
    path.curveTo(cx + 2 * s, cy - 2.8 * s, cx + 1 * s, cy - 2.6 * s, cx + 0.3 * s, cy - 2 * s)
    path.curveTo(cx - 1.2 * s, cy - 0.8 * s, cx - 2.2 * s, cy + 0.4 * s, cx - 2.6 * s, cy + 1.2 * s)
    path.curveTo(cx - 2.9 * s, cy + 1.8 * s, cx - 2.6 * s, cy + 2.6 * s, cx - 2 * s, cy + 2.8 * s)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)
