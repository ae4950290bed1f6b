"""Memory under a flood of distinct uncached leaflets: the production server (`infogen serve`,
one process) on loopback, asked for a minute for leaflets it has not rendered yet — every
municipality, audience, language and set of topics, web and PDF — by a few clients at once.

    .venv/bin/python bench/flood.py [--seconds 60] [--clients 4]

Prints the server's resident memory at the start, once every language has been served (its
catalogs and fonts loaded: what any server soon holds), its peak during the flood and after
it, and how many leaflets were rendered. Target: at most 250 MB.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TOPICS = ["close", "honour", "trafficking", "sexual"]
AUDIENCES = ["victim", "youth", "child", "perpetrator", "relative"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def addresses() -> list[str]:
    from service.data.loader import load_directory
    from service.i18n.languages import load_languages
    from service.settings import Settings

    settings = Settings.from_env()
    places = sorted(load_directory(settings.data_dir).municipalities)
    languages = [lang.code for lang in load_languages(settings.locales_dir / "languages.yaml").values() if lang.offered]
    topic_sets = [",".join(c) for n in range(1, 5) for c in itertools.combinations(TOPICS, n)]
    found = [f"/l/{place}/{audience}/{lang}{ext}?topics={topics}" for place in places for audience in AUDIENCES
             for lang in languages for topics in topic_sets for ext in ("", ".pdf")]
    random.Random(16).shuffle(found)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()
    paths = addresses()
    port = free_port()
    with tempfile.TemporaryDirectory() as var:
        env = {**os.environ, "INFOGEN_VAR_DIR": var, "INFOGEN_BASE_URL": "https://infogen.example"}
        server = subprocess.Popen([sys.executable, "-m", "service", "serve", "--port", str(port)], cwd=ROOT, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(150):
                try:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                    conn.request("GET", "/l/0180/victim/sv")
                    conn.getresponse().read()
                    break
                except OSError:
                    time.sleep(0.2)
            start_rss = rss_mb(server.pid)
            languages = sorted({path.split("/")[4].removesuffix(".pdf").split("?")[0] for path in paths})
            for lang in languages:  # every language's catalogs and fonts loaded once: what any server holds
                for ext in ("", ".pdf"):
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                    conn.request("GET", f"/l/0180/victim/{lang}{ext}")
                    conn.getresponse().read()
            warm_rss = rss_mb(server.pid)
            stop = threading.Event()
            counter = itertools.count()
            done = [0]

            def client() -> None:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                while not stop.is_set():
                    path = paths[next(counter) % len(paths)]
                    try:
                        conn.request("GET", path)
                        conn.getresponse().read()
                        done[0] += 1
                    except OSError:
                        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

            clients = [threading.Thread(target=client, daemon=True) for _ in range(args.clients)]
            for thread in clients:
                thread.start()
            peak, end = warm_rss, time.monotonic() + args.seconds
            while time.monotonic() < end:
                time.sleep(1)
                peak = max(peak, rss_mb(server.pid))
            stop.set()
            for thread in clients:
                thread.join(60)
            time.sleep(5)
            print(f"leaflets rendered: {done[0]} in {args.seconds:.0f} s by {args.clients} clients")
            print(f"RSS start {start_rss:.0f} MB  every language once {warm_rss:.0f} MB  peak {peak:.0f} MB  "
                  f"after {rss_mb(server.pid):.0f} MB  (target <= 250)")
        finally:
            server.terminate()
            server.wait(30)


if __name__ == "__main__":
    main()
