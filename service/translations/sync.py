"""Keeping the store in line with the Swedish template and the catalog files.

``locales/`` seeds an empty store: every message of ``messages.pot`` enters with the text of
the language's ``.po`` file as a draft (or as reviewed, for a language whose registry entry
names a reviewer: the per-language ``reviewed_by``/``reviewed_on`` become per-message data),
or as missing. Afterwards, whenever the files change (a new release, other engineers' new
messages), the store follows:

- a new message enters as a draft from its ``.po`` file, or as missing;
- a message whose Swedish text changed arrives as a new msgid while the old one vanishes.
  The old one is *matched* to the new one when both come from the same source file and the
  texts are alike (difflib's ratio ≥ 0.6, the best match, each old message used once). A
  matched translation becomes **outdated**: its text is kept and shown until a translator
  reviews it, never silently treated as current. Only a draft that came from the files
  gives way to a newer draft the ``.po`` file has for the new text (a draft for a draft);
  a reviewed or edited text is never replaced by a file;
- a draft from the files follows a corrected draft in the files; a text reviewed or edited
  in the product never does;
- a message gone from the template leaves the current revision (older revisions keep it).
"""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import read_po

from ..i18n.languages import Language, load_languages
from .model import Entry, Origin, Reviewer, State, missing

SIMILAR = 0.6


@dataclass(frozen=True)
class TemplateMessage:
    msgid: str
    files: tuple[str, ...]  # where it comes from: service/content/texts.py, municipalities/…
    comments: tuple[str, ...]  # extracted comments, e.g. "contact description"


@dataclass(frozen=True)
class Catalogs:
    """What the files say: the template, the registry, each language's drafts."""

    template: tuple[TemplateMessage, ...]
    languages: dict[str, Language]
    drafts: dict[str, dict[str, str]]  # language → msgid → text (not fuzzy, not empty)
    digest: str

    @property
    def msgids(self) -> list[str]:
        return [m.msgid for m in self.template]


def digest_of(locales: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted([locales / "messages.pot", locales / "languages.yaml",
                        *locales.glob("*/LC_MESSAGES/messages.po")]):
        digest.update(str(path.relative_to(locales)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def read_template(locales: Path) -> tuple[TemplateMessage, ...]:
    with open(locales / "messages.pot", "rb") as f:
        return tuple(TemplateMessage(m.id, tuple(dict.fromkeys(loc[0] for loc in m.locations)),
                                     tuple(m.auto_comments)) for m in read_po(f) if m.id)


def read_catalogs(locales: Path) -> Catalogs:
    template = read_template(locales)
    languages = load_languages(locales / "languages.yaml")
    drafts: dict[str, dict[str, str]] = {}
    for code, language in languages.items():
        path = locales / code / "LC_MESSAGES" / "messages.po"
        if language.source or not path.exists():
            continue
        with open(path, "rb") as f:
            drafts[code] = {m.id: m.string for m in read_po(f) if m.id and m.string and not m.fuzzy}
    return Catalogs(template, languages, drafts, digest_of(locales))


def _from_files(text: str | None, language: Language) -> Entry:
    if not text:
        return missing()
    entry = Entry(text, State.draft)
    if language.reviewed_by and language.reviewed_on:
        entry = entry.reviewed_by(Reviewer(None, language.reviewed_by), language.reviewed_on)
    return entry


def seeded(catalogs: Catalogs, code: str) -> dict[str, Entry]:
    """A language's first revision, from its catalog file."""
    language = catalogs.languages[code]
    drafts = catalogs.drafts.get(code, {})
    return {m.msgid: _from_files(drafts.get(m.msgid), language) for m in catalogs.template}


def synced(current: dict[str, Entry], catalogs: Catalogs, code: str,
           before: dict[str, list[str]] | None = None) -> dict[str, Entry]:
    """The current messages brought in line with the template and the files (the rules above);
    ``before`` is the template at the last sync (msgid → its files)."""
    language = catalogs.languages[code]
    drafts = catalogs.drafts.get(code, {})
    files = {m.msgid: m.files for m in catalogs.template}
    new_ids = [m.msgid for m in catalogs.template if m.msgid not in current]
    vanished = [msgid for msgid in current if msgid not in files and current[msgid].text]
    matches = _match(new_ids, vanished, files, before or {})
    result: dict[str, Entry] = {}
    for message in catalogs.template:
        msgid = message.msgid
        entry = current.get(msgid)
        draft = drafts.get(msgid)
        if entry is None:
            old_id = matches.get(msgid)
            if old_id is None:
                entry = _from_files(draft, language)
            else:
                old = current[old_id]
                if draft and old.origin == Origin.catalog and old.state != State.reviewed:
                    entry = Entry(draft, State.draft)
                else:
                    entry = Entry(old.text, State.outdated, old.origin, old.reviewer, old.reviewer_id,
                                  old.authorization, old.reviewed_on, previous=old.previous or old_id)
        elif entry.origin == Origin.catalog and entry.state in (State.draft, State.missing) and draft \
                and draft != entry.text:
            entry = Entry(draft, State.draft)
        result[msgid] = entry
    return result


def _match(new_ids: list[str], vanished: list[str], files: dict[str, tuple[str, ...]],
           before: dict[str, list[str]]) -> dict[str, str]:
    """new msgid → the vanished msgid it replaces (same file, alike; best pairs first)."""
    pairs = []
    for new in new_ids:
        for old in vanished:
            if old in before and not set(before[old]) & set(files[new]):
                continue  # from another file: another text, however alike
            ratio = difflib.SequenceMatcher(None, old, new).ratio()
            if ratio >= SIMILAR:
                pairs.append((ratio, new, old))
    matched: dict[str, str] = {}
    used: set[str] = set()
    for ratio, new, old in sorted(pairs, reverse=True):
        if new in matched or old in used:
            continue
        matched[new] = old
        used.add(old)
    return matched
