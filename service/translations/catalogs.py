"""The catalogs readers get: built from each language's newest published revision in the
store, as the contact directory is built from the newest contact data. Plain data: nothing
here asks the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from gettext import NullTranslations
from typing import Mapping

from .model import Entry, LanguageStatus, State, status


class _Texts(NullTranslations):
    """gettext over a language's entries; a message without text reads in Swedish."""

    def __init__(self, texts: Mapping[str, str]):
        super().__init__()
        self._texts = texts

    def gettext(self, message: str) -> str:
        return self._texts.get(message) or message


@dataclass(frozen=True)
class StoredCatalogs:
    msgids: tuple[str, ...]  # the Swedish template, in its order
    entries: Mapping[str, Mapping[str, Entry]]  # language → msgid → entry
    numbers: Mapping[str, int]  # language → its published revision
    _translations: dict[str, _Texts] = field(default_factory=dict, compare=False, repr=False)

    def translations(self, code: str) -> NullTranslations:
        found = self._translations.get(code)
        if found is None:
            texts = {msgid: e.text for msgid, e in self.entries.get(code, {}).items() if e.text}
            found = self._translations[code] = _Texts(texts)
        return found

    def entry(self, code: str, msgid: str) -> Entry | None:
        return self.entries.get(code, {}).get(msgid)

    def state(self, code: str, msgid: str) -> State:
        entry = self.entry(code, msgid)
        return entry.state if entry and entry.text else State.missing

    def status(self, code: str) -> LanguageStatus:
        return status(code, self.entries.get(code, {}), self.msgids)

    def number(self, code: str) -> int:
        return self.numbers.get(code, 0)

    def with_messages(self, code: str, messages: Mapping[str, Entry]) -> StoredCatalogs:
        """The same catalogs with ``code``'s messages replaced (a preview of unpublished edits)."""
        return StoredCatalogs(self.msgids, {**self.entries, code: dict(messages)}, self.numbers)
