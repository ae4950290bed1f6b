"""Usage storage on SQLite and PostgreSQL: several processes writing at once lose nothing,
and folding old raw events away changes no reported number."""

from __future__ import annotations

import multiprocessing
from collections import Counter
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import select

from service.settings import ROOT
from service.store import Generation, Store
from service.store.database import Database
from service.store.tables import usage
from service.store.usage import Usage

SHIPPED = ROOT / "municipalities"
WORKERS = 4
ROUNDS = 40
LANGUAGES = ("sv", "ar", "ti", "th")


def _generate(url: str, user_id: int, worker: int) -> None:
    """One worker process: many small transactions on the same aggregate rows as the others."""
    usage = Usage(Database(url))
    now = datetime.now(timezone.utc)
    for n in range(ROUNDS):
        usage.record([
            Generation("0127" if n % 3 else "0180", user_id, "victim", ("close", "honour"),
                       LANGUAGES[(n + worker) % len(LANGUAGES)], "web" if n % 2 else "pdf", now),
            Generation("0127", user_id, "youth", ("sexual",), "sv", "bilingual", now),
        ])
        usage.add_views({(now.date(), "0127", "victim", "ar", "web", "qr" if n % 2 else "link"): 2})
    usage.db.dispose()


def test_concurrent_writers_lose_no_event(database_url):
    store = Store.open(database_url, seed_from=SHIPPED)
    ids = [store.users.add(f"writer.{i}", "a long pass phrase", "staff", "0127").id for i in range(WORKERS)]
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_generate, args=(database_url, ids[i], i)) for i in range(WORKERS)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
    assert [w.exitcode for w in workers] == [0] * WORKERS

    raw = store.usage.generations()
    assert len(raw) == WORKERS * ROUNDS * 2
    today = datetime.now(timezone.utc).date()
    report = store.usage.report(today - timedelta(days=1), today + timedelta(days=1), ["0127", "0180"],
                                today=today + timedelta(days=2))  # views show once their day is over
    by_code = {p.municipality: p for p in report.places}
    expected = Counter(g.municipality for g in raw)
    assert {code: p.generations for code, p in by_code.items()} == dict(expected)
    assert by_code["0127"].users == WORKERS and by_code["0180"].users == WORKERS
    assert report.totals.by_language == dict(Counter(g.language for g in raw)) | {}
    assert report.totals.by_format == dict(Counter(g.format for g in raw))
    assert by_code["0127"].by_topic["sexual"] == WORKERS * ROUNDS
    assert by_code["0127"].views == WORKERS * ROUNDS * 2
    assert by_code["0127"].views_by_channel == {"link": WORKERS * ROUNDS, "qr": WORKERS * ROUNDS}
    store.db.dispose()


def test_folding_old_raw_events_changes_no_reported_number(database_url):
    store = Store.open(database_url, seed_from=SHIPPED)
    staff = store.users.add("folder", "a long pass phrase", "staff", "0127")
    # a year of generations, two a week, some late in the evening (a new day in Stockholm)
    moment = datetime(2025, 1, 3, 23, 30, tzinfo=timezone.utc)
    items = []
    while moment < datetime(2026, 1, 10, tzinfo=timezone.utc):
        items.append(Generation("0127", staff.id, "victim", ("close",), "ar", "web", moment))
        items.append(Generation("0127", staff.id, "youth", ("sexual", "close"), "ti", "pdf", moment + timedelta(hours=50)))
        moment += timedelta(days=7)
    for start in range(0, len(items), 20):
        store.usage.record(items[start:start + 20])
    periods = [(date(2025, 1, 1), date(2025, 12, 31)), (date(2025, 2, 14), date(2025, 5, 3)),
               (date(2025, 3, 1), date(2025, 3, 31)), (date(2025, 6, 30), date(2025, 7, 1)),
               (date(2025, 1, 4), date(2025, 1, 4)), (date(2024, 1, 1), date(2026, 12, 31))]
    before = [store.usage.report(a, b, ["0127"]) for a, b in periods]
    recent_before = store.usage.report(date(2025, 11, 10), date(2026, 1, 5), ["0127"])
    assert recent_before.places[0].generations > 0
    stockholm = ZoneInfo("Europe/Stockholm")
    assert before[0].places[0].generations == sum(1 for g in items if g.created_at.astimezone(stockholm).year == 2025)
    in_spring = Counter(g.created_at.astimezone(stockholm).strftime("%Y-%m") for g in items
                        if date(2025, 2, 14) <= g.created_at.astimezone(stockholm).date() <= date(2025, 5, 3))
    assert before[1].places[0].by_month == dict(sorted(in_spring.items()))  # edge days and whole months
    assert list(before[1].totals.by_month) == ["2025-02", "2025-03", "2025-04", "2025-05"]  # in time order
    assert before[4].places[0].generations == 1  # 23:30 UTC on 3 January is 00:30 on 4 January in Stockholm

    deleted = store.usage.fold(keep_months=2, today=date(2026, 1, 15))
    cutoff = datetime(2025, 10, 31, 23, tzinfo=timezone.utc)  # 1 November in Stockholm
    assert deleted == sum(1 for g in items if g.created_at < cutoff)
    assert all(g.created_at >= cutoff for g in store.usage.generations())
    with store.db.engine.connect() as connection:  # who made a leaflet on which day: gone too
        days = connection.execute(select(usage.c.period).where(usage.c.grain == "day")).scalars().all()
    assert days and min(days) >= date(2025, 11, 1)

    after = [store.usage.report(a, b, ["0127"]) for a, b in periods]
    for (a, b), old, new in zip(periods, before, after):
        if a.day == 1 and (b + timedelta(days=1)).day == 1:  # whole months: every figure as it was
            assert new == old, (a, b)
        else:  # days inside a folded month: read as the whole month, and said so
            whole = store.usage.report(a.replace(day=1), (b.replace(day=28) + timedelta(days=4)).replace(day=1)
                                       - timedelta(days=1), ["0127"])
            assert (new.places, new.users, new.whole_months_before) == (whole.places, whole.users, date(2025, 11, 1))
    recent = (date(2025, 11, 10), date(2026, 1, 5))  # kept day by day: unchanged to the day
    assert store.usage.report(*recent, ["0127"]) == recent_before
    store.db.dispose()


