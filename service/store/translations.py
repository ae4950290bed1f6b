"""Translations as revisions per language: every publish, import, sync with the catalog files
and rollback adds one; nothing is overwritten. Beside them, each language's working copy:
edits saved but not yet published."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Mapping

from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from ..translations.model import Entry
from .database import Database, as_utc, utcnow
from .revisions import Conflict
from .tables import catalog_sync, translation_drafts, translation_revisions, users


@dataclass(frozen=True)
class TextChange:
    msgid: str
    old: str
    new: str
    old_state: str
    new_state: str


@dataclass(frozen=True)
class TranslationRevision:
    language: str
    number: int
    messages: dict[str, Entry]
    changes: tuple[TextChange, ...]
    note: str
    author: str | None  # username; None when it came from the catalog files
    created_at: datetime
    restores: int | None


@dataclass(frozen=True)
class Edit:
    text: str
    review: bool  # the translator marked it reviewed


@dataclass(frozen=True)
class WorkingCopy:
    language: str
    edits: dict[str, Edit]
    updated_by: str | None
    updated_at: datetime | None


def changes_between(old: Mapping[str, Entry], new: Mapping[str, Entry]) -> tuple[TextChange, ...]:
    found = []
    for msgid, entry in new.items():
        before = old.get(msgid)
        if before is None or before.text != entry.text or before.state != entry.state:
            found.append(TextChange(msgid, before.text if before else "", entry.text,
                                    before.state.value if before else "", entry.state.value))
    for msgid, before in old.items():
        if msgid not in new:
            found.append(TextChange(msgid, before.text, "", before.state.value, ""))
    return tuple(found)


def _dump(messages: Mapping[str, Entry]) -> str:
    return json.dumps({k: v.as_json() for k, v in messages.items()}, ensure_ascii=False, sort_keys=True)


class TranslationData:
    def __init__(self, db: Database):
        self.db = db
        self.local_writes = 0  # publishes here: this process's readers see them at once

    # reading

    def stamp(self) -> int:
        with self.db.engine.connect() as connection:
            return connection.execute(select(func.coalesce(func.max(translation_revisions.c.id), 0))).scalar_one()

    def _rows(self, connection: Connection, where) -> list[TranslationRevision]:
        t = translation_revisions
        query = (select(t, users.c.username).select_from(t.outerjoin(users, t.c.author_id == users.c.id))
                 .where(where).order_by(t.c.language, t.c.number.desc()))
        return [TranslationRevision(
            language=row.language, number=row.number,
            messages={k: Entry.from_json(v) for k, v in json.loads(row.messages).items()},
            changes=tuple(TextChange(**c) for c in json.loads(row.changes)), note=row.note,
            author=row.username, created_at=as_utc(row.created_at), restores=row.restores,
        ) for row in connection.execute(query)]

    def current(self, language: str, connection: Connection | None = None) -> TranslationRevision | None:
        if connection is None:
            with self.db.engine.connect() as connection:
                return self.current(language, connection)
        t = translation_revisions
        newest = select(func.max(t.c.number)).where(t.c.language == language).scalar_subquery()
        found = self._rows(connection, (t.c.language == language) & (t.c.number == newest))
        return found[0] if found else None

    def newest(self) -> dict[str, tuple[int, dict[str, Entry]]]:
        """Every language's current revision number and messages, in one query."""
        t = translation_revisions
        newest = select(t.c.language, func.max(t.c.number).label("number")).group_by(t.c.language).subquery()
        with self.db.engine.connect() as connection:
            rows = connection.execute(select(t.c.language, t.c.number, t.c.messages).join(
                newest, (t.c.language == newest.c.language) & (t.c.number == newest.c.number))).all()
        return {language: (number, {k: Entry.from_json(v) for k, v in json.loads(messages).items()})
                for language, number, messages in rows}

    def history(self, language: str) -> list[TranslationRevision]:
        with self.db.engine.connect() as connection:
            return self._rows(connection, translation_revisions.c.language == language)

    def revision(self, language: str, number: int) -> TranslationRevision | None:
        t = translation_revisions
        with self.db.engine.connect() as connection:
            found = self._rows(connection, (t.c.language == language) & (t.c.number == number))
        return found[0] if found else None

    # writing

    def publish(self, language: str, messages: Mapping[str, Entry], author_id: int | None, base: int, note: str,
                restores: int | None = None, connection: Connection | None = None) -> int:
        """Add revision ``base + 1``; Conflict if another was published since ``base``.
        Returns the new number."""
        if connection is None:
            self.local_writes += 1
            with self.db.begin() as connection:
                return self.publish(language, messages, author_id, base, note, restores, connection)
        current = self.current(language, connection)
        number = current.number if current else 0
        if number != base:
            raise Conflict(language, base, number)
        changes = changes_between(current.messages if current else {}, messages)
        try:
            connection.execute(insert(translation_revisions).values(
                language=language, number=base + 1, messages=_dump(messages),
                changes=json.dumps([c.__dict__ for c in changes], ensure_ascii=False), note=note[:200],
                author_id=author_id, created_at=utcnow(), restores=restores))
        except IntegrityError:  # another publisher won the race between the read and the write
            raise Conflict(language, base, base + 1) from None
        return base + 1

    def rollback(self, language: str, number: int, author_id: int, base: int) -> int:
        """Publish the messages of revision ``number`` again, as a new revision."""
        old = self.revision(language, number)
        if old is None:
            raise LookupError(f"{language} has no revision {number}")
        return self.publish(language, old.messages, author_id, base, f"rollback to {number}", restores=number)

    # the working copy

    def working_copy(self, language: str) -> WorkingCopy:
        d = translation_drafts
        with self.db.engine.connect() as connection:
            row = connection.execute(select(d, users.c.username).select_from(
                d.outerjoin(users, d.c.updated_by == users.c.id)).where(d.c.language == language)).first()
        if row is None:
            return WorkingCopy(language, {}, None, None)
        edits = {k: Edit(v["text"], bool(v.get("review"))) for k, v in json.loads(row.edits).items()}
        return WorkingCopy(language, edits, row.username, as_utc(row.updated_at))

    def save_edits(self, language: str, edits: Mapping[str, Edit], user_id: int) -> None:
        """Merge ``edits`` into the language's working copy."""
        d = translation_drafts
        with self.db.begin() as connection:
            row = connection.execute(select(d.c.edits).where(d.c.language == language).with_for_update()).first()
            current = json.loads(row.edits) if row else {}
            current.update({k: {"text": e.text, "review": e.review} for k, e in edits.items()})
            values = {"edits": json.dumps(current, ensure_ascii=False, sort_keys=True), "updated_by": user_id,
                      "updated_at": utcnow()}
            if row:
                connection.execute(update(d).where(d.c.language == language).values(**values))
            else:
                connection.execute(insert(d).values(language=language, **values))

    def drop_edit(self, language: str, msgid: str, user_id: int) -> None:
        d = translation_drafts
        with self.db.begin() as connection:
            row = connection.execute(select(d.c.edits).where(d.c.language == language)).first()
            if row:
                current = json.loads(row.edits)
                current.pop(msgid, None)
                connection.execute(update(d).where(d.c.language == language).values(
                    edits=json.dumps(current, ensure_ascii=False, sort_keys=True), updated_by=user_id,
                    updated_at=utcnow()))

    def discard(self, language: str, connection: Connection) -> None:
        connection.execute(delete(translation_drafts).where(translation_drafts.c.language == language))

    # the catalog files' digest at the last sync

    def last_sync(self, connection: Connection) -> tuple[str | None, dict[str, list[str]]]:
        """The digest of the files at the last sync, and the template's msgid → files then."""
        row = connection.execute(select(catalog_sync).where(catalog_sync.c.id == 1)).first()
        return (row.digest, json.loads(row.template)) if row else (None, {})

    def mark_synced(self, connection: Connection, digest: str, template: Mapping[str, list[str]]) -> None:
        values = {"digest": digest, "template": json.dumps(template, ensure_ascii=False), "synced_at": utcnow()}
        if connection.execute(select(catalog_sync.c.id).where(catalog_sync.c.id == 1)).first() is None:
            connection.execute(insert(catalog_sync).values(id=1, **values))
        else:
            connection.execute(update(catalog_sync).where(catalog_sync.c.id == 1).values(**values))

    def follow_files(self, connection: Connection, locales) -> list[str]:
        """Seed or sync every language of the registry from the catalog files under
        ``locales`` (see service/translations/sync.py), in the caller's transaction; nothing
        to do when the files are as at the last sync. Returns the languages given a revision."""
        from ..translations.sync import digest_of, read_catalogs, seeded, synced

        digest, before = self.last_sync(connection)
        if digest == digest_of(locales):
            return []
        catalogs = read_catalogs(locales)
        changed = []
        for code, language in catalogs.languages.items():
            if language.source:
                continue
            current = self.current(code, connection)
            if current is None:
                self.publish(code, seeded(catalogs, code), None, 0, "from the catalog files", connection=connection)
                changed.append(code)
                continue
            messages = synced(current.messages, catalogs, code, before)
            if messages != current.messages:
                self.publish(code, messages, None, current.number, "Swedish texts or catalog files changed",
                             connection=connection)
                changed.append(code)
        self.mark_synced(connection, catalogs.digest, {m.msgid: list(m.files) for m in catalogs.template})
        return changed
