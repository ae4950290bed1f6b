"""Usage for action 4.3: staff generations and public views, counted — never a reader tracked.

A staff generation is kept as one row (the account id is the pseudonym: no name, address or
reader data is stored with it) and, in the same transaction, counted into the ``usage``
aggregates per day and per month. Reports read only the aggregates, so raw rows can be
deleted after the retention period (``fold``) without changing any reported number.

Public views are counted in memory (:class:`PendingViews`) and written now and then as daily
totals per municipality × audience × language × format × channel: no time of day, no address,
no user agent, no referrer, no cookie."""

from __future__ import annotations

import logging
import threading
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Iterable, Mapping
from zoneinfo import ZoneInfo

from sqlalchemy import Table, and_, delete, func, insert, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from .database import Database, as_utc
from .tables import generations, public_views, usage

log = logging.getLogger("infogen.usage")

LOCAL = ZoneInfo("Europe/Stockholm")  # the county's days and months
DIMENSIONS = ("audience", "language", "topic", "format")


@dataclass(frozen=True)
class Generation:
    municipality: str
    user_id: int
    audience: str
    topics: tuple[str, ...]
    language: str
    format: str
    created_at: datetime
    counts_as_user: bool = True  # False for county administrators: not a municipality's own user


def local_day(moment: datetime) -> date:
    return as_utc(moment).astimezone(LOCAL).date()


def usage_rows(items: Iterable[Generation]) -> list[dict]:
    """The aggregate rows that count ``items``: one per grain × period × municipality ×
    dimension value, sorted (concurrent writers then lock rows in the same order)."""
    counts: Counter = Counter()
    for g in items:
        day = local_day(g.created_at)
        values = [("audience", g.audience), ("language", g.language), ("format", g.format),
                  *(("topic", t) for t in g.topics)]
        if g.counts_as_user:
            values.append(("user", str(g.user_id)))
        for grain, period in (("day", day), ("month", day.replace(day=1))):
            for dimension, value in values:
                counts[(grain, period, g.municipality, dimension, value)] += 1
    return [{"grain": k[0], "period": k[1], "municipality": k[2], "dimension": k[3], "value": k[4], "count": n}
            for k, n in sorted(counts.items())]


def view_rows(counts: Mapping[tuple, int]) -> list[dict]:
    """The aggregate rows that count daily view totals, keyed as in :meth:`Usage.add_views`."""
    totals: Counter = Counter()
    for (day, municipality, audience, language, fmt, channel), n in counts.items():
        for grain, period in (("day", day), ("month", day.replace(day=1))):
            for dimension, value in (("views_audience", audience), ("views_language", language),
                                     ("views_format", fmt), ("views_channel", channel)):
                totals[(grain, period, municipality, dimension, value)] += n
    return [{"grain": k[0], "period": k[1], "municipality": k[2], "dimension": k[3], "value": k[4], "count": n}
            for k, n in sorted(totals.items())]


def _add_counts(connection, table: Table, rows: list[dict]) -> None:
    """Insert the rows, or add their counts to the rows already there with the same key."""
    if not rows:
        return
    statement = (sqlite_insert if connection.dialect.name == "sqlite" else pg_insert)(table)
    keys = [c.name for c in table.primary_key.columns]
    connection.execute(
        statement.on_conflict_do_update(index_elements=keys, set_={"count": table.c.count + statement.excluded.count}),
        rows,
    )


# ---------------------------------------------------------------------------------------- report


@dataclass
class Use:
    """One municipality's use in a period (or, as the report's ``totals``, the sum of all)."""

    municipality: str
    users: int = 0
    generations: int = 0
    by_month: dict[str, int] = field(default_factory=dict)
    by_language: dict[str, int] = field(default_factory=dict)
    by_audience: dict[str, int] = field(default_factory=dict)
    by_topic: dict[str, int] = field(default_factory=dict)
    by_format: dict[str, int] = field(default_factory=dict)
    views: int = 0
    views_by_format: dict[str, int] = field(default_factory=dict)
    views_by_channel: dict[str, int] = field(default_factory=dict)
    views_by_language: dict[str, int] = field(default_factory=dict)
    views_by_audience: dict[str, int] = field(default_factory=dict)

    @property
    def used(self) -> bool:
        """Action 4.3's "used the tool": at least one of the municipality's own accounts made a
        leaflet (a county administrator trying it out does not count)."""
        return self.users > 0

    def breakdowns(self) -> dict[str, dict[str, int]]:
        return {"month": self.by_month, "language": self.by_language, "audience": self.by_audience,
                "topic": self.by_topic, "format": self.by_format, "views_format": self.views_by_format,
                "views_channel": self.views_by_channel, "views_language": self.views_by_language,
                "views_audience": self.views_by_audience}


