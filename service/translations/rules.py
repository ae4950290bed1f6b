"""What every translation must satisfy before it is stored, imported or shipped.

Each rule says what a reader would otherwise see go wrong: a lost placeholder prints
"{emergency}" instead of 112, a changed number sends them to the wrong line, markup or a bidi
override can hide or reorder text, a word in the wrong script cannot be read, a Swedish
sentence left in place cannot be understood.

Precisely:

- **placeholders**: the same ``{name}`` placeholders as the Swedish, as often.
- **numbers**: every number of the Swedish (digits of any script count as the same digits),
  as often, and no other — except ``24`` where the Swedish says *dygnet runt* ("around the
  clock" is "24 hours" in many languages). A phone number is its groups of digits, so a
  changed or added phone number is refused.
- **markup**: no ``<tag>``, ``</tag>``, ``<!…>`` and no character entities (``&amp;``).
- **invisible characters**: no control, format, private-use or unassigned characters;
  ZERO WIDTH NON-JOINER only in the languages whose spelling needs it (Persian, Dari,
  Pashto, Sorani).
- **script**: every letter in the language's script, except in words of the Swedish text
  itself or forms of them (the same first five letters: Stockholm for Stockholms) — names
  such as BRIS or Södersjukhuset, and Swedish terms a reader needs in front of an
  authority, which the drafts give in parentheses — and the few words a screen shows in
  Latin letters in every language (cookie, browser, incognito, app, the Shift key).
- **Swedish left untranslated**: outside parentheses, no run of three or more words that
  follow each other in the Swedish text where each is written in lower case there. Names
  start with a capital letter and so break a run ("Akutmottagningen för våldtagna" is a
  name); a Swedish term kept on purpose goes in parentheses.
- **complete**: an offered language cannot lose a message: an empty text is refused.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from icu import Script, UScriptCode

from ..i18n.markers import S_

PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!?]|&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
WORD = re.compile(r"\w+(?:[-'’]\w+)*")
ZWNJ = "\u200c"
NEEDS_ZWNJ = {"fa", "prs", "ps", "ckb"}
SWEDISH = {"sv", "sv-x-lattlast"}
# what a browser or phone shows in Latin letters whatever the reader's language: a text that
# tells them where to click may name it as their screen does
# "shift": what the key itself says on the keyboards readers have, in every script
SCREEN_WORDS = {"cookie", "cookies", "browser", "incognito", "app", "apps", "shift"}

# ISO 15924 codes as the registry writes them → ICU's script codes
_SCRIPTS = {"Latn": UScriptCode.LATIN, "Arab": UScriptCode.ARABIC, "Cyrl": UScriptCode.CYRILLIC,
            "Ethi": UScriptCode.ETHIOPIC, "Thai": UScriptCode.THAI, "Hebr": UScriptCode.HEBREW}
_NEUTRAL = {UScriptCode.COMMON, UScriptCode.INHERITED}


EMPTY = S_("översättningen är tom: varje text i ett språk som erbjuds behöver en översättning")
PLACEHOLDERS = S_("platshållarna skiljer sig från svenskan (den har {want})")
NUMBERS = S_("talen skiljer sig från svenskan (saknas: {missing}; finns inte i svenskan: {extra})")
HAS_MARKUP = S_("innehåller märkning (HTML eller XML)")
INVISIBLE = S_("innehåller det osynliga tecknet eller styrtecknet {char}")
SCRIPT = S_("ord som inte är skrivna med språkets skrift ({script}): {words}")
UNTRANSLATED = S_("svenska som inte är översatt: ”{run}”")


@dataclass(frozen=True)
class Problem:
    """What is wrong with the translation of one message: a staff text (Swedish source, see
    service/i18n/markers.py) and its values, so each page and the command line say it in
    their own language."""

    msgid: str | None
    message: str
    values: tuple[tuple[str, str], ...] = ()

    def render(self, gettext=lambda text: text) -> str:
        text = gettext(self.message)
        for name, value in self.values:
            text = text.replace("{" + name + "}", value)
        return f"{_short(self.msgid)!r}: {text}" if self.msgid else text

    @property
    def text(self) -> str:
        return self.render()

    def __str__(self) -> str:
        return self.render()


def _short(msgid: str) -> str:
    return msgid if len(msgid) <= 60 else msgid[:57] + "…"


def _numbers(text: str) -> Counter:
    plain = "".join(str(unicodedata.digit(c)) if unicodedata.category(c) == "Nd" else c for c in text)
    return Counter(re.findall(r"\d+", plain))


def _without_parentheses(text: str) -> str:
    return re.sub(r"\([^()]*\)", " ", text)


def _script_of(char: str):
    return Script.getScript(char).getScriptCode()


def problems(msgid: str, text: str, language: str, script: str) -> list[Problem]:
    """Every rule ``text`` breaks as the ``language`` (written in ``script``, ISO 15924)
    translation of the Swedish ``msgid``; empty when it may be stored."""
    found: list[tuple[str, dict[str, str]]] = []
    if not text.strip():
        return [Problem(msgid, EMPTY)]
    if sorted(PLACEHOLDER.findall(msgid)) != sorted(PLACEHOLDER.findall(text)):
        found.append((PLACEHOLDERS, {"want": ", ".join(sorted(PLACEHOLDER.findall(msgid))) or "–"}))
    source, target = _numbers(msgid), _numbers(text)
    missing = source - target
    extra = target - source
    if "dygnet runt" in msgid:
        extra.pop("24", None)
    if missing or extra:
        found.append((NUMBERS, {"missing": ", ".join(sorted(missing)) or "–", "extra": ", ".join(sorted(extra)) or "–"}))
    if MARKUP.search(text):
        found.append((HAS_MARKUP, {}))
    for char in text:
        category = unicodedata.category(char)
        if char == ZWNJ and language in NEEDS_ZWNJ:
            continue
        if category in ("Cc", "Cf", "Co", "Cn", "Zl", "Zp") or (category == "Zs" and char not in " \u00a0\u202f"):
            name = unicodedata.name(char, "")
            found.append((INVISIBLE, {"char": f"U+{ord(char):04X}{' ' + name if name else ''}"}))
            break
    expected = _SCRIPTS.get(script)
    if expected is not None and language not in SWEDISH:
        strangers = _foreign_words(msgid, text, expected)
        if strangers:
            found.append((SCRIPT, {"script": script, "words": " ".join(strangers[:5])}))
    if language not in SWEDISH:
        run = _swedish_run(msgid, text)
        if run:
            found.append((UNTRANSLATED, {"run": run}))
    return [Problem(msgid, message, tuple(values.items())) for message, values in found]


def _foreign_words(msgid: str, text: str, expected: int) -> list[str]:
    """Runs of letters outside the ``expected`` script that are neither a word of the Swedish
    (or a form of one: the same first five letters, Stockholm for Stockholms) nor one of
    the words a reader's own screen shows in Latin letters."""
    source = [w.casefold() for w in re.findall(r"[^\W\d_]+", msgid)]
    strangers = []
    for run in re.findall(r"[^\W\d_]+", PLACEHOLDER.sub(" ", text)):
        foreign = "".join(c if c.isalpha() and _script_of(c) not in _NEUTRAL and _script_of(c) != expected else " "
                          for c in run).split()
        for word in foreign:
            folded = word.casefold()
            if folded in SCREEN_WORDS or any(_same_word(folded, s) for s in source):
                continue
            strangers.append(word)
    return strangers


def _same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    return common >= 5


def _swedish_run(msgid: str, text: str, length: int = 3) -> str | None:
    """The first run of ``length`` consecutive lower-case words of the Swedish that stands in
    the translation, outside parentheses."""
    words = WORD.findall(msgid)
    plain = " " + " ".join(WORD.findall(_without_parentheses(text))) + " "
    for i in range(len(words) - length + 1):
        run = words[i:i + length]
        if all(w[0].islower() for w in run) and f" {' '.join(run)} " in plain:
            return " ".join(run)
    return None
