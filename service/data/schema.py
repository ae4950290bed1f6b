"""The one schema every data file (and, later, every edit) is validated against."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from ..content.model import Audience, Topic
from .phone import phone_problem


class Kind(StrEnum):
    social_services = "social_services"
    social_emergency = "social_emergency"
    violence_unit = "violence_unit"
    womens_shelter = "womens_shelter"
    youth_clinic = "youth_clinic"
    perpetrator_support = "perpetrator_support"
    emergency = "emergency"
    police = "police"
    healthcare = "healthcare"
    helpline = "helpline"
    victim_support = "victim_support"
    organisation = "organisation"
    authority = "authority"


class Flag(StrEnum):
    free = "free"
    anonymous = "anonymous"
    interpreter = "interpreter"
    no_phone_bill = "no_phone_bill"


# Blank-looking letters that render as nothing (Hangul fillers, braille blank)
_FILLERS = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"}

# UTF-8 read as Latin-1: "SocialtjÃ¤nsten" for "Socialtjänsten"
_MOJIBAKE = re.compile("[\u00c2\u00c3][\u0080-\u00bf]")

# Scripts whose letters look alike: one word mixing them imitates another name ("Sоcial" with a
# Cyrillic о)
_CONFUSABLE_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK", "ARMENIAN")


def _invisible(value: str) -> str | None:
    """What in ``value`` could show a reader something other than what was typed, or None."""
    for char in value:
        category = unicodedata.category(char)
        if category in ("Cf", "Co", "Cn", "Cs", "Zl", "Zp", "Me") or char in _FILLERS or (category == "Cc" and char != "\n"):
            return f"contains an invisible or control character U+{ord(char):04X}"
    if "\ufffd" in value:
        return "contains U+FFFD, the mark of text read in the wrong encoding; type it again"
    broken = _MOJIBAKE.search(value)
    if broken:
        return f"contains {broken.group()!r}, text in a broken encoding (as 'Ã¤' for 'ä'); type it again"
    return None


def _variant_form(value: str) -> str | None:
    """A full-width, mathematical or other compatibility form of a letter or digit ('ｏ', '𝐨',
    '７'), which shows as the plain one but is not it."""
    for char in value:
        plain = unicodedata.normalize("NFKC", char)
        if plain != unicodedata.normalize("NFC", char) and plain.isalnum() and all(
                c.isascii() or unicodedata.name(c, "").startswith(_CONFUSABLE_SCRIPTS) for c in plain):
            return char
    return None


def _mixed_script_word(value: str) -> str | None:
    for word in re.findall(r"\w+", value):
        scripts = {script for char in word if char.isalpha()
                   for script in _CONFUSABLE_SCRIPTS if unicodedata.name(char, "").startswith(script)}
        if len(scripts) > 1:
            return word
    return None


def _clean_text(value: str) -> str:
    """Reject what could make a reader see something other than what was typed."""
    problem = _invisible(value)
    if problem:
        raise ValueError(problem)
    if re.search(r"<\s*/?\s*[a-zA-Z!]", value):
        raise ValueError("contains markup; plain text only")
    variant = _variant_form(value)
    if variant:
        raise ValueError(f"contains {variant!r} (U+{ord(variant):04X}), a variant form of a letter or digit that "
                         "imitates the plain one; type the plain character")
    mixed = _mixed_script_word(value)
    if mixed:
        raise ValueError(f"the word {mixed!r} mixes letters of different scripts (Latin, Cyrillic, Greek, Armenian), "
                         "which can imitate another name")
    value = value.strip()
    if not value:
        raise ValueError("is empty")
    return value


PlainText = Annotated[str, Field(min_length=1, max_length=400), AfterValidator(_clean_text)]


MAX_URL = 300


def _https_url(value: str) -> str:
    if len(value) > MAX_URL:
        raise ValueError(f"address is {len(value)} characters long; at most {MAX_URL}")
    host = re.match(r"https://([^/?#]*)", value)
    if host and not host.group(1).isascii():
        raise ValueError(f"{value!r} has letters outside a-z in its host, which can imitate another address")
    if not re.fullmatch(r"https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:[0-9]+)?(/[A-Za-z0-9._~:/?#@!$&'()*+,;=%-]*)?", value):
        raise ValueError(f"{value!r} is not an https URL")
    host = value.split("/")[2]
    if "xn--" in host.lower():
        raise ValueError(f"{value!r} has a punycode host, which can imitate another address")
    return value


# A fact an administrator entered in infogen for their own municipality (or the county for
# the actors) has that owner as its source; the revision history says who and when.
SELF_SERVICE_SOURCE = re.compile(r"infogen:(\d{4}|actors)")


def _source_url(value: str) -> str:
    problem = _invisible(value)
    if problem or len(value) > MAX_URL:
        raise ValueError(f"source {problem or f'is longer than {MAX_URL} characters'}")
    if not (re.fullmatch(r"https?://\S+", value) or SELF_SERVICE_SOURCE.fullmatch(value)):
        raise ValueError(f"source {value!r} is not a URL (or infogen:<code> for data entered by its owner)")
    return value


_HOURS = re.compile(r"^(24/7|office_hours|(daily|weekdays) ([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-4]):[0-5][0-9])$")


class _Fact(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    source: Annotated[str, AfterValidator(_source_url)]
    checked: date  # when someone read the value at its source
    # the date the source page itself shows (published or last updated), where it shows one:
    # a value read today from a page last updated years ago is only as fresh as the page
    published: date | None = None

    @field_validator("checked", "published")
    @classmethod
    def _not_in_future(cls, value: date | None, info: ValidationInfo) -> date | None:
        if value is None:
            return value
        if value > date.today():
            raise ValueError(f"{info.field_name} date {value} is in the future")
        checked = info.data.get("checked")
        if info.field_name == "published" and checked and value > checked:
            raise ValueError(f"published {value} is after checked {checked}: the page cannot be newer than its reading")
        return value


class PhoneFact(_Fact):
    value: str

    @field_validator("value")
    @classmethod
    def _phone(cls, value: str) -> str:
        problem = phone_problem(value)
        if problem:
            raise ValueError(problem)
        return value


class UrlFact(_Fact):
    value: Annotated[str, AfterValidator(_https_url)]


def _email(value: str) -> str:
    if len(value) > 254:
        raise ValueError(f"e-mail address is {len(value)} characters long; at most 254")
    if not re.fullmatch(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", value):
        raise ValueError(f"{value!r} is not an e-mail address (name@example.se, letters a-z only)")
    return value


class EmailFact(_Fact):
    value: Annotated[str, AfterValidator(_email)]


class HoursFact(_Fact):
    value: str

    @field_validator("value")
    @classmethod
    def _hours(cls, value: str) -> str:
        if not _HOURS.fullmatch(value):
            raise ValueError(
                f"opening hours {value!r} not understood; use 24/7, office_hours, "
                "'daily HH:MM-HH:MM' or 'weekdays HH:MM-HH:MM'"
            )
        return value


Audiences = Literal["all"] | list[Audience]
Topics = Literal["all"] | list[Topic]


class Contact(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$")]
    kind: Kind
    name: PlainText
    description: PlainText | None = None
    phone: PhoneFact | None = None
    hours: HoursFact | None = None
    web: UrlFact | None = None
    email: EmailFact | None = None
    chat: UrlFact | None = None
    flags: list[Flag] = []
    audiences: Audiences
    topics: Topics

    @model_validator(mode="after")
    def _reachable(self) -> Contact:
        if not (self.phone or self.web or self.email or self.chat or self.description):
            raise ValueError("a contact needs a phone, web, email, chat or at least a description")
        return self

    def serves(self, audience: Audience, topics: frozenset[Topic]) -> bool:
        if self.audiences != "all" and audience not in self.audiences:
            return False
        return self.topics == "all" or bool(set(self.topics) & topics)


def _unique_ids(contacts: list[Contact]) -> list[Contact]:
    seen: set[str] = set()
    for contact in contacts:
        if contact.id in seen:
            raise ValueError(f"contact id {contact.id!r} is used twice")
        seen.add(contact.id)
    return contacts


Contacts = Annotated[list[Contact], AfterValidator(_unique_ids)]


class Municipality(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: Annotated[str, Field(pattern=r"^\d{4}$")]
    name: PlainText
    website: UrlFact | None = None
    contacts: Contacts = []


class Actors(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    regional: Contacts = []
    national: Contacts = []

    @model_validator(mode="after")
    def _one_emergency_number(self) -> Actors:
        emergency = [c for c in self.national if c.kind == Kind.emergency and c.phone]
        if len(emergency) != 1:
            raise ValueError("national needs exactly one contact of kind emergency with a phone (112): "
                             "every leaflet shows it")
        return self
