"""The PDF renderer: a Leaflet in, an A4 PDF (fonts embedded) out."""

from __future__ import annotations

from functools import partial
from io import BytesIO

from reportlab import rl_config
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import FrameBreak, NextPageTemplate

from ..content.model import Bullets
from ..leaflet.model import Leaflet, LeafletContact
from ..text import FontLibrary, TextBlock, TextStyle, draw_lines, layout_paragraph
from ..text.fonts import exclusive
from .columns import FURTHEST, Columns
from .qr import draw_qr
from .tagging import (Element, LinkedBlock, Marks, Structure, TaggedCanvas, artifact, draw_link, draw_marked, list_item,
                      swedish_name)

MARGIN = 16 * mm
QR_SIZE = 30 * mm
INK = "#1a1a1a"
MUTED = "#4a4a4a"
ACCENT = "#a4002a"  # the emergency banner; white text on it has a contrast of 8:1

# Scripts whose marks reach far above and below the letters need taller lines.
LINE_HEIGHT = {"NotoSansArabic": 1.2, "NotoSansThai": 1.12, "NotoSansEthiopic": 1.05, "NotoSansHebrew": 1.1}

rl_config.useA85 = 0  # binary streams: smaller files, and no time spent on ASCII armour


class _Styles:
    """The text styles of one leaflet, in its language's fonts."""

    def __init__(self, fonts: FontLibrary, leaflet: Leaflet):
        families = list(leaflet.fonts)
        if "NotoSans" not in families:
            families.append("NotoSans")  # digits and Latin names for every script
        regular = fonts.chain(*(f"{f}-Regular" for f in families))
        bold = fonts.chain(*(f"{f}-Bold" for f in families))
        common = dict(rtl=leaflet.rtl, lang=leaflet.language)
        tall = LINE_HEIGHT.get(families[0], 1.0)
        self.title = TextStyle(bold, 20, 24 * tall, **common)
        self.subtitle = TextStyle(regular, 11, 14, color=MUTED, **common)
        self.banner = TextStyle(bold, 15, 19, color="#ffffff", align="center", **common)
        self.intro = TextStyle(regular, 11, 15 * tall, **common)
        self.heading = TextStyle(bold, 12, 15 * tall, **common)
        self.body = TextStyle(regular, 9.2, 12.2 * tall, **common)
        self.level = TextStyle(bold, 9, 12, color=MUTED, **common)
        self.name = TextStyle(bold, 10, 12.5 * tall, **common)
        self.phone = TextStyle(bold, 14, 16.5, **common)
        self.small = TextStyle(regular, 8.2, 10.4 * tall, color=MUTED, **common)
        self.caption = TextStyle(regular, 7.5, 9, color=MUTED, align="center", **common)
        self.footer = TextStyle(regular, 7.5, 9, color=MUTED, align="center", **common)
        # a leaflet's running footer keeps to the column read first: text that straddles the
        # gap between the columns makes text extractors (poppler) read the columns as one
        self.running = TextStyle(regular, 7.5, 9, color=MUTED, **common)
        # the review statement in Swedish, beside the leaflet's own language
        self.swedish = TextStyle(regular, 8.2, 10.4, color=MUTED, rtl=False, lang="sv")


class _Header(Flowable):
    """Title and municipality beside the QR code to the web leaflet (mirrored for RTL)."""

    def __init__(self, leaflet: Leaflet, styles: _Styles, parent: Element):
        super().__init__()
        self.leaflet = leaflet
        self.styles = styles
        self.tags = (parent.add("H1"), parent.add("P", swedish_name(leaflet.language)),
                     parent.add("Figure", alt=leaflet.labels.qr_alt), parent.add("P"))

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        text_width = availWidth - QR_SIZE - 6 * mm
        self._title = layout_paragraph(self.leaflet.title, self.styles.title, text_width)
        self._place = layout_paragraph(self.leaflet.municipality_name, self.styles.subtitle, text_width)
        self._caption = layout_paragraph(self.leaflet.labels.qr_caption, self.styles.caption, QR_SIZE)
        text_height = len(self._title) * self.styles.title.line_height + len(self._place) * self.styles.subtitle.line_height
        qr_height = QR_SIZE + len(self._caption) * self.styles.caption.line_height
        self.height = max(text_height, qr_height)
        return self.width, self.height

    def draw(self):
        canvas, s = self.canv, self.styles
        text_width = self.width - QR_SIZE - 6 * mm
        rtl = self.leaflet.rtl
        text_x = QR_SIZE + 6 * mm if rtl else 0
        qr_x = 0 if rtl else self.width - QR_SIZE
        top = self.height
        title, place, figure, caption = self.tags
        draw_marked(canvas, title, self._title, s.title, text_x, top, text_width)
        top -= len(self._title) * s.title.line_height
        draw_marked(canvas, place, self._place, s.subtitle, text_x, top, text_width)
        qr_y = self.height - QR_SIZE
        with figure.mark(canvas, bbox=(qr_x, qr_y, qr_x + QR_SIZE, qr_y + QR_SIZE)):
            draw_qr(canvas, self.leaflet.qr_url, qr_x, qr_y, QR_SIZE)
        draw_marked(canvas, caption, self._caption, s.caption, qr_x, self.height - QR_SIZE, QR_SIZE)


