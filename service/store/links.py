"""The last check of every link in the contact data (``infogen links --check``), so that the
county's coverage page can say which links failed, and when that was seen."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, insert, select

from .database import Database, as_utc, utcnow
from .tables import link_checks


class LinkChecks:
    def __init__(self, db: Database):
        self.db = db

    def record(self, results, at: datetime | None = None) -> None:
        """Results of a check (``url``, ``status``, ``problem``); links not reached are left as
        they were last seen."""
        at = at or utcnow()
        checked = [r for r in results if r.problem != "skipped"]
        with self.db.begin() as connection:
            for result in checked:
                connection.execute(delete(link_checks).where(link_checks.c.url == result.url[:300]))
            if checked:
                connection.execute(insert(link_checks), [
                    {"url": r.url[:300], "status": r.status, "problem": r.problem, "checked_at": at} for r in checked])

    def last(self) -> dict[str, tuple[int | None, str, datetime]]:
        """url → (status, problem, when) of its last check."""
        with self.db.engine.connect() as connection:
            rows = connection.execute(select(link_checks)).all()
        return {row.url: (row.status, row.problem, as_utc(row.checked_at)) for row in rows}
