"""The vocabulary of leaflet content.

Texts are Swedish gettext message ids, marked with ``N_`` so Babel extracts them; they are
translated when a leaflet is composed, never here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


def N_(message: str) -> str:
    """Mark a message for extraction without translating it (gettext_noop)."""
    return message


class Audience(StrEnum):
    victim = "victim"
    youth = "youth"
    child = "child"
    perpetrator = "perpetrator"
    relative = "relative"


class Topic(StrEnum):
    close = "close"
    honour = "honour"
    trafficking = "trafficking"
    sexual = "sexual"


AUDIENCE_NAMES = {
    Audience.victim: N_("Till dig som har utsatts för våld"),
    Audience.youth: N_("Till dig som är ung och har utsatts för våld"),
    Audience.child: N_("Till dig som är barn"),
    Audience.perpetrator: N_("Till dig som har använt våld"),
    Audience.relative: N_("Till dig som är anhörig eller vän"),
}

AUDIENCE_LABELS = {
    Audience.victim: N_("Vuxen som har utsatts för våld"),
    Audience.youth: N_("Ung person som har utsatts för våld"),
    Audience.child: N_("Barn"),
    Audience.perpetrator: N_("Person som använder våld"),
    Audience.relative: N_("Anhörig eller vän"),
}

TOPIC_NAMES = {
    Topic.close: N_("Våld i nära relationer"),
    Topic.honour: N_("Hedersrelaterat våld och förtryck"),
    Topic.trafficking: N_("Prostitution och människohandel"),
    Topic.sexual: N_("Sexuellt våld"),
}


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


Block = Paragraph | Bullets


@dataclass(frozen=True)
class Section:
    """A heading and its blocks, shown when the leaflet covers any of ``topics``.

    ``topics`` empty means the section belongs in every leaflet of its audience.
    ``urgent`` marks the acute-danger section, which renderers set apart.
    """

    key: str
    heading: str
    blocks: tuple[Block, ...]
    topics: frozenset[Topic] = field(default_factory=frozenset)
    urgent: bool = False

    def applies_to(self, topics: frozenset[Topic]) -> bool:
        return not self.topics or bool(self.topics & topics)
