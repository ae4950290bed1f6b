"""Web fonts cut to what a language's pages can show, as WOFF2.

A whole Noto font is 30–500 KB; a reader on prepaid data, perhaps on someone else's plan,
should not pay for glyphs no page of theirs shows. Per language there is one stylesheet
naming its faces: the language's script font and Noto Sans (for numbers, names and Swedish
terms), in both weights, each cut to the characters of that language's texts and of the
contact data; and the ``Endonyms`` family, one small subset per script of the languages'
own names, the same on every page, so the language lists cost a few kilobytes once.

Every address carries a hash of what the file holds, so browsers may keep it for a year:
a new translation or contact with a new character gives new addresses. The set of files is
finite (known fonts × offered languages), so an address cannot make the server cut a font
to an arbitrary set of characters."""

from __future__ import annotations

import hashlib
import io
import logging
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

logging.getLogger("fontTools").setLevel(logging.WARNING)  # it tells of every table it cuts

BASE = "Noto Sans"  # the last resort of every page, as of every PDF
FILES = {"Noto Sans": "NotoSans", "Noto Sans Arabic": "NotoSansArabic", "Noto Sans Hebrew": "NotoSansHebrew",
         "Noto Sans Ethiopic": "NotoSansEthiopic", "Noto Sans Thai": "NotoSansThai"}
WEIGHTS = {400: "Regular", 700: "Bold"}
ENDONYMS = "endonyms"
# what any page may show besides its texts: digits, punctuation, quotes of every language
COMMON = "".join(chr(c) for c in range(0x20, 0x7F)) + "\u00a0«»‹›“”„‘’‚–—…·•→←↑↓×°§©\u2026"
_NAME = re.compile(r"(?P<file>[A-Za-z]+-(?:Regular|Bold))\.(?P<key>[a-z0-9-]{2,24})\.(?P<hash>[0-9a-f]{12})\.woff2"
                   r"|(?P<lang>[a-z0-9-]{2,24})\.(?P<csshash>[0-9a-f]{12})\.css", flags=re.ASCII)


@dataclass(frozen=True)
class Face:
    family: str
    weight: int
    file: str  # e.g. NotoSansArabic-Bold
    key: str  # a language code or ENDONYMS
    chars: frozenset[int]

    @property
    def digest(self) -> str:
        text = f"{self.file}|{self.key}|" + ",".join(map(str, sorted(self.chars)))
        return hashlib.sha256(text.encode()).hexdigest()[:12]

    @property
    def path(self) -> str:
        return f"/assets/fonts/{self.file}.{self.key}.{self.digest}.woff2"

    def css(self, family: str | None = None) -> str:
        return (f'@font-face {{ font-family: "{family or self.family}"; src: url("{self.path}") format("woff2"); '
                f"font-weight: {self.weight}; font-display: swap; unicode-range: {unicode_range(self.chars)}; }}\n")


def unicode_range(chars) -> str:
    """``U+20-7E, U+A0`` …: consecutive code points as one range."""
    spans: list[list[int]] = []
    for c in sorted(chars):
        if spans and c == spans[-1][1] + 1:
            spans[-1][1] = c
        else:
            spans.append([c, c])
    return ", ".join(f"U+{a:X}" if a == b else f"U+{a:X}-{b:X}" for a, b in spans) or "U+20"


def family_of(font: str) -> str:
    """A PDF font family as the registry names it ("NotoSansArabic") → the CSS family."""
    return {file: family for family, file in FILES.items()}.get(font, BASE)


