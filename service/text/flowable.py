"""A reportlab flowable that draws paragraphs laid out by ``layout_paragraph``."""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.platypus import Flowable

from .layout import Line, TextStyle, layout_paragraph


def _run_operators(run, size: float, doc, code: list[str]) -> None:
    """PDF operators that show one run's glyphs at HarfBuzz's positions.

    Glyphs that do not give their text back one by one (a cluster of several glyphs, a
    ligature, a right-to-left ligature or mark) are a marked-content span with
    ``/ActualText``, which copy/paste, search and screen readers take instead of the
    glyphs' own text. Spans open and close between text-showing operators, inside the
    caller's ``BT``…``ET``, so they nest inside any marked content around the block.

    Uses reportlab's documented route for dynamic fonts (splitString and
    getSubsetInternalName); a TJ array carries each glyph's advance and offset, so the
    pen ends exactly ``run.width`` further on.
    """
    font = run.face.ttfont
    data = run.glyphs.__shapeData__
    spans = {start: (end, text) for start, end, text in run.spans}
    closing = -1  # the glyph index at which the open span ends
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
            if index == closing:
                flush()
                code.append("EMC")
                closing = -1
            if index in spans:
                flush()
                closing, text = spans[index]
                code.append(f"/Span <</ActualText {actual_text(text)}>> BDC")
            d = data[index]
            index += 1
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
    if closing != -1:
        code.append("EMC")


def actual_text(text: str) -> str:
    """``text`` as a PDF text string: UTF-16BE with its byte order mark, in hex."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def link(canvas, target: str, rect: tuple[float, float, float, float]) -> None:
    """A link annotation over ``rect`` (in the current coordinates), without a border."""
    canvas.linkURL(target, rect, relative=1, thickness=0)


def draw_lines(canvas, lines: tuple[Line, ...], style: TextStyle, x0: float, top: float, width: float) -> None:
    """Draw ``lines`` in a box ``width`` wide whose top edge is at ``top``."""
    height = style.line_height
    # baseline: centre the font's body in the line, then sit on it
    y = top - height + (height - style.size) / 2 + style.size * 0.22
    canvas.setFillColor(HexColor(style.color))
    doc = canvas._doc
    code = ["BT"]
    for line in lines:
        if style.align == "center":
            x = x0 + (width - line.width) / 2
        elif style.rtl:
            x = x0 + width - line.width
        else:
            x = x0
        code.append(f"1 0 0 1 {fp_str(x)} {fp_str(y)} Tm")
        for run in line.runs:
            _run_operators(run, style.size, doc, code)
        for target, left, right in line.links:
            line_top = y + height - (height - style.size) / 2 - style.size * 0.22
            link(canvas, target, (x + left, line_top - height, x + right, line_top))
        y -= height
    code.append("ET")
    canvas.addLiteral("\n".join(code))


class TextBlock(Flowable):
    """A paragraph that wraps at the frame's width and splits across pages.

    ``indent`` keeps the text off the start side (left in LTR, right in RTL); ``marker``
    (a bullet, say) is drawn in that space beside the first line. ``links`` are (start,
    end, target) ranges of ``text`` that lead somewhere (see ``layout_paragraph``).
    """

    def __init__(self, text: str, style: TextStyle, space_before: float = 0, space_after: float = 0,
                 indent: float = 0, marker: str | None = None, keep_with_next: bool = False,
                 lines: tuple[Line, ...] | None = None, links: tuple[tuple[int, int, str], ...] = ()):
        super().__init__()
        self.links = links
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
            self._lines = layout_paragraph(self.text, self.style, width - self.indent, self.links)
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
                         links=self.links)
        tail = TextBlock(self.text, self.style, 0, self.spaceAfter, self.indent, None, self.keepWithNext, lines[fits:],
                         links=self.links)
        return [head, tail]

    def draw(self):
        style = self.style
        x0 = 0 if style.rtl else self.indent
        draw_lines(self.canv, self._lines, style, x0, self.height, self.width - self.indent)
        if self.marker:
            marker = layout_paragraph(self.marker, style, self.indent)
            x = self.width - self.indent if style.rtl else 0
            draw_lines(self.canv, marker[:1], style, x, self.height, self.indent)
