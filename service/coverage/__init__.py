"""What the county needs to see of its data: per municipality, its local contacts and whether
it has a number for social services, for after hours (the social emergency service) and for
a shelter; facts read more than twelve months ago (or from a page that old); links that failed
their last check; the state of the translations its leaflets use; and, in plain words, what to
do about each. Plain data, from the directory, the language registry and the link checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Iterable

from ..data.loader import Directory
from ..data.schema import Contact, Kind, Municipality
from ..i18n.languages import Language
from ..i18n.markers import S_
from ..i18n.refusal import Refusal
from ..store.usage import LOCAL
from .links import PROBLEMS

FRESH_MONTHS = 12
# a contact of these kinds with a phone answers the three questions of the report
NEEDS = {"social_services": Kind.social_services, "after_hours": Kind.social_emergency, "shelter": Kind.womens_shelter}
FACTS = ("phone", "hours", "web", "email", "chat")
LINKS = ("web", "chat")


def months_before(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


@dataclass(frozen=True)
class OldFact:
    contact: str  # the contact's name, or "" for the municipality's website
    field: str  # phone, hours, web, email, chat, website
    value: str
    checked: date
    published: date | None  # the date the source page shows, where recorded

    @property
    def since(self) -> date:
        """As fresh as the page it was read from, if the page says when it was written."""
        return min(self.checked, self.published) if self.published else self.checked


@dataclass(frozen=True)
class BrokenLink:
    contact: str
    field: str
    url: str
    problem: Refusal  # what went wrong, to be said in the reader's language of the page
    checked_at: str  # YYYY-MM-DD of the check


@dataclass(frozen=True)
class LocalContact:
    name: str
    kind: str
    phone: str | None


@dataclass
class Coverage:
    code: str
    name: str
    contacts: list[LocalContact]
    social_services: bool  # a local social services number
    after_hours: bool  # a local social emergency number, for evenings, nights and weekends
    shelter: bool  # a local women's or girls' shelter with a number
    old: list[OldFact] = field(default_factory=list)
    broken: list[BrokenLink] = field(default_factory=list)
    untranslated: dict[str, int] = field(default_factory=dict)  # own description → offered languages without it
    todo: list[Refusal] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.todo


@dataclass(frozen=True)
class Translations:
    offered: int
    reviewed: list[str]  # codes of the offered languages whose every message an authorized translator reviewed
    partly: list[str]  # some of whose messages are reviewed
    drafts: list[str]  # the others, drafts
    outdated: dict[str, int]  # code → messages whose Swedish changed since they were translated


def _facts(contacts: Iterable[Contact], website=None) -> Iterable[tuple[str, str, object]]:
    if website is not None:
        yield "", "website", website
    for contact in contacts:
        for name in FACTS:
            fact = getattr(contact, name)
            if fact is not None:
                yield contact.name, name, fact


def old_facts(contacts: Iterable[Contact], today: date, website=None) -> list[OldFact]:
    limit = months_before(today, FRESH_MONTHS)
    found = []
    for contact, name, fact in _facts(contacts, website):
        old = OldFact(contact, name, fact.value, fact.checked, fact.published)
        if old.since < limit:
            found.append(old)
    return found


def links_of(contacts: Iterable[Contact], website=None) -> list[tuple[str, str, str]]:
    """(contact, field, url) of every link a reader can follow."""
    return [(contact, name, fact.value) for contact, name, fact in _facts(contacts, website)
            if name in (*LINKS, "website")]


def translations(languages: dict[str, Language], catalogs) -> Translations:
    """The state of every offered language's messages, as the store has them."""
    offered = [lang for lang in languages.values() if lang.offered and not lang.source]
    states = {lang.code: catalogs.status(lang.code) for lang in offered}
    return Translations(len(offered), [c for c, s in states.items() if s.state == "reviewed"],
                        [c for c, s in states.items() if s.state == "partly"],
                        [c for c, s in states.items() if s.state == "draft"],
                        {c: s.outdated for c, s in states.items() if s.outdated})


def _untranslated(place: Municipality, languages: dict[str, Language], catalogs) -> dict[str, int]:
    """An administrator's own description is shown in Swedish until it is translated."""
    offered = [lang.code for lang in languages.values() if lang.offered and not lang.source]
    found = {}
    for contact in place.contacts:
        if contact.description:
            missing = sum(1 for code in offered
                          if catalogs.translations(code).gettext(contact.description) == contact.description)
            if missing:
                found[contact.name] = missing
    return found


def municipality(place: Municipality, languages: dict[str, Language], catalogs, today: date,
                 failures: dict[str, tuple[str, str]]) -> Coverage:
    phones = {contact.kind for contact in place.contacts if contact.phone}
    row = Coverage(
        code=place.code, name=place.name,
        contacts=[LocalContact(c.name, c.kind.value, c.phone.value if c.phone else None) for c in place.contacts],
        social_services=NEEDS["social_services"] in phones, after_hours=NEEDS["after_hours"] in phones,
        shelter=NEEDS["shelter"] in phones,
        old=old_facts(place.contacts, today, place.website),
        broken=[BrokenLink(contact, name, url, *failures[url]) for contact, name, url in
                links_of(place.contacts, place.website) if url in failures],
        untranslated=_untranslated(place, languages, catalogs),
    )
    row.todo = todo(row)
    return row