class _Banner(Flowable):
    """The emergency number, large, on a coloured band."""

    def __init__(self, text: str, style: TextStyle, parent: Element, uri: str):
        super().__init__()
        self.text = text
        self.style = style
        self.element = parent.add("P").add("Link")  # a tap calls the number, as on the web
        self.uri = uri
        self.spaceBefore = 4 * mm
        self.spaceAfter = 4 * mm

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self._lines = layout_paragraph(self.text, self.style, availWidth - 8 * mm)
        self.height = len(self._lines) * self.style.line_height + 4 * mm
        return self.width, self.height

    def draw(self):
        with artifact(self.canv):
            self.canv.setFillColor(HexColor(ACCENT))
            self.canv.roundRect(0, 0, self.width, self.height, 2 * mm, stroke=0, fill=1)
        draw_link(self.canv, self.element, self.uri, self.text, self._lines, self.style, 4 * mm, self.height - 2 * mm,
                  self.width - 8 * mm)


class Stack(Flowable):
    """Flowables kept together in one column, as KeepTogether does for content shorter than a
    frame, without the copy of the frame KeepTogether makes each time it measures (a fifth of
    a leaflet's render time)."""

    def __init__(self, parts: list[Flowable]):
        super().__init__()
        self.parts = parts
        self.spaceBefore = parts[0].getSpaceBefore()
        self.spaceAfter = parts[-1].getSpaceAfter()

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.height = -self.spaceBefore - self.spaceAfter
        for part in self.parts:
            self.height += part.getSpaceBefore() + part.wrap(availWidth, availHeight)[1] + part.getSpaceAfter()
        return self.width, self.height

    def split(self, availWidth, availHeight):
        frame = self._doctemplateAttr("frame")
        return self.parts if frame is not None and frame._atTop else []  # taller than a column: let it flow

    def ink(self) -> list[tuple[float, float, float, float, float]]:
        """Where each part's text lies, measured down from the top (see ``TextBlock.ink``)."""
        found, depth = [], 0.0
        for i, part in enumerate(self.parts):
            if i:
                depth += part.getSpaceBefore()
            found += [tuple(v + depth if n != 2 else v for n, v in enumerate(box)) for box in part.ink()]
            depth += part.height + part.getSpaceAfter()
        return found

    def draw(self):
        y = self.height + self.spaceBefore
        for i, part in enumerate(self.parts):
            y -= part.getSpaceBefore()
            y -= part.height
            part.drawOn(self.canv, 0, y)
            y -= part.getSpaceAfter()


def _contact(contact: LeafletContact, leaflet: Leaflet, s: _Styles, parent: Element) -> Stack:
    """One contact; its parts are children of ``parent``, each number and address a Link."""

    def text(value: str, style: TextStyle, lang: str | None = None, **kw) -> TextBlock:
        return TextBlock(value, style, tag=Marks(parent.add("P", lang)), **kw)

    parts: list[Flowable] = [text(contact.name, s.name, swedish_name(leaflet.language), space_before=2 * mm)]
    if contact.phone:
        parts.append(LinkedBlock(TextBlock(f"\u2066{contact.phone}\u2069", s.phone), parent.add("Link"),
                                 contact.phone_uri))
    parts.append(text(contact.description, s.body))
    details = []
    if contact.hours:
        details.append(contact.hours)
    details.extend(contact.flags)
    if details:
        parts.append(text(" · ".join(details), s.small))
    for label, value, uri in (
        (leaflet.labels.web, contact.web_label, contact.web),
        (leaflet.labels.chat, contact.chat, contact.chat),
        (leaflet.labels.email, contact.email, f"mailto:{contact.email}"),
    ):
        if value:
            parts.append(LinkedBlock(TextBlock(f"{label}: \u2066{value}\u2069", s.small), parent.add("Link"), uri))
    return Stack(parts)


