"""Cached leaflets while anonymous clients post 9.9 MB forms to the staff pages (the
report's empty fields, just under the framework's default limit of 10 MB): latency of the
readers' requests through the production server (`infogen serve`, one process) on loopback.

    .venv/bin/python bench/attack.py [--seconds 15] [--attackers 4] [--workers 1]

Prints p50/p99 of a cached leaflet with no attack, then under the attack, how many probes
failed (no answer within 5 s), and what the posts were answered. Target: p99 < 50 ms under
the attack.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEAFLET = "/l/0180/victim/sv"
BODY = b"a=&" * (9_900_000 // 3)
TARGETS = ["/staff/login", "/staff/logout", "/admin/contacts/0180"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def probe(port: int, seconds: float) -> tuple[list[float], int]:
    """Sequential GETs of a cached leaflet, each on a new connection: latencies in ms, failures."""
    times, failed = [], 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        start = time.perf_counter()
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", LEAFLET)
            response = conn.getresponse()
            response.read()
            conn.close()
            if response.status != 200:
                failed += 1
                continue
        except OSError:
            failed += 1
            continue
        times.append((time.perf_counter() - start) * 1000)
        time.sleep(0.01)
    return times, failed


def attack(port: int, stop: threading.Event, answers: dict) -> None:
    i = 0
    while not stop.is_set():
        path = TARGETS[i % len(TARGETS)]
        i += 1
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("POST", path, body=BODY, headers={"Content-Type": "application/x-www-form-urlencoded"})
            status = conn.getresponse().status
            conn.close()
        except OSError as error:
            status = type(error).__name__
        answers[status] = answers.get(status, 0) + 1


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))] if ordered else float("nan")


def report(label: str, times: list[float], failed: int) -> None:
    print(f"{label:<28} n={len(times):5d}  p50 {statistics.median(times):7.1f} ms  "
          f"p99 {percentile(times, 0.99):7.1f} ms  max {max(times):7.1f} ms  failed {failed}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--attackers", type=int, default=4)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    port = free_port()
    with tempfile.TemporaryDirectory() as var:
        env = {**os.environ, "INFOGEN_VAR_DIR": var, "INFOGEN_BASE_URL": "https://infogen.example"}
        server = subprocess.Popen([sys.executable, "-m", "service", "serve", "--port", str(port), "--workers",
                                   str(args.workers)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        try:
            for _ in range(150):
                try:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                    conn.request("GET", "/readyz")
                    conn.getresponse().read()
                    break
                except OSError:
                    time.sleep(0.2)
            for _ in range(20):  # cached in every worker
                conn = http.client.HTTPConnection("127.0.0.1", port)
                conn.request("GET", LEAFLET)
                conn.getresponse().read()
            report("cached leaflet, no attack", *probe(port, args.seconds / 3))
            stop, answers = threading.Event(), {}
            attackers = [threading.Thread(target=attack, args=(port, stop, answers), daemon=True)
                         for _ in range(args.attackers)]
            for thread in attackers:
                thread.start()
            time.sleep(0.5)
            report(f"under {args.attackers} x 9.9 MB posts", *probe(port, args.seconds))
            stop.set()
            for thread in attackers:
                thread.join(60)
            print("answers to the 9.9 MB posts:", dict(sorted(answers.items(), key=str)))
        finally:
            server.terminate()
            server.wait(30)


if __name__ == "__main__":
    main()
