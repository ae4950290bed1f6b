"""A translation as data: per language, every message of the Swedish template with its text
and its state. The state of a language is derived from its messages, never claimed."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Any, Iterable, Mapping


class State(StrEnum):
    missing = "missing"  # no text: readers see the Swedish
    draft = "draft"  # a text no authorized translator has reviewed
    reviewed = "reviewed"  # reviewed by an authorized translator (who, when)
    outdated = "outdated"  # the Swedish changed after it was translated: shown until reviewed again


class Origin(StrEnum):
    catalog = "catalog"  # from the catalog files under locales/
    edited = "edited"  # typed or imported in the product


@dataclass(frozen=True)
class Entry:
    text: str
    state: State
    origin: Origin = Origin.catalog
    reviewer: str | None = None  # the translator's name as recorded at the time
    reviewer_id: int | None = None  # their account
    authorization: str | None = None  # their authorization number, where they have one
    reviewed_on: date | None = None
    previous: str | None = None  # outdated: the Swedish text this translates

    def as_json(self) -> dict[str, Any]:
        data = {k: v for k, v in asdict(self).items() if v is not None}
        if self.reviewed_on:
            data["reviewed_on"] = self.reviewed_on.isoformat()
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Entry:
        values = dict(data)
        values["state"] = State(values["state"])
        values["origin"] = Origin(values.get("origin", "catalog"))
        if values.get("reviewed_on"):
            values["reviewed_on"] = date.fromisoformat(values["reviewed_on"])
        return cls(**values)

    def reviewed_by(self, reviewer: Reviewer, on: date) -> Entry:
        return replace(self, state=State.reviewed, reviewer=reviewer.name, reviewer_id=reviewer.id,
                       authorization=reviewer.authorization, reviewed_on=on, previous=None)


@dataclass(frozen=True)
class Reviewer:
    """A translator account as a review records it."""

    id: int | None
    name: str
    authorization: str | None = None


def missing() -> Entry:
    return Entry("", State.missing)


@dataclass(frozen=True)
class LanguageStatus:
    code: str
    total: int
    reviewed: int
    draft: int
    outdated: int
    missing: int
    last_reviewed: date | None

    @property
    def state(self) -> str:
        """``reviewed`` only when every message is; ``partly`` when some are; else ``draft``."""
        if self.total and self.reviewed == self.total:
            return "reviewed"
        return "partly" if self.reviewed else "draft"

    def as_json(self) -> dict[str, Any]:
        return {"code": self.code, "reviewed": self.reviewed, "draft": self.draft, "outdated": self.outdated,
                "missing": self.missing, "total": self.total, "state": self.state,
                "last_reviewed": self.last_reviewed.isoformat() if self.last_reviewed else None}


def status(code: str, entries: Mapping[str, Entry], msgids: Iterable[str]) -> LanguageStatus:
    """Counts over the template's messages (a message the store lacks counts as missing)."""
    counts = {s: 0 for s in State}
    last = None
    total = 0
    for msgid in msgids:
        total += 1
        entry = entries.get(msgid)
        state = entry.state if entry and (entry.text or entry.state == State.missing) else State.missing
        counts[state] += 1
        if state == State.reviewed and entry.reviewed_on and (last is None or entry.reviewed_on > last):
            last = entry.reviewed_on
    return LanguageStatus(code, total, counts[State.reviewed], counts[State.draft], counts[State.outdated],
                          counts[State.missing], last)
