"""Storage: accounts, contact data revisions and usage events, in SQLite or PostgreSQL."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..data.loader import load_directory
from .database import Database
from .links import LinkChecks
from .revisions import ACTORS, Conflict, ContactData, Revision
from .translations import Edit, TranslationData, TranslationRevision, WorkingCopy
from .usage import Generation, PendingViews, Report, Usage, Use
from .users import AccountProblem, Role, User, Users

__all__ = ["ACTORS", "AccountProblem", "Conflict", "ContactData", "Database", "Edit", "Generation", "LinkChecks",
           "PendingViews", "Report", "Revision", "Role", "Store", "TranslationData", "TranslationRevision", "Usage", "Use",
           "User", "Users", "WorkingCopy"]


@dataclass
class Store:
    db: Database
    users: Users
    contacts: ContactData
    usage: Usage
    translations: TranslationData
    links: LinkChecks

    @classmethod
    def open(cls, url: str, seed_from: Path | None = None, locales: Path | None = None) -> Store:
        """Connect, migrate, on an empty database seed the contact data from ``seed_from``, and
        bring the translations in line with the catalog files under ``locales`` (seeding
        them on a database that has none): all in one transaction."""
        db = Database(url)
        store = cls(db, Users(db), ContactData(db), Usage(db), TranslationData(db), LinkChecks(db))
        with db.exclusive() as connection:
            db.migrate(connection)
            if seed_from is not None and store.contacts.is_empty(connection):
                store.contacts.seed(connection, load_directory(seed_from))
            if locales is not None:
                store.translations.follow_files(connection, locales)
        return store
