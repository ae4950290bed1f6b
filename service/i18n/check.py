"""Checks on the catalogs: placeholders intact, offered languages complete, nothing fuzzy."""

from __future__ import annotations

import re
from pathlib import Path

from .catalogs import Catalogs
from .languages import load_languages

_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def check_catalogs(locales: Path) -> list[str]:
    """Problems as ``file:line: message``.

    An incomplete catalog is not a problem: its language is simply not offered until it
    is complete (``infogen languages`` shows the coverage).
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
            if message.fuzzy:
                problems.append(f"{path}:{line}: fuzzy translation of {message.id[:50]!r}; review it")
            if sorted(_PLACEHOLDER.findall(message.id)) != sorted(_PLACEHOLDER.findall(message.string)):
                problems.append(f"{path}:{line}: placeholders differ from the Swedish text in {message.id[:50]!r}")
    return problems
