"""Faults as they happen: the database out of reach while readers and staff use the app, a
process killed in the middle of a staff generation, a migration cut off by a killed process
or a full disk, a static export killed half-way. Readers keep their leaflets; nothing is ever
half-written."""

from __future__ import annotations

import contextlib
import json
import os
import resource
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from datetime import datetime, timedelta, timezone

import httpx
import psycopg
import pytest
from litestar.testing import TestClient
from sqlalchemy import text

from service.runtime import STAMP_SECONDS, Runtime
from service.settings import ROOT, Settings
from service.store import Store
from service.store.database import Database
from service.web.app import create_app
from tests.conftest import POSTGRESQL, pdf_text
from tests.staffing import BASE, Person, form_values
from tests.test_store import _with_number

ADMIN = ("county.faults", "county faults pass phrase")
STAFF = ("staff.faults", "staff faults pass phrase")
NUMBER = "08-530 699 99"  # typed by the test administrator; never shipped
CYRILLIC_O = "\u043e"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Relay:
    """A TCP relay between the app and PostgreSQL that the test cuts and restores, as a network
    fault or a database restart would: cut, every open connection is closed and new ones are
    refused."""

    def __init__(self, target: tuple[str, int]):
        self.target, self.port = target, _free_port()
        self._sockets: set[socket.socket] = set()
        self._listener: socket.socket | None = None
        self._lock = threading.Lock()
        self.flowing = threading.Event()  # cleared: connections stay open, but nothing passes
        self.flowing.set()

    def up(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen()
        listener.settimeout(0.1)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def down(self) -> None:
        listener, self._listener = self._listener, None
        if listener:
            listener.close()
        with self._lock:
            for s in self._sockets:
                with contextlib.suppress(OSError):  # already closed by the other side
                    s.shutdown(socket.SHUT_RDWR)
                s.close()
            self._sockets.clear()

    def _accept(self, listener: socket.socket) -> None:
        while self._listener is listener:
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            with self._lock:
                if self._listener is not listener:  # cut while this one was being accepted
                    client.close()
                    upstream.close()
                    return
                self._sockets.update((client, upstream))
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):  # until either side closes, or the relay is cut
            while data := source.recv(65536):
                self.flowing.wait()
                sink.sendall(data)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)


@pytest.fixture()
def schema():
    """A new schema in the PostgreSQL test database: its name and URL."""
    name = f"infogen_faults_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(POSTGRESQL, autocommit=True) as connection:
        connection.execute(f"CREATE SCHEMA {name}")
    try:
        yield name, f"{POSTGRESQL}?options=-csearch_path%3D{name}"
    finally:
        with psycopg.connect(POSTGRESQL, autocommit=True) as connection:
            connection.execute(f"DROP SCHEMA {name} CASCADE")


def _postgresql(schema_name: str) -> psycopg.Connection:
    return psycopg.connect(POSTGRESQL, options=f"-csearch_path={schema_name}")


@pytest.fixture()
def relayed(schema, tmp_path):
    """The app on PostgreSQL reached through a Relay: the runtime, the app and the relay."""
    name, _ = schema
    relay = Relay(("127.0.0.1", 5432))
    relay.up()
    through_relay = f"postgresql://postgres@127.0.0.1:{relay.port}/test?options=-csearch_path%3D{name}"
    runtime = Runtime.load(Settings.from_env({"INFOGEN_DATABASE_URL": through_relay, "INFOGEN_BASE_URL": BASE,
                                              "INFOGEN_VAR_DIR": str(tmp_path)}))
    try:
        yield runtime, create_app(runtime), relay
    finally:
        relay.flowing.set()
        runtime.store.db.dispose()
        relay.down()


