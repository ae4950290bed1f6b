"""The store on both databases it supports: a real SQLite file and the real PostgreSQL."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from sqlalchemy import select

from service.data.loader import load_directory
from service.data.schema import Contact, PhoneFact
from service.settings import ROOT
from service.store import Conflict, Generation, Store
from service.store.database import Database, utcnow
from service.store.export import export_directory
from service.store.tables import users

SHIPPED = ROOT / "municipalities"


def test_an_empty_database_is_migrated_and_seeded_once(database_url):
    store = Store.open(database_url, seed_from=SHIPPED)
    assert store.db.schema_version() == Database.newest_version()
    shipped = load_directory(SHIPPED)
    directory = store.contacts.directory()
    assert directory.municipalities == shipped.municipalities
    assert directory.actors == shipped.actors
    stamp = store.contacts.stamp()
    again = Store.open(database_url, seed_from=SHIPPED)  # a restart: nothing new
    assert again.contacts.stamp() == stamp
    assert [r.number for r in again.contacts.history("0180")] == [1]
    store.db.dispose(), again.db.dispose()


def _with_number(store: Store, code: str, number: str):
    document = store.contacts.current(code).document()
    contact = Contact(id="socialtjansten", kind="social_services", name="Socialtjänsten", audiences="all",
                      topics="all", phone=PhoneFact(value=number, source=f"infogen:{code}", checked=date.today()))
    return document.model_copy(update={"contacts": [contact]})


def test_every_publish_is_a_revision_and_a_rollback_restores_an_old_one(database_url):
    store = Store.open(database_url, seed_from=SHIPPED)
    admin = store.users.add("admin.botkyrka", "a long pass phrase", "municipal_admin", "0127")
    first = store.contacts.publish("0127", _with_number(store, "0127", "08-530 610 00"), admin.id, base=1)
    assert first.number == 2 and first.author == "admin.botkyrka"
    assert [(c.contact, c.field, c.new) for c in first.changes] == [("Socialtjänsten", "added", "08-530 610 00")]
    second = store.contacts.publish("0127", _with_number(store, "0127", "08-530 610 99"), admin.id, base=2)
    assert [(c.field, c.old, c.new) for c in second.changes] == [("phone", "08-530 610 00", "08-530 610 99")]
    assert store.contacts.directory().municipalities["0127"].contacts[0].phone.value == "08-530 610 99"

    back = store.contacts.rollback("0127", 1, admin.id, base=3)
    assert back.number == 4 and back.restores == 1
    assert store.contacts.directory().municipalities["0127"].contacts == []
    assert [r.number for r in store.contacts.history("0127")] == [4, 3, 2, 1]
    store.db.dispose()


def test_two_publishes_from_the_same_base_cannot_both_win(database_url):
    store = Store.open(database_url, seed_from=SHIPPED)
    admin = store.users.add("admin.botkyrka", "a long pass phrase", "municipal_admin", "0127")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def publish(number: str) -> None:
        document = _with_number(store, "0127", number)
        barrier.wait()
        try:
            store.contacts.publish("0127", document, admin.id, base=1)
            outcomes.append("published")
        except Conflict:
            outcomes.append("conflict")

    threads = [threading.Thread(target=publish, args=(n,)) for n in ("08-111 11 11", "08-222 22 22")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict", "published"]
    assert [r.number for r in store.contacts.history("0127")] == [2, 1]
    store.db.dispose()


def test_passwords_are_stored_only_as_argon2id_hashes(database_url):
    store = Store.open(database_url)
    store.users.add("county.admin", "correct horse battery", "county_admin", None)
    with store.db.engine.connect() as connection:
        stored = connection.execute(select(users.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and "correct horse" not in stored
    assert store.users.authenticate("County.Admin", "correct horse battery").username == "county.admin"
    assert store.users.authenticate("county.admin", "correct horse batterY") is None
    assert store.users.authenticate("nobody", "correct horse battery") is None
    store.db.dispose()


def test_generations_are_stored_together_or_not_at_all(database_url):
    store = Store.open(database_url)
    staff = store.users.add("staff.one", "a long pass phrase", "staff", "0127")
    now = utcnow()
    store.usage.record([Generation("0127", staff.id, "victim", ("close",), code, "web", now) for code in ("sv", "ar")])
    with pytest.raises(Exception):  # the second refers to no account: the whole batch fails
        store.usage.record([Generation("0127", staff.id, "victim", ("close",), "fa", "web", now),
                             Generation("0127", 999_999, "victim", ("close",), "ps", "web", now)])
    assert [g.language for g in store.usage.generations("0127")] == ["sv", "ar"]
    store.db.dispose()


def test_export_writes_back_what_the_database_holds_in_the_shipped_format(database_url, tmp_path):
    store = Store.open(database_url, seed_from=SHIPPED)
    admin = store.users.add("admin.botkyrka", "a long pass phrase", "municipal_admin", "0127")
    store.contacts.publish("0127", _with_number(store, "0127", "08-530 610 00"), admin.id, base=1)
    written = export_directory(store.contacts, tmp_path / "export")
    assert len(written) == 27 and (tmp_path / "export" / "0127-botkyrka.yaml").exists()
    exported = load_directory(tmp_path / "export")  # the same validation as the shipped files
    assert exported.municipalities == store.contacts.directory().municipalities
    assert exported.actors == store.contacts.directory().actors
    assert "08-530 610 00" in (tmp_path / "export" / "0127-botkyrka.yaml").read_text()
    store.db.dispose()
