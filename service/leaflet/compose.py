"""compose(): contact data, content and a language in; a Leaflet (plain data) out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from gettext import NullTranslations

from babel.dates import format_date

from .. import __version__
from ..content import labels as L
from ..content import pages as P
from ..content.model import AUDIENCE_NAMES, Audience, Bullets, Paragraph, Topic
from ..content.texts import CONTACTS_INTRO, INTRO, SECTIONS
from ..data.loader import Directory
from ..data.phone import tel_uri
from ..data.schema import Contact, Kind
from ..i18n.catalogs import Catalogs
from ..i18n.languages import Language
from ..translations.catalogs import StoredCatalogs
from ..translations.model import State
from ..text.unicode import LRI, PDI
from .model import Alternate, Labels, Leaflet, LeafletContact, LeafletSection

ALL_TOPICS = tuple(Topic)


class UnknownLeaflet(LookupError):
    """No leaflet for these parameters; ``field`` names the one that is wrong."""

    def __init__(self, field: str, value: str):
        self.field = field
        self.value = value
        super().__init__(f"unknown {field}: {value!r}")


@dataclass(frozen=True)
class Content:
    """What leaflets are made of: contact data, languages and their catalogs."""

    directory: Directory
    languages: dict[str, Language]
    catalogs: Catalogs | StoredCatalogs

    @property
    def version(self) -> str:
        return f"{__version__}+{self.directory.revision[:8]}"

    def version_of(self, municipality: str, language: str | None = None) -> str:
        """The version printed on one municipality's leaflets: changes with its own data or
        the actors', not with another municipality's; in a language, with that language's
        published translation too (its revision number after the dot)."""
        version = f"{__version__}+{self.directory.revision_of(municipality)[:8]}"
        number = self.catalogs.number(language) if language else 0
        return f"{version}.{number}" if number else version

    def offered(self) -> list[Language]:
        """Languages a reader can choose, as the registry declares them.

        Declared, not derived from coverage: a new untranslated message must not take a
        language off the web while printed QR codes point at it (`infogen check` fails
        instead, and until it is translated the reader sees that one line in Swedish).
        """
        return [lang for lang in self.languages.values() if lang.offered]


def ltr(text: str) -> str:
    """Keep a number, address or name in left-to-right order inside any text (an isolate)."""
    return f"{LRI}{text}{PDI}"


def parse_topics(value: str | None) -> tuple[Topic, ...]:
    """``"close,honour"`` → topics in their canonical order; empty or None → all of them."""
    if not value:
        return ALL_TOPICS
    chosen = set()
    for part in value.split(","):
        part = part.strip()
        if part not in Topic.__members__:
            raise UnknownLeaflet("topic", part)
        chosen.add(Topic(part))
    return tuple(t for t in Topic if t in chosen)


def leaflet_path(code: str, audience: str, language: str, topics: tuple[Topic, ...], suffix: str = "") -> str:
    """The stable public path; ``suffix`` ".pdf" for the PDF. Topics only when not all."""
    path = f"/l/{code}/{audience}/{language}{suffix}"
    if set(topics) != set(ALL_TOPICS):
        path += "?topics=" + ",".join(topics)
    return path


class _Translator:
    def __init__(self, translations: NullTranslations, emergency: str):
        self._gettext = translations.gettext
        self._emergency = emergency
        self.used: dict[str, None] = {}  # the messages translated, in order (for the review statement)

    def __call__(self, message: str, **values: str) -> str:
        self.used[message] = None
        text = self._gettext(message).replace("{emergency}", self._emergency)
        for name, value in values.items():
            text = text.replace("{" + name + "}", value)
        return text


def translator(content: Content, language: str) -> _Translator:
    """Translate a message into ``language``, with {emergency} and named values filled in."""
    actors = content.directory.actors
    emergency = next((c for c in actors.national if c.kind == Kind.emergency and c.phone), None)
    return _Translator(content.catalogs.translations(language), ltr(emergency.phone.value) if emergency else "112")


def _hours(value: str, _: _Translator) -> str:
    if value == "24/7":
        return _(L.HOURS_ALWAYS)
    if value == "office_hours":
        return _(L.HOURS_OFFICE)
    days, span = value.split(" ")
    start, end = span.split("-")
    message = L.HOURS_DAILY if days == "daily" else L.HOURS_WEEKDAYS
    return _(message, **{"from": ltr(start), "to": ltr(end)})


def _https(fact) -> str | None:
    """A link target, only ever https (the schema refuses anything else on the way in; this
    holds even for data that did not pass through it)."""
    return fact.value if fact and fact.value.startswith("https://") else None


def _contact(contact: Contact, level: str, _: _Translator) -> LeafletContact:
    web = _https(contact.web)
    return LeafletContact(
        level=level,
        kind=contact.kind.value,
        name=contact.name,
        description=_(contact.description or L.KIND_DESCRIPTIONS[contact.kind]),
        phone=contact.phone.value if contact.phone else None,
        phone_uri=tel_uri(contact.phone.value) if contact.phone else None,
        hours=_hours(contact.hours.value, _) if contact.hours else None,
        web=web,
        web_label=web.removeprefix("https://").rstrip("/") if web else None,
        email=contact.email.value if contact.email else None,
        chat=_https(contact.chat),
        flags=tuple(_(L.FLAG_LABELS[f]) for f in contact.flags),
    )


def compose(
    content: Content,
    municipality: str,
    audience: str,
    topics: tuple[Topic, ...] | str | None,
    language: str,
    *,
    base_url: str = "",
    today: date | None = None,
) -> Leaflet:
    """The leaflet for one municipality, audience, set of topics and language."""
    place = content.directory.municipalities.get(municipality)
    if place is None:
        raise UnknownLeaflet("municipality", municipality)
    if audience not in Audience.__members__:
        raise UnknownLeaflet("audience", audience)
    lang = content.languages.get(language)
    if lang is None:
        raise UnknownLeaflet("language", language)
    who = Audience(audience)
    chosen = topics if isinstance(topics, tuple) else parse_topics(topics)
    topic_set = frozenset(chosen)
    today = today or date.today()

    actors = content.directory.actors
    emergency = next(c for c in actors.national if c.kind == Kind.emergency and c.phone)
    _ = _Translator(content.catalogs.translations(lang.code), ltr(emergency.phone.value))

    sections = tuple(
        LeafletSection(
            key=section.key,
            heading=_(section.heading),
            blocks=tuple(
                Paragraph(_(b.text)) if isinstance(b, Paragraph) else Bullets(tuple(_(i) for i in b.items))
                for b in section.blocks
            ),
            urgent=section.urgent,
        )
        for section in SECTIONS[who]
        if section.applies_to(topic_set)
    )

    contacts: list[LeafletContact] = []
    local = [c for c in place.contacts if c.serves(who, topic_set)]
    contacts += [_contact(c, "local", _) for c in local]
    website = _https(place.website)
    if website and not any(c.kind == Kind.social_services for c in local):
        contacts.append(
            LeafletContact(
                level="local",
                name=place.name,
                description=_(L.MUNICIPALITY_FALLBACK),
                web=website,
                web_label=website.removeprefix("https://").rstrip("/"),
            )
        )
    contacts += [_contact(c, "regional", _) for c in actors.regional if c.serves(who, topic_set)]
    contacts += [
        _contact(c, "national", _)
        for c in actors.national
        if c.kind != Kind.emergency and c.serves(who, topic_set)
    ]

    path = leaflet_path(place.code, who.value, lang.code, chosen)
    locale = lang.babel_locale
    date_text = format_date(today, format="long", locale=locale) if locale else today.isoformat()
    footer = _(L.FOOTER, municipality=place.name, version=ltr(content.version_of(place.code, lang.code)),
               date=date_text)
    review, review_sv, unreviewed = _review(content, lang, _)
    return Leaflet(
        municipality_code=place.code,
        municipality_name=place.name,
        audience=who.value,
        topics=tuple(t.value for t in chosen),
        language=lang.code,
        direction=lang.direction,
        title=_(AUDIENCE_NAMES[who]),
        document_title=_(L.DOCUMENT_TITLE, municipality=place.name),
        staff_label=lang.name_sv,
        intro=_(INTRO[who]),
        sections=sections,
        contacts_intro=_(CONTACTS_INTRO[who]),
        contacts=tuple(contacts),
        emergency=emergency.phone.value,
        emergency_uri=tel_uri(emergency.phone.value),
        labels=Labels(
            contacts_heading=_(L.CONTACTS_HEADING),
            emergency_line=_(L.EMERGENCY_LINE),
            quick_exit=_(L.QUICK_EXIT),
            qr_caption=_(L.QR_CAPTION),
            qr_alt=_(L.QR_ALT),
            footer=footer,
            language=_(L.LANGUAGE),
            phone=_(L.PHONE),
            web=_(L.WEB),
            email=_(L.EMAIL),
            chat=_(L.CHAT),
            levels={k: _(v) for k, v in L.LEVEL_HEADINGS.items()},
            safety=_(P.SAFETY_LINK),
            no_script=_(P.NO_SCRIPT),
        ),
        url=base_url.rstrip("/") + path,
        qr_url=base_url.rstrip("/") + path + ("&qr" if "?" in path else "?qr"),
        path=path,
        pdf_path=leaflet_path(place.code, who.value, lang.code, chosen, ".pdf"),
        content_version=content.version_of(place.code, lang.code),
        date=today,
        date_text=date_text,
        fonts=lang.fonts,
        script=lang.script,
        alternates=tuple(
            Alternate(o.code, o.endonym, o.direction, leaflet_path(place.code, who.value, o.code, chosen))
            for o in content.offered()
        ),
        review=review,
        review_sv=review_sv,
        unreviewed=unreviewed,
    )


def _review(content: Content, lang: Language, _: _Translator) -> tuple[str, str, tuple[str, ...]]:
    """What the leaflet says of its translation — reviewed by an authorized translator (the
    latest date), or not yet — in its language and in Swedish, and the Swedish of every
    passage not yet reviewed. Only what the data says: one passage not reviewed, and the
    leaflet is not."""
    if lang.source:
        return "", "", ()
    catalogs = content.catalogs
    unreviewed = tuple(m for m in _.used if catalogs.state(lang.code, m) != State.reviewed)
    if unreviewed:
        return _(L.NOT_REVIEWED), L.NOT_REVIEWED, unreviewed
    dates = [e.reviewed_on for m in _.used if (e := catalogs.entry(lang.code, m)) and e.reviewed_on]
    when = max(dates) if dates else None
    if when is None:
        return _(L.NOT_REVIEWED), L.NOT_REVIEWED, tuple(_.used)
    locale = lang.babel_locale
    local = format_date(when, format="long", locale=locale) if locale else when.isoformat()
    swedish = format_date(when, format="long", locale="sv")
    return _(L.REVIEWED, date=ltr(local)), L.REVIEWED.replace("{date}", ltr(swedish)), ()


def load_content(data_dir, locales_dir) -> Content:
    """Read the contact data, the language registry and the catalogs."""
    from ..data.loader import load_directory
    from ..i18n.languages import load_languages

    return Content(
        directory=load_directory(data_dir),
        languages=load_languages(locales_dir / "languages.yaml"),
        catalogs=Catalogs(locales_dir),
    )
