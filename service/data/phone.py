"""Swedish phone numbers, read with libphonenumber's data (``phonenumbers``): any usual way of
writing one is accepted (08-12345678, 0812345678, +46 8 123 456 78, 08-123 456 78), kept in
the national written form for the leaflet and in E.164 for its tel: link; a number that
cannot exist is refused with what is wrong and how to write it. Short numbers (112, 114 14,
1177 …) only from ``short_numbers.yaml``, each named by a public source."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import phonenumbers
from phonenumbers import PhoneNumberFormat, ValidationResult
from ruamel.yaml import YAML

from ..i18n.markers import S_
from ..i18n.refusal import Refusal

SHORT_NUMBERS_FILE = Path(__file__).with_name("short_numbers.yaml")
EXAMPLE = "08-123 456 78"
MOBILE_EXAMPLE = "070-123 45 67"

# what people type between the digits: spaces (also no-break), hyphens and dashes, brackets,
# slashes and dots ("08/123 45 67", "(08) 123 45 67", "08.123.45.67")
_SEPARATORS = re.compile(r"[\s\u00a0\u2009\u202f\-\u2010-\u2015\u2212()/.]+")
# the Swedish written form as a source prints it: area code, hyphen, groups of two or three digits
_WRITTEN = re.compile(r"0[0-9]{1,3}-[0-9]{2,3}( [0-9]{2,3})+")


@dataclass(frozen=True)
class ShortNumber:
    number: str  # as written: 114 14
    name: str
    source: str
    checked: date

    @property
    def digits(self) -> str:
        return self.number.replace(" ", "")


@lru_cache(maxsize=1)
def short_numbers() -> dict[str, ShortNumber]:
    """The accepted short numbers by their digits."""
    entries = YAML(typ="safe").load(SHORT_NUMBERS_FILE.read_text(encoding="utf-8"))
    found = {}
    for entry in entries:
        number = ShortNumber(str(entry["number"]), entry["name"], entry["source"], date.fromisoformat(str(entry["checked"])))
        found[number.digits] = number
    return found


def _short_list() -> str:
    return ", ".join(n.number for n in short_numbers().values())


@dataclass(frozen=True)
class Phone:
    printed: str  # as on the leaflet: 08-123 456 78, 020-555 666, 112
    uri: str  # tel:+46812345678, tel:112


def parse_phone(text: str) -> Phone:
    """The number ``text`` as a person typed it; Refusal when it is not a Swedish number that
    exists, or not one of the short numbers with a source."""
    typed = " ".join(text.split())
    if not typed:
        raise Refusal(S_("Telefonnumret är tomt. Skriv hela numret med riktnummer, till exempel {example}."),
                      example=EXAMPLE)
    rest = _SEPARATORS.sub("", typed)
    international = rest.startswith(("+", "00"))
    digits = rest.removeprefix("+")
    if not digits.isascii() or not digits.isdigit():
        raise Refusal(S_("Telefonnumret ”{value}” innehåller annat än siffror, mellanslag och bindestreck. "
                         "Skriv bara numret, till exempel {example}."), value=typed, example=EXAMPLE)
    if not international and not digits.startswith("0"):
        short = short_numbers().get(digits)
        if short is not None:
            return Phone(short.number, "tel:" + short.digits)
        if len(digits) <= 6:
            raise Refusal(S_("”{value}” är inte ett av de korta nummer som kan stå på bladen ({numbers}). "
                             "Skriv hela numret med riktnummer, till exempel {example}."),
                          value=typed, numbers=_short_list(), example=EXAMPLE)
        raise Refusal(S_("Telefonnumret ”{value}” saknar riktnummer. Skriv det med riktnummer först, till exempel "
                         "{example} (08 är Stockholms riktnummer)."), value=typed, example=EXAMPLE)
    try:
        number = phonenumbers.parse(("+" + digits[2:]) if rest.startswith("00") else rest, "SE")
    except phonenumbers.NumberParseException:
        if len(digits) < 6:
            raise _too_short(typed) from None
        raise Refusal(S_("Telefonnumret ”{value}” går inte att läsa. Skriv hela numret med riktnummer, till exempel "
                         "{example}."), value=typed, example=EXAMPLE) from None
    if number.country_code != 46:
        raise Refusal(S_("”{value}” är inte ett svenskt telefonnummer. Bara svenska nummer kan stå på bladen, "
                         "till exempel {example}."), value=typed, example=EXAMPLE)
    if not phonenumbers.is_valid_number(number):
        raise _invalid(typed, number)
    national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    written = typed.replace("\u2013", "-")
    # the grouping of the source is kept when it is a correct one (Välj att sluta writes 020-555 666)
    if _WRITTEN.fullmatch(written) and written.split("-")[0] == national.split("-")[0]:
        national = written
    return Phone(national, "tel:" + phonenumbers.format_number(number, PhoneNumberFormat.E164))


def _invalid(typed: str, number: phonenumbers.PhoneNumber) -> Refusal:
    national = str(number.national_number)
    count = len(national) + 1  # with the leading 0 of the national form
    if national.startswith("7") and count != 10:
        return Refusal(S_("Ett mobilnummer har tio siffror, till exempel {example}; ”{value}” har {count}."),
                       value=typed, count=count, example=MOBILE_EXAMPLE)
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason == ValidationResult.TOO_SHORT:
        return _too_short(typed)
    if reason == ValidationResult.TOO_LONG:
        return Refusal(S_("Telefonnumret ”{value}” har för många siffror ({count}). Kontrollera numret; ett svenskt "
                          "nummer skrivs till exempel {example}."), value=typed, count=count, example=EXAMPLE)
    return Refusal(S_("Telefonnumret ”{value}” finns inte i den svenska nummerplanen. Kontrollera siffrorna och "
                      "riktnumret, till exempel {example}."), value=typed, example=EXAMPLE)


def _too_short(typed: str) -> Refusal:
    return Refusal(S_("Telefonnumret ”{value}” har för få siffror. Skriv hela numret med riktnummer, till exempel "
                      "{example}."), value=typed, example=EXAMPLE)


def printed(value: str) -> str:
    """The stored form of a number typed in any usual way (raises Refusal)."""
    return parse_phone(value).printed


def tel_uri(value: str) -> str:
    """The tel: link of a number as stored: E.164 (tel:+46850800508), short numbers as they are
    (tel:112). Data stored before the number was checked this way still gets a link."""
    try:
        return parse_phone(value).uri
    except Refusal:
        digits = re.sub(r"[^0-9]", "", value)
        return "tel:+46" + digits[1:] if digits.startswith("0") else "tel:" + digits