def _top(leaflet: Leaflet, s: _Styles, doc: Element) -> list[Flowable]:
    """What spans the whole width of the first page."""
    return [
        _Header(leaflet, s, doc),
        _Banner(leaflet.labels.emergency_line, s.banner, doc, leaflet.emergency_uri),
        TextBlock(leaflet.intro, s.intro, tag=Marks(doc.add("P"))),
    ]


def _columns(leaflet: Leaflet, s: _Styles, doc: Element) -> list[Flowable]:
    """What flows through the columns: the sections, then the contacts."""
    story: list[Flowable] = []
    for section in leaflet.sections:
        sect = doc  # headings mark the sections: a Sect per section would add objects, not meaning
        story.append(TextBlock(section.heading, s.heading, space_before=2.2 * mm, space_after=0.6 * mm,
                               keep_with_next=True, tag=Marks(sect.add("H2"))))
        for block in section.blocks:
            if isinstance(block, Bullets):
                items = sect.add("L")
                story += [TextBlock(item, s.body, space_after=0.6 * mm, indent=3.5 * mm, marker="•",
                                    tag=list_item(items)) for item in block.items]
            else:
                story.append(TextBlock(block.text, s.body, space_after=1.2 * mm, tag=Marks(sect.add("P"))))
    sect = doc
    story += [
        TextBlock(leaflet.labels.contacts_heading, s.heading, space_before=4 * mm, space_after=0.6 * mm,
                  keep_with_next=True, tag=Marks(sect.add("H2"))),
        TextBlock(leaflet.contacts_intro, s.body, tag=Marks(sect.add("P"))),
    ]
    for level in ("local", "regional", "national"):
        group = [c for c in leaflet.contacts if c.level == level]
        if group:
            story.append(TextBlock(leaflet.labels.levels[level], s.level, space_before=3 * mm, keep_with_next=True,
                                   tag=Marks(sect.add("H3"))))
            contacts = sect.add("L")
            story += [_contact(c, leaflet, s, contacts.add("LI").add("LBody")) for c in group]
    story += _review(leaflet, s, doc)
    return story


def _review(leaflet: Leaflet, s: _Styles, doc: Element) -> list[Flowable]:
    """The statement on the translation, in the text itself (a running footer is an artifact
    a screen reader skips), in the leaflet's language and in Swedish."""
    if not leaflet.review:
        return []
    parts = [TextBlock(leaflet.review, s.small, space_before=4 * mm, tag=Marks(doc.add("P")))]
    if leaflet.review_sv != leaflet.review:
        parts.append(TextBlock(leaflet.review_sv, s.swedish, tag=Marks(doc.add("P", lang="sv"))))
    return [Stack(parts)]


def _fewest_pages(render, first=Columns) -> bytes:
    """``render(columns)`` with text moved for extractors (see columns.py), but never at the
    cost of a page: when moving pushed text on to a later page, the document laid out as it
    comes says how many pages it needs, and of the layouts that keep to that (moving less
    far, only where it costs no height, or not at all) the one with the fewest rows poppler
    would read across is taken."""
    data, layout = render(first)
    if not layout.may_have_grown():
        return data
    plain, plain_layout = render(partial(Columns, furthest=0.0))
    if plain_layout.pages == layout.pages:
        return data
    best, best_rows = plain, plain_layout.rows()
    for columns in (partial(Columns, furthest=FURTHEST / 3), partial(Columns, free=True)):
        other, other_layout = render(columns)
        if other_layout.pages == plain_layout.pages:
            rows = other_layout.rows()
            if rows < best_rows:
                best, best_rows = other, rows
            if not rows:
                break
    return best


GAP = 7 * mm  # between the columns
FOOTER_SPACE = 7 * mm


