"""Shaping a run of text (one font, one direction) with HarfBuzz into a string reportlab draws."""

from __future__ import annotations

from functools import lru_cache

import uharfbuzz
from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr

from . import extraction
from .fonts import Face, is_mark

# Optional ligatures ("fi", "ff") are off: a ligature glyph extracts from the PDF as one
# character (U+FB00 …), which breaks search and copy/paste. Required ones (Arabic lam-alef)
# come from "rlig" and stay on.
_FEATURES = {"kern": True, "liga": False, "clig": False}


def _blank(face: Face) -> int | None:
    """A glyph of no width and no outline: the font's NULL glyph (the cmap's U+0000).
    Not the joiners' glyphs: Noto draws a visible sign for ZWJ."""
    gid = face.ttfont.face.charToGlyph.get(0)
    if gid is None or face.hb_font.get_glyph_h_advance(gid) or face.hb_font.get_glyph_extents(gid).width:
        return None
    return gid


def _apart(face: Face, infos, positions, codes: list[int], outlines: dict[int, int], blank: int) -> dict[int, int]:
    """Marks placed apart from where the pen stands (raised, lowered or moved over their
    base): drawn as outlines, their text said by an invisible glyph of no width at the pen.

    Tools that find words by the glyphs' positions cut a word at a glyph out of line
    (poppler: Thai ผู้หญิง, Yiddish פּ; PDFium: אָ), and a span of /ActualText around it
    cannot help: poppler's structure text stops at the span's end. Returns the invisible
    glyphs' codes by glyph index; ``outlines`` gets the marks.
    """
    ttf = face.ttfont
    riders = {}
    for i, (info, pos) in enumerate(zip(infos, positions)):
        if i in outlines or pos.x_advance or not (pos.x_offset or pos.y_offset):
            continue
        says = extraction.said(face.postscript_name, codes[i])
        if says is None:
            says = chr(codes[i])
        code = ttf.hbAddPrivate(f"blank|{says}", blank, 0)
        extraction.record(face.postscript_name, code, says)
        riders[i] = code
        outlines[i] = info.codepoint
    return riders


def _cluster_texts(text: str, clusters: list[int]) -> dict[int, str]:
    starts = sorted(set(clusters))
    ends = starts[1:] + [len(text)]
    return {s: text[s:e] for s, e in zip(starts, ends)}


def _share(source: str, advances: list[int]) -> list[str]:
    """The text each glyph of a cluster stands for, in reading order, so that the glyphs'
    texts put together are ``source`` once, logically ordered.

    Glyphs that take up room carry the text, one character (with its marks) each and the
    last the rest; a glyph of no width (a mark placed apart, the ring of SARA AM) carries
    nothing. Were the text on a narrow glyph and the wide one empty, tools that find words
    by the gaps between glyphs would see a space inside the word.
    """
    spacing = [n for n, advance in enumerate(advances) if advance > 0] or [0]
    units: list[str] = []
    for char in source:
        if units and is_mark(char):
            units[-1] += char
        else:
            units.append(char)
    shares = [""] * len(advances)
    for n, glyph in enumerate(spacing):
        last = n == len(spacing) - 1
        shares[glyph] = "".join(units[n:]) if last else (units[n] if n < len(units) else "")
    return shares


def _right_to_left(face: Face, source: str, indexes: list[int], infos, positions, blank: int,
                   codes: list[int], riders: dict[int, list[int]]) -> None:
    """A right-to-left cluster: one character for each glyph.

    Extractors (poppler, MuPDF, PDFium, pypdf) read the glyphs of a right-to-left line in
    drawing order and reverse them into reading order, character by character; a glyph
    that stands for two letters (lam-alef) comes out with its letters swapped in all but
    pypdf, whatever order its text is given in. So no glyph says more than one character:
    the glyphs, left to right, say the cluster's characters from its last to its first, and
    the letters a ligature stands for beyond its own glyphs ride on invisible glyphs of
    no width drawn at its left edge.
    """
    ttf = face.ttfont
    chars = source[::-1]
    extra = len(chars) - len(indexes)
    for n, char in enumerate(chars):
        if n < extra:
            code = ttf.hbAddPrivate(f"blank|{char}", blank, 0)
            riders.setdefault(indexes[0], []).append(code)
        else:
            i = indexes[n - extra]
            gid = infos[i].codepoint
            code = ttf.hbAddPrivate(f"{face.hb_font.glyph_to_string(gid)}|{char}", gid,
                                    ttf.pdfScale(positions[i].x_advance))
            codes[i] = code
        extraction.record(face.postscript_name, code, char)


