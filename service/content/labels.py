"""Texts around the contacts and the page: kinds of contact, opening hours, flags, labels."""

from ..data.schema import Flag, Kind
from .model import N_

# The standard description of a local contact whose data gives none.
KIND_DESCRIPTIONS = {
    Kind.social_services: N_("Socialtjänsten i kommunen ger stöd och skydd till dig som har utsatts för våld, och till barn som har upplevt våld."),
    Kind.social_emergency: N_("Socialjouren hjälper när socialtjänsten har stängt, på kvällar, nätter och helger."),
    Kind.violence_unit: N_("Kommunens stöd för dig som har utsatts för våld i en nära relation."),
    Kind.womens_shelter: N_("En jour ger stöd, råd och ibland skyddat boende. Du kan vara anonym."),
    Kind.youth_clinic: N_("Ungdomsmottagningen är till för dig som är ung. Du kan prata om kropp, relationer och hur du mår."),
    Kind.perpetrator_support: N_("Stöd för dig som har använt våld och vill sluta."),
    Kind.emergency: N_("Ring vid akut fara för liv eller hälsa."),
    Kind.police: N_("Polisen tar emot anmälningar om brott."),
    Kind.healthcare: N_("Vård och hjälp att dokumentera skador."),
    Kind.helpline: N_("Stödtelefon."),
    Kind.victim_support: N_("Stöd till dig som har utsatts för brott."),
    Kind.organisation: N_("Stöd och information."),
    Kind.authority: N_("Stöd och information."),
}

# Shown for a municipality whose data has no social services contact, with its website.
MUNICIPALITY_FALLBACK = N_("Kontakta socialtjänsten i din kommun. Kontaktuppgifter finns på kommunens webbplats.")

FLAG_LABELS = {
    Flag.free: N_("Gratis"),
    Flag.anonymous: N_("Du kan vara anonym"),
    Flag.interpreter: N_("Tolk finns"),
    Flag.no_phone_bill: N_("Syns inte på telefonräkningen"),
}

HOURS_ALWAYS = N_("Öppet dygnet runt")
HOURS_OFFICE = N_("Öppet kontorstid")
HOURS_DAILY = N_("Öppet varje dag {from}–{to}")
HOURS_WEEKDAYS = N_("Öppet vardagar {from}–{to}")

LEVEL_HEADINGS = {
    "local": N_("I din kommun"),
    "regional": N_("I Stockholms län"),
    "national": N_("I hela Sverige"),
}

CONTACTS_HEADING = N_("Här kan du få hjälp")
EMERGENCY_LINE = N_("Vid akut fara, ring {emergency}")
QUICK_EXIT = N_("Lämna sidan snabbt")
QR_CAPTION = N_("Läs detta på nätet")
# what a screen reader says of the printed QR code
QR_ALT = N_("QR-kod till den här informationen på nätet")
FOOTER = N_("{municipality} · innehållsversion {version} · {date}")
# The title a browser tab, the history and a PDF viewer show: it must say nothing about
# violence to someone looking over the reader's shoulder or through their history.
DOCUMENT_TITLE = N_("{municipality} – information")
# What a leaflet says of its own translation, in its language and in Swedish: only what the
# data says (every passage reviewed, and when; otherwise not yet reviewed).
REVIEWED = N_("Översättningen är granskad av en auktoriserad översättare ({date}).")
NOT_REVIEWED = N_("Översättningen är inte granskad av en auktoriserad översättare än.")
LANGUAGE = N_("Språk")
PHONE = N_("Telefon")
WEB = N_("Webb")
EMAIL = N_("E-post")
CHAT = N_("Chatt")
