"""What drawing PDFs under one lock costs: uncached leaflet PDFs drawn one after another, and
the same on 16 threads (as the server's worker threads do), with and without the lock that
keeps reportlab's shared font state safe. Without it some renders fail or differ; their
count is printed too.

    .venv/bin/python bench/parallel.py [--renders 160] [--runs 3]
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

from reportlab import rl_config

import service.text.fonts as fonts
from service.runtime import Runtime
from service.settings import Settings

LANGUAGES = ("sv", "ar", "fa", "th", "ti", "ru", "so", "uk")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=160)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rl_config.invariant = 1
    runtime = Runtime.load(Settings.from_env({"INFOGEN_VAR_DIR": tempfile.mkdtemp()}))
    leaflets = [runtime.leaflet(place, "victim", lang) for place in ("0180", "0127") for lang in LANGUAGES]
    jobs = [leaflets[i % len(leaflets)] for i in range(args.renders)]
    reference = {id(leaflet): runtime.pdf.render(leaflet) for leaflet in leaflets}  # fonts warm

    def draw(leaflet):
        try:
            return runtime.pdf.render(leaflet) == reference[id(leaflet)]
        except Exception:  # noqa: BLE001 - counted: what the lock prevents
            return None

    lock = fonts.DRAWING
    found: dict[str, list] = {}
    modes = [("one at a time", 1, lock), ("16 threads, lock", 16, lock),
             ("16 threads, no lock", 16, contextlib.nullcontext())]
    # the machine's speed drifts: every mode in turn, run after run, each timed on its own
    for label, threads, guard in [mode for _ in range(args.runs) for mode in modes]:
        fonts.DRAWING = guard
        start = time.perf_counter()
        with ThreadPoolExecutor(threads) as pool:
            results = list(pool.map(draw, jobs))
        seen = found.setdefault(label, [[], 0, 0])
        seen[0].append(time.perf_counter() - start)
        seen[1] += results.count(False)
        seen[2] += results.count(None)
    fonts.DRAWING = lock
    for label, (times, wrong, failed) in found.items():
        median = statistics.median(times)
        print(f"{label:<20} {median * 1000 / len(jobs):6.1f} ms per PDF  {len(jobs) / median:6.1f} PDFs/s  "
              f"differing {wrong}  failed {failed}  (of {len(jobs) * len(times)})")


if __name__ == "__main__":
    main()
