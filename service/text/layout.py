"""Lay out one paragraph: bidi levels, a font per character, break opportunities, shaped
runs, greedy wrapping on shaped widths, and runs reordered into visual order per line."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportlab.pdfbase.ttfonts import ShapedStr

from .fonts import Face, FontChain, is_control, is_mark
from .shaping import shape
from .unicode import bidi_levels, grapheme_breaks, line_breaks

# Shaping needs these; they are never drawn on their own.
_JOINERS = {"\u200c", "\u200d", "\u00ad"}
_BREAKING_SPACE = {" ", "\t", "\n", "\u2028", "\u2029"}


@dataclass(frozen=True, eq=False)
class TextStyle:
    chain: FontChain
    size: float
    leading: float = 0.0  # 0: 1.3 × size
    rtl: bool = False
    lang: str = "sv"
    align: str = "start"  # "start" (left for LTR, right for RTL) or "center"
    color: str = "#1a1a1a"

    @property
    def line_height(self) -> float:
        return self.leading or self.size * 1.3


@dataclass(frozen=True)
class Run:
    """Glyphs of one face at one bidi level, in visual order.

    ``outlines`` are the glyphs drawn as outlines, outside the text layer (see
    ``shaping.shape``): (index, glyph id, x and y offset in 1/1000 of the size, whether an
    invisible glyph at that index says its text).
    """

    face: Face
    glyphs: ShapedStr
    width: float
    level: int
    outlines: tuple[tuple[int, int, float, float, bool], ...] = ()


@dataclass(frozen=True)
class Line:
    runs: tuple[Run, ...]  # visual order, left to right
    width: float


@dataclass(frozen=True)
class _Token:
    """What lies between two break opportunities: a body and the spaces after it."""

    start: int
    body_end: int
    end: int
    body: tuple[Run, ...]
    space: tuple[Run, ...]
    mandatory: bool

    @property
    def body_width(self) -> float:
        return sum(r.width for r in self.body)

    @property
    def space_width(self) -> float:
        return sum(r.width for r in self.space)


def _faces(text: str, chain: FontChain) -> list[Face]:
    """A face per character; marks, joiners and spaces stay with the previous face."""
    faces: list[Face] = []
    current: Face | None = None
    for char in text:
        if current is not None and (
            is_control(char) or ((is_mark(char) or char.isspace()) and current.covers(char))
        ):
            faces.append(current)
            continue
        face = chain.face_for(char) or current or chain.primary
        faces.append(face)
        current = face
    return faces


def _runs(text, start, end, levels, faces, style) -> tuple[Run, ...]:
    runs: list[Run] = []
    chunk: list[str] = []
    key = None

    def flush():
        if chunk and key is not None:
            face, level = key
            glyphs, advance, outlines = shape(face, "".join(chunk), level % 2 == 1, style.lang)
            runs.append(Run(face, glyphs, advance * style.size / 1000, level, outlines))
        chunk.clear()

    for i in range(start, end):
        char = text[i]
        if is_control(char) and char not in _JOINERS:
            continue  # bidi controls: they have done their work in the levels
        if char in _JOINERS and key is not None:
            chunk.append(char)
            continue
        k = (faces[i], levels[i])
        if k != key:
            flush()
            key = k
        chunk.append(char)
    flush()
    return tuple(runs)


def _tokens(text: str, style: TextStyle) -> list[_Token]:
    levels = bidi_levels(text, style.rtl)
    faces = _faces(text, style.chain)
    tokens = []
    start = 0
    for end in line_breaks(text, style.lang):
        if end <= start:
            continue
        body_end = end
        while body_end > start and text[body_end - 1] in _BREAKING_SPACE:
            body_end -= 1
        mandatory = text[end - 1] in ("\n", "\u2028", "\u2029")
        tokens.append(
            _Token(
                start,
                body_end,
                end,
                _runs(text, start, body_end, levels, faces, style),
                _runs(text, body_end, end, levels, faces, style),
                mandatory,
            )
        )
        start = end
    return tokens


def _cut(text: str, token: _Token, width: float, style: TextStyle) -> list[_Token]:
    """Cut a token wider than the line at grapheme boundaries (a long URL, say)."""
    levels = bidi_levels(text, style.rtl)
    faces = _faces(text, style.chain)
    pieces: list[_Token] = []
    sub = text[token.start : token.body_end]
    cuts = [token.start + b for b in grapheme_breaks(sub, style.lang)]
    piece_start = token.start
    previous = piece_start
    for cut in cuts:
        if cut <= piece_start:
            continue
        runs = _runs(text, piece_start, cut, levels, faces, style)
        if sum(r.width for r in runs) > width and previous > piece_start:
            pieces.append(
                _Token(piece_start, previous, previous,
                       _runs(text, piece_start, previous, levels, faces, style), (), False)
            )
            piece_start = previous
        previous = cut
    last = _runs(text, piece_start, token.body_end, levels, faces, style)
    pieces.append(_Token(piece_start, token.body_end, token.end, last, token.space, token.mandatory))
    return pieces


def _visual_order(levels: list[int]) -> list[int]:
    """Rule L2 of UAX #9 on runs of these levels: the runs' indexes in visual order
    (every sequence at or above each odd level reversed)."""
    order = list(range(len(levels)))
    odd = [lvl for lvl in levels if lvl % 2]
    if not odd:
        return order
    for level in range(max(levels), min(odd) - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] >= level:
                j = i
                while j < len(order) and levels[order[j]] >= level:
                    j += 1
                order[i:j] = order[i:j][::-1]
                i = j
            else:
                i += 1
    return order


def _merge(runs: list[Run]) -> tuple[Run, ...]:
    """Join neighbours of the same face and level: fewer text operators to draw."""
    merged: list[Run] = []
    for run in runs:
        if merged and merged[-1].face is run.face and merged[-1].level == run.level:
            last = merged[-1]
            shift = len(last.glyphs)
            outlines = last.outlines + tuple((i + shift, *rest) for i, *rest in run.outlines)
            merged[-1] = Run(run.face, last.glyphs + run.glyphs, last.width + run.width, run.level, outlines)
        else:
            merged.append(run)
    return tuple(merged)


def _line(tokens: list[_Token]) -> Line:
    runs: list[Run] = []
    for n, token in enumerate(tokens):
        runs.extend(token.body)
        if n < len(tokens) - 1:  # spaces at the end of a line are not drawn (rule L1)
            runs.extend(token.space)
    order = _visual_order([r.level for r in runs])
    return Line(_merge([runs[k] for k in order]), sum(r.width for r in runs))


# bounded so a flood of distinct leaflets keeps the process small (bench/flood.py): a leaflet
# has about 60 paragraphs, so this keeps some 17 leaflets' worth
@lru_cache(maxsize=1024)
def layout_paragraph(text: str, style: TextStyle, width: float) -> tuple[Line, ...]:
    """Break ``text`` into lines no wider than ``width`` points, each in visual order."""
    if not text:
        return ()
    lines: list[Line] = []
    current: list[_Token] = []
    used = 0.0
    for token in _tokens(text, style):
        pieces = [token]
        if token.body_width > width:
            pieces = _cut(text, token, width, style)
        for piece in pieces:
            if current and used + piece.body_width > width + 0.01:
                lines.append(_line(current))
                current, used = [], 0.0
            current.append(piece)
            used += piece.body_width + piece.space_width
        if token.mandatory:
            lines.append(_line(current))
            current, used = [], 0.0
    if current:
        lines.append(_line(current))
    return tuple(lines)


def missing_characters(text: str, chain: FontChain) -> set[str]:
    """Characters of ``text`` that no face of ``chain`` can draw."""
    return {
        c
        for c in set(text)
        if not c.isspace() and not is_control(c) and chain.face_for(c) is None
    }
