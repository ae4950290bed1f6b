"""Keeping the PDF's text layer true to the source text.

A PDF maps each drawn glyph back to text through the font's ToUnicode map. reportlab builds
that map from the font's cmap, which cannot express what shaping does: a contextual form or
a ligature the cmap does not reach (Nastaliq, Thai mark variants), or a bracket mirrored in
right-to-left text (the glyph of ")" standing for "("). Shaping therefore gives such glyphs
a private code of their own and records the text each stands for; the ToUnicode map written
here says that text, so copy/paste, search and screen readers get the source back.

A cluster of several glyphs says its text once: on its first glyph that takes up room (see
``shaping._share``); the others map to an empty string, which poppler, MuPDF, PDFium and
pypdf all read as nothing. Never a zero-width space, never a private code: both end up in
copied text and break search.
"""

from __future__ import annotations

import unicodedata

from reportlab.pdfbase import ttfonts

# (font name as embedded, private code) -> the text the glyph stands for
_ACTUAL_TEXT: dict[tuple[str, int], str] = {}


def record(font_name: str, code: int, text: str) -> None:
    _ACTUAL_TEXT.setdefault((font_name, code), text)


def said(font_name: str, code: int) -> str | None:
    """The text recorded for a private code, if any."""
    return _ACTUAL_TEXT.get((font_name, code))


def _hex(text: str) -> str:
    return "".join(f"{b:02X}" for b in text.encode("utf-16-be"))


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """The ToUnicode CMap of one font subset (as reportlab's, plus the recorded texts)."""
    face = fontname.split("+", 1)[-1]
    entries = []
    for index, code in enumerate(subset):
        text = _ACTUAL_TEXT.get((face, code))
        if text is None:
            text = "" if unicodedata.category(chr(code)) == "Co" else chr(code)
        entries.append(f"<{index:02X}> <{_hex(text)}>")
    blocks = []
    for start in range(0, len(entries), 100):  # at most 100 entries per block (PDF reference)
        chunk = entries[start : start + 100]
        blocks += [f"{len(chunk)} beginbfchar", *chunk, "endbfchar"]
    return "\n".join([
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        f"/CIDSystemInfo << /Registry ({fontname}) /Ordering ({fontname}) /Supplement 0 >> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        *blocks,
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ])


# reportlab calls this module-level function when it writes each font subset
ttfonts.makeToUnicodeCMap = to_unicode_cmap