def test_readers_keep_their_leaflets_while_the_database_is_out_of_reach(schema, relayed):
    name, _ = schema
    runtime, app, relay = relayed
    runtime.store.users.add(*ADMIN, "county_admin", None)
    with TestClient(app, base_url=BASE) as reader:
        admin = Person(app)
        assert admin.login(*ADMIN).status_code == 303
        before = reader.get("/l/0180/victim/sv")
        assert before.status_code == 200
        form = form_values(admin.get("/admin/contacts/0127").text)
        stamp = runtime.store.contacts.stamp()

        relay.down()
        time.sleep(STAMP_SECONDS + 0.2)  # past the once-a-second look at the data's version

        # a leaflet already rendered, one never rendered before (a PDF in Arabic), the start page
        during = reader.get("/l/0180/victim/sv")
        assert during.status_code == 200 and during.content == before.content
        pdf = reader.get("/l/0127/youth/ar.pdf")
        assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
        assert "112" in pdf_text(pdf.content)
        assert reader.get("/").status_code == 200
        assert reader.get("/readyz").status_code == 503  # the load balancer is told

        # staff are told plainly that nothing was saved and that readers are not affected
        page = admin.get("/staff/")
        assert page.status_code == 503
        assert "Databasen svarar inte" in page.text and "sparades inte" in page.text
        assert "Informationsbladen för läsarna fungerar som vanligt" in page.text
        last = int(form["count"][0]) - 1
        form.update({f"c{last}-name": ["Jour under avbrottet"], f"c{last}-kind": ["womens_shelter"],
                     f"c{last}-phone": [NUMBER], "action": ["publish"]})
        assert admin.post("/admin/contacts/0127", form).status_code == 503

        relay.up()
        assert admin.get("/staff/").status_code == 200  # staff pages recover at once
        assert runtime.store.contacts.stamp() == stamp  # the refused publish left nothing behind
        assert reader.get("/l/0127/victim/sv").status_code == 200

        # the views read during the outage were kept in memory and are written now
        runtime.views.flush()
        with _postgresql(name) as connection:
            stored = connection.execute("SELECT coalesce(sum(count), 0) FROM public_views").fetchone()[0]
        assert stored == 4  # 0180 sv twice, 0127 ar.pdf, 0127 sv


def test_a_database_gone_silent_does_not_hold_up_readers(relayed):
    """Connections that stay open while nothing comes back (a network partition): readers get
    their leaflets at once, the data's version being asked in the background."""
    runtime, app, relay = relayed
    with TestClient(app, base_url=BASE) as reader:
        assert reader.get("/l/0180/victim/sv").status_code == 200
        relay.flowing.clear()
        try:
            time.sleep(STAMP_SECONDS + 0.2)
            answers: list = []
            asking = threading.Thread(target=lambda: answers.extend(
                reader.get(path).status_code for path in ("/l/0180/victim/sv", "/l/0127/victim/ar.pdf", "/")))
            started = time.monotonic()
            asking.start()
            asking.join(timeout=10)
            waited = time.monotonic() - started
        finally:
            relay.flowing.set()  # let anything still waiting finish before the app stops
        asking.join()
        assert answers == [200, 200, 200] and waited < 5, "readers waited for a database that does not answer"


def test_stored_data_the_schema_now_refuses_does_not_take_the_leaflets_down(tmp_path, caplog):
    """Data published under older, looser rules: its municipality keeps the last revision the
    rules accept, every other municipality is untouched, and the service still starts."""
    database = f"sqlite:///{tmp_path / 'infogen.sqlite3'}"
    store = Store.open(database, seed_from=ROOT / "municipalities")
    author = store.users.add("rules.admin", "rules admin pass phrase", "municipal_admin", "0127")
    store.contacts.publish("0127", _with_number(store, "0127", NUMBER), author.id,
                           base=store.contacts.current("0127").number)
    current = store.contacts.current("0127")
    data = json.loads(json.dumps(current.data))
    data["contacts"][0]["name"] = f"S{CYRILLIC_O}cialtjänsten Botkyrka"  # a lookalike, refused since
    refused = json.dumps(data, ensure_ascii=False)
    with store.db.begin() as connection:
        connection.execute(text(
            "INSERT INTO revisions (scope, number, data, changes, author_id, created_at)"
            " VALUES ('0127', :number, :data, '[]', :author, :now)"),
            {"number": current.number + 1, "data": refused, "author": author.id, "now": datetime.now(timezone.utc)})
    store.db.dispose()

    runtime = Runtime.load(Settings.from_env({"INFOGEN_DATABASE_URL": database, "INFOGEN_BASE_URL": BASE,
                                              "INFOGEN_VAR_DIR": str(tmp_path)}))
    with TestClient(create_app(runtime), base_url=BASE) as reader:
        assert reader.get("/l/0180/victim/sv").status_code == 200
        botkyrka = reader.get("/l/0127/victim/sv")
        assert botkyrka.status_code == 200 and NUMBER in botkyrka.text and f"S{CYRILLIC_O}cial" not in botkyrka.text
    assert "stored data of 0127 is refused by the schema" in caplog.text


