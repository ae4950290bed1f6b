"""The catalog workflow through Babel's API: init, update and compile every language of the
registry — including those CLDR does not know (Meänkieli, Romani, easy-to-read Swedish),
which the ``pybabel`` command refuses."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po

from .catalogs import DOMAIN, STAFF_DOMAIN, STAFF_LANGUAGES, Catalogs
from .languages import Language, load_languages


def _write(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as f:
        write_po(f, catalog, width=0, ignore_obsolete=True)


def _merge(catalog: Catalog, template: Catalog) -> None:
    """Merge the template into ``catalog``; its header date moves only when its messages do,
    so a catalog file changes only when there is something new to translate."""
    before = [(m.id, m.string) for m in catalog if m.id]
    created = catalog.creation_date
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
    if [(m.id, m.string) for m in catalog if m.id] == before:
        catalog.creation_date = created


def init(locales: Path, language: Language) -> Path:
    """Start an empty catalog for ``language`` from the template."""
    catalogs = Catalogs(locales)
    path = catalogs.po_path(language.code)
    if path.exists():
        raise FileExistsError(f"{path} exists already; use update")
    catalog = Catalog(locale=language.locale, domain=DOMAIN, project="infogen", fuzzy=False)
    catalog.language_team = language.name_sv
    catalog.update(catalogs.template, no_fuzzy_matching=True)
    _write(path, catalog)
    return path


def update(locales: Path) -> list[Path]:
    """Merge the template into every catalog: new messages empty, vanished ones dropped.

    No fuzzy matching: a guessed translation of a changed safety text is worse than none.
    """
    catalogs = Catalogs(locales)
    written = []
    for language in load_languages(locales / "languages.yaml").values():
        if language.source:
            continue
        path = catalogs.po_path(language.code)
        if not path.exists():
            written.append(init(locales, language))
            continue
        catalog = catalogs.catalog(language.code)
        _merge(catalog, catalogs.template)
        _write(path, catalog)
        written.append(path)
    written += _update_staff(locales)
    return written


def _update_staff(locales: Path) -> list[Path]:
    """The staff pages' catalogs (English only; Swedish is the source)."""
    catalogs = Catalogs(locales, STAFF_DOMAIN)
    written = []
    for code in STAFF_LANGUAGES:
        path = catalogs.po_path(code)
        catalog = catalogs.catalog(code) or Catalog(locale=code, domain=STAFF_DOMAIN, project="infogen", fuzzy=False)
        _merge(catalog, catalogs.template)
        _write(path, catalog)
        written.append(path)
    return written


def compile_all(locales: Path) -> list[Path]:
    """Write the .mo next to every .po (fuzzy entries left out)."""
    catalogs = Catalogs(locales)
    written = []
    for language in load_languages(locales / "languages.yaml").values():
        catalog = catalogs.catalog(language.code)
        if catalog is None:
            continue
        mo = catalogs.po_path(language.code).with_suffix(".mo")
        with open(mo, "wb") as f:
            write_mo(f, catalog)
        written.append(mo)
    staff = Catalogs(locales, STAFF_DOMAIN)
    for code in STAFF_LANGUAGES:
        catalog = staff.catalog(code)
        if catalog is not None:
            mo = staff.po_path(code).with_suffix(".mo")
            with open(mo, "wb") as f:
                write_mo(f, catalog)
            written.append(mo)
    return written
