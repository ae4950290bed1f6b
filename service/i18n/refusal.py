"""A refusal said to the person who typed the value: a Swedish message of the staff catalog
(marked ``S_``) with its values filled in after translating, so that the staff pages show it
in their own language, and the command line and the log in English."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from babel.support import NullTranslations


def fill(text: str, values: dict[str, object]) -> str:
    """The placeholders of a translated message filled in one pass (a value that itself holds
    "{name}" stays as it is)."""
    return re.sub(r"\{([a-z_]+)\}", lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(), text)


@lru_cache(maxsize=1)
def _english() -> NullTranslations:
    from ..settings import Settings
    from .catalogs import STAFF_DOMAIN, Catalogs

    return Catalogs(Settings.from_env().locales_dir, STAFF_DOMAIN).translations("en")


def english(message: str) -> str:
    """A staff message (Swedish source) in English: for the command line and the log."""
    return _english().gettext(message)


class Refusal(ValueError):
    """What is wrong with a value, and how to write it instead."""

    def __init__(self, message: str, **values: object):
        self.message = message
        # a value may be a Refusal itself (a phrase of its own to translate), else it is text
        self.values = {name: value if isinstance(value, Refusal) else str(value) for name, value in values.items()}
        super().__init__(message)

    def text(self, translate: Callable[[str], str] = lambda message: message) -> str:
        """The message in the language of ``translate`` (by default Swedish)."""
        return fill(translate(self.message), {name: value.text(translate) if isinstance(value, Refusal) else value
                                              for name, value in self.values.items()})

    def __str__(self) -> str:
        return self.text(english)
