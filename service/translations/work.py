"""What translators and the county do with a language's translation: read its state, edit
and review messages in a working copy, publish the copy as one revision, import and export
files. Every text stored passes the rules (rules.py) first; a refused one changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..i18n.languages import Language
from ..store import Edit, Store, User
from . import exchange
from .model import Entry, Origin, Reviewer, State, status
from .rules import Problem, problems
from .sync import TemplateMessage


class Refused(ValueError):
    """Nothing was stored: each problem names the message and what is wrong."""

    def __init__(self, found: list[Problem] | list[str]):
        self.problems = [str(p) for p in found]
        super().__init__("; ".join(self.problems))


def reviewer_of(user: User) -> Reviewer:
    return Reviewer(user.id, user.full_name or user.username, user.authorization)


def may_review(user: User, language: str) -> bool:
    return user.is_translator and user.active and language in user.languages


@dataclass(frozen=True)
class Desk:
    """One language's translation as the store has it."""

    store: Store
    language: Language
    template: tuple[TemplateMessage, ...]

    @property
    def msgids(self) -> list[str]:
        return [m.msgid for m in self.template]

    def published(self) -> tuple[int, dict[str, Entry]]:
        current = self.store.translations.current(self.language.code)
        return (current.number, current.messages) if current else (0, {})

    def status(self):
        _, messages = self.published()
        return status(self.language.code, messages, self.msgids)

    def with_edits(self, messages: dict[str, Entry], edits: dict[str, Edit], reviewer: Reviewer | None,
                   today: date) -> dict[str, Entry]:
        """The messages with the working copy's edits in place (what a publish would store)."""
        result = dict(messages)
        for msgid, edit in edits.items():
            entry = result.get(msgid)
            if entry is None:
                continue  # the Swedish changed since the edit: it no longer applies
            if edit.text != entry.text:
                entry = Entry(edit.text, State.draft, Origin.edited)
            if edit.review and reviewer is not None and entry.state != State.reviewed:
                entry = entry.reviewed_by(reviewer, today)
            result[msgid] = entry
        return result

    def save(self, user: User, msgid: str, text: str, review: bool) -> None:
        """Keep an edit (and whether it is marked reviewed) in the working copy; Refused when
        the text breaks a rule."""
        if msgid not in self.msgids:
            raise Refused([f"{msgid[:60]!r}: not a message of the leaflets"])
        text = text.strip()
        found = problems(msgid, text, self.language.code, self.language.script)
        if found:
            raise Refused(found)
        self.store.translations.save_edits(self.language.code, {msgid: Edit(text, review)}, user.id)

    def preview_messages(self, user: User, today: date) -> dict[str, Entry]:
        _, messages = self.published()
        copy = self.store.translations.working_copy(self.language.code)
        return self.with_edits(messages, copy.edits, reviewer_of(user), today)

    def publish(self, user: User, today: date) -> int:
        """The working copy as one revision (Conflict if one was published meanwhile)."""
        number, messages = self.published()
        copy = self.store.translations.working_copy(self.language.code)
        new = self.with_edits(messages, copy.edits, reviewer_of(user), today)
        if new == messages:
            with self.store.db.begin() as connection:
                self.store.translations.discard(self.language.code, connection)
            return number
        self.store.translations.local_writes += 1
        with self.store.db.begin() as connection:
            published = self.store.translations.publish(self.language.code, new, user.id, number,
                                                        f"{len(copy.edits)} edits", connection=connection)
            self.store.translations.discard(self.language.code, connection)
        return published

    def rollback(self, user: User, number: int, base: int) -> int:
        """Publish revision ``number`` again as a new revision, within today's template: a
        message the old revision lacks keeps its current text (an offered language never
        loses a message), one the template no longer has stays out."""
        old = self.store.translations.revision(self.language.code, number)
        if old is None:
            raise LookupError(f"{self.language.code} has no revision {number}")
        _, current = self.published()
        messages = {m: old.messages.get(m) or current.get(m) or Entry("", State.missing) for m in self.msgids}
        self.store.translations.local_writes += 1
        return self.store.translations.publish(self.language.code, messages, user.id, base,
                                               f"rollback to {number}", restores=number)

    def export(self, fmt: str, notes: dict[str, str], only: set[State] | None = None) -> bytes:
        _, messages = self.published()
        return exchange.export(fmt, self.language.code, messages, self.msgids, notes, only)

    def import_file(self, data: bytes, name: str, reviewer: User, today: date,
                    dry_run: bool = False) -> tuple[exchange.Outcome, int]:
        """Apply an XLIFF or PO file: every text checked first; Refused changes nothing. Returns
        what changed and the revision published (the current one when nothing changed or on a
        dry run)."""
        if not may_review(reviewer, self.language.code):
            raise Refused([f"{reviewer.username} is not a translator of {self.language.code}"])
        try:
            language, units = exchange.read(data)
        except exchange.FileProblem as problem:
            raise Refused([f"{name}: {problem}"]) from None
        if language and language.replace("_", "-").lower() != self.language.code.lower():
            raise Refused([f"{name}: the file is for {language}, not {self.language.code}"])
        number, messages = self.published()
        outcome = exchange.apply(messages, units, self.language.code, self.language.script,
                                 reviewer_of(reviewer), today)
        if outcome.problems:
            raise Refused(outcome.problems)
        if dry_run or outcome.nothing:
            return outcome, number
        self.store.translations.local_writes += 1
        published = self.store.translations.publish(self.language.code, outcome.messages, reviewer.id, number,
                                                    f"import of {Path(name).name}"[:200])
        return outcome, published
