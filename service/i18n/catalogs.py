"""Translation catalogs (gettext, managed with Babel) and how complete they are."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

DOMAIN = "messages"  # what readers see: every language of the registry
STAFF_DOMAIN = "staff"  # the staff and administration pages: Swedish, and English
STAFF_LANGUAGES = ("en",)


@dataclass(frozen=True)
class Coverage:
    total: int
    translated: int
    fuzzy: int

    @property
    def percent(self) -> int:
        return 100 if not self.total else (100 * self.translated) // self.total


class Catalogs:
    """The catalogs under ``locales/``: ``<code>/LC_MESSAGES/<domain>.po`` (and its .mo)."""

    def __init__(self, folder: Path, domain: str = DOMAIN):
        self.folder = folder
        self.domain = domain
        self._translations: dict[str, NullTranslations] = {}
        self._coverage: dict[str, Coverage] = {}

    def po_path(self, code: str) -> Path:
        return self.folder / code / "LC_MESSAGES" / f"{self.domain}.po"

    @cached_property
    def template(self) -> Catalog:
        with open(self.folder / f"{self.domain}.pot", "rb") as f:
            return read_po(f)

    def catalog(self, code: str) -> Catalog | None:
        path = self.po_path(code)
        if not path.exists():
            return None
        with open(path, "rb") as f:
            return read_po(f)

    def translations(self, code: str) -> NullTranslations:
        """The compiled catalog; compiled in memory when the .mo is missing or stale."""
        found = self._translations.get(code)
        if found is not None:
            return found
        po = self.po_path(code)
        mo = po.with_suffix(".mo")
        if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
            with open(mo, "rb") as f:
                found = Translations(f, domain=self.domain)
        elif po.exists():
            buffer = BytesIO()
            write_mo(buffer, self.catalog(code))
            buffer.seek(0)
            found = Translations(buffer, domain=self.domain)
        else:
            found = NullTranslations()
        self._translations[code] = found
        return found

    def state(self, code: str, msgid: str):
        """A file's translation is a draft (or missing): review is recorded in the store."""
        from ..translations.model import State

        return State.draft if self.translations(code).gettext(msgid) != msgid else State.missing

    def entry(self, code: str, msgid: str):
        return None

    def number(self, code: str) -> int:
        return 0

    def coverage(self, code: str, source: bool = False) -> Coverage:
        """How many of the template's messages ``code`` translates (fuzzy ones do not count)."""
        if code not in self._coverage:
            self._coverage[code] = self._count(code, source)
        return self._coverage[code]

    def _count(self, code: str, source: bool) -> Coverage:
        ids = [m.id for m in self.template if m.id]
        if source:
            return Coverage(len(ids), len(ids), 0)
        catalog = self.catalog(code)
        if catalog is None:
            return Coverage(len(ids), 0, 0)
        translated = fuzzy = 0
        for msgid in ids:
            message = catalog.get(msgid)
            if message is None or not message.string:
                continue
            if message.fuzzy:
                fuzzy += 1
            else:
                translated += 1
        return Coverage(len(ids), translated, fuzzy)
