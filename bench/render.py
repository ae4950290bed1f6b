"""Render speed: a leaflet as PDF and as HTML, in-process, median of many runs after warm-up.

    make bench            # or: .venv/bin/python bench/render.py [--runs N]

Targets on a 2-core machine: Swedish PDF leaflet <= 25 ms, HTML <= 5 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from service.runtime import Runtime  # noqa: E402

CASES = [
    ("0180", "victim", "sv"),
    ("0180", "victim", "en"),
    ("0186", "victim", "sv"),
    ("0127", "child", "sv"),
]


def median_ms(fn, runs: int) -> float:
    for _ in range(3):
        fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()

    started = time.perf_counter()
    runtime = Runtime.load()
    print(f"startup (data, catalogs, templates): {(time.perf_counter() - started) * 1000:.0f} ms")
    print(f"{'leaflet':<22} {'compose':>9} {'html':>9} {'pdf':>9}  {'pdf size':>9}  pages")
    for code, audience, lang in CASES:
        leaflet = runtime.leaflet(code, audience, lang)
        compose = median_ms(lambda: runtime.leaflet(code, audience, lang), args.runs)
        html = median_ms(lambda: runtime.html.render(runtime.leaflet(code, audience, lang)), args.runs)
        pdf = median_ms(lambda: runtime.pdf.render(runtime.leaflet(code, audience, lang)), args.runs)
        data = runtime.pdf.render(leaflet)
        pages = data.count(b"/Type /Page\n") or data.count(b"/Type /Page ")
        print(f"{code} {audience:<9} {lang:<6} {compose:>7.2f}ms {html:>7.2f}ms {pdf:>7.2f}ms  {len(data) / 1024:>7.1f}KB  {pages}")
    print("medians of", args.runs, "runs after 3 warm-up runs; html and pdf include compose")


if __name__ == "__main__":
    main()
