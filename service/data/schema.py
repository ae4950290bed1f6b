"""The one schema every data file (and, later, every edit) is validated against."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

import idna
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from ..content.model import Audience, Topic
from ..i18n.markers import S_
from ..i18n.refusal import Refusal
from .hours import normal_hours
from .lookalikes import crowded_marks, latin_lookalike, mixed_script_word
from .phone import parse_phone


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

# Letters of these scripts have compatibility forms (full-width, mathematical) that look plain
_CONFUSABLE_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK", "ARMENIAN")

MAX_MARKS = 4  # combining marks on one character: Vietnamese, Thai, Arabic and Yiddish need 2–3


def _invisible(value: str) -> Refusal | None:
    """What in ``value`` could show a reader something other than what was typed, or None."""
    for char in value:
        category = unicodedata.category(char)
        if category in ("Cf", "Co", "Cn", "Cs", "Zl", "Zp", "Me") or char in _FILLERS or (category == "Cc" and char != "\n"):
            return Refusal(S_("Texten innehåller ett osynligt tecken eller ett styrtecken (U+{code}), som kan visa "
                              "läsaren något annat än det som står. Skriv texten själv i stället för att klistra in "
                              "den."), code=f"{ord(char):04X}")
    if "\ufffd" in value:
        return Refusal(S_("Texten innehåller tecknet �, som blir kvar när text har lästs med fel teckenkodning. "
                          "Skriv texten igen."))
    broken = _MOJIBAKE.search(value)
    if broken:
        return Refusal(S_("Texten innehåller ”{text}”, som är felkodad text (som ”Ã¤” i stället för ”ä”). Skriv "
                          "texten igen."), text=broken.group())
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


def _clean_text(value: str) -> str:
    """Reject what could make a reader see something other than what was typed."""
    problem = _invisible(value)
    if problem:
        raise problem
    if re.search(r"<\s*/?\s*[a-zA-Z!]", value):
        raise Refusal(S_("Texten innehåller kod (som <b> eller <a>). Skriv bara vanlig text, utan tecknen < och >."))
    variant = _variant_form(value)
    if variant:
        raise Refusal(S_("Texten innehåller ”{char}”, en variant av ett tecken som ser ut som det vanliga men inte är "
                         "det. Skriv det vanliga tecknet: ”{plain}”."),
                      char=variant, plain=unicodedata.normalize("NFKC", variant))
    crowded = crowded_marks(value, MAX_MARKS)
    if crowded:
        raise Refusal(S_("Tecknet ”{char}” bär {count} accenter eller andra tecken ovanpå eller under sig; högst "
                         "{most} går, annars ritas de över raderna runt omkring. Skriv texten igen."),
                      char=crowded[0], count=crowded[1], most=MAX_MARKS)
    mixed = mixed_script_word(value)
    if mixed:
        raise Refusal(S_("Ordet ”{word}” blandar bokstäver från olika alfabet och kan se ut som ett annat namn. "
                         "Skriv ordet igen med bara ett alfabet."), word=mixed)
    lookalike = latin_lookalike(value)
    if lookalike:
        raise Refusal(S_("Ordet ”{word}” är skrivet med bokstäver från ett annat alfabet som ser ut som latinska "
                         "(”{looks}”). Skriv ordet med vanliga bokstäver."), word=lookalike[0], looks=lookalike[1])
    value = value.strip()
    if not value:
        raise Refusal(S_("Fältet är tomt."))
    return value


PlainText = Annotated[str, Field(min_length=1, max_length=400), AfterValidator(_clean_text)]


def _one_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise Refusal(S_("Ett namn står på en enda rad: ta bort radbrytningen."))
    return value


# a name is printed in bold on one line: a second line would look like a contact of its own
SingleLine = Annotated[str, Field(min_length=1, max_length=400), AfterValidator(_one_line), AfterValidator(_clean_text)]


MAX_URL = 300


URL_EXAMPLE = "https://www.botkyrka.se/"
_URL = re.compile(r"https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:[0-9]+)?(/[A-Za-z0-9._~:/?#@!$&'()*+,;=%-]*)?")


def _https_url(value: str) -> str:
    problem = _invisible(value)
    if problem:
        raise problem
    if len(value) > MAX_URL:
        raise Refusal(S_("Adressen har {length} tecken; den får ha högst {most}. Använd en kortare adress till samma "
                         "sida."), length=len(value), most=MAX_URL)
    host = re.match(r"https://([^/?#]*)", value)
    if host and not host.group(1).isascii():
        raise Refusal(S_("Adressen ”{value}” har andra bokstäver än a–z i namnet före första snedstrecket och kan "
                         "se ut som en annan adress. Skriv namnet med a–z, till exempel {example}."),
                      value=value, example=URL_EXAMPLE)
    if not _URL.fullmatch(value):
        suggestion = _https_suggestion(value)
        if suggestion:
            raise Refusal(S_("”{value}” är ingen fullständig https-adress. Skriv den så här: {suggestion}"),
                          value=value, suggestion=suggestion)
        raise Refusal(S_("”{value}” är ingen webbadress som börjar med https://. Skriv hela adressen, till exempel "
                         "{example}"), value=value, example=URL_EXAMPLE)
    host, _, port = value.split("/")[2].partition(":")
    if "xn--" in host.lower():
        raise Refusal(S_("Adressen ”{value}” har ett kodat namn (xn--), som kan se ut som en annan adress. Skriv "
                         "adressen som den står i webbläsaren, till exempel {example}."),
                      value=value, example=URL_EXAMPLE)
    if port and not 1 <= int(port) <= 65535:
        raise Refusal(S_("Adressen ”{value}” har porten {port}, men en port är ett tal från 1 till 65535. Skriv "
                         "adressen utan port, till exempel {example}."), value=value, port=port, example=URL_EXAMPLE)
    if not _valid_host(host):
        raise Refusal(S_("Namnet ”{host}” i adressen ”{value}” följer inte reglerna för namn på nätet (en del får "
                         "till exempel inte vara tom eller börja eller sluta med bindestreck). Skriv adressen som "
                         "den står i webbläsaren, till exempel {example}."), host=host, value=value,
                      example=URL_EXAMPLE)
    return value


def _valid_host(host: str) -> bool:
    """A host name by the IDNA rules (RFC 5891): no empty part, none starting or ending with
    a hyphen, none longer than 63 characters."""
    try:
        idna.encode(host.lower())
    except (idna.IDNAError, UnicodeError):
        return False
    return True


def _https_suggestion(value: str) -> str | None:
    """The address as it should be written, where that is clear: www.botkyrka.se or
    http://www.botkyrka.se become https://www.botkyrka.se."""
    bare = re.sub(r"^(https?:)?/*", "", value.strip(), flags=re.IGNORECASE)
    if not bare or value.lower().startswith(("javascript:", "data:", "mailto:")):
        return None
    candidate = "https://" + bare
    return candidate if candidate != value and _URL.fullmatch(candidate) and "xn--" not in candidate.lower() else None


