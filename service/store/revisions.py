"""Contact data as revisions: every publish adds one, a rollback adds one that restores an
older one, nothing is ever overwritten. The current data of a scope (a municipality code,
or ``actors``) is its highest-numbered revision."""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select
from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError

from ..data.loader import Directory
from ..data.schema import Actors, Municipality
from .database import Database, as_utc, utcnow
from .tables import revisions, users

log = logging.getLogger("infogen.data")

ACTORS = "actors"


class Conflict(Exception):
    """Someone else published this scope since the editor loaded it."""

    def __init__(self, scope: str, base: int, current: int):
        self.scope, self.base, self.current = scope, base, current
        super().__init__(f"{scope}: edited from revision {base}, but revision {current} has been published since")


@dataclass(frozen=True)
class Change:
    contact: str  # the contact's name, or "" for the municipality itself
    field: str  # "added", "removed" or a field name
    old: str = ""
    new: str = ""


@dataclass(frozen=True)
class Revision:
    scope: str
    number: int
    data: dict[str, Any]
    changes: tuple[Change, ...]
    author: str | None  # username; None when seeded from the shipped files
    created_at: datetime
    restores: int | None

    def document(self) -> Municipality | Actors:
        return (Actors if self.scope == ACTORS else Municipality).model_validate(self.data)


def dump(document: Municipality | Actors) -> dict[str, Any]:
    """The form stored, exported and compared: JSON types, empty fields left out."""
    return document.model_dump(mode="json", exclude_none=True, exclude_defaults=True)


def _fact_text(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("value", ""))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def changes_between(old: dict[str, Any] | None, new: dict[str, Any]) -> tuple[Change, ...]:
    """What a reader of the leaflet would see change, contact by contact."""
    old = old or {}
    found: list[Change] = []
    for key in ("name", "website"):
        if _fact_text(old.get(key)) != _fact_text(new.get(key)):
            found.append(Change("", key, _fact_text(old.get(key)), _fact_text(new.get(key))))
    for group in ("contacts", "regional", "national"):
        before = {c["id"]: c for c in old.get(group, [])}
        after = {c["id"]: c for c in new.get(group, [])}
        for cid, contact in after.items():
            if cid not in before:
                found.append(Change(contact["name"], "added", "", _summary(contact)))
                continue
            previous = before[cid]
            for key in sorted(set(previous) | set(contact)):
                if key == "id":
                    continue
                a, b = previous.get(key), contact.get(key)
                if a == b or (isinstance(a, list) and isinstance(b, list) and sorted(a) == sorted(b)):
                    continue  # the same boxes ticked, listed in another order
                if _fact_text(a) == _fact_text(b):  # only the source or date changed
                    found.append(Change(contact["name"], f"{key}.source", _fact_source(a), _fact_source(b)))
                else:
                    found.append(Change(contact["name"], key, _fact_text(a), _fact_text(b)))
        for cid, contact in before.items():
            if cid not in after:
                found.append(Change(contact["name"], "removed", _summary(contact), ""))
    return tuple(found)


def _summary(contact: dict[str, Any]) -> str:
    return " · ".join(_fact_text(contact[key]) for key in ("phone", "web", "email", "chat") if key in contact)


def _fact_source(value: Any) -> str:
    return f"{value.get('source')} ({value.get('checked')})" if isinstance(value, dict) else ""


