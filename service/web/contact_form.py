"""The contact editing form: a list of contacts as form fields and back.

Blocks are plain dicts of strings, so a form with mistakes comes back exactly as typed. A
fact whose value did not change keeps its source and checked date; a new or changed one
gets the source the administrator gave, or the owner itself (``infogen:<code>``), and today.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

from pydantic import ValidationError

from ..content.model import Audience, Topic
from ..data.errors import location, refusal_of
from ..data.hours import ALWAYS, OFFICE, parse_time, span, split_span
from ..data.phone import parse_phone
from ..data.schema import Actors, Contact, Flag, Kind, Municipality
from ..i18n.markers import S_
from ..i18n.refusal import Refusal

FACTS = ("phone", "web", "email", "chat")
TEXTS = ("name", "description", "phone", "web", "email", "chat", "source", "hours_from", "hours_to")
HOURS_KINDS = ("", "24/7", "office_hours", "daily", "weekdays")


def contacts_of(document: Municipality | Actors) -> list[Contact]:
    return list(document.regional if isinstance(document, Actors) else document.contacts)


def blocks_from_document(document: Municipality | Actors) -> list[dict[str, Any]]:
    """One block of form values per contact, plus an empty one for adding a contact."""
    return blocks_from_data(document.model_dump(mode="json"))


def blocks_from_data(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The same from stored data as it is, even data the schema no longer accepts (stored under
    looser rules): the administrator sees it as stored, to correct it."""
    blocks = []
    contacts = data.get("regional") if "regional" in data else data.get("contacts")
    for contact in contacts or []:
        block: dict[str, Any] = {key: "" for key in TEXTS}
        block.update(id=str(contact.get("id", "")), kind=str(contact.get("kind", "")), name=str(contact.get("name", "")),
                     description=str(contact.get("description") or ""), delete=False)
        for key in FACTS:
            fact = contact.get(key)
            block[key] = str(fact.get("value", "")) if isinstance(fact, dict) else ""
        hours = contact.get("hours")
        block["hours_kind"], block["hours_from"], block["hours_to"] = _split_hours(
            str(hours.get("value", "")) if isinstance(hours, dict) else "")
        block["flags"] = [str(f) for f in contact.get("flags") or []]
        for key, choices in (("audiences", [a.value for a in Audience]), ("topics", [t.value for t in Topic])):
            chosen = contact.get(key, "all")
            block[key] = choices if chosen == "all" else [str(v) for v in chosen or []]
        blocks.append(block)
    blocks.append(empty_block())
    return blocks


def empty_block() -> dict[str, Any]:
    block: dict[str, Any] = {key: "" for key in TEXTS}
    block.update(id="", kind=Kind.social_services.value, hours_kind="", delete=False, flags=[],
                 audiences=[a.value for a in Audience], topics=[t.value for t in Topic])
    return block


def _split_hours(value: str) -> tuple[str, str, str]:
    if not value:
        return "", "", ""
    if value in ("24/7", "office_hours"):
        return value, "", ""
    days, _space, span_ = value.partition(" ")
    start, _dash, end = span_.partition("-")
    return days, start, end


def blocks_from_form(form: Any) -> list[dict[str, Any]]:
    """The blocks as submitted (``form`` is a multi-dict: getall for checkboxes)."""
    try:
        count = min(int(form.get("count", "0")), 200)
    except ValueError:
        count = 0
    blocks = []
    for i in range(count):
        prefix = f"c{i}-"
        block: dict[str, Any] = {key: (form.get(prefix + key) or "").strip() for key in TEXTS}
        block["id"] = (form.get(prefix + "id") or "").strip()
        block["kind"] = form.get(prefix + "kind") or ""
        block["hours_kind"] = form.get(prefix + "hours_kind") or ""
        block["delete"] = form.get(prefix + "delete") == "on"
        block["flags"] = list(form.getall(prefix + "flags", []))
        block["audiences"] = list(form.getall(prefix + "audiences", []))
        block["topics"] = list(form.getall(prefix + "topics", []))
        blocks.append(block)
    return blocks


def _is_blank(block: dict[str, Any]) -> bool:
    return not block["id"] and not any(block[key] for key in TEXTS)


def _slug(name: str, taken: set[str]) -> str:
    base = unicodedata.normalize("NFKD", name.lower()).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", base).strip("-")[:50] or "contact"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _hours_value(block: dict[str, Any], i: int, problems: dict[str, Refusal]) -> str | None:
    """The opening hours of a block, the times read as people write them (9, 9.30, 09:30, or
    9–17 in the first field). Times typed where the chosen kind has none are never dropped
    without a word: the administrator is asked to choose."""
    kind, start, end = block["hours_kind"], block["hours_from"], block["hours_to"]
    if kind not in ("daily", "weekdays"):
        if start or end:
            messages = {"": S_("Du har skrivit tider men valt ”Inga uppgifter”, så tiderna skulle inte sparas. Välj "
                                "Vardagar eller Varje dag för att spara dem, eller ta bort tiderna."),
                        ALWAYS: S_("Du har skrivit tider men valt ”Dygnet runt”, som inte har några tider. Välj "
                                   "Vardagar eller Varje dag för att spara dem, eller ta bort tiderna."),
                        OFFICE: S_("Du har skrivit tider men valt ”Kontorstid”, som inte har några tider. Välj "
                                   "Vardagar eller Varje dag för att spara dem, eller ta bort tiderna.")}
            problems[f"c{i}-hours_kind"] = Refusal(messages.get(kind, messages[""]))
            return None
        return kind or None
    if start and not end and split_span(start):
        start, end = split_span(start)
    if not start and not end:
        problems[f"c{i}-hours_kind"] = Refusal(S_("Skriv när det öppnar och när det stänger, till exempel 08:00 och "
                                                  "16:30, eller välj Inga uppgifter."))
        return None
    times = {}
    for field, value in (("hours_from", start), ("hours_to", end)):
        try:
            if not value:
                raise Refusal(S_("Skriv när det öppnar och när det stänger, till exempel 08:00 och 16:30."))
            times[field] = parse_time(value)
        except Refusal as refusal:
            problems[f"c{i}-{field}"] = refusal
    if len(times) < 2:
        return None
    try:
        times = span(times["hours_from"], times["hours_to"])
    except Refusal as refusal:
        problems[f"c{i}-hours_from"] = refusal
        return None
    block["hours_from"], block["hours_to"] = times.split("-")  # shown as kept: 09:00, 17:00
    return f"{kind} {times}"