def todo(row: Coverage) -> list[Refusal]:
    """What the municipality's administrator can do, most important first."""
    found = []
    if not row.social_services:
        found.append(Refusal(S_("Lägg till socialtjänstens telefonnummer, så att bladen visar var man får hjälp i "
                                "kommunen. Ange sidan där numret står som källa.")))
    if not row.after_hours:
        found.append(Refusal(S_("Lägg till socialjourens telefonnummer (kvällar, nätter och helger), om kommunen har "
                                "en socialjour eller delar en med andra kommuner.")))
    if not row.shelter:
        found.append(Refusal(S_("Lägg till en kvinno- eller tjejjour med telefonnummer, om det finns en som tar emot "
                                "personer från kommunen.")))
    for link in row.broken:
        found.append(Refusal(S_("Länken {url} ({contact}) fungerade inte vid kontrollen {date}: {problem}. Rätta "
                                "adressen eller ta bort den."),
                             url=link.url, contact=link.contact or row.name, date=link.checked_at, problem=link.problem))
    for fact in row.old:
        if not fact.contact:  # the municipality's own website: kept in the data files, by the county
            found.append(Refusal(S_("Kommunens webbplats {value} kontrollerades senast {checked}. Den ändras i "
                                    "datafilerna: be länets administratör se över den."),
                                 value=fact.value, checked=fact.checked))
        elif fact.published and fact.published < fact.checked:
            found.append(Refusal(S_("Kontrollera {value} ({contact}): sidan den hämtades från är från {published}. "
                                    "Finns en nyare sida där det står, skriv den i fältet Källa och publicera."),
                                 value=fact.value, contact=fact.contact or row.name, published=fact.published))
        else:
            found.append(Refusal(S_("Kontrollera {value} ({contact}): det kontrollerades senast {checked}. Stämmer "
                                    "det, skriv sidan där du såg det i fältet Källa och publicera; då får uppgiften "
                                    "dagens datum."),
                                 value=fact.value, contact=fact.contact or row.name, checked=fact.checked))
    for name, count in row.untranslated.items():
        found.append(Refusal(S_("Den egna beskrivningen av {contact} finns inte översatt till {count} språk och visas "
                                "på svenska där. Lämna beskrivningen tom för att använda standardtexten, som är "
                                "översatt."), contact=name, count=count))
    return found


@dataclass
class CountyCoverage:
    places: list[Coverage]
    translations: Translations
    regional_old: list[OldFact]
    regional_broken: list[BrokenLink]
    last_link_check: str | None  # YYYY-MM-DD, or None if links were never checked

    @property
    def with_local_number(self) -> int:
        return sum(1 for p in self.places if any(c.phone for c in p.contacts))


def failures_of(checks: dict[str, tuple[int | None, str, datetime]]) -> dict[str, tuple[Refusal, str]]:
    """The links whose last check failed: url → (what went wrong, the day of the check in Stockholm)."""
    return {url: (Refusal(PROBLEMS[problem], status=status or ""), when.astimezone(LOCAL).date().isoformat())
            for url, (status, problem, when) in checks.items() if problem and problem in PROBLEMS}


def last_check(checks: dict[str, tuple[int | None, str, datetime]]) -> str | None:
    return max(when for _, _, when in checks.values()).astimezone(LOCAL).date().isoformat() if checks else None


def county(directory: Directory, languages: dict[str, Language], catalogs, today: date,
           checks: dict[str, tuple[int | None, str, datetime]]) -> CountyCoverage:
    failures = failures_of(checks)
    places = [municipality(m, languages, catalogs, today, failures)
              for m in sorted(directory.municipalities.values(), key=lambda m: m.name)]
    actors = [*directory.actors.regional, *directory.actors.national]
    return CountyCoverage(
        places, translations(languages, catalogs), old_facts(actors, today),
        [BrokenLink(contact, name, url, *failures[url]) for contact, name, url in links_of(actors) if url in failures],
        last_check(checks))


def as_json(report: CountyCoverage, translate=lambda message: message) -> dict:
    def fact(f: OldFact) -> dict:
        return {"contact": f.contact, "field": f.field, "value": f.value, "checked": f.checked.isoformat(),
                "published": f.published.isoformat() if f.published else None}

    def link(b: BrokenLink) -> dict:
        return {"contact": b.contact, "field": b.field, "url": b.url, "problem": b.problem.text(translate),
                "checked": b.checked_at}

    return {
        "municipalities": [{
            "code": p.code, "name": p.name,
            "local_contacts": [{"name": c.name, "kind": c.kind, "phone": c.phone} for c in p.contacts],
            "social_services_number": p.social_services, "after_hours_number": p.after_hours,
            "shelter_number": p.shelter, "old_facts": [fact(f) for f in p.old], "broken_links": [link(b) for b in p.broken],
            "untranslated_descriptions": p.untranslated, "todo": [r.text(translate) for r in p.todo],
        } for p in report.places],
        "translations": {"offered": report.translations.offered, "reviewed": report.translations.reviewed,
                         "partly": report.translations.partly, "drafts": report.translations.drafts,
                         "outdated": report.translations.outdated},
        "regional_and_national": {"old_facts": [fact(f) for f in report.regional_old],
                                  "broken_links": [link(b) for b in report.regional_broken]},
        "last_link_check": report.last_link_check,
        "summary": {"municipalities": len(report.places), "with_local_number": report.with_local_number,
                    "with_social_services_number": sum(p.social_services for p in report.places),
                    "with_after_hours_number": sum(p.after_hours for p in report.places),
                    "with_shelter_number": sum(p.shelter for p in report.places)},
    }
