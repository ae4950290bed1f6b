"""Staff generations: one row per leaflet a staff member produced, for action 4.3.

The account id is the pseudonym: no name, address or reader data is stored with it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select

from .database import Database, as_utc
from .tables import generations


@dataclass(frozen=True)
class Generation:
    municipality: str
    user_id: int
    audience: str
    topics: tuple[str, ...]
    language: str
    format: str
    created_at: datetime


class Events:
    def __init__(self, db: Database):
        self.db = db

    def record(self, items: list[Generation]) -> None:
        """All of them in one transaction: either every one is counted or none."""
        if not items:
            return
        with self.db.begin() as connection:
            connection.execute(insert(generations), [
                {"municipality": g.municipality, "user_id": g.user_id, "audience": g.audience,
                 "topics": ",".join(g.topics), "language": g.language, "format": g.format,
                 "created_at": g.created_at}
                for g in items
            ])

    def generations(self, municipality: str | None = None) -> list[Generation]:
        query = select(generations).order_by(generations.c.id)
        if municipality:
            query = query.where(generations.c.municipality == municipality)
        with self.db.engine.connect() as connection:
            return [
                Generation(r.municipality, r.user_id, r.audience, tuple(r.topics.split(",")), r.language,
                           r.format, as_utc(r.created_at))
                for r in connection.execute(query)
            ]