class PdfRenderer:
    def __init__(self, fonts: FontLibrary):
        self.fonts = fonts
        self._styles: dict[tuple, _Styles] = {}

    def styles(self, leaflet: Leaflet) -> _Styles:
        # one set of styles per language, so laid-out paragraphs are reused across renders
        key = (leaflet.language, leaflet.direction, leaflet.fonts)
        if key not in self._styles:
            self._styles[key] = _Styles(self.fonts, leaflet)
        return self._styles[key]

    @exclusive
    def render(self, leaflet: Leaflet) -> bytes:
        # right to left, only moves that cost no height: poppler reads those leaflets below
        # 99 % whatever the columns do (see columns.py), and a second layout doubles the time
        first = partial(Columns, free=True) if leaflet.rtl else Columns
        return _fewest_pages(partial(self._render, leaflet), first)

    def _render(self, leaflet: Leaflet, make_columns=Columns) -> tuple[bytes, Columns]:
        styles = self.styles(leaflet)
        page_width, page_height = A4
        width = page_width - 2 * MARGIN
        bottom = MARGIN + FOOTER_SPACE
        top = page_height - MARGIN

        structure = Structure(leaflet.language, leaflet.document_title)
        head = _top(leaflet, styles, structure.root)
        head_height = sum(f.wrap(width, top - bottom)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in head)
        head_height += 4 * mm

        column = (width - GAP) / 2
        layout = make_columns(leaflet.rtl)

        def columns(column_top: float) -> list[Frame]:
            return layout.frames(MARGIN, MARGIN + column + GAP, bottom, column, column_top - bottom)

        first = [Frame(MARGIN, top - head_height, width, head_height, leftPadding=0, rightPadding=0,
                       topPadding=0, bottomPadding=0)] + columns(top - head_height)
        footer = layout_paragraph(leaflet.labels.footer, styles.running, column)
        if leaflet.review:  # its first line, under the footer: the whole statement is in the text
            footer += layout_paragraph(leaflet.review, styles.running, column)[:1]
        footer_x = MARGIN + column + GAP if leaflet.rtl else MARGIN

        def on_page(canvas, doc):
            with artifact(canvas):  # a running footer: the review statement is in the text too
                draw_lines(canvas, footer, styles.running, footer_x, MARGIN + styles.running.line_height, column)

        buffer = BytesIO()
        doc = BaseDocTemplate(
            buffer,
            pagesize=A4,
            title=leaflet.document_title,
            author="infogen",
            subject=leaflet.municipality_name,
            creator="infogen",
            lang=leaflet.language,
            # a font of ours from the start, so no unembedded standard font enters the file
            initialFontName=styles.body.chain.primary.name,
            pageTemplates=[
                PageTemplate("first", frames=first, onPage=on_page),
                PageTemplate("later", frames=columns(top), onPage=on_page),
            ],
        )
        doc.build([NextPageTemplate("later"), *head, FrameBreak(), *_columns(leaflet, styles, structure.root)],
                  canvasmaker=partial(TaggedCanvas, structure=structure))
        layout.pages = doc.page
        return buffer.getvalue(), layout

    def bilingual(self, swedish: Leaflet, other: Leaflet) -> bytes:
        """Swedish beside ``other``, passage by passage (see ``render_bilingual``)."""
        return render_bilingual(self, swedish, other)


def _blocks(leaflet: Leaflet, s: _Styles, review: str, lang: str | None = None) -> list[tuple[Element, list[Flowable]]]:
    """The leaflet as a list of rows, each a short run of flowables, in the same order for
    every language (so two leaflets pair row by row); each row's structure is a Div of its own
    (in ``lang`` when that differs from the document's), for the reading order to pair them."""
    rows: list[tuple[Element, list[Flowable]]] = []

    def row() -> Element:
        div = Element("Div", lang)
        rows.append((div, []))
        return div

    def text(value: str, style: TextStyle, div: Element, role: str = "P", lang: str | None = None, **kw) -> TextBlock:
        return TextBlock(value, style, tag=Marks(div.add(role, lang)), **kw)

    div = row()
    rows[-1][1].extend([text(leaflet.title, s.title, div, "H1"),
                        text(leaflet.municipality_name, s.subtitle, div, lang=swedish_name(leaflet.language))])
    div = row()
    rows[-1][1].append(_Banner(leaflet.labels.emergency_line, s.banner, div, leaflet.emergency_uri))
    div = row()
    rows[-1][1].append(text(leaflet.intro, s.intro, div))
    for section in leaflet.sections:
        heading = section.heading
        for block in section.blocks:
            div = row()
            if heading:  # a heading shares its first passage's row: never alone at a page's foot
                rows[-1][1].append(text(heading, s.heading, div, "H2", space_before=1.5 * mm))
                heading = ""
            if isinstance(block, Bullets):
                items = div.add("L")
                rows[-1][1].extend(TextBlock(item, s.body, space_after=0.6 * mm, indent=3.5 * mm, marker="•",
                                             tag=list_item(items)) for item in block.items)
            else:
                rows[-1][1].append(text(block.text, s.body, div))
        if heading:
            div = row()
            rows[-1][1].append(text(heading, s.heading, div, "H2", space_before=1.5 * mm))
    div = row()
    rows[-1][1].extend([text(leaflet.labels.contacts_heading, s.heading, div, "H2", space_before=3 * mm),
                        text(leaflet.contacts_intro, s.body, div)])
    for contact in leaflet.contacts:
        div = row()
        rows[-1][1].extend(_contact(contact, leaflet, s, div).parts)
    div = row()
    if review:
        rows[-1][1].append(text(review, s.small, div, space_before=3 * mm))
    return rows


