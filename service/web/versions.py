"""The versions of a municipality's contacts told in words, in the page's language and in
Stockholm time: "Socialtjänsten: added the phone number 08-530 610 00", "changed the opening
hours from weekdays 08:00–16:00 to weekdays 08:00–16:30". One whole sentence per kind of
change, so each language orders its own words."""

from __future__ import annotations

import re
from datetime import datetime

from babel.dates import format_datetime

from ..content.model import Audience, Topic
from ..i18n.markers import S_
from ..store.revisions import Change
from ..store.usage import LOCAL

# field → (added, changed, removed)
SENTENCES = {
    "phone": (S_("{contact}: lade till telefonnumret {new}"),
              S_("{contact}: ändrade telefonnumret från {old} till {new}"),
              S_("{contact}: tog bort telefonnumret {old}")),
    "web": (S_("{contact}: lade till webbadressen {new}"),
            S_("{contact}: ändrade webbadressen från {old} till {new}"),
            S_("{contact}: tog bort webbadressen {old}")),
    "email": (S_("{contact}: lade till e-postadressen {new}"),
              S_("{contact}: ändrade e-postadressen från {old} till {new}"),
              S_("{contact}: tog bort e-postadressen {old}")),
    "chat": (S_("{contact}: lade till chatten {new}"),
             S_("{contact}: ändrade chattens adress från {old} till {new}"),
             S_("{contact}: tog bort chatten {old}")),
    "hours": (S_("{contact}: lade till öppettiderna {new}"),
              S_("{contact}: ändrade öppettiderna från {old} till {new}"),
              S_("{contact}: tog bort öppettiderna {old}")),
    "description": (S_("{contact}: lade till en egen beskrivning: {new}"),
                    S_("{contact}: ändrade beskrivningen från ”{old}” till ”{new}”"),
                    S_("{contact}: tog bort den egna beskrivningen (standardtexten visas)")),
    "name": (S_("{contact}: fick namnet {new}"),
             S_("{old} heter nu {new}"),
             S_("{contact}: namnet togs bort")),
    "kind": (S_("{contact}: blev {new}"),
             S_("{contact}: ändrade slag från {old} till {new}"),
             S_("{contact}: slaget togs bort")),
    "flags": (S_("{contact}: fick kännetecknen {new}"),
              S_("{contact}: ändrade kännetecknen från {old} till {new}"),
              S_("{contact}: tog bort kännetecknen {old}")),
    "audiences": (S_("{contact}: gäller nu {new}"),
                  S_("{contact}: gällde {old}, gäller nu {new}"),
                  S_("{contact}: gäller inte längre {old}")),
    "topics": (S_("{contact}: gäller nu ämnena {new}"),
               S_("{contact}: gällde ämnena {old}, gäller nu {new}"),
               S_("{contact}: gäller inte längre ämnena {old}")),
    "website": (S_("Kommunens webbplats lades till: {new}"),
                S_("Kommunens webbplats ändrades från {old} till {new}"),
                S_("Kommunens webbplats togs bort: {old}")),
}
SOURCES = {
    "phone": S_("{contact}: telefonnumret kontrollerades {date} mot {source}"),
    "web": S_("{contact}: webbadressen kontrollerades {date} mot {source}"),
    "email": S_("{contact}: e-postadressen kontrollerades {date} mot {source}"),
    "chat": S_("{contact}: chatten kontrollerades {date} mot {source}"),
    "hours": S_("{contact}: öppettiderna kontrollerades {date} mot {source}"),
    "website": S_("Kommunens webbplats kontrollerades {date} mot {source}"),
}
OWN_SOURCE = S_("kommunens egen uppgift")
ADDED = S_("Ny kontakt: {contact} ({new})")
ADDED_BARE = S_("Ny kontakt: {contact}")
REMOVED = S_("Tog bort kontakten {contact} ({old})")
REMOVED_BARE = S_("Tog bort kontakten {contact}")
OTHER = S_("{contact}: ändrade {field} från {old} till {new}")
SEEDED = S_("från de levererade datafilerna")

