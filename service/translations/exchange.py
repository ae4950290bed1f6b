"""Exchange with translation agencies: XLIFF 1.2 (translate-toolkit) and PO (Babel).

Each message goes out with its Swedish source, its current text, its state and a note on
what it is for and who reads it. XLIFF 1.2 is the version Trados Studio, memoQ and Phrase
all import as their own bilingual format, and the one translate-toolkit reads and writes
(its 2.x support is partial, as is the CAT tools'): a unit's state travels as ``state`` and
``approved``, which each of them maps to its own "confirmed"/"signed off". In a PO file a
text not yet reviewed is ``#, fuzzy`` (and an outdated one keeps the old Swedish as
``#| msgid``), the way PO editors show what needs work.

Coming back, a unit counts as reviewed when the file says so — XLIFF ``approved="yes"`` or a
state of ``final``/``signed-off``; a PO entry that is not fuzzy — and as a draft otherwise.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable, Mapping

from babel.messages.catalog import Catalog
from lxml import etree
from babel.messages.pofile import read_po, write_po
from translate.storage.xliff import xliffunit, xlifffile

from .model import Entry, Origin, Reviewer, State
from .rules import Problem, problems

XLIFF_12 = "urn:oasis:names:tc:xliff:document:1.2"
FORMATS = ("xliff", "po")


class Xliff12Unit(xliffunit):
    namespace = XLIFF_12


class Xliff12File(xlifffile):
    """translate-toolkit's XLIFF store, writing version 1.2 (it reads 1.1 and 1.2)."""

    UnitClass = Xliff12Unit
    namespace = XLIFF_12
    XMLskeleton = f"""<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="{XLIFF_12}">
<file original="infogen" source-language="sv" datatype="plaintext">
<body>
</body>
</file>
</xliff>"""


def key(msgid: str) -> str:
    """A short, stable id for a message (the Swedish text is the real key)."""
    return hashlib.sha1(msgid.encode()).hexdigest()[:12]


@dataclass(frozen=True)
class Unit:
    msgid: str
    text: str
    approved: bool


def export(fmt: str, language: str, messages: Mapping[str, Entry], msgids: Iterable[str],
           notes: Mapping[str, str], only: set[State] | None = None) -> bytes:
    """The language's messages (those in a state of ``only``, or all) as XLIFF or PO."""
    chosen = [(m, messages.get(m) or Entry("", State.missing)) for m in msgids]
    chosen = [(m, e) for m, e in chosen if not only or e.state in only]
    return _xliff(language, chosen, notes) if fmt == "xliff" else _po(language, chosen, notes)


def _state_note(entry: Entry) -> str:
    if entry.state == State.reviewed:
        who = entry.reviewer + (f" ({entry.authorization})" if entry.authorization else "")
        return f"state: reviewed by {who} on {entry.reviewed_on.isoformat() if entry.reviewed_on else '?'}"
    if entry.state == State.outdated:
        return f"state: outdated — the Swedish changed; it was: {entry.previous}"
    return f"state: {entry.state.value}"


def _xliff(language: str, chosen: list[tuple[str, Entry]], notes: Mapping[str, str]) -> bytes:
    store = Xliff12File(sourcelanguage="sv", targetlanguage=language)
    for msgid, entry in chosen:
        unit = store.addsourceunit(msgid, filename="infogen")
        unit.setid(key(msgid))
        if entry.text:
            unit.target = entry.text
        if notes.get(msgid):
            unit.addnote(notes[msgid], origin="developer")
        unit.addnote(_state_note(entry), origin="infogen")
        if entry.state == State.reviewed:
            unit.markapproved(True)
            unit.set_state_n(unit.S_SIGNED_OFF)
        elif entry.text:
            unit.markapproved(False)
            unit.set_state_n(unit.S_NEEDS_REVIEW)
    return bytes(store)


