"""What translators and the county do with a language's translation: read its state, edit
and review messages in a working copy, publish the copy as one revision, import and export
files. Every text stored passes the rules (rules.py) first; a refused one changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..i18n.languages import Language
from ..i18n.markers import S_
from ..store import Edit, Store, User
from . import exchange
from .model import Entry, Origin, Reviewer, State, status
from .rules import Problem, problems
from .sync import TemplateMessage


NOT_A_MESSAGE = S_("inte en text i bladen")
NOT_TRANSLATOR = S_("{user} är inte översättare för {language}")
WRONG_LANGUAGE = S_("{file}: filen är för {found}, inte för {language}")
UNREADABLE = S_("{file}: filen går inte att läsa som XLIFF eller PO ({detail})")


class Refused(ValueError):
    """Nothing was stored: each problem names the message (where there is one) and what is
    wrong; ``render`` says it in a page's or the command line's language."""

    def __init__(self, found: list[Problem]):
        self.problems = list(found)
        super().__init__("; ".join(p.render() for p in self.problems))

    def render(self, gettext=lambda text: text) -> list[str]:
        return [p.render(gettext) for p in self.problems]


def _problem(message: str, **values: str) -> Problem:
    return Problem(None, message, tuple(values.items()))


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
            raise Refused([Problem(msgid, NOT_A_MESSAGE)])
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
            raise Refused([_problem(NOT_TRANSLATOR, user=reviewer.username, language=self.language.code)])
        try:
            language, units = exchange.read(data)
        except exchange.FileProblem as problem:
            raise Refused([_problem(UNREADABLE, file=name, detail=str(problem))]) from None
        if language and language.replace("_", "-").lower() != self.language.code.lower():
            raise Refused([_problem(WRONG_LANGUAGE, file=name, found=language, language=self.language.code)])
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