@dataclass(frozen=True)
class Report:
    start: date
    end: date
    places: tuple[Use, ...]  # every municipality asked about, used or not
    users: int = 0  # distinct accounts over all of them
    whole_months_before: date | None = None  # set when edge days fell in folded months and were read whole

    @property
    def municipalities_used(self) -> int:
        return sum(1 for p in self.places if p.used)

    @property
    def totals(self) -> Use:
        total = Use("", users=self.users)
        for place in self.places:
            total.generations += place.generations
            total.views += place.views
            for name, counts in place.breakdowns().items():
                into = total.breakdowns()[name]
                for key, n in counts.items():
                    into[key] = into.get(key, 0) + n
        for counts in total.breakdowns().values():
            _sort(counts)
        total.by_month = dict(sorted(total.by_month.items()))
        return total

    def months(self) -> list[str]:
        """Every month of the period, "YYYY-MM", used or not (for charts)."""
        found, month = [], self.start.replace(day=1)
        while month <= self.end:
            found.append(month.strftime("%Y-%m"))
            month = _next_month(month)
        return found


def _sort(counts: dict[str, int]) -> None:
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    counts.clear()
    counts.update(ordered)


def _spans(start: date, end: date) -> tuple[list[date], list[tuple[date, date]]]:
    """The whole months inside [start, end] (read from the month rows) and the days at the
    edges that are not (read from the day rows)."""
    months: list[date] = []
    days: list[tuple[date, date]] = []
    month = start.replace(day=1)
    if start.day != 1:
        days.append((start, min(end, _next_month(month) - timedelta(days=1))))
        month = _next_month(month)
    while _next_month(month) - timedelta(days=1) <= end:
        months.append(month)
        month = _next_month(month)
    if month <= end and (not days or month > days[0][1]):
        days.append((max(month, start), end))
    return months, days


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _next_month(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1)


