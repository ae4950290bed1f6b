"""Fonts: TrueType faces registered with reportlab, and fallback chains of them."""

from __future__ import annotations

import functools
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import uharfbuzz
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont


# reportlab's TTFont objects are shared by every document drawn with them and keep state that
# is not safe across threads: the read position in the font file while a subset is written,
# and the private code points handed out to unencoded glyphs (ligatures, contextual forms) as
# they first appear. Every PDF is laid out and drawn under this lock: rendering in Python
# holds the interpreter anyway, so the lock costs little, and a PDF drawn among 16 threads is
# byte for byte the one drawn alone.
DRAWING = threading.RLock()


def exclusive(render):
    """``render`` (laying out and drawing one PDF) run under ``DRAWING``."""

    @functools.wraps(render)
    def locked(*args, **kwargs):
        with DRAWING:
            return render(*args, **kwargs)

    return locked


@dataclass(eq=False)
class Face:
    """One TrueType font file, registered with reportlab under ``name``."""

    name: str
    path: Path
    ttfont: TTFont
    hb_font: uharfbuzz.Font
    units_per_em: int
    coverage: frozenset[int]
    postscript_name: str  # the name the PDF embeds it under

    def covers(self, char: str) -> bool:
        return ord(char) in self.coverage

    @classmethod
    def load(cls, name: str, path: Path) -> Face:
        try:
            ttfont = pdfmetrics.getFont(name)
        except KeyError:
            ttfont = TTFont(name, str(path))
            pdfmetrics.registerFont(ttfont)
        # hbFont() also prepares reportlab's mapping of unencoded glyphs (ligatures,
        # contextual forms) to private code points, which drawing relies on.
        ttfont.hbFont(10)
        hb_font = uharfbuzz.Font(ttfont.hbFace)
        return cls(
            name=name,
            path=path,
            ttfont=ttfont,
            hb_font=hb_font,
            units_per_em=ttfont.face.unitsPerEm,
            coverage=frozenset(ttfont.face.charToGlyph),
            postscript_name=ttfont.face.name.decode("latin-1"),
        )


# Characters that never need a glyph of their own: they steer layout or shaping.
_FORMAT = "Cf"
_MARK = ("Mn", "Me", "Mc")


def is_control(char: str) -> bool:
    return unicodedata.category(char) == _FORMAT


def is_mark(char: str) -> bool:
    return unicodedata.category(char) in _MARK


@dataclass(frozen=True, eq=False)
class FontChain:
    """Faces in order of preference; each character takes the first face that has it."""

    faces: tuple[Face, ...]

    def face_for(self, char: str) -> Face | None:
        cp = ord(char)
        for face in self.faces:
            if cp in face.coverage:
                return face
        return None

    @property
    def primary(self) -> Face:
        return self.faces[0]


class FontLibrary:
    """The font files of one folder, loaded on first use."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._faces: dict[str, Face] = {}

    def face(self, name: str) -> Face:
        face = self._faces.get(name)
        if face is None:
            path = self.folder / f"{name}.ttf"
            if not path.exists():
                raise FileNotFoundError(f"font {name!r} not found: expected {path}")
            face = self._faces[name] = Face.load(name, path)
        return face

    def chain(self, *names: str) -> FontChain:
        return FontChain(tuple(self.face(n) for n in names))
