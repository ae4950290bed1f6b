"""Opening hours as people write them — 9, 9.00, 09:00, 9–17 — kept in one form: ``24/7``,
``office_hours``, or ``daily``/``weekdays`` with ``HH:MM-HH:MM``."""

from __future__ import annotations

import re

from ..i18n.markers import S_
from ..i18n.refusal import Refusal

ALWAYS, OFFICE = "24/7", "office_hours"
DAYS = ("daily", "weekdays")

_TIME = re.compile(r"(?:kl\.?\s*)?([0-9]{1,2})(?:[.:]([0-9]{2}))?", re.IGNORECASE)
_COMPACT = re.compile(r"([0-9]{1,2})([0-9]{2})")  # 0930, 930
_SPAN = re.compile(r"\s*(?:-|\u2010|\u2011|\u2012|\u2013|\u2014|\u2212|till|to)\s*", re.IGNORECASE)


def parse_time(text: str) -> str:
    """``HH:MM`` from a time as typed: 9, 09, 9.30, 9:30, 0930, kl. 9; Refusal otherwise."""
    typed = text.strip()
    found = _TIME.fullmatch(typed) or _COMPACT.fullmatch(typed)
    if not found:
        raise Refusal(S_("Tiden ”{value}” går inte att läsa. Skriv till exempel 9, 9.30 eller 09:30."), value=typed)
    hour, minute = int(found.group(1)), int(found.group(2) or 0)
    if hour > 24 or minute > 59 or (hour == 24 and minute):
        raise Refusal(S_("Tiden ”{value}” finns inte: timmarna går från 0 till 24 och minuterna från 00 till 59, "
                         "till exempel 16:30."), value=typed)
    return f"{hour:02d}:{minute:02d}"


def split_span(text: str) -> tuple[str, str] | None:
    """The two times of a span typed in one field ("9–17", "08:00 - 16:30"), or None."""
    parts = _SPAN.split(text.strip())
    return (parts[0], parts[1]) if len(parts) == 2 and all(parts) else None


def span(start: str, end: str) -> str:
    """``HH:MM-HH:MM`` from two times as typed; Refusal when either cannot be read, or both are
    the same. A span past midnight (a social emergency service 16:30–08:00) is allowed."""
    first, last = parse_time(start), parse_time(end)
    if first == last or (first, last) == ("00:00", "24:00"):
        raise Refusal(S_("Från {start} till {end} är ingen öppettid. Skriv när det öppnar och när det stänger, till "
                         "exempel 08:00 och 16:30 (eller välj Dygnet runt)."), start=first, end=last)
    return f"{first}-{last}"


def normal_hours(value: str) -> str:
    """The one stored form of opening hours written in a data file ("weekdays 9-17" becomes
    "weekdays 09:00-17:00"); Refusal for anything else."""
    typed = " ".join(value.split())
    if typed in (ALWAYS, OFFICE):
        return typed
    days, _, times = typed.partition(" ")
    both = split_span(times) if days in DAYS else None
    if both is None:
        raise Refusal(S_("Öppettiderna ”{value}” går inte att förstå. Skriv 24/7, office_hours, ”weekdays 08:00-16:30” "
                         "eller ”daily 9-17”."), value=typed)
    return f"{days} {span(*both)}"