class Usage:
    def __init__(self, db: Database):
        self.db = db

    def record(self, items: list[Generation]) -> None:
        """The generations and their counts in one transaction: every one counted, or none."""
        if not items:
            return
        with self.db.begin() as connection:
            connection.execute(insert(generations), [
                {"municipality": g.municipality, "user_id": g.user_id, "audience": g.audience,
                 "topics": ",".join(g.topics), "language": g.language, "format": g.format,
                 "created_at": g.created_at}
                for g in items
            ])
            _add_counts(connection, usage, usage_rows(items))

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

    def add_views(self, counts: Mapping[tuple, int]) -> None:
        """View totals keyed (day, municipality, audience, language, format, channel): kept
        as daily totals, and counted into the aggregates of their day and month."""
        rows = [{"day": k[0], "municipality": k[1], "audience": k[2], "language": k[3], "format": k[4],
                 "channel": k[5], "count": n} for k, n in sorted(counts.items())]
        with self.db.begin() as connection:
            _add_counts(connection, public_views, rows)
            _add_counts(connection, usage, view_rows(counts))

    def fold(self, keep_months: int, today: date | None = None) -> int:
        """Keep only whole months from before the last ``keep_months`` months: the raw
        generations and the day rows (which hold who made a leaflet on which day) are
        deleted, the month rows stay. Returns how many raw generations were deleted."""
        month = (today or datetime.now(LOCAL).date()).replace(day=1)
        for _ in range(keep_months):
            month = (month - timedelta(days=1)).replace(day=1)
        # in UTC, as stored: SQLite compares the text
        cutoff = datetime.combine(month, time(), tzinfo=LOCAL).astimezone(timezone.utc)
        with self.db.begin() as connection:
            connection.execute(delete(usage).where(usage.c.grain == "day", usage.c.period < month))
            return connection.execute(delete(generations).where(generations.c.created_at < cutoff)).rowcount

    def folded_before(self, connection) -> date | None:
        """The first day of the first month still kept day by day, when older months were
        folded to whole months; None when nothing was."""
        first_day = connection.execute(select(func.min(usage.c.period)).where(usage.c.grain == "day")).scalar()
        first_month = connection.execute(select(func.min(usage.c.period)).where(usage.c.grain == "month")).scalar()
        if first_month is None:
            return None
        kept = _as_date(first_day).replace(day=1) if first_day is not None else None
        if kept is None:
            return _next_month(_as_date(connection.execute(
                select(func.max(usage.c.period)).where(usage.c.grain == "month")).scalar()))
        return kept if _as_date(first_month) < kept else None

    def report(self, start: date, end: date, municipalities: Iterable[str], today: date | None = None) -> Report:
        """Use in [start, end] (whole days, Stockholm time) for each of ``municipalities``.

        Whole months are read from the month rows, the days at the edges from the day rows,
        each span in a query the primary key answers."""
        if start > end:
            raise ValueError(f"the period starts ({start}) after it ends ({end})")
        codes = sorted(set(municipalities))
        places = {code: Use(code) for code in codes}
        users: dict[str, set[str]] = {code: set() for code in codes}
        today = today or datetime.now(LOCAL).date()
        months, days = _spans(start, end)
        with self.db.engine.connect() as connection:
            folded = self.folded_before(connection)
        rounded = False
        if folded is not None:  # days at the edges in folded months: only the whole month is kept
            for a, b in [span for span in days if span[0] < folded]:
                days.remove((a, b))
                months.append(a.replace(day=1))
                rounded = True
            months = sorted(set(months))
        current = today.replace(day=1)
        if current in months:  # read day by day, so that today's views can be left out
            months.remove(current)
            days.append((current, _next_month(current) - timedelta(days=1)))
        u = usage.c
        # views only for days that are over: a total for today would show, minute by minute,
        # when someone opened a leaflet
        finished = or_(u.dimension.not_like("views_%"), u.period < today)
        # (where, the month a day span lies in): a day span never crosses a month
        spans = ([(and_(u.grain == "month", u.period.in_(months)), None)] if months else []) + [
            (and_(u.grain == "day", u.period.between(a, b), finished), a.strftime("%Y-%m")) for a, b in days]
        with self.db.engine.connect() as connection:
            for span, month in spans:
                where = and_(span, u.municipality.in_(codes))
                for code, dimension, value, n in connection.execute(
                    select(u.municipality, u.dimension, u.value, func.sum(u.count))
                    .where(where).group_by(u.municipality, u.dimension, u.value)
                ):
                    if dimension == "user":
                        users[code].add(value)
                    elif dimension in _FIELDS:
                        _add(getattr(places[code], _FIELDS[dimension]), value, n)
                        if month and dimension == "format":
                            _add(places[code].by_month, month, n)
                if month is None:
                    for code, period, n in connection.execute(
                        select(u.municipality, u.period, func.sum(u.count))
                        .where(where, u.dimension == "format").group_by(u.municipality, u.period)
                    ):
                        _add(places[code].by_month, period.strftime("%Y-%m"), n)
        everyone: set[str] = set()
        for code, place in places.items():
            place.users = len(users[code])
            everyone |= users[code]
            place.generations = sum(place.by_format.values())
            place.views = sum(place.views_by_format.values())
            for counts in place.breakdowns().values():
                _sort(counts)
            place.by_month = dict(sorted(place.by_month.items()))
        return Report(start, end, tuple(places.values()), users=len(everyone),
                      whole_months_before=folded if rounded else None)


_FIELDS = {"audience": "by_audience", "language": "by_language", "topic": "by_topic", "format": "by_format",
           "views_audience": "views_by_audience", "views_language": "views_by_language",
           "views_format": "views_by_format", "views_channel": "views_by_channel"}


def _add(counts: dict[str, int], key: str, n) -> None:
    counts[key] = counts.get(key, 0) + int(n)


class PendingViews:
    """Public views counted in memory and written as daily totals by :meth:`flush`.

    Counting never touches the database, so it can neither slow nor break a leaflet; a
    failed write is reported in the service log and the counts are kept for the next try."""

    def __init__(self, usage_store: Usage):
        self._usage = usage_store
        self._counts: Counter = Counter()
        self._lock = threading.Lock()

    def add(self, municipality: str, audience: str, language: str, fmt: str, channel: str) -> None:
        key = (datetime.now(LOCAL).date(), municipality, audience, language, fmt, channel)
        with self._lock:
            self._counts[key] += 1

    def flush(self) -> int:
        with self._lock:
            counts, self._counts = self._counts, Counter()
        if not counts:
            return 0
        try:
            self._usage.add_views(counts)
        except Exception as error:  # noqa: BLE001 - whatever the database says, the counts are kept
            with self._lock:
                self._counts.update(counts)
            log.error("public view counts not stored, kept for the next try: %s", type(error).__name__)
            return 0
        return sum(counts.values())
