"""Shaping a run of text (one font, one direction) with HarfBuzz into a string reportlab draws."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import uharfbuzz
from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr

from . import extraction
from .fonts import Face

# Optional ligatures ("fi", "ff") are off: a ligature glyph extracts from the PDF as one
# character (U+FB00 …), which breaks search and copy/paste. Required ones (Arabic lam-alef)
# come from "rlig" and stay on.
_FEATURES = {"kern": True, "liga": False, "clig": False}


def _same(a: str, b: str) -> bool:
    """Do the glyphs' cmap characters give back exactly the source text (in any order)?

    Canonical equivalence only (NFC): a presentation form (U+FExx) is *not* the letter,
    and extracting it would break search and screen readers.
    """
    return sorted(unicodedata.normalize("NFC", a)) == sorted(unicodedata.normalize("NFC", b))


def _cluster_texts(text: str, clusters: list[int]) -> dict[int, str]:
    starts = sorted(set(clusters))
    ends = starts[1:] + [len(text)]
    return {s: text[s:e] for s, e in zip(starts, ends)}


@lru_cache(maxsize=50_000)
def shape(face: Face, text: str, rtl: bool, lang: str) -> tuple[ShapedStr, float]:
    """Glyphs of ``text`` in visual order, and their advance in 1/1000 of the font size.

    Each glyph becomes the character reportlab's subset maps to that glyph. Where that
    character would not give the source text back (see ``extraction``), the glyph gets a
    private code whose text is recorded instead.
    """
    buf = uharfbuzz.Buffer()
    buf.cluster_level = uharfbuzz.BufferClusterLevel.MONOTONE_CHARACTERS
    buf.add_str(text)
    buf.guess_segment_properties()
    buf.direction = "rtl" if rtl else "ltr"
    buf.language = lang
    uharfbuzz.shape(face.hb_font, buf, _FEATURES)
    infos, positions = buf.glyph_infos, buf.glyph_positions

    ttf = face.ttfont
    glyph_to_char = ttf.face.glyphToChar
    clusters = [info.cluster for info in infos]
    sources = _cluster_texts(text, clusters)
    by_cluster: dict[int, list[int]] = {}
    for index, cluster in enumerate(clusters):
        by_cluster.setdefault(cluster, []).append(index)

    codes: list[int] = [0] * len(infos)
    for cluster, indexes in by_cluster.items():
        source = sources[cluster]
        mapped = [glyph_to_char.get(infos[i].codepoint) for i in indexes]
        if all(mapped) and _same("".join(chr(m[0]) for m in mapped), source):
            for i, m in zip(indexes, mapped):
                codes[i] = m[0]
            continue
        # the first glyph (in reading order) carries the cluster's text, the others none
        ordered = indexes[::-1] if rtl else indexes
        for n, i in enumerate(ordered):
            gid = infos[i].codepoint
            # the text stream of a right-to-left run is in visual order, so is a ligature's text
            says = (source[::-1] if rtl else source) if n == 0 else ""
            name = f"{face.hb_font.glyph_to_string(gid)}|{says}"
            code = ttf.hbAddPrivate(name, gid, ttf.pdfScale(positions[i].x_advance))
            extraction.record(face.postscript_name, code, says)
            codes[i] = code

    char_widths = ttf.face.charWidths
    scale = ttf.pdfScale
    data = []
    total = 0.0
    for info, pos, code in zip(infos, positions, codes):
        x_advance = scale(pos.x_advance)
        total += x_advance
        data.append(ShapeData(info.cluster, x_advance, scale(pos.y_advance), scale(pos.x_offset),
                              scale(pos.y_offset), char_widths[code]))
    return ShapedStr("".join(map(chr, codes)), shapeData=data), total