def _in_old_order(chosen: list[str], before: Any) -> list[str]:
    """The boxes ticked, in the order the data had them when they are the same ones: the form
    lists them in its own order, which is no change anyone made."""
    if isinstance(before, list) and {str(getattr(v, "value", v)) for v in before} == set(chosen):
        return [str(getattr(v, "value", v)) for v in before]
    return chosen


def _same(key: str, before: Any, typed: str) -> bool:
    """Whether a fact was left as it was, however it is written now (0853061000 is
    08-530 610 00): then it keeps where it came from and when it was checked."""
    if before is None:
        return False
    if before.value == typed:
        return True
    if key == "phone":
        try:
            return parse_phone(typed).printed == before.value
        except Refusal:
            return False
    return False


def document_from_blocks(blocks: list[dict[str, Any]], current: Municipality | Actors, scope: str,
                         today: date) -> tuple[Municipality | Actors | None, dict[str, Refusal]]:
    """The new document, or None and the problems by form field name (``c<i>-<field>``)."""
    existing = {c.id: c for c in contacts_of(current)}
    taken = {b["id"] for b in blocks if b["id"]}
    problems: dict[str, Refusal] = {}
    contacts: list[Contact] = []
    for i, block in enumerate(blocks):
        if block["delete"] or _is_blank(block):
            continue
        if not block["id"]:
            block["id"] = _slug(block["name"], taken)
            taken.add(block["id"])
        old = existing.get(block["id"])
        source = block["source"] or f"infogen:{scope}"
        data: dict[str, Any] = {"id": block["id"], "kind": block["kind"], "name": block["name"]}
        if block["description"]:
            data["description"] = block["description"]
        values = {key: block[key] for key in FACTS}
        values["hours"] = _hours_value(block, i, problems)
        for key, value in values.items():
            if not value:
                continue
            before = getattr(old, key) if old else None
            if _same(key, before, value) and not block["source"]:
                data[key] = before.model_dump(mode="json")  # unchanged: keeps where it came from
            else:
                data[key] = {"value": value, "source": source, "checked": today.isoformat()}
        if block["source"] and not any(values.values()):
            problems[f"c{i}-source"] = Refusal(S_("Källan hör till telefonnummer, webbadress, e-post, chatt och "
                                                  "öppettider, men kontakten har inga. Fyll i något av dem eller ta "
                                                  "bort källan."))
        data["flags"] = _in_old_order(block["flags"], old.flags if old else None)
        data["audiences"] = ("all" if set(block["audiences"]) == {a.value for a in Audience}
                             else _in_old_order(block["audiences"], old.audiences if old else None))
        data["topics"] = ("all" if set(block["topics"]) == {t.value for t in Topic}
                          else _in_old_order(block["topics"], old.topics if old else None))
        if not block["audiences"]:
            problems[f"c{i}-audiences"] = Refusal(S_("Välj minst en målgrupp som kontakten gäller."))
        if not block["topics"]:
            problems[f"c{i}-topics"] = Refusal(S_("Välj minst ett ämne som kontakten gäller."))
        try:
            contacts.append(Contact.model_validate(data))
            if contacts[-1].phone:
                block["phone"] = contacts[-1].phone.value  # shown as it will be printed: 08-123 456 78
        except ValidationError as error:
            for item in error.errors():
                loc = [str(p) for p in location(item)]
                field = loc[0] if loc else "name"
                if field in FACTS and loc[1:2] == ["source"]:
                    field = "source"
                elif field == "hours":
                    field = "hours_kind"
                elif field not in ("kind", "description", "flags", "audiences", "topics", *FACTS):
                    field = "name"  # the id is made from the name; the contact as a whole
                problems.setdefault(f"c{i}-{field}", refusal_of(item))
    if problems:
        return None, problems
    try:
        if isinstance(current, Actors):
            return Actors(regional=contacts, national=list(current.national)), {}
        return Municipality(code=current.code, name=current.name, website=current.website, contacts=contacts), {}
    except ValidationError as error:
        return None, {"form": refusal_of(error.errors()[0])}


KIND_CHOICES = [k.value for k in Kind if k not in (Kind.emergency,)]
FLAG_CHOICES = [f.value for f in Flag]
AUDIENCE_CHOICES = [a.value for a in Audience]
TOPIC_CHOICES = [t.value for t in Topic]