@lru_cache(maxsize=4096)  # runs of text, about 1.5 kB each: bounded like the layouts (bench/flood.py)
def shape(face: Face, text: str, rtl: bool, lang: str) -> tuple[ShapedStr, float, tuple]:
    """Glyphs of ``text`` in visual order, their advance in 1/1000 of the font size, and
    the glyphs to draw as outlines rather than as text (see ``layout.Run.outlines``).

    Each glyph becomes the character reportlab's subset maps to that glyph. Where that
    character would not give the source text back (see ``extraction``), the glyph gets a
    private code whose text is recorded instead. A glyph that stands for nothing once its
    cluster's text is said (the ring of SARA AM) is drawn as its outline: a glyph in the
    text layer that maps to nothing comes out as its raw code from MuPDF and PDFium. So is
    a mark placed apart (``_apart``), its text said where the pen stands.
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
    outlines: dict[int, int] = {}  # glyph index -> glyph id, drawn as an outline
    riders: dict[int, list[int]] = {}  # glyph index -> invisible glyphs drawn just before it
    blank = _blank(face)
    for cluster, indexes in by_cluster.items():
        source = sources[cluster]
        mapped = [glyph_to_char.get(infos[i].codepoint) for i in indexes]
        read = "".join(chr(m[0]) for m in mapped) if all(mapped) else None
        if read is not None and read == (source[::-1] if rtl else source):
            for i, m in zip(indexes, mapped):
                codes[i] = m[0]
            continue
        if rtl and blank is not None and len(source) >= len(indexes):
            _right_to_left(face, source, indexes, infos, positions, blank, codes, riders)
            continue
        ordered = indexes[::-1] if rtl else indexes  # reading order
        shares = _share(source, [positions[i].x_advance for i in ordered])
        for i, says in zip(ordered, shares):
            gid = infos[i].codepoint
            name = f"{face.hb_font.glyph_to_string(gid)}|{says}"
            code = ttf.hbAddPrivate(name, gid, ttf.pdfScale(positions[i].x_advance))
            extraction.record(face.postscript_name, code, says)
            codes[i] = code
            if not says:
                outlines[i] = gid
    apart = _apart(face, infos, positions, codes, outlines, blank) if blank is not None else {}
    codes = [apart.get(i, code) for i, code in enumerate(codes)]

    char_widths = ttf.face.charWidths
    scale = ttf.pdfScale
    data = []
    drawn = []
    total = 0.0
    shift = 0  # riders drawn so far move later glyphs along the string
    drawn_outlines = []
    for index, (info, pos, code) in enumerate(zip(infos, positions, codes)):
        for rider in riders.get(index, ()):
            drawn.append(rider)
            data.append(ShapeData(info.cluster, 0, 0, 0, 0, 0))
            shift += 1
        x_advance = scale(pos.x_advance)
        total += x_advance
        drawn.append(code)
        if index in outlines:
            # its text, if any, is said by an invisible glyph where the pen stands
            drawn_outlines.append((index + shift, outlines[index], scale(pos.x_offset), scale(pos.y_offset),
                                   index in apart))
            data.append(ShapeData(info.cluster, x_advance, 0, 0, 0, char_widths[code]))
            continue
        data.append(ShapeData(info.cluster, x_advance, scale(pos.y_advance), scale(pos.x_offset),
                              scale(pos.y_offset), char_widths[code]))
    return ShapedStr("".join(map(chr, drawn)), shapeData=data), total, tuple(drawn_outlines)
