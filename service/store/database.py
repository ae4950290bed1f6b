"""One database, SQLite (a file under ``var/``) or PostgreSQL, chosen by its URL; the schema
brought up to date by the migrations before anything else touches it."""

from __future__ import annotations

import contextlib
import fcntl
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

MIGRATIONS = Path(__file__).parent / "migrations"
_PG_MIGRATION_LOCK = 4_300_001  # an arbitrary advisory lock id: one migrating instance at a time


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def as_utc(value: datetime) -> datetime:
    """SQLite gives back naive datetimes; everything stored is UTC."""
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


class Database:
    def __init__(self, url: str):
        parsed = make_url(url)
        if parsed.drivername in ("postgresql", "postgres"):
            parsed = parsed.set(drivername="postgresql+psycopg")
        self.url = parsed
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        if self.is_sqlite:
            path = Path(parsed.database or "")
            path.parent.mkdir(parents=True, exist_ok=True)
            _private(path)
            self.path: Path | None = path
            self.engine: Engine = create_engine(parsed, connect_args={"timeout": 30})
            event.listen(self.engine, "connect", _sqlite_pragmas)
            # Python's sqlite3 runs CREATE and ALTER outside any transaction, so a migration
            # killed half-way would leave half a schema; this engine makes SQLite's own BEGIN
            # and COMMIT wrap migrating and seeding whole.
            self._whole: Engine = create_engine(parsed, connect_args={"timeout": 30}, poolclass=NullPool)
            event.listen(self._whole, "connect", _sqlite_pragmas)
            event.listen(self._whole, "connect", _sqlite_own_transactions)
            event.listen(self._whole, "begin", lambda connection: connection.exec_driver_sql("BEGIN IMMEDIATE"))
        else:
            self.path = None
            self.engine = create_engine(parsed, pool_pre_ping=True, pool_size=5, max_overflow=5,
                                        # a server gone silent is noticed (keepalives, unacknowledged data)
                                        connect_args={"connect_timeout": 5, "keepalives": 1, "keepalives_idle": 10,
                                                      "keepalives_interval": 5, "keepalives_count": 3,
                                                      "tcp_user_timeout": 20000})

    def __repr__(self) -> str:
        return f"Database({self.url.render_as_string(hide_password=True)})"

    @contextlib.contextmanager
    def begin(self) -> Iterator[Connection]:
        """A transaction: committed when the block ends, rolled back if it raises."""
        with self.engine.begin() as connection:
            yield connection

    @contextlib.contextmanager
    def exclusive(self) -> Iterator[Connection]:
        """A transaction that no other process runs at the same time (for migrating and seeding)."""
        if self.is_sqlite:
            lock_path = self.path.with_name(self.path.name + ".lock")
            with open(lock_path, "w") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                try:
                    with self._whole.begin() as connection:
                        yield connection
                finally:
                    fcntl.flock(lock, fcntl.LOCK_UN)
        else:
            with self.engine.begin() as connection:
                connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _PG_MIGRATION_LOCK})
                yield connection

    def migrate(self, connection: Connection, target: str = "head") -> None:
        """Bring the schema to the newest migration, or to ``target`` (nothing happens when it
        is there)."""
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = connection
        command.upgrade(config, target)

    def schema_version(self) -> str | None:
        with self.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    @staticmethod
    def newest_version() -> str:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        return ScriptDirectory.from_config(config).get_current_head()

    def ping(self) -> None:
        with self.engine.connect() as connection:
            connection.execute(text("SELECT 1"))

    def dispose(self) -> None:
        self.engine.dispose()


def _private(path: Path) -> None:
    """The database file readable and writable by the service only (0600): it holds accounts
    and password hashes. SQLite gives its journal files the same mode."""
    if path.name in ("", ":memory:"):
        return
    os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    with contextlib.suppress(PermissionError):  # a file of another owner is left as it is
        os.chmod(path, 0o600)


def _sqlite_own_transactions(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None  # the driver begins nothing; the "begin" event does


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never wait for the one writer
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()