class _Pair(Flowable):
    """One row of a bilingual leaflet: the same passage in two languages, side by side."""

    def __init__(self, left: list[Flowable], right: list[Flowable], gap: float):
        super().__init__()
        self.sides = (left, right)
        self.gap = gap
        self.drop = (0.0, 0.0)  # each side's distance below the row's top (see columns._Rows)

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        column = (availWidth - self.gap) / 2
        self.heights = []
        for side in self.sides:
            total = 0.0
            for f in side:
                total += f.getSpaceBefore() + f.wrap(column, availHeight)[1] + f.getSpaceAfter()
            self.heights.append(total)
        self.height = max(self.heights[0] + self.drop[0], self.heights[1] + self.drop[1]) + 1.2 * mm
        return self.width, self.height

    def sides_ink(self) -> tuple[list, list]:
        """Where each side's text lies, measured down from the row's top (``TextBlock.ink``)."""
        found = []
        for side in self.sides:
            ink, depth = [], 0.0
            for f in side:
                depth += f.getSpaceBefore()
                ink += [tuple(v + depth if n != 2 else v for n, v in enumerate(box)) for box in f.ink()] \
                    if hasattr(f, "ink") else []
                depth += f.height + f.getSpaceAfter()
            found.append(ink)
        return found[0], found[1]

    def draw(self):
        column = (self.width - self.gap) / 2
        for i, side in enumerate(self.sides):
            x = i * (column + self.gap)
            y = self.height - self.drop[i]
            for f in side:
                y -= f.getSpaceBefore()
                _, h = f.wrap(column, self.height)
                y -= h
                f.drawOn(self.canv, x, y)
                y -= f.getSpaceAfter()
        middle = column + self.gap / 2
        with artifact(self.canv):
            self.canv.setStrokeColor(HexColor("#d0d0d0"))
            self.canv.setLineWidth(0.5)
            self.canv.line(middle, 0, middle, self.height)


@exclusive
def render_bilingual(renderer: PdfRenderer, swedish: Leaflet, other: Leaflet) -> bytes:
    """Swedish and another language side by side, passage by passage, so that staff and
    client read the same text together. Swedish on the left; the other language on the
    right, where a right-to-left reader starts."""
    return _fewest_pages(partial(_bilingual, renderer, swedish, other))


def _bilingual(renderer: PdfRenderer, swedish: Leaflet, other: Leaflet, make_columns=Columns) -> tuple[bytes, Columns]:
    layout = make_columns(False, flush=not other.rtl)
    left, right = renderer.styles(swedish), renderer.styles(other)
    page_width, page_height = A4
    width = page_width - 2 * MARGIN
    column = (width - GAP) / 2
    footer = layout_paragraph(swedish.labels.footer, left.running, column)  # under the Swedish (see _Styles)

    def on_page(canvas, doc):
        with artifact(canvas):
            draw_lines(canvas, footer, left.running, MARGIN, MARGIN + left.running.line_height, column)

    buffer = BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=A4, title=other.document_title,
        author="infogen", subject=swedish.municipality_name, creator="infogen", lang=other.language,
        initialFontName=left.body.chain.primary.name,
        pageTemplates=[PageTemplate("pairs", frames=[layout.pair_frame(MARGIN, MARGIN + FOOTER_SPACE, width,
                                                                       page_height - 2 * MARGIN - FOOTER_SPACE)],
                                    onPage=on_page)],
    )
    structure = Structure(other.language, other.document_title)
    pairs = []
    # read passage by passage: the Swedish, then the same in the other language
    for (sv_div, sv_row), (other_div, other_row) in zip(
        _blocks(swedish, left, other.review_sv, lang=swedish.language), _blocks(other, right, other.review), strict=True
    ):
        for div, row in ((sv_div, sv_row), (other_div, other_row)):
            if row:
                structure.root.append(div)
        pairs.append(_Pair(sv_row, other_row, GAP))
    doc.build(pairs, canvasmaker=partial(TaggedCanvas, structure=structure))
    layout.pages = doc.page
    return buffer.getvalue(), layout