class WebFonts:
    """The faces of every offered language, from the texts of one version of the content."""

    def __init__(self, folder: Path, cache: Path | None = None):
        self.folder = folder
        self.cache = cache  # cut fonts kept on disk, so a restart does not cut them again
        self._cmaps: dict[str, frozenset[int]] = {}
        self._cut: dict[tuple[str, str, str], bytes] = {}
        self._lock = threading.Lock()
        self._version: object = None
        self._faces: dict[str, tuple[Face, ...]] = {}
        self._endonyms: tuple[Face, ...] = ()

    def cmap(self, file: str) -> frozenset[int]:
        found = self._cmaps.get(file)
        if found is None:
            with TTFont(self.folder / f"{file}.ttf", lazy=True) as font:
                found = self._cmaps[file] = frozenset(font.getBestCmap())
        return found

    def update(self, version: object, texts: dict[str, str], endonyms: str, families: dict[str, tuple[str, ...]]) -> None:
        """Work out every language's faces: ``texts`` maps a language to all it can show,
        ``families`` to its CSS families (script font first); ``endonyms`` are the names of
        the offered languages, each in its own script."""
        if version is self._version:
            return
        faces = {}
        for code, text in texts.items():
            wanted = {ord(c) for c in text + COMMON}
            faces[code] = tuple(
                Face(family, weight, f"{FILES[family]}-{style}", code, frozenset(wanted & self.cmap(f"{FILES[family]}-Regular")))
                for family in dict.fromkeys(families[code] + (BASE,)) for weight, style in WEIGHTS.items())
        # one face per script for the names: Noto Sans first, each character from one font only
        left, named = {ord(c) for c in endonyms if not c.isspace()} | {0x20}, []
        for family in (BASE, *[f for f in FILES if f != BASE]):
            mine = frozenset(left & self.cmap(f"{FILES[family]}-Regular"))
            left -= mine
            if mine:
                named.append(Face(family, 400, f"{FILES[family]}-Regular", ENDONYMS, mine))
        with self._lock:
            self._faces, self._endonyms, self._version = faces, tuple(named), version

    def current(self, version: object) -> bool:
        return version is self._version

    def knows(self, code: str) -> bool:
        return code in self._faces

    def stylesheet_path(self, code: str) -> str:
        return f"/assets/fonts/{code}.{self._css_digest(code)}.css"

    def _css_digest(self, code: str) -> str:
        faces = self._faces.get(code, ()) + self._endonyms
        return hashlib.sha256("|".join(f.digest for f in faces).encode()).hexdigest()[:12]

    def stylesheet(self, code: str) -> str:
        return "".join(face.css() for face in self._faces[code]) + \
            "".join(face.css("Endonyms") for face in self._endonyms)

    def answer(self, name: str) -> tuple[bytes, str, bool] | None:
        """The file an address names: (bytes, media type, whether it is the version named);
        None for an address that names no file."""
        found = _NAME.fullmatch(name)
        if not found:
            return None
        if found["lang"]:
            code = found["lang"]
            if code not in self._faces:
                return None
            return self.stylesheet(code).encode(), "text/css; charset=utf-8", found["csshash"] == self._css_digest(code)
        faces = self._endonyms if found["key"] == ENDONYMS else self._faces.get(found["key"], ())
        face = next((f for f in faces if f.file == found["file"]), None)
        if face is None:
            return None
        return self.cut(face), "font/woff2", found["hash"] == face.digest

    def cut(self, face: Face) -> bytes:
        """The face as WOFF2 with only its characters (and the glyphs shaping needs for them)."""
        key = (face.file, face.key, face.digest)
        data = self._cut.get(key)
        if data is not None:
            return data
        stored = self.cache / f"{face.file}.{face.key}.{face.digest}.woff2" if self.cache else None
        if stored and stored.exists():
            data = stored.read_bytes()
        else:
            options = subset.Options()
            options.flavor = "woff2"
            options.layout_features = ["*"]  # Arabic joining, Ethiopic and Thai marks, ligatures
            options.hinting = False  # phones do not use it; a third of the bytes
            options.desubroutinize = True  # compresses better
            font = TTFont(self.folder / f"{face.file}.ttf")
            cutter = subset.Subsetter(options)
            cutter.populate(unicodes=sorted(face.chars))
            cutter.subset(font)
            out = io.BytesIO()
            font.flavor = "woff2"
            font.save(out)
            data = out.getvalue()
            if stored:
                stored.parent.mkdir(parents=True, exist_ok=True)
                temporary = stored.with_suffix(f".{threading.get_ident()}.tmp")
                temporary.write_bytes(data)
                temporary.replace(stored)
        with self._lock:
            self._cut[key] = data
        return data


def content_texts(content) -> tuple[dict[str, str], str, dict[str, tuple[str, ...]]]:
    """What :meth:`WebFonts.update` needs from the content: per offered language every text
    it can show (its translations, the Swedish a page may keep — names, terms, the review
    statement — and the contact data), the endonyms, and its CSS families."""
    directory = content.directory
    contacts = [c for m in directory.municipalities.values() for c in m.contacts]
    contacts += list(directory.actors.regional) + list(directory.actors.national)
    data = [m.name for m in directory.municipalities.values()]
    for contact in contacts:
        data.append(contact.name)
        data += [fact.value for fact in (contact.phone, contact.web, contact.email, contact.chat) if fact]
    msgids = content.catalogs.msgids
    shared = "".join(set("".join(msgids) + "".join(data) + "".join(lang.name_sv for lang in content.languages.values())))
    offered = content.offered()
    texts, families = {}, {}
    for lang in offered:
        gettext = content.catalogs.translations(lang.code).gettext
        texts[lang.code] = "".join(set("".join(gettext(m) for m in msgids))) + shared
        families[lang.code] = tuple(family_of(font) for font in lang.fonts)
    return texts, "".join(lang.endonym for lang in offered), families