KINDS = {
    "social_services": S_("Socialtjänst"), "social_emergency": S_("Socialjour"), "violence_unit": S_("Enhet mot våld"),
    "womens_shelter": S_("Kvinno- eller tjejjour"), "youth_clinic": S_("Ungdomsmottagning"),
    "perpetrator_support": S_("Stöd för den som använder våld"), "emergency": S_("Nödnummer"), "police": S_("Polis"),
    "healthcare": S_("Hälso- och sjukvård"), "helpline": S_("Stödtelefon"), "victim_support": S_("Brottsofferstöd"),
    "organisation": S_("Organisation"), "authority": S_("Myndighet")}
FLAGS = {"free": S_("Gratis"), "anonymous": S_("Anonymt"), "interpreter": S_("Tolk finns"),
         "no_phone_bill": S_("Syns inte på telefonräkningen")}
HOURS = {"24/7": S_("dygnet runt"), "office_hours": S_("kontorstid"), "daily": S_("varje dag {from}–{to}"),
         "weekdays": S_("vardagar {from}–{to}")}
EVERYONE = S_("alla målgrupper")
EVERY_TOPIC = S_("alla ämnen")


class Words:
    """Turns stored changes into sentences with ``_`` (the page's translator, which also knows
    the readers' names of audiences and topics)."""

    def __init__(self, translate, audience_labels: dict[str, str], topic_labels: dict[str, str]):
        self._ = translate
        self.audiences = audience_labels
        self.topics = topic_labels

    def value(self, field: str, text: str) -> str:
        _ = self._
        if not text:
            return ""
        if field == "hours":
            days, _space, span = text.partition(" ")
            start, _dash, end = span.partition("-")
            return _(HOURS[days], **{"from": start, "to": end}) if days in HOURS else text
        if field == "kind":
            return _(KINDS[text]) if text in KINDS else text
        if field == "flags":
            return ", ".join(_(FLAGS.get(f, f)) for f in text.split(", "))
        if field == "audiences":
            return _(EVERYONE) if text == "all" or set(text.split(", ")) == {a.value for a in Audience} else \
                ", ".join(self.audiences.get(a, a) for a in text.split(", "))
        if field == "topics":
            return _(EVERY_TOPIC) if text == "all" or set(text.split(", ")) == {t.value for t in Topic} else \
                ", ".join(self.topics.get(t, t) for t in text.split(", "))
        return text

    def sentence(self, change: Change) -> str:
        _ = self._
        field, _dot, part = change.field.partition(".")
        if field == "added":
            return _(ADDED if change.new else ADDED_BARE, contact=change.contact, new=change.new)
        if field == "removed":
            return _(REMOVED if change.old else REMOVED_BARE, contact=change.contact, old=change.old)
        if part == "source":
            found = re.fullmatch(r"(.*) \((\d{4}-\d{2}-\d{2})\)", change.new)
            source, date = (found.group(1), found.group(2)) if found else (change.new, "")
            if source.startswith("infogen:"):
                source = _(OWN_SOURCE)
            message = SOURCES.get(field)
            return _(message, contact=change.contact, date=date, source=source) if message else \
                _(OTHER, contact=change.contact, field=field, old=change.old, new=change.new)
        old, new = self.value(field, change.old), self.value(field, change.new)
        if field not in SENTENCES:
            return _(OTHER, contact=change.contact, field=field, old=old, new=new)
        added, changed, removed = SENTENCES[field]
        message = added if not old else removed if not new else changed
        return _(message, contact=change.contact, old=old, new=new)


def local_time(moment: datetime, lang: str) -> str:
    """When, in Stockholm time, as people there write it: "4 december 2026 15:20"."""
    return format_datetime(moment, "d MMMM y HH:mm", tzinfo=LOCAL, locale="sv" if lang == "sv" else "en_GB")