def _serve(database: str, var, log_path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {**os.environ, "INFOGEN_DATABASE_URL": database, "INFOGEN_VAR_DIR": str(var),
           "INFOGEN_BASE_URL": f"http://127.0.0.1:{port}"}
    log = open(log_path, "w")
    server = subprocess.Popen([sys.executable, "-m", "service", "serve", "--port", str(port)], cwd=ROOT, env=env,
                              stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            if httpx.get(url + "/readyz").status_code == 200:
                return server, url
        except httpx.TransportError:
            pass  # not listening yet
        time.sleep(0.2)
    server.kill()
    server.wait()
    raise AssertionError(f"the server never became ready: {open(log_path).read()[-2000:]}")


def _logged_in(url: str, username: str, password: str) -> httpx.Client:
    client = httpx.Client(base_url=url, timeout=60)
    client.get("/staff/login")
    token = client.cookies["infogen-csrf"]
    response = client.post("/staff/login", data={"username": username, "password": password, "next": "/staff/",
                                                 "_csrf_token": token})
    assert response.status_code == 303, response.text
    return client


def _blocked_backend(connection: psycopg.Connection, statement: str, deadline: float = 30) -> int:
    """The process id of the database backend waiting for a lock while running ``statement``."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        row = connection.execute(
            "SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE %s",
            (f"%{statement}%",)).fetchone()
        if row:
            return row[0]
        time.sleep(0.05)
    raise AssertionError(f"no backend came to wait on the lock while running {statement!r}")


def _gone(connection: psycopg.Connection, pid: int, deadline: float = 30) -> None:
    end = time.monotonic() + deadline
    while connection.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", (pid,)).fetchone():
        assert time.monotonic() < end, f"backend {pid} still alive"
        time.sleep(0.05)


def _generate(client: httpx.Client, outcome: list) -> None:
    token = client.cookies["infogen-csrf"]
    try:
        outcome.append(client.post("/staff/generate", data={
            "municipality": "0127", "audience": "victim", "topics": ["close"], "language": ["ar", "ti"],
            "_csrf_token": token}))
    except httpx.TransportError as error:
        outcome.append(error)


def _generation_held_at_its_counts(url: str, blocker: psycopg.Connection, watcher: psycopg.Connection):
    """A staff generation sent to the server at ``url`` and held, by a lock on the usage table,
    inside its transaction: the request's thread, where its answer will go, and the backend."""
    client, outcome = _logged_in(url, *STAFF), []
    blocker.execute("LOCK TABLE usage IN ACCESS EXCLUSIVE MODE")
    request = threading.Thread(target=_generate, args=(client, outcome))
    request.start()
    return request, outcome, _blocked_backend(watcher, "INSERT INTO usage")


def test_a_staff_generation_is_recorded_whole_or_not_at_all_when_its_process_is_killed(schema, tmp_path):
    name, database = schema
    store = Store.open(database, seed_from=ROOT / "municipalities")
    store.users.add(*STAFF, "staff", "0127")
    store.db.dispose()

    def counts() -> tuple[int, int]:
        with _postgresql(name) as connection:
            raw = connection.execute("SELECT count(*) FROM generations").fetchone()[0]
            counted = connection.execute("SELECT coalesce(sum(count), 0) FROM usage WHERE grain = 'month'"
                                         " AND dimension = 'language'").fetchone()[0]
        return raw, counted

    with psycopg.connect(POSTGRESQL, autocommit=True) as watcher, _postgresql(name) as blocker:
        # killed while its transaction waits to write the aggregates: nothing of it is kept
        server, url = _serve(database, tmp_path / "var", tmp_path / "first.log")
        try:
            request, outcome, backend = _generation_held_at_its_counts(url, blocker, watcher)
            server.send_signal(signal.SIGKILL)
            server.wait()
        finally:
            server.kill()
            server.wait()
            blocker.rollback()
        _gone(watcher, backend)
        request.join()
        assert isinstance(outcome[0], httpx.TransportError)  # the staff member saw it fail
        assert counts() == (0, 0)

        # the same generation in a process that lives: both events and their counts, together
        server, url = _serve(database, tmp_path / "var", tmp_path / "second.log")
        request = None
        try:
            request, outcome, _ = _generation_held_at_its_counts(url, blocker, watcher)
            with _postgresql(name) as reader:  # the raw events are not visible while their counts wait
                assert reader.execute("SELECT count(*) FROM generations").fetchone()[0] == 0
        finally:
            blocker.rollback()  # the lock goes: the generation finishes, then the server may stop
            if request:
                request.join()
            server.kill()
            server.wait()
        assert outcome[0].status_code == 200
        assert counts() == (2, 2)


def _at_first_version_with_generations(database: str, how_many: int) -> None:
    """A database as it was before the usage aggregates (schema 0001), with staff generations
    recorded over half a year."""
    db = Database(database)
    with db.exclusive() as connection:
        db.migrate(connection, target="0001")
        now = datetime(2026, 6, 1, tzinfo=timezone.utc)
        connection.execute(text(
            "INSERT INTO users (id, username, password_hash, role, municipality, active, created_at)"
            " VALUES (1, 'before', 'x', 'staff', '0127', true, :now)"), {"now": now})
        connection.execute(text(
            "INSERT INTO generations (municipality, user_id, audience, topics, language, format, created_at)"
            " VALUES (:m, 1, 'victim', 'close', :lang, 'pdf', :at)"),
            [{"m": ("0127", "0180", "0136")[i % 3], "lang": ("sv", "ar", "ti", "fa", "so")[i % 5],
              "at": now + timedelta(hours=i)} for i in range(how_many)])
    db.dispose()


def _state(database: str) -> tuple:
    db = Database(database)
    try:
        with db.engine.connect() as connection:
            tables = set(db.engine.dialect.get_table_names(connection))
            raw = connection.execute(text("SELECT count(*) FROM generations")).scalar()
            counted = (connection.execute(text("SELECT sum(count) FROM usage WHERE grain = 'month'"
                                               " AND dimension = 'format'")).scalar()
                       if "usage" in tables else None)
        return db.schema_version(), "usage" in tables, raw, counted
    finally:
        db.dispose()


def _migrate(database: str, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "INFOGEN_DATABASE_URL": database, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run([sys.executable, "-m", "service", "migrate"], cwd=ROOT, env=env, capture_output=True,
                          text=True, **kwargs)


def test_a_migration_killed_half_way_leaves_the_previous_schema_and_runs_again(schema):
    name, database = schema
    _at_first_version_with_generations(database, 2000)
    with psycopg.connect(POSTGRESQL, autocommit=True) as watcher, _postgresql(name) as blocker:
        # the new tables are made; reading the generations to count them waits, and is killed
        blocker.execute("LOCK TABLE generations IN ACCESS EXCLUSIVE MODE")
        env = {**os.environ, "INFOGEN_DATABASE_URL": database}
        migration = subprocess.Popen([sys.executable, "-m", "service", "migrate"], cwd=ROOT, env=env,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            backend = _blocked_backend(watcher, "FROM generations")
        finally:
            migration.send_signal(signal.SIGKILL)
            migration.wait()
            blocker.rollback()
        _gone(watcher, backend)
    assert _state(database) == ("0001", False, 2000, None)
    again = _migrate(database)
    assert again.returncode == 0, again.stderr
    assert _state(database) == (Database.newest_version(), True, 2000, 2000)


def test_a_migration_stopped_by_a_full_disk_changes_nothing_and_says_so(tmp_path):
    database = f"sqlite:///{tmp_path / 'infogen.sqlite3'}"
    _at_first_version_with_generations(database, 2000)
    limit = 64 * 1024  # no file may grow past 64 KiB: the journal of the migration fills it

    def small_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    stopped = _migrate(database, preexec_fn=small_disk)
    assert stopped.returncode == 1
    assert "the migration stopped and changed nothing" in stopped.stderr
    assert "Traceback" not in stopped.stderr
    assert _state(database) == ("0001", False, 2000, None)
    again = _migrate(database)
    assert again.returncode == 0, again.stderr
    assert _state(database) == (Database.newest_version(), True, 2000, 2000)


def test_an_export_killed_half_way_leaves_the_published_site_as_it_was(tmp_path):
    env = {**os.environ, "INFOGEN_VAR_DIR": str(tmp_path / "var"), "INFOGEN_BASE_URL": "https://infogen.example"}
    site = tmp_path / "site"
    command = [sys.executable, "-m", "service", "export", "--output", str(site), "--municipality", "0127",
               "--workers", "2"]
    first = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    published, page = site.resolve(), (site / "l/0127/victim/sv/index.html").read_bytes()

    store = Store.open(f"sqlite:///{tmp_path / 'var' / 'infogen.sqlite3'}")
    author = store.users.add("export.admin", "export admin pass phrase", "municipal_admin", "0127")
    store.contacts.publish("0127", _with_number(store, "0127", NUMBER), author.id,
                           base=store.contacts.current("0127").number)
    store.db.dispose()

    # every leaflet of 0127 now renders anew; the export is killed, workers and all, once some are written
    export = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    versions = tmp_path / ".site-versions"
    deadline = time.monotonic() + 60
    while not any(len(list(v.glob("l/0127/*/*/index.html"))) >= 20 for v in versions.iterdir() if v != published):
        assert export.poll() is None and time.monotonic() < deadline, "the export ended before it could be killed"
        time.sleep(0.02)
    os.killpg(export.pid, signal.SIGKILL)
    export.wait()

    assert site.resolve() == published  # readers of the static site still get the published version
    assert (site / "l/0127/victim/sv/index.html").read_bytes() == page
    assert NUMBER not in page.decode()

    again = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert NUMBER in (site / "l/0127/victim/sv/index.html").read_text()
    assert sorted(v.name for v in versions.iterdir()) == sorted([published.name, site.resolve().name])
