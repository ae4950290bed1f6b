"""Shaping a run of text (one font, one direction) with HarfBuzz into a string reportlab draws."""

from __future__ import annotations

from functools import lru_cache

import uharfbuzz
from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr

from .fonts import Face

# Optional ligatures ("fi", "ff") are off: a ligature glyph extracts from the PDF as one
# character (U+FB00 …), which breaks search and copy/paste. Required ones (Arabic lam-alef)
# come from "rlig" and stay on.
_FEATURES = {"kern": True, "liga": False, "clig": False}


@lru_cache(maxsize=50_000)
def shape(face: Face, text: str, rtl: bool, lang: str) -> tuple[ShapedStr, float]:
    """Glyphs of ``text`` in visual order, and their advance in 1/1000 of the font size.

    Each glyph becomes the character reportlab's subset maps to that glyph (a private
    code point for glyphs the font's cmap does not reach), carrying HarfBuzz's positions.
    """
    buf = uharfbuzz.Buffer()
    buf.cluster_level = uharfbuzz.BufferClusterLevel.MONOTONE_CHARACTERS
    buf.add_str(text)
    buf.guess_segment_properties()
    buf.direction = "rtl" if rtl else "ltr"
    buf.language = lang
    uharfbuzz.shape(face.hb_font, buf, _FEATURES)

    ttf = face.ttfont
    glyph_to_char = ttf.face.glyphToChar
    char_widths = ttf.face.charWidths
    scale = ttf.pdfScale
    chars = []
    data = []
    total = 0.0
    for info, pos in zip(buf.glyph_infos, buf.glyph_positions):
        gid = info.codepoint
        mapped = glyph_to_char.get(gid)
        if mapped:
            uchar = mapped[0]
        else:
            uchar = ttf.hbAddPrivate(face.hb_font.glyph_to_string(gid), gid, pos.x_advance)
        x_advance = scale(pos.x_advance)
        total += x_advance
        chars.append(chr(uchar))
        data.append(
            ShapeData(
                info.cluster,
                x_advance,
                scale(pos.y_advance),
                scale(pos.x_offset),
                scale(pos.y_offset),
                char_widths[uchar],
            )
        )
    return ShapedStr("".join(chars), shapeData=data), total
