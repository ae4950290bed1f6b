"""A reportlab flowable that draws paragraphs laid out by ``layout_paragraph``."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from reportlab.lib.colors import HexColor
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase import pdfdoc
from reportlab.platypus import Flowable

from .fonts import Face
from .layout import Line, TextStyle, layout_paragraph


def _run_operators(run, size: float, doc, code: list[str]) -> list[tuple[int, float, float]]:
    """PDF operators that show one run's glyphs at HarfBuzz's positions, and the glyphs to
    draw as outlines (glyph id, x from the run's start, y from the baseline).

    Uses reportlab's documented route for dynamic fonts (splitString and
    getSubsetInternalName); a TJ array carries each glyph's advance and offset, so the
    pen ends exactly ``run.width`` further on.
    """
    font = run.face.ttfont
    data = run.glyphs.__shapeData__
    outlined = {index: (gid, dx, dy, shown) for index, gid, dx, dy, shown in run.outlines}
    outlines = []
    pen = 0.0  # in 1/1000 of the font size
    index = 0
    for subset, chunk in font.splitString(run.glyphs, doc):
        code.append(f"{font.getSubsetInternalName(subset, doc)} {fp_str(size)} Tf")
        parts: list[str] = []
        pending = bytearray()

        def flush():
            nonlocal parts
            if pending:
                parts.append(f"({escapePDF(bytes(pending))})")
                pending.clear()
            if parts:
                code.append(f"[{' '.join(parts)}] TJ")
                parts = []

        for byte in chunk:
            d = data[index]
            if index in outlined:
                gid, dx, dy, shown = outlined[index]
                outlines.append((gid, (pen + dx) * size / 1000, dy * size / 1000))
            if index in outlined and not shown:
                # not shown as text: the pen moves on as if it had been
                if d.x_advance:
                    if pending:
                        parts.append(f"({escapePDF(bytes(pending))})")
                        pending.clear()
                    parts.append(fp_str(-d.x_advance))
                index += 1
                pen += d.x_advance
                continue
            index += 1
            pen += d.x_advance
            before = -d.x_offset
            after = d.width - d.x_advance + d.x_offset
            if d.y_offset:
                # a mark raised or lowered: its own TJ between changes of text rise
                flush()
                code.append(f"{fp_str(size * d.y_offset / 1000)} Ts")
                glyph = f"({escapePDF(bytes((byte,)))})"
                code.append(f"[{fp_str(before)} {glyph} {fp_str(after)}] TJ 0 Ts")
                continue
            if before:
                if pending:
                    parts.append(f"({escapePDF(bytes(pending))})")
                    pending.clear()
                parts.append(fp_str(before))
            pending.append(byte)
            if abs(after) > 0.01:
                parts.append(f"({escapePDF(bytes(pending))})")
                pending.clear()
                parts.append(fp_str(after))
        flush()
    return outlines


def _outline_form(canvas, face: Face, gid: int) -> str:
    """The resource name of a form holding a glyph's outline, made once per document: a
    Thai leaflet draws a thousand marks, a few dozen different ones."""
    name = f"outline-{face.postscript_name}-{gid}"
    doc = canvas._doc
    if not doc.hasForm(name):
        e = face.hb_font.get_glyph_extents(gid)
        form = pdfdoc.PDFFormXObject(e.x_bearing - 1, e.y_bearing + e.height - 1,
                                     e.x_bearing + e.width + 1, e.y_bearing + 1)
        form.compression = canvas._pageCompression
        form.setStreamList([_outline(face, gid) + " f"])
        resources = pdfdoc.PDFResourceDictionary()  # a path only: no fonts
        resources.basicProcs()
        form.Resources = resources
        doc.addForm(name, form)
    canvas._formsinuse.append(name)
    return doc.getXObjectName(name)


@lru_cache(maxsize=4096)
def _outline(face: Face, gid: int) -> str:
    """Path operators of a glyph's outline, in font units (quadratic curves made cubic)."""
    pen = _PathPen()
    face.hb_font.draw_glyph_with_pen(gid, pen)
    return " ".join(pen.ops)


class _PathPen:
    def __init__(self):
        self.ops: list[str] = []
        self.current = (0.0, 0.0)

    def moveTo(self, p):
        self.ops.append(f"{fp_str(p[0])} {fp_str(p[1])} m")
        self.current = p

    def lineTo(self, p):
        self.ops.append(f"{fp_str(p[0])} {fp_str(p[1])} l")
        self.current = p

    def curveTo(self, c1, c2, p):
        self.ops.append(f"{fp_str(*c1)} {fp_str(*c2)} {fp_str(*p)} c")
        self.current = p

    def qCurveTo(self, q, p):
        (x0, y0), (qx, qy) = self.current, q
        self.curveTo((x0 + 2 * (qx - x0) / 3, y0 + 2 * (qy - y0) / 3),
                     (p[0] + 2 * (qx - p[0]) / 3, p[1] + 2 * (qy - p[1]) / 3), p)

    def closePath(self):
        self.ops.append("h")


