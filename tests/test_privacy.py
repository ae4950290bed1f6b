"""No reader leaves a trace: after public (and staff) traffic against the real server,
neither the database, nor any file the service keeps, nor its log holds the client's
address, user agent or referrer — while the views were counted."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from datetime import datetime, timedelta

import httpx

from service.settings import ROOT
from service.store import Store
from service.store.usage import LOCAL

CLIENT_ADDRESS = "127.0.0.3"  # the loopback address the requests come from
FORWARDED = "203.0.113.77"
AGENT = "ProbeBrowser/9.9 (sentinel-agent-5f1c)"
REFERRER = "https://referrer.example/sentinel-path"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_no_address_agent_or_referrer_is_stored_or_logged(tmp_path):
    var = tmp_path / "var"
    port = _free_port()
    log_path = tmp_path / "service.log"
    env = {**os.environ, "INFOGEN_VAR_DIR": str(var), "INFOGEN_BASE_URL": f"http://127.0.0.1:{port}"}
    with open(log_path, "w") as log:
        server = subprocess.Popen([sys.executable, "-m", "service", "serve", "--port", str(port)], cwd=ROOT,
                                  env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        headers = {"User-Agent": AGENT, "X-Forwarded-For": FORWARDED, "X-Real-IP": FORWARDED, "Referer": REFERRER,
                   "Forwarded": f"for={FORWARDED}"}
        transport = httpx.HTTPTransport(local_address=CLIENT_ADDRESS)
        with httpx.Client(transport=transport, base_url=f"http://127.0.0.1:{port}", headers=headers) as client:
            for _ in range(100):
                try:
                    if client.get("/healthz").status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.2)
            public = ["/l/0127/victim/ar", "/l/0127/victim/ar?qr", "/l/0127/victim/sv.pdf", "/l/0127",
                      "/safe/ar", "/l/0127/victim/xx", "/nowhere"]
            statuses = [client.get(path).status_code for path in public]
            assert statuses == [200, 200, 200, 200, 200, 404, 404]
            token = client.get("/staff/login").cookies.get("infogen-csrf")
            failed = client.post("/staff/login", data={"username": "nobody", "password": "wrong password 1",
                                                       "_csrf_token": token})
            assert failed.status_code == 400
    finally:
        server.send_signal(signal.SIGTERM)  # a graceful stop writes the counts still in memory
        server.wait(30)

    today = datetime.now(LOCAL).date()
    store = Store.open(f"sqlite:///{var / 'infogen.sqlite3'}")
    counted = store.usage.report(today, today, ["0127"], today=today + timedelta(days=1)).places[0]  # as seen tomorrow
    assert (counted.views, counted.views_by_channel) == (3, {"link": 2, "qr": 1})
    store.db.dispose()

    entries = [json.loads(line) for line in log_path.read_text().splitlines() if line.strip()]  # structured
    assert entries and all({"time", "level", "logger", "message"} <= set(e) for e in entries)

    probes = [CLIENT_ADDRESS, FORWARDED, AGENT, "sentinel-agent", "referrer.example", "sentinel-path"]
    kept = [p for p in var.rglob("*") if p.is_file()]
    assert any(p.name.startswith("infogen.sqlite3") for p in kept)
    for path in kept + [log_path]:
        data = path.read_bytes()
        assert not [p for p in probes if p.encode() in data], path.name
