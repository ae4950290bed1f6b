"""The usage report under a year of county-wide use: 1 000 000 staff generations and a year
of public view totals, in SQLite and in PostgreSQL; medians of the report's query time.

    .venv/bin/python bench/stats.py [--events N] [--runs N] [--only sqlite|postgresql]

Target on a 2-core machine: a full-year report for all 26 municipalities <= 200 ms.
PostgreSQL: INFOGEN_BENCH_POSTGRESQL (default the local test database), in a schema of its
own that is dropped afterwards.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert, text  # noqa: E402

from service.data.loader import load_directory  # noqa: E402
from service.i18n.languages import load_languages  # noqa: E402
from service.store import Generation, Store  # noqa: E402
from service.store.database import utcnow  # noqa: E402
from service.store.tables import generations, usage, users  # noqa: E402
from service.store.usage import LOCAL, _add_counts, usage_rows  # noqa: E402

YEAR = 2025
AUDIENCES = (("victim", 50), ("youth", 15), ("child", 10), ("relative", 15), ("perpetrator", 10))
FORMATS = (("web", 60), ("pdf", 30), ("bilingual", 10))
TOPICS = ((("close", "honour", "trafficking", "sexual"), 60), (("close",), 20), (("honour",), 10),
          (("sexual",), 6), (("trafficking",), 4))


def weighted(pairs):
    values, weights = zip(*pairs)
    return values, weights


def fill(store: Store, events: int, seed: int = 43) -> float:
    """Write ``events`` generations of one year, their aggregates and a year of view totals."""
    rng = random.Random(seed)
    codes = sorted(load_directory(ROOT / "municipalities").municipalities)
    languages = [lang.code for lang in load_languages(ROOT / "locales" / "languages.yaml").values() if lang.offered]
    language_weights = [1 / (rank + 1) for rank in range(len(languages))]  # a few languages most of the time
    started = time.perf_counter()
    with store.db.begin() as connection:  # staff accounts: 5 to 40 per municipality
        rows, owner = [], {}
        for code in codes:
            for n in range(rng.randint(5, 40)):
                rows.append({"username": f"bench.{code}.{n}", "password_hash": "-", "role": "staff",
                             "municipality": code, "active": True, "created_at": utcnow()})
        connection.execute(insert(users), rows)
        for row in connection.execute(users.select().where(users.c.username.like("bench.%"))):
            owner.setdefault(row.municipality, []).append(row.id)
    municipality_weights = [rng.uniform(0.2, 3) for _ in codes]
    audiences, audience_weights = weighted(AUDIENCES)
    formats, format_weights = weighted(FORMATS)
    topic_sets, topic_weights = weighted(TOPICS)
    start = datetime(YEAR, 1, 1, tzinfo=LOCAL)  # the county's year
    seconds = 365 * 24 * 3600
    batch = 50_000
    for offset in range(0, events, batch):
        items = []
        for _ in range(min(batch, events - offset)):
            code = rng.choices(codes, municipality_weights)[0]
            items.append(Generation(
                code, rng.choice(owner[code]), rng.choices(audiences, audience_weights)[0],
                rng.choices(topic_sets, topic_weights)[0], rng.choices(languages, language_weights)[0],
                rng.choices(formats, format_weights)[0], (start + timedelta(seconds=rng.randrange(seconds))).astimezone(timezone.utc)))
        with store.db.begin() as connection:
            connection.execute(insert(generations), [
                {"municipality": g.municipality, "user_id": g.user_id, "audience": g.audience,
                 "topics": ",".join(g.topics), "language": g.language, "format": g.format, "created_at": g.created_at}
                for g in items])
        aggregate_batch(store, items)
        print(f"  {offset + len(items):>9,} events", end="\r", file=sys.stderr, flush=True)
    views: Counter = Counter()
    day = date(YEAR, 1, 1)
    while day.year == YEAR:
        for code in codes:
            for _ in range(rng.randint(0, 12)):
                views[(day, code, rng.choices(audiences, audience_weights)[0],
                       rng.choices(languages, language_weights)[0], rng.choice(("web", "pdf")),
                       rng.choice(("link", "qr")))] += rng.randint(1, 40)
        day += timedelta(days=1)
    store.usage.add_views(views)
    with store.db.begin() as connection:  # fresh statistics, as autovacuum keeps them after a bulk load
        connection.execute(text("ANALYZE"))
    return time.perf_counter() - started


def aggregate_batch(store: Store, items: list[Generation]) -> None:
    """The aggregates of a batch, added as the service adds them (one upsert per key)."""
    with store.db.begin() as connection:
        _add_counts(connection, usage, usage_rows(items))


def median_ms(fn, runs: int) -> float:
    fn()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def run(name: str, url: str, events: int, runs: int) -> None:
    store = Store.open(url, seed_from=ROOT / "municipalities")
    print(f"{name}: filling {events:,} events …", file=sys.stderr)
    seconds = fill(store, events)
    codes = sorted(store.contacts.directory().municipalities)
    report = store.usage.report(date(YEAR, 1, 1), date(YEAR, 12, 31), codes)
    assert report.totals.generations == events, (report.totals.generations, events)
    cases = {
        "full year, all 26 municipalities": (date(YEAR, 1, 1), date(YEAR, 12, 31), codes),
        "15 Feb – 20 Nov (edge days), all": (date(YEAR, 2, 15), date(YEAR, 11, 20), codes),
        "full year, one municipality": (date(YEAR, 1, 1), date(YEAR, 12, 31), ["0127"]),
        "one month, all": (date(YEAR, 3, 1), date(YEAR, 3, 31), codes),
    }
    print(f"{name}: filled in {seconds:.0f} s; {report.municipalities_used} municipalities, "
          f"{report.totals.users} users, {report.totals.generations:,} generations, "
          f"{report.totals.views:,} public views")
    for label, (a, b, which) in cases.items():
        ms = median_ms(lambda: store.usage.report(a, b, which), runs)
        print(f"  {label:<36} median {ms:7.1f} ms")
    store.db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--only", choices=("sqlite", "postgresql"))
    args = parser.parse_args()
    if args.only != "postgresql":
        with tempfile.TemporaryDirectory() as folder:
            run("SQLite", f"sqlite:///{Path(folder) / 'bench.sqlite3'}", args.events, args.runs)
    if args.only != "sqlite":
        import psycopg

        base = os.environ.get("INFOGEN_BENCH_POSTGRESQL", "postgresql://postgres@127.0.0.1:5432/test")
        schema = f"infogen_bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(base, autocommit=True) as connection:
            connection.execute(f"CREATE SCHEMA {schema}")
        try:
            run("PostgreSQL", f"{base}?options=-csearch_path%3D{schema}", args.events, args.runs)
        finally:
            with psycopg.connect(base, autocommit=True) as connection:
                connection.execute(f"DROP SCHEMA {schema} CASCADE")


if __name__ == "__main__":
    main()
