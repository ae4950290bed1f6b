"""What ICU tells about a paragraph: bidi embedding levels and line-break opportunities.

ICU works in UTF-16 code units; everything here is converted to Python string indices.
"""

from __future__ import annotations

import re
from functools import lru_cache

import icu

LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
_ISOLATE_OPEN = (LRI, RLI, FSI)


def _utf16_to_index(text: str) -> list[int] | None:
    """Map UTF-16 offsets to string indices, or None when the text is all BMP."""
    if all(ord(c) <= 0xFFFF for c in text):
        return None
    mapping = []
    for i, c in enumerate(text):
        mapping.append(i)
        if ord(c) > 0xFFFF:
            mapping.append(i)
    mapping.append(len(text))
    return mapping


def bidi_levels(text: str, rtl: bool) -> list[int]:
    """The resolved embedding level of every character (rules X1–I2 of UAX #9)."""
    bidi = icu.Bidi()
    bidi.setPara(icu.UnicodeString(text), 1 if rtl else 0)
    units = bidi.getLevels()
    mapping = _utf16_to_index(text)
    if mapping is None:
        return list(units)
    levels = [0] * len(text)
    for unit, level in enumerate(units):
        levels[mapping[unit]] = level
    return levels


@lru_cache(maxsize=64)
def _line_breaker(lang: str) -> icu.BreakIterator:
    return icu.BreakIterator.createLineInstance(icu.Locale(lang))


@lru_cache(maxsize=64)
def _grapheme_breaker(lang: str) -> icu.BreakIterator:
    return icu.BreakIterator.createCharacterInstance(icu.Locale(lang))


def _boundaries(breaker: icu.BreakIterator, text: str) -> list[int]:
    breaker.setText(text)
    found = list(breaker)
    mapping = _utf16_to_index(text)
    if mapping is not None:
        found = [mapping[b] for b in found]
    return found


# An address: no spaces, a letter, and a dot or slash between word characters (a phone
# number has no letter; "Tel:" has neither).
_ADDRESS = re.compile(r"(?=[^\s]*[^\W\d_])(?=[^\s]*\w[./@]\w)[^\s]+")
_AFTER = "/-.?&"  # where a browser breaks a long address


def _address_breaks(text: str, start: int, end: int) -> list[int]:
    """Break opportunities inside an address isolated as ``text[start:end]``: after each
    run of ``/ - . ? &``, never in the scheme's ``://`` nor at the address's ends."""
    body = text[start:end]
    if not _ADDRESS.fullmatch(body):
        return []
    scheme = body.find("://")
    breaks = []
    for i in range(1, len(body) - 1):
        if body[i - 1] in _AFTER and body[i] not in _AFTER and not (0 <= scheme < i <= scheme + 3):
            breaks.append(start + i)
    return breaks


def line_breaks(text: str, lang: str) -> list[int]:
    """Indices where a line may end (UAX #14, dictionary-based for Thai and the like).

    Never inside a directional isolate: phone numbers and names wrapped in LRI…PDI stay
    on one line. An address so wrapped breaks where a browser breaks it, after ``/``,
    ``-``, ``.``, ``?`` or ``&`` (ICU's rules do not know addresses).
    """
    depth = 0
    inside = [False] * (len(text) + 1)
    isolates: list[tuple[int, int]] = []
    opened = 0
    for i, c in enumerate(text):
        if c in _ISOLATE_OPEN:
            if depth == 0:
                opened = i + 1
            depth += 1
        elif c == PDI and depth:
            depth -= 1
            if depth == 0:
                isolates.append((opened, i))
        inside[i + 1] = depth > 0
    breaks = [b for b in _boundaries(_line_breaker(lang), text) if not inside[b]]
    for start, end in isolates:
        breaks += _address_breaks(text, start, end)
    breaks.sort()
    if not breaks or breaks[-1] != len(text):
        breaks.append(len(text))
    return breaks


def grapheme_breaks(text: str, lang: str) -> list[int]:
    """Indices between user-perceived characters, for cutting a word too long for a line."""
    return _boundaries(_grapheme_breaker(lang), text)
