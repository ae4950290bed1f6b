"""Children and young people are spoken to as Swedish speaks to them, with the familiar
"du": where a language has a familiar "you", their texts use it, not the polite or plural one.

Only the texts written for them are held to it: a message their leaflets share with the
adults' (as the emergency line) has one translation, in the adults' register.
"""

from __future__ import annotations

import re

import pytest

from service.content.model import AUDIENCE_NAMES, Audience, Bullets
from service.content.texts import CONTACTS_INTRO, INTRO, SECTIONS
from service.i18n.catalogs import Catalogs
from service.settings import ROOT


def _texts(audience: Audience) -> set[str]:
    texts = {AUDIENCE_NAMES[audience], INTRO[audience], CONTACTS_INTRO[audience]}
    for section in SECTIONS[audience]:
        texts.add(section.heading)
        for block in section.blocks:
            texts.update(block.items if isinstance(block, Bullets) else (block.text,))
    return texts


ADULTS = _texts(Audience.victim) | _texts(Audience.perpetrator) | _texts(Audience.relative)
# BRIS, shown only on children's and young people's leaflets
BRIS = "För dig som är under 18 år. Du kan ringa, chatta eller mejla. Du behöver inte säga vem du är."
OWN = {audience: (_texts(audience) - ADULTS) | {BRIS} for audience in (Audience.child, Audience.youth)}

# the polite or plural "you" (pronouns, possessives, and verb forms that carry it)
POLITE = {
    "de": r"\b(Sie|Ihnen|Ihr|Ihre[mnrs]?)\b",
    "fr": r"\b(vous|votre|vos)\b",
    "ro": r"\b(dumneavoastră|vă|puteți|sunteți|aveți)\b",
    "ru": r"\b(вы|вас|вам|вами|ваш\w*)\b",
    "uk": r"\b(ви|вас|вам|вами|ваш\w*)\b",
    "bs": r"\b(vi|vas|vam|vaš\w*|možete|morate|imate)\b",
    "hr": r"\b(vi|vas|vam|vaš\w*|možete|morate|imate)\b",
    "sr": r"\b(ви|вас|вам|ваш\w*|можете|морате|имате)\b",
    "sq": r"\b(ju|juaj|jeni|keni|mund të \w+ni)\b",
    "tr": r"\b(siz|size|sizi|sizin)\b|\w(siniz|sınız|abilirsiniz|ebilirsiniz)\b",
    "fa": r"\bشما\b",
    "prs": r"\bشما\b",
    "ps": r"تاسو|ستاسو",
    "ur": r"آپ",
    "ti": r"ኹም",
    "am": r"እርስዎ|ይችላሉ",
}
CHILD_LANGUAGES = ["fa", "prs", "ps", "ur", "ti", "am", "tr", "sr", "sq"]
YOUTH_LANGUAGES = ["de", "fr", "ro", "ru", "uk", "bs", "hr", "sr", "sq", "tr"]


def _pattern(language: str) -> re.Pattern:
    # German "Sie" is polite only with its capital; elsewhere a sentence may start with the form
    return re.compile(POLITE[language], 0 if language == "de" else re.IGNORECASE)


def _polite(language: str, audience: Audience) -> list[str]:
    translations = Catalogs(ROOT / "locales").translations(language)
    return [translations.gettext(text) for text in sorted(OWN[audience])
            if _pattern(language).search(translations.gettext(text))]


@pytest.mark.parametrize("language", CHILD_LANGUAGES)
def test_a_child_is_addressed_with_the_familiar_you(language):
    assert _polite(language, Audience.child) == []


@pytest.mark.parametrize("language", YOUTH_LANGUAGES)
def test_a_young_person_is_addressed_with_the_familiar_you(language):
    assert _polite(language, Audience.youth) == []


@pytest.mark.parametrize("language", sorted(POLITE))
def test_the_check_finds_the_polite_you_where_adults_are_addressed(language):
    """The patterns find what they look for: the adults' leaflet uses the polite form."""
    translations = Catalogs(ROOT / "locales").translations(language)
    adult = [translations.gettext(text) for text in sorted(_texts(Audience.victim))]
    assert any(_pattern(language).search(text) for text in adult)