def test_generations_recorded_before_the_usage_migration_are_counted(database_url):
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import insert

    from service.store.database import MIGRATIONS
    from service.store.tables import generations, users

    db = Database(database_url)
    with db.begin() as connection:  # a database as the first schema version left it
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        user_id = connection.execute(insert(users).values(
            username="early", password_hash="-", role="staff", municipality="0127", active=True,
            created_at=datetime.now(timezone.utc))).inserted_primary_key[0]
        connection.execute(insert(generations), [
            {"municipality": "0127", "user_id": user_id, "audience": "victim", "topics": "close,honour",
             "language": language, "format": "web", "created_at": datetime(2026, 3, 2, 9, tzinfo=timezone.utc)}
            for language in ("ar", "ar", "so")])
    db.dispose()
    store = Store.open(database_url, seed_from=SHIPPED)
    assert store.db.schema_version() == Database.newest_version()
    place = store.usage.report(date(2026, 3, 1), date(2026, 3, 31), ["0127"]).places[0]
    assert (place.users, place.generations, place.by_language, place.by_topic) == (
        1, 3, {"ar": 2, "so": 1}, {"close": 3, "honour": 3})
    store.db.dispose()


def test_views_show_only_for_days_that_are_over(database_url):
    """A total for today would tell a staff member, refreshing the page, when someone opened
    the leaflet they were just given."""
    store = Store.open(database_url, seed_from=SHIPPED)
    day = date(2026, 3, 17)
    store.usage.add_views({(day, "0127", "victim", "ar", "web", "qr"): 1,
                           (day - timedelta(days=1), "0127", "victim", "ar", "web", "link"): 5})
    march = (date(2026, 3, 1), date(2026, 3, 31))
    assert store.usage.report(*march, ["0127"], today=day).places[0].views == 5
    assert store.usage.report(*march, ["0127"], today=day + timedelta(days=1)).places[0].views == 6
    assert store.usage.report(*march, ["0127"], today=date(2026, 5, 2)).places[0].views == 6  # from the month rows
    store.db.dispose()


def test_a_county_administrator_trying_the_tool_is_not_a_municipality_using_it(database_url):
    store = Store.open(database_url, seed_from=SHIPPED)
    county = store.users.add("county.demo", "a long pass phrase", "county_admin", None)
    staff = store.users.add("staff.demo", "a long pass phrase", "staff", "0127")
    moment = datetime(2026, 2, 3, 10, tzinfo=timezone.utc)
    store.usage.record([
        Generation("0136", county.id, "victim", ("close",), "sv", "web", moment, counts_as_user=False),
        Generation("0127", county.id, "victim", ("close",), "sv", "web", moment, counts_as_user=False),
        Generation("0127", staff.id, "victim", ("close",), "ar", "pdf", moment),
    ])
    report = store.usage.report(date(2026, 2, 1), date(2026, 2, 28), ["0127", "0136"])
    by_code = {p.municipality: p for p in report.places}
    assert (report.municipalities_used, report.totals.users) == (1, 1)
    assert (by_code["0136"].used, by_code["0136"].generations) == (False, 1)
    assert (by_code["0127"].users, by_code["0127"].generations) == (1, 2)
    store.db.dispose()
