"""The full static export: every municipality × audience × offered language (4 030 leaflets
with 31 languages), then again with nothing changed; medians of the wall-clock times.

    .venv/bin/python bench/export.py [--runs 1]

Targets on a 2-core machine: full export <= 120 s, a no-change re-export <= 10 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(args: list[str], env: dict) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "service", *args], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    full, again = [], []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as folder:
            env = {**os.environ, "INFOGEN_VAR_DIR": f"{folder}/var", "INFOGEN_BASE_URL": "https://infogen.example"}
            site = f"{folder}/site"
            full.append(timed(["export", "--output", site], env))
            again.append(timed(["export", "--output", site], env))
    print(f"full export           median {statistics.median(full):6.1f} s")
    print(f"re-export, no change  median {statistics.median(again):6.1f} s")


if __name__ == "__main__":
    main()
