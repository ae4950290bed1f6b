"""Two app processes on loopback sharing one PostgreSQL and one Redis, as several instances
behind a load balancer would: a login on one is valid on the other, a change published on
one (contacts, a translation) shows on the other, login limits and usage counts add up."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from datetime import datetime, timedelta

import httpx
import psycopg
import pytest
import redis

from service.settings import ROOT
from service.store import Store
from service.store.usage import LOCAL
from tests.conftest import POSTGRESQL
from service.translations.exchange import key
from tests.staffing import form_values

REDIS = os.environ.get("INFOGEN_TEST_REDIS", "redis://127.0.0.1:6379/0")
PASSWORD = "two instances pass phrase"
NUMBER = "08-530 616 16"  # typed by the test; never shipped
RIGHTS = "حقوقك في السويد"  # a reviewed Arabic heading, typed by the test


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def instances(tmp_path):
    schema = f"infogen_two_{uuid.uuid4().hex[:8]}"
    namespace = f"infogen-test-{uuid.uuid4().hex[:8]}"
    with psycopg.connect(POSTGRESQL, autocommit=True) as connection:
        connection.execute(f"CREATE SCHEMA {schema}")
    database = f"{POSTGRESQL}?options=-csearch_path%3D{schema}"
    store = Store.open(database, seed_from=ROOT / "municipalities")
    store.users.add("county.two", PASSWORD, "county_admin", None)
    store.users.add("translator.two", PASSWORD, "translator", None, languages=("ar",), full_name="Amal Haddad")
    store.db.dispose()
    servers, urls = [], []
    for name in ("a", "b"):
        port = _free_port()
        env = {**os.environ, "INFOGEN_DATABASE_URL": database, "INFOGEN_REDIS_URL": REDIS,
               "INFOGEN_REDIS_NAMESPACE": namespace, "INFOGEN_SECRET_KEY": "the same on every instance " * 2,
               "INFOGEN_VAR_DIR": str(tmp_path / name), "INFOGEN_BASE_URL": f"http://127.0.0.1:{port}"}
        log = open(tmp_path / f"{name}.log", "w")
        servers.append(subprocess.Popen([sys.executable, "-m", "service", "serve", "--port", str(port)], cwd=ROOT,
                                        env=env, stdout=log, stderr=subprocess.STDOUT))
        urls.append(f"http://127.0.0.1:{port}")
    try:
        for url in urls:
            for _ in range(150):
                try:
                    if httpx.get(url + "/readyz").status_code == 200:
                        break
                except httpx.TransportError:
                    pass  # not listening yet: wait and ask again
                time.sleep(0.2)
            else:
                raise AssertionError(f"{url} never became ready: {(tmp_path / 'a.log').read_text()[-2000:]}")
        yield urls, database
    finally:
        for server in servers:
            server.send_signal(signal.SIGTERM)
        for server in servers:
            server.wait(30)
        with psycopg.connect(POSTGRESQL, autocommit=True) as connection:
            connection.execute(f"DROP SCHEMA {schema} CASCADE")
        client = redis.Redis.from_url(REDIS)
        for key in client.scan_iter(f"{namespace}:*"):
            client.delete(key)


def _token(client: httpx.Client, url: str) -> str:
    client.get(url + "/staff/login")
    return client.cookies.get("infogen-csrf")


def test_two_instances_share_logins_data_limits_and_counts(instances):
    (a, b), database = instances
    # cookies are per host, not per port: one browser, the load balancer sending it either way
    with httpx.Client(follow_redirects=False) as browser:
        login = browser.post(a + "/staff/login", data={"username": "county.two", "password": PASSWORD,
                                                     "next": "/staff/", "_csrf_token": _token(browser, a)})
        assert login.status_code == 303
        assert browser.get(b + "/staff/").status_code == 200  # the session made on A is valid on B

        # publish on A, read on B
        values = form_values(browser.get(a + "/admin/contacts/0127").text)
        last = int(values["count"][0]) - 1
        values.update({f"c{last}-name": ["Socialtjänsten Botkyrka"], f"c{last}-kind": ["social_services"],
                       f"c{last}-phone": [NUMBER], "action": ["publish"],
                       "_csrf_token": [browser.cookies.get("infogen-csrf")]})
        published = browser.post(a + "/admin/contacts/0127", data=values)
        assert published.status_code in (200, 303), published.text[:500]
        deadline = time.monotonic() + 5  # B asks the database for the newest data at most once a second
        while NUMBER not in httpx.get(b + "/l/0127/victim/sv").text and time.monotonic() < deadline:
            time.sleep(0.2)
        assert NUMBER in httpx.get(b + "/l/0127/victim/sv").text

        # a translation published on A, read on B
        with httpx.Client(follow_redirects=False) as translator:
            assert translator.post(a + "/staff/login", data={
                "username": "translator.two", "password": PASSWORD,
                "_csrf_token": _token(translator, a)}).status_code == 303
            token = translator.cookies.get("infogen-csrf")
            assert translator.post(a + "/translate/ar/messages", data={
                "key": key("Dina rättigheter"), "text": RIGHTS, "action": "review", "_csrf_token": token}
            ).status_code == 303
            assert translator.post(a + "/translate/ar/publish", data={"base": "1", "_csrf_token": token}
                                   ).status_code == 303
        deadline = time.monotonic() + 5
        while RIGHTS not in httpx.get(b + "/l/0127/victim/ar").text and time.monotonic() < deadline:
            time.sleep(0.2)
        assert RIGHTS in httpx.get(b + "/l/0127/victim/ar").text

        # one leaflet handed over through each instance (its QR code shown): both counted
        for url, language in ((a, "sv"), (b, "ar")):
            made = browser.post(url + "/staff/handover", data={
                "municipality": "0127", "audience": "victim", "topics": "close", "language": language, "format": "qr",
                "_csrf_token": browser.cookies.get("infogen-csrf")})
            assert made.status_code == 303
        today = datetime.now(LOCAL).date()
        report = browser.get(b + f"/staff/stats.json?from={today}&to={today}&municipality=0127").json()
        assert report["municipalities"][0]["by_language"] == {"ar": 1, "sv": 1}

        # login limits count every instance's failures: three on A, two on B, then locked on A
        with httpx.Client() as stranger:
            for url in (a, a, a, b, b):
                wrong = stranger.post(url + "/staff/login", data={"username": "county.two", "password": "x" * 12,
                                                                "_csrf_token": _token(stranger, url)})
                assert wrong.status_code == 400
            locked = stranger.post(a + "/staff/login", data={"username": "county.two", "password": PASSWORD,
                                                           "_csrf_token": _token(stranger, a)})
            assert locked.status_code == 429

        # public views counted on both instances add up (written when each stops or every 10 s)
        for url in (a, b, b):
            assert httpx.get(url + "/l/0127/victim/ti?qr").status_code == 200
    store = Store.open(database)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # the background flush writes within 10 s
        seen = store.usage.report(today, today, ["0127"], today=today + timedelta(days=1)).places[0]
        if seen.views_by_language.get("ti") == 3:
            break
        time.sleep(1)
    assert seen.views_by_language.get("ti") == 3 and seen.views_by_channel.get("qr") == 3
    store.db.dispose()
