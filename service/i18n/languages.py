"""The language registry: data in ``locales/languages.yaml``, endonyms from CLDR."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from babel import Locale, UnknownLocaleError
from ruamel.yaml import YAML


@dataclass(frozen=True)
class Language:
    code: str  # BCP 47, also the catalog folder under locales/
    name_sv: str
    endonym: str
    direction: str  # "ltr" or "rtl"
    script: str  # ISO 15924
    fonts: tuple[str, ...]  # font families, first choice first
    source: bool = False  # the language the texts are written in
    locale: str | None = None  # CLDR locale for dates and plurals, where CLDR has one
    reviewed_by: str | None = None
    reviewed_on: date | None = None
    offered: bool = False  # readers can choose it; its catalog must be complete
    withheld: str | None = None  # for a language not offered: why

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"

    @property
    def plural_rule(self) -> str | None:
        """CLDR's plural rule, e.g. "one: i in 1 and v in 0" (None where CLDR has no locale)."""
        locale = self.babel_locale
        if locale is None:
            return None
        rules = locale.plural_form.rules
        return "; ".join(f"{k}: {v}" for k, v in rules.items()) or "other"

    @property
    def babel_locale(self) -> Locale | None:
        try:
            return Locale.parse(self.locale) if self.locale else None
        except (UnknownLocaleError, ValueError):
            return None


def _cldr_locale(code: str) -> str | None:
    try:
        Locale.parse(code.replace("-", "_"))
        return code.replace("-", "_")
    except (UnknownLocaleError, ValueError):
        return None


def _endonym(locale: str | None, code: str) -> str:
    """The language's name for itself, from CLDR (first letter as the language writes it)."""
    if not locale:
        return code
    return Locale.parse(locale).get_display_name() or code


def load_languages(path: Path) -> dict[str, Language]:
    entries = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    languages: dict[str, Language] = {}
    for entry in entries:
        code = entry["code"]
        locale = entry.get("locale", _cldr_locale(code))
        languages[code] = Language(
            code=code,
            name_sv=entry["name_sv"],
            endonym=entry.get("endonym") or _endonym(locale, code),
            locale=locale,
            direction=entry["direction"],
            script=entry["script"],
            fonts=tuple(entry["fonts"]),
            source=bool(entry.get("source", False)),
            reviewed_by=entry.get("reviewed_by") or None,
            reviewed_on=entry.get("reviewed_on") or None,
            offered=bool(entry.get("offered", False)) or bool(entry.get("source", False)),
            withheld=entry.get("withheld") or None,
        )
    return languages
