"""HTTP throughput of cached leaflets through the production server setup (`infogen serve`
with one worker per core) on loopback, measured with wrk; and the memory of each worker.

    .venv/bin/python bench/throughput.py [--seconds 10] [--runs 3] [--connections 32]

Needs `wrk` (Debian package wrk). Targets on a 2-core machine: a cached leaflet >= 2 000
requests/s; one app process <= 250 MB under load. wrk runs on the same cores, so the
figures are a floor.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATHS = ["/l/0180/victim/sv", "/l/0180/victim/ar", "/l/0180/victim/sv.pdf", "/l/0180/victim/ar.pdf"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(server: subprocess.Popen) -> list[float]:
    """Resident memory of the server's worker processes, in MB."""
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        parent = re.search(r"PPid:\s+(\d+)", status)
        if parent and int(parent.group(1)) == server.pid and "spawn_main" in Path(f"/proc/{pid}/cmdline").read_text():
            found.append(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    port = free_port()
    with tempfile.TemporaryDirectory() as var:
        env = {**os.environ, "INFOGEN_VAR_DIR": var, "INFOGEN_BASE_URL": "https://infogen.example"}
        server = subprocess.Popen([sys.executable, "-m", "service", "serve", "--port", str(port), "--workers",
                                   str(os.cpu_count() or 2)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(base + "/readyz")
                    break
                except OSError:
                    time.sleep(0.2)
            peak = 0.0
            for path in PATHS:
                for _ in range(20):  # every worker has it cached
                    urllib.request.urlopen(base + path).read()
                rates = []
                for _ in range(args.runs):
                    out = subprocess.run(["wrk", "-t2", f"-c{args.connections}", f"-d{args.seconds}s", base + path],
                                         capture_output=True, text=True, check=True).stdout
                    rates.append(float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)))
                    peak = max([peak, *rss_mb(server)])
                print(f"{path:<26} median {statistics.median(rates):8.0f} requests/s")
            print(f"largest app process under load: {peak:.0f} MB")
        finally:
            server.terminate()
            server.wait(30)


if __name__ == "__main__":
    main()
