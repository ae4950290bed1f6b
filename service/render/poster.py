"""The language poster (A4 or A3): one QR code per offered language for one audience, each
under the language's name in its own script, and the numbers that matter at the foot."""

from __future__ import annotations

import math
from io import BytesIO

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A3, A4
from reportlab.lib.units import mm

from ..leaflet.model import Leaflet
from ..text import FontLibrary, TextStyle, layout_paragraph
from ..text.fonts import exclusive
from .qr import draw_qr
from .tagging import Element, Structure, TaggedCanvas, artifact, draw_link, draw_marked

SIZES = {"A4": A4, "A3": A3}
ACCENT = "#a4002a"
# the poster's own words, for the staff who put it up and readers of Swedish or English;
# every reader finds their language by its name in its own script
HEADING = ("Information om hjälp och stöd – på ditt språk", "Information about help and support – in your language")
SCAN = ("Skanna koden under ditt språk med mobilkameran.", "Scan the code under your language with your phone camera.")


class PosterRenderer:
    def __init__(self, fonts: FontLibrary):
        self.fonts = fonts

    def _style(self, leaflet: Leaflet, size: float, bold: bool = True, align: str = "center",
               color: str = "#1a1a1a") -> TextStyle:
        families = list(dict.fromkeys([*leaflet.fonts, "NotoSans"]))
        weight = "Bold" if bold else "Regular"
        return TextStyle(self.fonts.chain(*(f"{f}-{weight}" for f in families)), size, size * 1.35,
                         rtl=leaflet.rtl, lang=leaflet.language, align=align, color=color)

    @exclusive
    def render(self, leaflets: list[Leaflet], paper: str = "A4") -> bytes:
        """One cell per leaflet (one per language, same municipality and audience); the
        first leaflet, Swedish, gives the numbers at the foot."""
        width, height = SIZES[paper]
        k = width / A4[0]  # A3 is A4 scaled up
        swedish = leaflets[0]
        buffer = BytesIO()
        structure = Structure(swedish.language, f"{HEADING[0]} – {swedish.municipality_name}")
        canvas = TaggedCanvas(buffer, pagesize=(width, height),
                              initialFontName=self.fonts.chain("NotoSans-Regular").primary.name, structure=structure)
        canvas.setAuthor("infogen")
        canvas.setCreator("infogen")

        top = height - MARGIN * k
        heading = self._style(swedish, 20 * k)
        sub = self._style(swedish, 11 * k, bold=False, color="#4a4a4a")
        root = structure.root
        # each language's line a paragraph of its own, so a screen reader speaks each in its voice
        for text, style, element, after in ((HEADING[0], heading, root.add("H1"), 1.5),
                                            (HEADING[1], sub, root.add("P", "en"), 1.5),
                                            (SCAN[0], sub, root.add("P"), 0), (SCAN[1], sub, root.add("P", "en"), 1.5)):
            lines = layout_paragraph(text, style, width - 2 * MARGIN * k)
            draw_marked(canvas, element, lines, style, MARGIN * k, top, width - 2 * MARGIN * k)
            top -= len(lines) * style.line_height + after * mm * k
        foot = Element("Div")  # drawn first, read last
        self._foot(canvas, swedish, width, k, foot)
        for leaflet, (x, y, cell_w, qr) in zip(leaflets, grid(len(leaflets), paper)):
            cell = root.add("Div", lang=leaflet.language)  # language by language
            endonym = next((a.endonym for a in leaflet.alternates if a.code == leaflet.language), leaflet.language)
            size = LABEL
            # no-break spaces on both sides: the names of a row share a baseline, and MuPDF
            # runs a right-to-left name into its neighbours' unless a space lies between
            label = f"\u00a0{endonym}\u00a0"
            while True:  # one line: a long name is set smaller, never cut
                style = self._style(leaflet, size * k)
                lines = layout_paragraph(label, style, cell_w - 2 * mm)
                if len(lines) == 1 or size <= 6:
                    break
                size -= 0.5
            # every label of a row on one baseline, a smaller one too
            full = LABEL * k
            baseline = y + qr + 0.5 * mm * k + (1.35 * full - full) / 2 + 0.22 * full
            label_top = baseline + style.line_height - (style.line_height - style.size) / 2 - 0.22 * style.size
            draw_marked(canvas, cell.add("H2"), lines, style, x, label_top, cell_w)
            qr_x = x + (cell_w - qr) / 2
            with cell.add("Figure", alt=leaflet.labels.qr_alt).mark(canvas, bbox=(qr_x, y, qr_x + qr, y + qr)):
                draw_qr(canvas, leaflet.qr_url, qr_x, y, qr)
        root.append(foot)
        canvas.showPage()
        canvas.save()
        return buffer.getvalue()

    def _foot(self, canvas, swedish: Leaflet, width: float, k: float, foot: Element) -> None:
        """112 on a red band, and above it the audience's support line (read in that order)."""
        margin, band = MARGIN * k, BAND * k
        with artifact(canvas):
            canvas.setFillColor(HexColor(ACCENT))
            canvas.roundRect(margin, margin, width - 2 * margin, band, 2 * mm, stroke=0, fill=1)
        style = self._style(swedish, 16 * k, color="#ffffff")
        number = self._style(swedish, 16 * k)
        text = f"{swedish.labels.emergency_line} · Emergency: 112"
        lines = layout_paragraph(text, style, width - 2 * margin - 8 * mm)[:1]
        draw_link(canvas, foot.add("P").add("Link"), swedish.emergency_uri, text, lines, style, margin,
                margin + band / 2 + style.line_height / 2, width - 2 * margin)
        key = swedish.key_contact
        if key:
            text = f"{key.name} \u2066{key.phone}\u2069"
            lines = layout_paragraph(text, number, width - 2 * margin)[:1]
            draw_link(canvas, foot.add("P").add("Link"), key.phone_uri, text, lines, number, margin,
                    margin + band + 2 * mm * k + number.line_height, width - 2 * margin)


MARGIN = 12 * mm
HEAD = 36 * mm  # the heading lines
FOOT = 16 * mm + 2 * mm + 16 * 1.35 + 4 * mm  # the band, the support line and air
BAND = 16 * mm
LABEL = 10.5  # pt, the language names


def grid(count: int, paper: str = "A4") -> list[tuple[float, float, float, float]]:
    """Where the codes go: for each, (x, y) of the code's lower left corner, the cell width
    (its label is centred in it) and the code's size, in points."""
    width, height = SIZES[paper]
    k = width / A4[0]
    columns = max(3, math.ceil(math.sqrt(count)))  # 31 languages: 6 × 6
    rows = math.ceil(count / columns)
    top, bottom = height - (MARGIN + HEAD) * k, (MARGIN + FOOT) * k
    cell_w = (width - 2 * MARGIN * k) / columns
    cell_h = (top - bottom) / rows
    label = LABEL * 1.35 * k + 0.5 * mm * k
    qr = min(cell_w - 3 * mm * k, cell_h - label - 3 * mm * k)
    return [(MARGIN * k + (i % columns) * cell_w, top - (i // columns) * cell_h - label - qr, cell_w, qr)
            for i in range(count)]
