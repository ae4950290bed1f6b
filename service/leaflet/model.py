"""The Leaflet: everything a renderer needs, already translated and chosen. Plain data."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from ..content.model import Bullets, Paragraph


@dataclass(frozen=True)
class LeafletSection:
    key: str
    heading: str
    blocks: tuple[Paragraph | Bullets, ...]
    urgent: bool = False


@dataclass(frozen=True)
class LeafletContact:
    level: str  # "local", "regional" or "national"
    name: str
    description: str
    phone: str | None = None  # as printed: 020-50 50 50
    phone_uri: str | None = None  # tel:+4620505050
    hours: str | None = None
    web: str | None = None
    web_label: str | None = None  # the address without https://
    email: str | None = None
    chat: str | None = None
    flags: tuple[str, ...] = ()
    kind: str = ""  # social_services, helpline, police, … (service/data/schema.py Kind)


@dataclass(frozen=True)
class Labels:
    """Translated words of the page around the content."""

    contacts_heading: str
    emergency_line: str
    quick_exit: str
    qr_caption: str
    footer: str
    language: str
    phone: str
    web: str
    email: str
    chat: str
    levels: dict[str, str]
    safety: str = ""  # the link to the page on staying safe online
    no_script: str = ""  # what Back can still show when scripts are off (shown only then)
    qr_alt: str = ""  # the QR code described, for screen readers


@dataclass(frozen=True)
class Alternate:
    """The same leaflet in another language, for the language picker."""

    code: str
    endonym: str
    direction: str
    path: str


@dataclass(frozen=True)
class Leaflet:
    municipality_code: str
    municipality_name: str
    audience: str
    topics: tuple[str, ...]
    language: str  # BCP 47
    direction: str  # "ltr" or "rtl"
    title: str
    intro: str
    sections: tuple[LeafletSection, ...]
    contacts_intro: str
    contacts: tuple[LeafletContact, ...]  # local, then regional, then national
    emergency: str  # the emergency number, 112
    emergency_uri: str
    labels: Labels
    url: str  # the web leaflet, for links
    qr_url: str  # the same leaflet marked ``qr``, so views from printed codes are counted apart
    path: str  # the same without the host
    pdf_path: str
    content_version: str
    date: date
    date_text: str  # the date written in the leaflet's language
    fonts: tuple[str, ...]  # font families for this language, first choice first
    script: str  # ISO 15924, e.g. Latn, Arab
    alternates: tuple[Alternate, ...] = ()  # the languages offered, this one included
    document_title: str = ""  # neutral: "Stockholm – information" (tabs, history, PDF title)
    staff_label: str = ""  # the language's Swedish name, small on handout cards: staff tell them apart
    # what the leaflet says of its translation (reviewed by an authorized translator, and
    # when, or not yet), in its language and in Swedish; empty for Swedish itself
    review: str = ""
    review_sv: str = ""
    unreviewed: tuple[str, ...] = ()  # the Swedish of every passage not yet reviewed (for staff)

    @property
    def file_stem(self) -> str:
        """A download's name without the suffix: the place and the language, nothing about
        the subject (``stockholm-ar``, ``upplands-vasby-ti``). A download list is seen too."""
        return f"{place_slug(self.municipality_name)}-{self.language}"

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"

    @property
    def call_now(self) -> tuple[LeafletContact, ...]:
        """What the page shows first, right under the title and the 112 band, so that the
        numbers are on a phone's first screen: the audience's national support line, the
        municipality's social services — or, where the data has no number for them, the
        contact the leaflet offers in their place (their page, or the municipality's
        website) — and its social services out of hours when there is such a number."""
        local = [c for c in self.contacts if c.level == "local"]
        services = [c for c in local if c.kind == "social_services" and c.phone] or \
            [c for c in local if c.kind in ("social_services", "") and c.web][:1]
        after_hours = [c for c in local if c.kind == "social_emergency" and c.phone]
        key = self.key_contact
        national = [key] if key and key.level == "national" else []
        return tuple(national + services[:1] + after_hours[:1])

    @property
    def key_contact(self) -> LeafletContact | None:
        """The one number to print where there is room for one besides 112: the national
        support line for this audience (not the police), else the local social services."""
        national = [c for c in self.contacts if c.level == "national" and c.phone and c.kind not in ("police", "emergency")]
        local = [c for c in self.contacts if c.level == "local" and c.phone and c.kind == "social_services"]
        return (national or local or [None])[0]


def place_slug(name: str) -> str:
    """A place name in lower-case ASCII letters, digits and hyphens, for file names:
    "Upplands Väsby" → "upplands-vasby"."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "information"