def _po(language: str, chosen: list[tuple[str, Entry]], notes: Mapping[str, str]) -> bytes:
    catalog = Catalog(locale=None, domain="messages", project="infogen", fuzzy=False)
    catalog.language_team = language
    for msgid, entry in chosen:
        catalog.add(msgid, entry.text, auto_comments=[c for c in (notes.get(msgid), _state_note(entry)) if c],
                    flags=() if entry.state == State.reviewed or not entry.text else ("fuzzy",),
                    previous_id=entry.previous if entry.state == State.outdated and entry.previous else ())
    catalog._set_mime_headers([("Language", language)])  # also for codes CLDR lacks (prs, fit, …)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, include_previous=True)
    return buffer.getvalue()


def _target_text(unit) -> str:
    """The target as written, inline elements included (``<g>``, ``<b>``: markup, which the
    rules refuse), where translate-toolkit would give only their text."""
    target = unit.xmlelement.find(unit.namespaced("target"))
    if target is None:
        return ""
    if len(target):
        return (target.text or "") + "".join(etree.tostring(child, encoding="unicode") for child in target)
    return target.text or ""


class FileProblem(ValueError):
    """The file cannot be read as XLIFF or PO; the message says why."""


def read(data: bytes) -> tuple[str | None, list[Unit]]:
    """The file's target language (if it says) and its units."""
    head = data[:400].lstrip()
    if head.startswith(b"<?xml") or b"<xliff" in head:
        try:
            store = xlifffile.parsestring(data)
        except Exception as error:  # noqa: BLE001 - lxml and translate-toolkit raise many kinds
            raise FileProblem(f"not a readable XLIFF file: {error}") from None
        language = store.gettargetlanguage()
        units = [Unit(str(u.source), _target_text(u), bool(u.isapproved()) or u.get_state_n() >= u.S_SIGNED_OFF)
                 for u in store.units if u.source]
        return language, units
    try:
        catalog = read_po(io.BytesIO(data), abort_invalid=True)
    except Exception as error:  # noqa: BLE001 - Babel raises several kinds on broken files
        raise FileProblem(f"neither XLIFF nor a readable PO file: {error}") from None
    headers = dict(catalog.mime_headers)
    language = headers.get("Language") or headers.get("Language-Team") or None
    return language, [Unit(m.id, m.string or "", not m.fuzzy) for m in catalog if m.id and isinstance(m.id, str)]


@dataclass
class Outcome:
    """What an import would change (or changed)."""

    messages: dict[str, Entry]
    changed: list[str] = field(default_factory=list)  # texts that change
    reviewed: list[str] = field(default_factory=list)  # messages now reviewed
    unknown: list[str] = field(default_factory=list)  # units whose Swedish is not in the template
    problems: list[Problem] = field(default_factory=list)

    @property
    def nothing(self) -> bool:
        return not self.changed and not self.reviewed


def apply(current: Mapping[str, Entry], units: Iterable[Unit], language: str, script: str, reviewer: Reviewer,
          today: date) -> Outcome:
    """The messages after the import; every text that would be stored is checked first, and
    any problem refuses the whole file (``problems`` not empty: nothing may be stored)."""
    outcome = Outcome(dict(current))
    for unit in units:
        entry = current.get(unit.msgid)
        if entry is None:
            outcome.unknown.append(unit.msgid)
            continue
        text = unit.text.strip()
        if not text:
            continue  # left empty in the file: the text stays as it is
        if text != entry.text or unit.approved:
            found = problems(unit.msgid, text, language, script)
            if found:
                outcome.problems += found
                continue
        if text != entry.text:
            outcome.changed.append(unit.msgid)
            new = Entry(text, State.draft, Origin.edited)
            outcome.messages[unit.msgid] = new.reviewed_by(reviewer, today) if unit.approved else new
            if unit.approved:
                outcome.reviewed.append(unit.msgid)
        elif unit.approved and entry.state != State.reviewed:
            outcome.messages[unit.msgid] = entry.reviewed_by(reviewer, today)
            outcome.reviewed.append(unit.msgid)
    return outcome
