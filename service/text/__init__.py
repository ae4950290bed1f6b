"""Text layout for PDFs: bidi, line breaking, shaping and font fallback behind one interface.

    style = TextStyle(chain=fonts.chain("NotoSansArabic", "NotoSans"), size=10, direction="rtl", lang="ar")
    lines = layout_paragraph(text, style, width=400)

Knows nothing about leaflets. ``TextBlock`` is the reportlab flowable that draws the lines.
"""

from .fonts import Face, FontChain, FontLibrary
from .layout import Line, TextStyle, layout_paragraph, missing_characters
from .flowable import TextBlock, draw_lines, line_ink

__all__ = [
    "Face",
    "FontChain",
    "FontLibrary",
    "Line",
    "TextBlock",
    "draw_lines",
    "line_ink",
    "TextStyle",
    "layout_paragraph",
    "missing_characters",
]
