"""Guesses at a staff password are counted before the password is checked: against the real
server, on one machine (files under var/) and with the counts in Redis, a hundred guesses
sent at once get at most five checks; the owner, in a browser where they logged in before,
still gets in while strangers flood the name; and the wait grows instead of locking."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import uuid

import httpx
import pytest
import redis

from service.settings import ROOT
from service.web.guesses import FIRST_WAIT, FREE_CHECKS, LONGEST_WAIT, Count

REDIS = os.environ.get("INFOGEN_TEST_REDIS", "redis://127.0.0.1:6379/0")
OWNER = ("target.user", "the owner's own pass phrase")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(params=["files", "redis"])
def server(request, tmp_path):
    port = _free_port()
    env = {**os.environ, "INFOGEN_VAR_DIR": str(tmp_path / "var"), "INFOGEN_BASE_URL": f"http://127.0.0.1:{port}"}
    namespace = f"infogen-test-{uuid.uuid4().hex[:8]}"
    if request.param == "redis":
        env |= {"INFOGEN_REDIS_URL": REDIS, "INFOGEN_REDIS_NAMESPACE": namespace}
    subprocess.run([sys.executable, "-m", "service", "user", "add", OWNER[0], "--role", "staff", "--municipality",
                    "0180", "--password-stdin"], input=OWNER[1] + "\n", text=True, cwd=ROOT, env=env, check=True,
                   capture_output=True)
    process = subprocess.Popen([sys.executable, "-m", "service", "serve", "--port", str(port)], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                if httpx.get(base + "/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(30)
        if request.param == "redis":
            client = redis.Redis.from_url(REDIS)
            for key in client.scan_iter(f"{namespace}:*"):
                client.delete(key)


class Browser:
    def __init__(self, base: str):
        self.client = httpx.Client(base_url=base, timeout=60)
        self.client.get("/staff/login")

    def login(self, name: str, password: str) -> httpx.Response:
        return self.client.post("/staff/login", data={"username": name, "password": password, "next": "/staff/",
                                                      "_csrf_token": self.client.cookies.get("infogen-csrf")})


def _all_at_once(browsers: list[Browser], guesses: list[tuple[str, str]]) -> list[int]:
    start = threading.Barrier(len(browsers))
    statuses: list[int] = [0] * len(browsers)

    def guess(i: int) -> None:
        start.wait()
        statuses[i] = browsers[i].login(*guesses[i]).status_code

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(len(browsers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return statuses


def test_a_hundred_guesses_at_once_get_at_most_five_password_checks(server):
    """Ninety-nine wrong passwords and the right one, in case, space and width variants of the
    name: five are checked (400, or 303 if the right one was among them), the rest wait (429)."""
    browsers = [Browser(server) for _ in range(100)]
    names = [OWNER[0], OWNER[0].upper(), f"  {OWNER[0]} ", "Target.User", "ｔａｒｇｅｔ.user"]
    guesses = [(names[i % len(names)], f"wrong guess number {i}") for i in range(99)] + [OWNER]
    statuses = _all_at_once(browsers, guesses)
    checked = [s for s in statuses if s != 429]
    assert len(checked) <= FREE_CHECKS and set(checked) <= {400, 303}, statuses
    assert statuses.count(429) >= 100 - FREE_CHECKS
    if 303 in checked:  # the right password was checked: a login is no failure, its check is given back
        assert browsers[0].login(OWNER[0], "one more wrong guess").status_code == 400
    waited = browsers[0].login(OWNER[0], "one more wrong guess")
    assert waited.status_code == 429 and 0 < int(waited.headers["retry-after"]) <= FIRST_WAIT
    assert "Försök igen om en stund" in waited.text


def test_the_owner_still_logs_in_while_strangers_flood_the_name(server):
    owner = Browser(server)
    assert owner.login(*OWNER).status_code == 303  # a login in this browser earlier: its proof
    owner.client.post("/staff/logout", data={"_csrf_token": owner.client.cookies.get("infogen-csrf")})
    strangers = [Browser(server) for _ in range(30)]
    statuses = _all_at_once(strangers, [(OWNER[0], f"flood {i}") for i in range(30)])
    assert statuses.count(429) >= 30 - FREE_CHECKS
    assert Browser(server).login(*OWNER).status_code == 429  # a stranger's browser, even with the password
    assert owner.login(OWNER[0], "the owner mistypes it").status_code == 400  # checked, and counted apart
    welcome = owner.login(*OWNER)
    assert welcome.status_code == 303 and welcome.headers["location"] == "/staff/"
    assert owner.client.get("/staff/").status_code == 200


def test_a_proof_is_worth_nothing_for_another_name_or_forged(server):
    owner = Browser(server)
    assert owner.login(*OWNER).status_code == 303
    proof = owner.client.cookies.get("infogen-known")
    forged = Browser(server)
    nonce, issued, _ = proof.split(".")
    forged.client.cookies.set("infogen-known", f"{nonce}.{issued}.{'A' * 32}")
    strangers = [Browser(server) for _ in range(FREE_CHECKS)]
    _all_at_once(strangers, [(OWNER[0], f"flood {i}") for i in range(FREE_CHECKS)])
    assert forged.login(*OWNER).status_code == 429


def test_logging_in_from_new_browsers_again_and_again_locks_nothing(server):
    for _ in range(FREE_CHECKS * 2):
        assert Browser(server).login(*OWNER).status_code == 303


def test_the_wait_grows_after_five_failures_and_never_passes_a_quarter_of_an_hour():
    count, now, waits = Count(), 1_000_000.0, []
    for _ in range(FREE_CHECKS):
        count = count.claim(now)
        assert count is not None  # five checks go ahead at once
    for _ in range(8):
        assert count.claim(now) is None and count.claim(count.next_at - 1) is None  # nothing before its time
        waits.append(count.next_at - now)
        now = count.next_at
        count = count.claim(now)
    assert waits == [60, 120, 240, 480, 900, 900, 900, 900]
    assert max(waits) == LONGEST_WAIT


def test_the_current_password_on_the_change_form_is_counted_like_a_login(server):
    """A session in the wrong hands cannot try the current password without end."""
    owner = Browser(server)
    assert owner.login(*OWNER).status_code == 303

    def change(current: str) -> httpx.Response:
        return owner.client.post("/staff/password", data={
            "current": current, "new": "a brand new pass phrase", "repeated": "a brand new pass phrase",
            "_csrf_token": owner.client.cookies.get("infogen-csrf")})

    assert [change(f"wrong current {i}").status_code for i in range(FREE_CHECKS)] == [400] * FREE_CHECKS
    refused = change(OWNER[1])
    assert refused.status_code == 429 and "Försök igen om en stund" in refused.text
    assert Browser(server).login(*OWNER).status_code == 303  # unchanged, and logging in is not locked