def draw_lines(canvas, lines: tuple[Line, ...], style: TextStyle, x0: float, top: float, width: float,
               mark=None) -> None:
    """Draw ``lines`` in a box ``width`` wide whose top edge is at ``top``. ``mark``, when given,
    returns the operator that opens a marked-content sequence: one around each line, one around
    the outlines (for a tagged PDF, ``service.render.tagging``)."""
    height = style.line_height
    # baseline: centre the font's body in the line, then sit on it
    y = top - height + (height - style.size) / 2 + style.size * 0.22
    canvas.setFillColor(HexColor(style.color))
    doc = canvas._doc
    code = ["BT"]
    shapes = []
    for line in lines:
        if style.align == "center":
            x = x0 + (width - line.width) / 2
        elif style.rtl:
            x = x0 + width - line.width
        else:
            x = x0
        if mark:
            code.append(mark())
        code.append(f"1 0 0 1 {fp_str(x)} {fp_str(y)} Tm")
        for run in line.runs:
            for gid, dx, dy in _run_operators(run, style.size, doc, code):
                shapes.append((run.face, gid, x + dx, y + dy))
            x += run.width
        if mark:
            code.append("EMC")
        y -= height
    code.append("ET")
    if mark and shapes:
        code.append(mark())
    # glyphs that stand for no text of their own, drawn in the same colour as the text
    for face, gid, gx, gy in shapes:
        k = style.size / face.units_per_em
        code.append(f"q {fp_str(k)} 0 0 {fp_str(k)} {fp_str(gx)} {fp_str(gy)} cm /{_outline_form(canvas, face, gid)} Do Q")
    if mark and shapes:
        code.append("EMC")
    canvas.addLiteral("\n".join(code))


class TextBlock(Flowable):
    """A paragraph that wraps at the frame's width and splits across pages.

    ``indent`` keeps the text off the start side (left in LTR, right in RTL); ``marker``
    (a bullet, say) is drawn in that space beside the first line. ``tag``, when given, draws
    instead of ``draw_lines`` (same arguments after a part, "text" or "marker"), to mark what is
    drawn for a tagged PDF (``service.render.tagging``).
    """

    def __init__(self, text: str, style: TextStyle, space_before: float = 0, space_after: float = 0,
                 indent: float = 0, marker: str | None = None, keep_with_next: bool = False,
                 lines: tuple[Line, ...] | None = None, tag=None):
        super().__init__()
        self.tag = tag
        self.keepWithNext = keep_with_next
        self.text = text
        self.style = style
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self.indent = indent
        self.marker = marker
        self._lines = lines
        self._laid_out_for = None if lines is None else -1.0

    def _layout(self, width: float) -> tuple[Line, ...]:
        if self._lines is None or (self._laid_out_for not in (-1.0, width)):
            self._lines = layout_paragraph(self.text, self.style, width - self.indent)
            self._laid_out_for = width
        return self._lines

    def wrap(self, availWidth, availHeight):
        lines = self._layout(availWidth)
        self.width = availWidth
        self.height = len(lines) * self.style.line_height
        return self.width, self.height

    def split(self, availWidth, availHeight):
        lines = self._layout(availWidth)
        fits = int(availHeight // self.style.line_height)
        if len(lines) - fits == 1 and fits >= 3:
            fits -= 1  # carry two lines over rather than leave the last one alone
        if fits < 2 or len(lines) - fits < 2:
            return []  # no lone first or last line on a page
        head = TextBlock(self.text, self.style, self.spaceBefore, 0, self.indent, self.marker, lines=lines[:fits],
                         tag=self.tag)
        tail = TextBlock(self.text, self.style, 0, self.spaceAfter, self.indent, None, self.keepWithNext, lines[fits:],
                         tag=self.tag)
        return [head, tail]

    def ink(self) -> list[tuple[float, float, float, float, float]]:
        """Where each line's text lies (see ``line_ink``), measured down from the block's top."""
        return line_ink(self._lines or (), self.style)

    def draw(self):
        style = self.style
        draw = self.tag.draw if self.tag is not None else _untagged
        x0 = 0 if style.rtl else self.indent
        draw("text", self.canv, self._lines, style, x0, self.height, self.width - self.indent)
        if self.marker:
            marker = layout_paragraph(self.marker, style, self.indent)
            x = self.width - self.indent if style.rtl else 0
            draw("marker", self.canv, marker[:1], style, x, self.height, self.indent)


def line_ink(lines: tuple[Line, ...], style: TextStyle) -> list[tuple[float, float, float, float, float]]:
    """Where each line's text lies as ``draw_lines`` places it and text extractors box it:
    (top, bottom, font size, baseline, baseline), measured down from the top of the box;
    top and bottom are the highest ascent and lowest descent of the fonts the line uses."""
    height, size = style.line_height, style.size
    base = height - (height - size) / 2 - size * 0.22  # top edge to the first baseline
    found = []
    for line in lines:
        # punctuation and spaces from another font (a comma in a Latin name set in Arabic)
        # do not widen the box poppler gives the words
        faces = {run.face.ttfont.face for run in line.runs if any(_inked(c) for c in run.glyphs)} \
            or {run.face.ttfont.face for run in line.runs} or {style.chain.primary.ttfont.face}
        above = max(face.ascent for face in faces) * size / 1000
        below = -min(face.descent for face in faces) * size / 1000
        found.append((base - above, base + below, size, base, base))
        base += height
    return found


def _inked(glyph: str) -> bool:
    """Whether a glyph's code is more than a space or punctuation (ligatures and contextual
    forms have private codes: they count)."""
    return unicodedata.category(glyph)[0] not in "ZPC" or unicodedata.category(glyph) == "Co"


def _untagged(part, *args) -> None:
    draw_lines(*args)
