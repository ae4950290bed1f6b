"""Cards laid out on an A4 sheet: where they go, and the cut marks around them."""

from __future__ import annotations

from reportlab.lib.units import mm

MARK, MARK_GAP = 6 * mm, 2 * mm  # cut marks: 6 mm long, 2 mm off the cards


def cut_marks(canvas, left: float, bottom: float, card_w: float, card_h: float, columns: int, rows: int) -> None:
    """Short lines in the margins, in line with every cut of a grid of cards."""
    right, top = left + columns * card_w, bottom + rows * card_h
    canvas.saveState()
    canvas.setLineWidth(0.4)
    canvas.setStrokeColorRGB(0, 0, 0)
    for i in range(columns + 1):
        x = left + i * card_w
        canvas.line(x, top + MARK_GAP, x, top + MARK_GAP + MARK)
        canvas.line(x, bottom - MARK_GAP, x, bottom - MARK_GAP - MARK)
    for j in range(rows + 1):
        y = bottom + j * card_h
        canvas.line(left - MARK_GAP, y, left - MARK_GAP - MARK, y)
        canvas.line(right + MARK_GAP, y, right + MARK_GAP + MARK, y)
    canvas.restoreState()