class ContactData:
    def __init__(self, db: Database):
        self.db = db
        self.local_writes = 0  # publishes and rollbacks made by this process: readers here know at once

    # reading

    def stamp(self) -> int:
        """Grows with every publish anywhere: cheap to ask on every request."""
        with self.db.engine.connect() as connection:
            return connection.execute(select(func.coalesce(func.max(revisions.c.id), 0))).scalar_one()

    def is_empty(self, connection: Connection) -> bool:
        return connection.execute(select(func.count()).select_from(revisions)).scalar_one() == 0

    def _rows(self, connection: Connection, where) -> list[Revision]:
        query = (
            select(revisions, users.c.username)
            .select_from(revisions.outerjoin(users, revisions.c.author_id == users.c.id))
            .where(where)
            .order_by(revisions.c.scope, revisions.c.number.desc())
        )
        return [
            Revision(
                scope=row.scope,
                number=row.number,
                data=json.loads(row.data),
                changes=tuple(Change(**c) for c in json.loads(row.changes)),
                author=row.username,
                created_at=as_utc(row.created_at),
                restores=row.restores,
            )
            for row in connection.execute(query)
        ]

    def current(self, scope: str) -> Revision | None:
        with self.db.engine.connect() as connection:
            return self._current(connection, scope)

    def _current(self, connection: Connection, scope: str) -> Revision | None:
        newest = select(func.max(revisions.c.number)).where(revisions.c.scope == scope).scalar_subquery()
        found = self._rows(connection, (revisions.c.scope == scope) & (revisions.c.number == newest))
        return found[0] if found else None

    def accepted(self, scope: str) -> Municipality | Actors | None:
        """The newest data of ``scope`` that the schema accepts (what the leaflets show)."""
        with self.db.engine.connect() as connection:
            data = connection.execute(select(revisions.c.data).where(revisions.c.scope == scope)
                                      .order_by(revisions.c.number.desc()).limit(1)).scalar()
            return self._valid(connection, scope, data)[0] if data is not None else None

    def history(self, scope: str) -> list[Revision]:
        with self.db.engine.connect() as connection:
            return self._rows(connection, revisions.c.scope == scope)

    def revision(self, scope: str, number: int) -> Revision | None:
        with self.db.engine.connect() as connection:
            found = self._rows(connection, (revisions.c.scope == scope) & (revisions.c.number == number))
        return found[0] if found else None

    def directory(self) -> Directory:
        """The current data of every scope, validated, as the leaflets use it."""
        newest = (
            select(revisions.c.scope, func.max(revisions.c.number).label("number"))
            .group_by(revisions.c.scope)
            .subquery()
        )
        with self.db.engine.connect() as connection:
            rows = connection.execute(
                select(revisions.c.scope, revisions.c.data).join(
                    newest, (revisions.c.scope == newest.c.scope) & (revisions.c.number == newest.c.number)
                ).order_by(revisions.c.scope)
            ).all()
            digest = hashlib.sha256()
            digests: dict[str, str] = {}
            municipalities: dict[str, Municipality] = {}
            actors = Actors.model_construct(regional=[], national=[])
            for scope, data in rows:
                document, data = self._valid(connection, scope, data)
                if document is None:
                    continue
                digest.update(scope.encode() + data.encode())
                digests[scope] = hashlib.sha256(data.encode()).hexdigest()
                if scope == ACTORS:
                    actors = document
                else:
                    municipalities[scope] = document
        return Directory(municipalities, actors, digest.hexdigest()[:12], digests=digests)

    def _valid(self, connection: Connection, scope: str, data: str) -> tuple[Municipality | Actors | None, str]:
        """The newest revision of ``scope`` that the schema accepts, with its data. Data stored
        under older, looser rules must not take the leaflets down: the newest one the rules
        refuse is reported in the log, and the revision before it is used."""
        model = Actors if scope == ACTORS else Municipality
        try:
            return model.model_validate_json(data), data
        except ValidationError as error:
            log.error("stored data of %s is refused by the schema (%s); the last revision it accepts is used",
                      scope, "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors()[:3]))
        older = connection.execute(select(revisions.c.data).where(revisions.c.scope == scope)
                                   .order_by(revisions.c.number.desc()).offset(1)).scalars()
        for data in older:
            try:
                return model.model_validate_json(data), data
            except ValidationError:
                continue
        if scope == ACTORS:
            raise RuntimeError("no stored revision of the regional and national actors passes the schema")
        return None, data

    # writing

    def seed(self, connection: Connection, directory: Directory) -> int:
        """Revision 1 of every scope, from the shipped files; only into an empty database."""
        documents: list[tuple[str, Municipality | Actors]] = [(ACTORS, directory.actors)]
        documents += sorted(directory.municipalities.items())
        now = utcnow()
        for scope, document in documents:
            connection.execute(insert(revisions).values(
                scope=scope, number=1, data=json.dumps(dump(document), ensure_ascii=False),
                changes="[]", author_id=None, created_at=now, restores=None,
            ))
        return len(documents)

    def publish(self, scope: str, document: Municipality | Actors, author_id: int, base: int,
                restores: int | None = None) -> Revision:
        """Add a revision on top of ``base``; Conflict if another was published since."""
        self.local_writes += 1
        data = dump(document)
        with self.db.begin() as connection:
            current = self._current(connection, scope)
            current_number = current.number if current else 0
            if current_number != base:
                raise Conflict(scope, base, current_number)
            changes = changes_between(current.data if current else None, data)
            try:
                connection.execute(insert(revisions).values(
                    scope=scope, number=base + 1, data=json.dumps(data, ensure_ascii=False),
                    changes=json.dumps([c.__dict__ for c in changes], ensure_ascii=False),
                    author_id=author_id, created_at=utcnow(), restores=restores,
                ))
            except IntegrityError:  # the other publisher won the race between our read and write
                raise Conflict(scope, base, base + 1) from None
        return self.revision(scope, base + 1)

    def rollback(self, scope: str, number: int, author_id: int, base: int) -> Revision:
        """Publish the data of revision ``number`` again, as a new revision."""
        old = self.revision(scope, number)
        if old is None:
            raise LookupError(f"{scope} has no revision {number}")
        return self.publish(scope, old.document(), author_id, base, restores=number)
