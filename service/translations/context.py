"""Where each message stands and who reads it, for the translator: the leaflet texts per
audience and section in leaflet order, then the words around them (labels and page texts),
then the contact descriptions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..content import labels as L
from ..content.model import AUDIENCE_LABELS, AUDIENCE_NAMES, Audience, Bullets
from ..content.texts import CONTACTS_INTRO, INTRO, SECTIONS
from ..i18n.markers import S_

READERS = {
    Audience.victim: S_("Läses av vuxna som har utsatts för våld."),
    Audience.youth: S_("Läses av unga som har utsatts för våld: enkla ord, och du som tilltal."),
    Audience.child: S_("Läses av barn: enkla ord för barn, korta meningar, och du som tilltal."),
    Audience.perpetrator: S_("Läses av den som har använt våld."),
    Audience.relative: S_("Läses av anhöriga och vänner till den som utsätts."),
}
AROUND = S_("Ord runt texten, på varje blad och sida: rubriker, etiketter, öppettider, sidan om säkerhet på nätet.")
CONTACT = S_("Beskrivning av en kontakt: vad den hjälper med. Läses av alla målgrupper.")
AROUND_TITLE = S_("Etiketter och sidtexter")
CONTACT_TITLE = S_("Kontaktbeskrivningar")


@dataclass(frozen=True)
class Group:
    key: str  # "victim/acute", "labels", "contacts"
    audience: str | None
    title: str  # the section's Swedish heading, or a staff text (S_)
    note: str  # who reads it (a staff text, S_)
    msgids: tuple[str, ...]


def _audience_groups() -> list[Group]:
    groups = []
    for audience in Audience:
        top = (AUDIENCE_NAMES[audience], INTRO[audience])
        groups.append(Group(f"{audience.value}/intro", audience.value, AUDIENCE_LABELS[audience], READERS[audience],
                            top))
        for section in SECTIONS[audience]:
            texts = [section.heading]
            for block in section.blocks:
                texts += list(block.items) if isinstance(block, Bullets) else [block.text]
            groups.append(Group(f"{audience.value}/{section.key}", audience.value, section.heading,
                                READERS[audience], tuple(texts)))
        groups.append(Group(f"{audience.value}/contacts", audience.value, L.CONTACTS_HEADING, READERS[audience],
                            (CONTACTS_INTRO[audience],)))
    return groups


def groups(msgids: Iterable[str], contact_descriptions: Iterable[str] = ()) -> list[Group]:
    """The template's messages grouped in leaflet order; a message shared by several sections
    stands in the first. What the content modules do not place is a label or page text,
    unless it is a contact description."""
    wanted = list(dict.fromkeys(msgids))
    descriptions = set(contact_descriptions) | set(L.KIND_DESCRIPTIONS.values()) | {L.MUNICIPALITY_FALLBACK}
    placed: set[str] = set()
    found: list[Group] = []
    present = set(wanted)
    for group in _audience_groups():
        mine = tuple(m for m in group.msgids if m in present and m not in placed)
        placed.update(mine)
        if mine:
            found.append(Group(group.key, group.audience, group.title, group.note, mine))
    around = tuple(m for m in wanted if m not in placed and m not in descriptions)
    contacts = tuple(m for m in wanted if m not in placed and m in descriptions)
    found.append(Group("labels", None, AROUND_TITLE, AROUND, around))
    found.append(Group("contacts", None, CONTACT_TITLE, CONTACT, contacts))
    return found


def notes(msgids: Iterable[str], contact_descriptions: Iterable[str], translate=lambda text: text) -> dict[str, str]:
    """msgid → a one-line note: where it stands and who reads it (``translate`` gives the
    staff texts in another language, e.g. English for an agency's file)."""
    result = {}
    for group in groups(msgids, contact_descriptions):
        where = group.key if group.audience else translate(group.title)
        for msgid in group.msgids:
            result[msgid] = f"{where}: {translate(group.note)}"
    return result