# A fact an administrator entered in infogen for their own municipality (or the county for
# the actors) has that owner as its source; the revision history says who and when.
SELF_SERVICE_SOURCE = re.compile(r"infogen:(\d{4}|actors)")


def _source_url(value: str) -> str:
    problem = _invisible(value)
    if problem:
        raise problem
    if len(value) > MAX_URL:
        raise Refusal(S_("Källans adress har {length} tecken; den får ha högst {most}."), length=len(value), most=MAX_URL)
    if SELF_SERVICE_SOURCE.fullmatch(value):
        return value
    if not re.match(r"https?://\S", value, flags=re.IGNORECASE):
        raise Refusal(S_("Källan ”{value}” är ingen webbadress. Ange sidan där uppgiften står, till exempel "
                         "{example}, eller lämna källan tom om ni själva är källan."), value=value, example=URL_EXAMPLE)
    # the host by the rules of every link (plain a–z, no xn--, a real port); an old page cited
    # at its http:// address stays cited as it was read
    plain = re.sub(r"^http://", "https://", value, flags=re.IGNORECASE)
    _https_url(plain)
    return value


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
            raise Refusal(S_("Datumet {value} ligger i framtiden. Skriv dagen då uppgiften lästes, till exempel {today}."),
                          value=value.isoformat(), today=date.today().isoformat())
        checked = info.data.get("checked")
        if info.field_name == "published" and checked and value > checked:
            raise Refusal(S_("Sidans datum {published} är senare än {checked}, då uppgiften lästes där; en sida kan "
                             "inte vara nyare än läsningen. Kontrollera datumen."),
                          published=value.isoformat(), checked=checked.isoformat())
        return value


class PhoneFact(_Fact):
    value: str

    @field_validator("value")
    @classmethod
    def _phone(cls, value: str) -> str:
        """Kept as printed: any usual way of writing a number becomes its national form."""
        return parse_phone(value).printed


class UrlFact(_Fact):
    value: Annotated[str, AfterValidator(_https_url)]


def _email(value: str) -> str:
    if len(value) > 254:
        raise Refusal(S_("E-postadressen har {length} tecken; den får ha högst {most}."), length=len(value), most=254)
    if not re.fullmatch(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", value) or not _valid_host(
            value.rpartition("@")[2]):
        raise Refusal(S_("”{value}” är ingen e-postadress. Skriv den som namn@exempel.se, med bokstäverna a–z."),
                      value=value)
    if "xn--" in value.rpartition("@")[2].lower():
        raise Refusal(S_("E-postadressen ”{value}” har ett kodat namn (xn--) efter @, som kan se ut som en annan "
                         "adress. Skriv den med bokstäverna a–z, som namn@exempel.se."), value=value)
    return value


class EmailFact(_Fact):
    value: Annotated[str, AfterValidator(_email)]


class HoursFact(_Fact):
    value: str

    @field_validator("value")
    @classmethod
    def _hours(cls, value: str) -> str:
        """Kept in one form: "weekdays 9-17" becomes "weekdays 09:00-17:00"."""
        return normal_hours(value)


Audiences = Literal["all"] | list[Audience]
Topics = Literal["all"] | list[Topic]


class Contact(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$")]
    kind: Kind
    name: SingleLine
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
            raise Refusal(S_("En kontakt behöver ett telefonnummer, en webbadress, en e-postadress, en chatt eller "
                             "åtminstone en beskrivning."))
        return self

    def serves(self, audience: Audience, topics: frozenset[Topic]) -> bool:
        if self.audiences != "all" and audience not in self.audiences:
            return False
        return self.topics == "all" or bool(set(self.topics) & topics)


def _unique_ids(contacts: list[Contact]) -> list[Contact]:
    seen: set[str] = set()
    for contact in contacts:
        if contact.id in seen:
            raise Refusal(S_("Id ”{value}” används av två kontakter; ge den ena ett annat."), value=contact.id)
        seen.add(contact.id)
    return contacts


Contacts = Annotated[list[Contact], AfterValidator(_unique_ids)]


class Municipality(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: Annotated[str, Field(pattern=r"^\d{4}$")]
    name: SingleLine
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
            raise Refusal(S_("Bland de nationella kontakterna ska det finnas precis en av slaget emergency med "
                             "telefonnummer (112): den står på varje blad."))
        return self
