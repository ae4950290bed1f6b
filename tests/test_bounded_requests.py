"""One request cannot freeze the service: against the real server (`infogen serve` on
loopback), a form body over the limit is refused with 413 before it is read, a chunked one is
cut off as it streams, readers' cached leaflets keep answering while clients post 10 MB
forms, and an oversized address or header gets 414/431 instead of a reset connection."""

from __future__ import annotations

import os
import select
import socket
import subprocess
import sys
import threading
import time

import httpx
import pytest

from service.settings import ROOT
from service.web.limits import FORM_LIMIT

LEAFLET = "/l/0180/victim/sv"
TEN_MB = 10 * 1024 * 1024


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    port = _free_port()
    env = {**os.environ, "INFOGEN_VAR_DIR": str(var), "INFOGEN_BASE_URL": f"http://127.0.0.1:{port}"}
    process = subprocess.Popen([sys.executable, "-m", "service", "serve", "--port", str(port)], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(150):
            try:
                if httpx.get(f"http://127.0.0.1:{port}/readyz").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        assert httpx.get(f"http://127.0.0.1:{port}{LEAFLET}").status_code == 200  # now cached
        yield port
    finally:
        process.terminate()
        process.wait(30)


def _status(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1])


def _read_answer(sock: socket.socket, timeout: float = 10) -> bytes:
    sock.settimeout(timeout)
    answer = b""
    while b"\r\n\r\n" not in answer:
        chunk = sock.recv(65536)
        if not chunk:
            break
        answer += chunk
    return answer


@pytest.mark.parametrize("path", ["/staff/login", "/staff/logout", "/admin/contacts/0180", "/translate/ar/import"])
def test_a_body_announced_over_the_limit_is_refused_before_it_is_sent(server, path):
    """Only the head is sent, announcing 10 MB: the answer comes without a byte of the body,
    so the server read none (the import route, with a larger limit, wants a login first)."""
    with socket.create_connection(("127.0.0.1", server)) as sock:
        sock.sendall(f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                     f"Content-Length: {TEN_MB}\r\n\r\n".encode())
        answer = _read_answer(sock)
    assert _status(answer) == (303 if path.endswith("/import") else 413)


def test_a_chunked_body_is_cut_off_once_past_the_limit(server):
    """No length announced: the server stops at the limit and answers, long before 10 MB."""
    sent = 0
    answer = b""
    with socket.create_connection(("127.0.0.1", server)) as sock:
        sock.sendall(b"POST /staff/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     b"Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n")
        chunk = b"a=&" * 5000
        try:
            while sent < TEN_MB:
                sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                sent += len(chunk)
                if select.select([sock], [], [], 0.01)[0]:
                    answer = _read_answer(sock)
                    break
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed mid-body: its answer is read below
        if not answer:
            answer = _read_answer(sock)
    assert _status(answer) == 413
    assert sent < 20 * FORM_LIMIT, f"{sent} bytes went in before the refusal"


def test_a_form_within_the_limit_is_read(server):
    with httpx.Client(base_url=f"http://127.0.0.1:{server}") as client:
        token = client.get("/staff/login").cookies.get("infogen-csrf")
        answer = client.post("/staff/login", data={"username": "nobody", "password": "wrong password",
                                                   "padding": "x" * (FORM_LIMIT - 1000), "_csrf_token": token})
    assert answer.status_code == 400 and "Fel användarnamn eller lösenord" in answer.text


def test_cached_leaflets_answer_while_clients_post_10_mb_forms(server):
    body = b"a=&" * (TEN_MB // 3)
    stop = threading.Event()
    refusals: list[object] = []

    def attack() -> None:
        while not stop.is_set():
            try:
                with httpx.Client(timeout=30) as client:
                    refusals.append(client.post(f"http://127.0.0.1:{server}/staff/login", content=body, headers={
                        "Content-Type": "application/x-www-form-urlencoded"}).status_code)
            except httpx.TransportError as error:  # the server closes once it has answered
                refusals.append(type(error).__name__)

    attackers = [threading.Thread(target=attack) for _ in range(3)]
    for thread in attackers:
        thread.start()
    try:
        time.sleep(0.3)
        with httpx.Client(base_url=f"http://127.0.0.1:{server}", timeout=2) as reader:
            statuses = [reader.get(LEAFLET).status_code for _ in range(60)]
    finally:
        stop.set()
        for thread in attackers:
            thread.join(60)
    assert statuses == [200] * 60
    assert refusals and 413 in refusals and all(r == 413 or isinstance(r, str) for r in refusals), refusals


def _ask(port: int, head: bytes) -> int:
    """Sends a whole request head at once (as a client does) and reads the status."""
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(head)
        return _status(_read_answer(sock))


def test_an_oversized_address_gets_414_and_oversized_headers_431(server):
    query = b"topics=" + b"x" * 1024 * 1024
    assert _ask(server, b"GET %s?%s HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" % (LEAFLET.encode(), query)) == 414
    padding = b"X-Padding: " + b"x" * 1024 * 1024
    assert _ask(server, b"GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%s\r\n\r\n" % (LEAFLET.encode(), padding)) == 431
    assert httpx.get(f"http://127.0.0.1:{server}{LEAFLET}").status_code == 200  # and the server is fine


def test_a_head_that_never_finishes_is_answered_408(server):
    """A client that drips its headers holds the connection only for the head timeout."""
    from service.web.protocol import HEAD_TIMEOUT

    with socket.create_connection(("127.0.0.1", server)) as sock:
        sock.sendall(b"GET /l/0180/victim/sv HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        answer = _read_answer(sock, timeout=HEAD_TIMEOUT + 10)
    assert _status(answer) == 408
