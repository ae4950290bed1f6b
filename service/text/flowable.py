"""A reportlab flowable that draws paragraphs laid out by ``layout_paragraph``."""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable

from .layout import Line, TextStyle, layout_paragraph


def draw_lines(canvas, lines: tuple[Line, ...], style: TextStyle, x0: float, top: float, width: float) -> None:
    """Draw ``lines`` in a box ``width`` wide whose top edge is at ``top``."""
    height = style.line_height
    # baseline: centre the font's body in the line, then sit on it
    y = top - height + (height - style.size) / 2 + style.size * 0.22
    canvas.setFillColor(HexColor(style.color))
    text = canvas.beginText()
    for line in lines:
        if style.align == "center":
            x = x0 + (width - line.width) / 2
        elif style.rtl:
            x = x0 + width - line.width
        else:
            x = x0
        for run in line.runs:
            text.setFont(run.face.name, style.size)
            text.setTextOrigin(x, y)
            text.textOut(run.glyphs)
            x += run.width
        y -= height
    canvas.drawText(text)


class TextBlock(Flowable):
    """A paragraph that wraps at the frame's width and splits across pages.

    ``indent`` keeps the text off the start side (left in LTR, right in RTL); ``marker``
    (a bullet, say) is drawn in that space beside the first line.
    """

    def __init__(self, text: str, style: TextStyle, space_before: float = 0, space_after: float = 0,
                 indent: float = 0, marker: str | None = None, keep_with_next: bool = False,
                 lines: tuple[Line, ...] | None = None):
        super().__init__()
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
        if fits < 2 or len(lines) - fits < 2:
            return []  # no lone first or last line on a page
        head = TextBlock(self.text, self.style, self.spaceBefore, 0, self.indent, self.marker, lines=lines[:fits])
        tail = TextBlock(self.text, self.style, 0, self.spaceAfter, self.indent, None, self.keepWithNext, lines[fits:])
        return [head, tail]

    def draw(self):
        style = self.style
        x0 = 0 if style.rtl else self.indent
        draw_lines(self.canv, self._lines, style, x0, self.height, self.width - self.indent)
        if self.marker:
            marker = layout_paragraph(self.marker, style, self.indent)
            x = self.width - self.indent if style.rtl else 0
            draw_lines(self.canv, marker[:1], style, x, self.height, self.indent)
