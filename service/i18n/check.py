"""Checks on the catalog files: every translation passes the rules a translation saved in the
product must pass (service/translations/rules.py), offered languages are complete, nothing
is fuzzy."""

from __future__ import annotations

from pathlib import Path

from ..translations.rules import problems as rule_problems
from .catalogs import STAFF_DOMAIN, Catalogs
from .languages import load_languages


def check_catalogs(locales: Path) -> list[str]:
    """Problems as ``file:line: message``.

    An incomplete catalog is fine for a language not offered yet; an offered language must
    translate every message, with no fuzzy entries and the same placeholders.
    """
    catalogs = Catalogs(locales)
    english = Catalogs(locales, STAFF_DOMAIN).translations("en").gettext
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
            for problem in rule_problems(message.id, message.string, lang.code, lang.script):
                problems.append(f"{path}:{line}: the translation of {problem.render(english)}")
            if message.fuzzy:
                problems.append(f"{path}:{line}: fuzzy translation of {message.id[:50]!r}; review it")
        if lang.offered:
            translated = {m.id for m in catalog if m.id and m.string and not m.fuzzy}
            for message in catalogs.template:
                if message.id and message.id not in translated:
                    problems.append(f"{path}:1: {lang.code} is offered but does not translate "
                                    f"{message.id[:50]!r} (from {message.locations[0][0] if message.locations else '?'})")
    return problems
