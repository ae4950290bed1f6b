"""Translations as revisioned data, on SQLite and PostgreSQL: seeded from locales/, kept in
line with the Swedish template, a changed Swedish text making its translations outdated."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from service.settings import ROOT
from service.store import Store
from service.store.database import Database
from service.translations.model import Entry, Origin, Reviewer, State, status

SHIPPED = ROOT / "municipalities"
OLD = "Dina barn har rätt till eget stöd."
NEW = "Dina barn har rätt till eget stöd och eget skydd."


@pytest.fixture()
def locales(tmp_path: Path) -> Path:
    target = tmp_path / "locales"
    shutil.copytree(ROOT / "locales", target, ignore=shutil.ignore_patterns("*.mo"))
    return target


def change_swedish(locales: Path, old: str, new: str) -> None:
    """What `make update` does after a Swedish text is edited in the code: the template has
    the new text, every catalog an empty entry for it and none for the old one."""
    for path in [locales / "messages.pot", *locales.glob("*/LC_MESSAGES/messages.po")]:
        with open(path, "rb") as f:
            catalog = read_po(f)
        message = catalog.get(old)
        locations = message.locations
        catalog.delete(old)
        catalog.add(new, "", locations=locations)
        with open(path, "wb") as f:
            write_po(f, catalog, width=0)


def test_an_empty_database_gets_every_language_as_drafts_from_the_files(database_url, locales):
    store = Store.open(database_url, seed_from=SHIPPED, locales=locales)
    newest = store.translations.newest()
    assert "sv" not in newest and len(newest) == 31
    number, arabic = newest["ar"]
    assert number == 1
    assert arabic[OLD].state == State.draft and arabic[OLD].text.strip()
    figures = status("ar", arabic, arabic.keys())
    assert (figures.reviewed, figures.outdated, figures.missing, figures.state) == (0, 0, 0, "draft")
    assert figures.draft == figures.total > 240
    again = Store.open(database_url, seed_from=SHIPPED, locales=locales)  # a restart: nothing new
    assert again.translations.newest()["ar"][0] == 1
    store.db.dispose()
    again.db.dispose()


def test_a_changed_swedish_text_makes_its_translations_outdated_in_every_language(database_url, locales):
    store = Store.open(database_url, seed_from=SHIPPED, locales=locales)
    current = store.translations.current("ar")
    reviewed = {**current.messages, OLD: current.messages[OLD].reviewed_by(Reviewer(None, "Amal Haddad", "1234"),
                                                                         date(2026, 12, 1))}
    store.translations.publish("ar", reviewed, None, current.number, "review")
    arabic_text = current.messages[OLD].text

    change_swedish(locales, OLD, NEW)
    store = Store.open(database_url, seed_from=SHIPPED, locales=locales)
    newest = store.translations.newest()
    for code, (_, messages) in newest.items():
        assert OLD not in messages, code
        assert messages[NEW].state == State.outdated, code
        assert messages[NEW].previous == OLD
        assert messages[NEW].text  # the old text is kept, and shown, until reviewed
    assert newest["ar"][1][NEW].text == arabic_text
    assert newest["ar"][1][NEW].reviewer == "Amal Haddad"  # who reviewed the old text, kept
    assert status("ar", newest["ar"][1], newest["ar"][1].keys()).outdated == 1
    history = store.translations.history("ar")
    assert [h.number for h in history] == [3, 2, 1]
    assert {c.msgid for c in history[0].changes} == {OLD, NEW}
    store.db.dispose()


def test_a_new_message_enters_as_a_draft_or_missing_and_a_corrected_draft_follows(database_url, locales):
    store = Store.open(database_url, seed_from=SHIPPED, locales=locales)
    current = store.translations.current("en")
    edited = {**current.messages, "Gratis": Entry("Free of charge", State.draft, Origin.edited)}
    store.translations.publish("en", edited, None, current.number, "edited")
    added = "Ett helt nytt meddelande i bladet."
    for path in [locales / "messages.pot", locales / "en/LC_MESSAGES/messages.po"]:
        with open(path, "rb") as f:
            catalog = read_po(f)
        catalog.add(added, "A whole new message in the leaflet." if "en" in str(path) else "",
                    locations=[("service/content/texts.py", None)])
        if "en" in str(path):
            catalog.get("Gratis").string = "Free (from the files)"
            catalog.get("Tolk finns").string = "An interpreter is available"
        with open(path, "wb") as f:
            write_po(f, catalog, width=0)
    store = Store.open(database_url, seed_from=SHIPPED, locales=locales)
    english = store.translations.newest()["en"][1]
    arabic = store.translations.newest()["ar"][1]
    assert english[added] == Entry("A whole new message in the leaflet.", State.draft)
    assert arabic[added].state == State.missing
    assert english["Tolk finns"].text == "An interpreter is available"  # a corrected draft follows the files
    assert english["Gratis"].text == "Free of charge"  # what was edited in the product stays
    store.db.dispose()


def test_an_existing_database_keeps_everything_and_gains_its_translations(database_url, locales):
    from sqlalchemy import text

    from service.data.loader import load_directory
    from service.store.revisions import ContactData
    from service.store.database import utcnow

    db = Database(database_url)  # the database as the previous release left it
    with db.exclusive() as connection:
        db.migrate(connection, target="0002")
        ContactData(db).seed(connection, load_directory(SHIPPED))
        connection.execute(text("INSERT INTO users (username, password_hash, role, municipality, active, created_at)"
                                " VALUES ('staff.before', 'x', 'staff', '0127', true, :now)"), {"now": utcnow()})
    stamp = ContactData(db).stamp()
    db.dispose()
    store = Store.open(database_url, seed_from=SHIPPED, locales=locales)
    assert store.db.schema_version() == Database.newest_version()
    assert store.contacts.stamp() == stamp  # no contact data seeded again, none lost
    assert [u.username for u in store.users.list()] == ["staff.before"]
    assert len(store.translations.newest()) == 31
    store.db.dispose()
