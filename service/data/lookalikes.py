"""Words that could show a reader something other than what they are, judged by Unicode's own
data — the confusables and script properties of UTS #39, through ICU's spoof checker — rather
than by a list of scripts of our own: a word mixing scripts ("Bоtkyrka" with a Cyrillic о,
"ᏴOTKYRKA" with a Cherokee Ᏼ), and a word written wholly in another script whose letters all
look like Latin ones ("ВОТКУРКА" in Cyrillic, "ꓓꓳꓔ" in Lisu)."""

from __future__ import annotations

import unicodedata

import icu

_checker = icu.SpoofChecker()
_checker.setChecks(icu.USpoofChecks.RESTRICTION_LEVEL | icu.USpoofChecks.MIXED_NUMBERS)
# one script per word (Latin with Han, Kana or Hangul as in Japanese, Chinese, Korean)
_checker.setRestrictionLevel(icu.URestrictionLevel.HIGHLY_RESTRICTIVE)

_COMMON = ("Zyyy", "Zinh")  # digits, punctuation and marks belong to every script


def _words(text: str) -> list[str]:
    """Runs of letters, digits and the marks on them (an Arabic word keeps its vowel signs)."""
    words, word = [], ""
    for char in text:
        if char.isalnum() or unicodedata.category(char).startswith("M"):
            word += char
        elif word:
            words.append(word)
            word = ""
    return words + [word] if word else words


def _script(char: str) -> str:
    return icu.Script.getScript(char).getShortName()


def mixed_script_word(text: str) -> str | None:
    """The first word whose letters come from scripts that are not used together."""
    for word in _words(text):
        if _checker.check(word):
            return word
    return None


def latin_lookalike(text: str) -> tuple[str, str] | None:
    """The first word written in another script that reads as a Latin word, and that word."""
    for word in _words(text):
        scripts = {_script(c) for c in word if c.isalpha()} - set(_COMMON)
        if not scripts or "Latn" in scripts:
            continue
        skeleton = _checker.getSkeleton(0, word)
        if skeleton.isascii() and sum(c.isalpha() for c in skeleton) > 1:
            return word, skeleton
    return None


def crowded_marks(text: str, most: int) -> tuple[str, int] | None:
    """A character carrying more than ``most`` combining marks (which draw over the lines around
    it), and how many it carries."""
    base, count = "", 0
    for char in unicodedata.normalize("NFD", text) + "\0":
        if unicodedata.category(char) in ("Mn", "Mc", "Me"):
            count += 1
            continue
        if count > most:
            return base, count
        base, count = char, 0
    return None
