"""Nothing piles up and nothing comes back: expired sessions and login counts are removed,
a deactivated account's sessions stay over when it is reactivated, the files that hold
accounts and sessions are the service's alone, and a staff form is taken only from our own
pages, with the CSRF token of its own session."""

from __future__ import annotations

import asyncio
import stat
import time

import pytest
from litestar.stores.file import FileStore

from service.runtime import Runtime
from service.settings import Settings
from service.web import guesses
from service.web.app import create_app
from service.web.guesses import FileCounts
from service.web.sessions import Sessions
from tests.staffing import CSRF_COOKIE, Person

ADMIN = ("piles.county", "county piles pass phrase")
STAFF = ("piles.staff", "staff piles pass phrase")


@pytest.fixture(scope="module")
def var(tmp_path_factory):
    return tmp_path_factory.mktemp("var")


@pytest.fixture(scope="module")
def runtime(var) -> Runtime:
    runtime = Runtime.load(Settings.from_env({"INFOGEN_BASE_URL": "https://infogen.example",
                                              "INFOGEN_VAR_DIR": str(var)}))
    runtime.store.users.add(*ADMIN, "county_admin", None)
    runtime.store.users.add(*STAFF, "staff", "0127")
    return runtime


@pytest.fixture(scope="module")
def app(runtime):
    return create_app(runtime)


def _logged_in(app, account) -> Person:
    person = Person(app)
    assert person.login(*account).status_code == 303
    return person


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_expired_sessions_are_removed(tmp_path):
    store = FileStore(tmp_path / "sessions")
    sessions = Sessions(store, secure=True)

    async def run() -> tuple[int, bool]:
        await store.set("session:old", b"{}", expires_in=1)
        await store.set("session:current", b"{}", expires_in=3600)
        await asyncio.sleep(1.2)
        await sessions.sweep()
        return len(list((tmp_path / "sessions").iterdir())), await store.get("session:current") is not None

    assert run_files(run) == (1, True)  # the expired one's file is gone


def run_files(coroutine):
    return asyncio.run(coroutine())


def test_login_counts_past_their_time_are_removed(tmp_path, monkeypatch):
    monkeypatch.setattr(guesses, "FORGET", 1)
    monkeypatch.setattr(FileCounts, "SWEEP_EVERY", 0.0)
    counts = FileCounts(tmp_path / "logins")

    async def run() -> list[str]:
        for n in range(20):  # an anonymous client guessing at twenty names
            await counts.claim(f"login-name-{n}")
        time.sleep(1.2)
        await counts.claim("login-latest")  # the next attempt sweeps what is past its time
        return sorted(p.name for p in (tmp_path / "logins").iterdir() if not p.name.startswith("."))

    assert run_files(run) == ["login-latest"]
    assert _mode(tmp_path / "logins" / "login-latest") == 0o600


def test_a_deactivated_account_does_not_get_its_sessions_back(runtime, app):
    staff = _logged_in(app, STAFF)
    assert staff.get("/staff/").status_code == 200
    account = runtime.store.users.named(STAFF[0])
    runtime.store.users.set_active(account.id, False)
    assert staff.get("/staff/").status_code == 303
    runtime.store.users.set_active(account.id, True)
    back = staff.get("/staff/")
    assert back.status_code == 303 and back.headers["location"].startswith("/staff/login")
    assert _logged_in(app, STAFF).get("/staff/").status_code == 200  # a new login works


def test_the_database_and_session_files_are_the_services_alone(runtime, app, var):
    _logged_in(app, STAFF)
    assert _mode(var / "infogen.sqlite3") == 0o600
    assert _mode(var / "sessions") == 0o700
    files = [p for p in (var / "sessions").iterdir()]
    assert files and all(_mode(p) == 0o600 for p in files)
    assert _mode(var / "logins") == 0o700


@pytest.mark.parametrize("origin", ["https://infogen.example", "null"])
def test_a_staff_post_from_another_site_is_refused(runtime, app, origin):
    """Another site in ``Origin`` is refused; our own address, or ``null`` as our pages send
    under their no-referrer policy, goes on."""
    admin = _logged_in(app, ADMIN)
    account = runtime.store.users.named(STAFF[0])
    sent = {"active": "0", "_csrf_token": admin.token()}
    refused = admin.client.post(f"/admin/users/{account.id}/active", data=sent,
                                headers={"Origin": "https://evil.example"}, follow_redirects=False)
    assert refused.status_code == 403 and runtime.store.users.named(STAFF[0]).active
    done = admin.client.post(f"/admin/users/{account.id}/active", data={"active": "1", "_csrf_token": admin.token()},
                             headers={"Origin": origin}, follow_redirects=False)
    assert done.status_code == 303


def test_a_csrf_token_of_another_session_is_refused(runtime, app):
    """A token and cookie pair that is valid, but was set with someone else's session (or
    planted in the browser), does not carry a form."""
    admin = _logged_in(app, ADMIN)
    other = _logged_in(app, STAFF)
    foreign = other.client.cookies.get(CSRF_COOKIE)
    admin.client.cookies.set(CSRF_COOKIE, foreign, domain="infogen.example")
    account = runtime.store.users.named(STAFF[0])
    refused = admin.client.post(f"/admin/users/{account.id}/active", data={"active": "0", "_csrf_token": foreign},
                                follow_redirects=False)
    assert refused.status_code == 403 and runtime.store.users.named(STAFF[0]).active
