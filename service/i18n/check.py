"""Checks on the catalogs: placeholders intact, offered languages complete, nothing fuzzy."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from .catalogs import Catalogs
from .languages import load_languages

_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
# Joiners are part of normal spelling (Persian ZWNJ); any other format or control character
# in a translation could reorder or hide what a reader sees.
_ALLOWED_FORMAT = {"\u200c", "\u200d"}


def _text_problem(text: str) -> str | None:
    for char in text:
        category = unicodedata.category(char)
        if (category == "Cf" and char not in _ALLOWED_FORMAT) or category in ("Cc", "Co", "Cn", "Zl", "Zp"):
            return f"contains the invisible or control character U+{ord(char):04X}"
    if re.search(r"<\s*/?\s*[a-zA-Z!]", text):
        return "contains markup"
    return None


def check_catalogs(locales: Path) -> list[str]:
    """Problems as ``file:line: message``.

    An incomplete catalog is fine for a language not offered yet; an offered language must
    translate every message, with no fuzzy entries and the same placeholders.
    """
    catalogs = Catalogs(locales)
    problems: list[str] = []
    for lang in load_languages(locales / "languages.yaml").values():
        if lang.source:
            continue
        path = catalogs.po_path(lang.code)
        catalog = catalogs.catalog(lang.code)
        if catalog is None:
            problems.append(f"{path}:1: no catalog for language {lang.code}")
            continue
        for message in catalog:
            if not message.id or not message.string:
                continue
            line = message.lineno or 1
            problem = _text_problem(message.string)
            if problem:
                problems.append(f"{path}:{line}: the translation of {message.id[:50]!r} {problem}")
            if message.fuzzy:
                problems.append(f"{path}:{line}: fuzzy translation of {message.id[:50]!r}; review it")
            if sorted(_PLACEHOLDER.findall(message.id)) != sorted(_PLACEHOLDER.findall(message.string)):
                problems.append(f"{path}:{line}: placeholders differ from the Swedish text in {message.id[:50]!r}")
        if lang.offered:
            translated = {m.id for m in catalog if m.id and m.string and not m.fuzzy}
            for message in catalogs.template:
                if message.id and message.id not in translated:
                    problems.append(f"{path}:1: {lang.code} is offered but does not translate "
                                    f"{message.id[:50]!r} (from {message.locations[0][0] if message.locations else '?'})")
    return problems
