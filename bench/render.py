"""Render speed: leaflets as PDF and HTML, in-process, medians after warm-up, and the same
leaflet through WeasyPrint (HTML to PDF) as the reference.

    make bench            # or: .venv/bin/python bench/render.py [--runs N] [--no-reference]

Targets on a 2-core machine: Swedish PDF <= 25 ms, HTML <= 5 ms, Arabic PDF <= 40 ms, and
infogen's PDF >= 10x faster than WeasyPrint's for the same leaflet.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from service.runtime import Runtime  # noqa: E402

CASES = [
    ("0180", "victim", "sv"),
    ("0180", "victim", "en"),
    ("0180", "victim", "ar"),
    ("0180", "victim", "fa"),
    ("0180", "victim", "ti"),
    ("0180", "victim", "th"),
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


def weasyprint_renderer():
    """WeasyPrint fed the same HTML page, its stylesheet inlined with fonts from this checkout."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError):
        return None
    css = (ROOT / "static" / "leaflet.css").read_text().replace('url("/fonts/', f'url("{(ROOT / "fonts").as_uri()}/')
    link = '<link rel="stylesheet" href="/static/leaflet.css">'

    def render(page: str) -> bytes:
        return HTML(string=page.replace(link, f"<style>{css}</style>"), base_url=ROOT.as_uri()).write_pdf()

    return render


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--no-reference", action="store_true", help="skip WeasyPrint")
    args = parser.parse_args()

    started = time.perf_counter()
    runtime = Runtime.load()
    print(f"startup (data, catalogs, templates): {(time.perf_counter() - started) * 1000:.0f} ms")
    rows = []
    for code, audience, lang in CASES:
        if lang not in runtime.content.languages:
            continue
        leaflet = runtime.leaflet(code, audience, lang)
        compose = median_ms(lambda: runtime.leaflet(code, audience, lang), args.runs)
        html = median_ms(lambda: runtime.html.render(runtime.leaflet(code, audience, lang)), args.runs)
        pdf = median_ms(lambda: runtime.pdf.render(runtime.leaflet(code, audience, lang)), args.runs)
        size = len(runtime.pdf.render(leaflet)) / 1024
        rows.append((leaflet, f"{code} {audience:<7} {lang:<5} {compose:>6.2f}ms {html:>6.2f}ms {pdf:>6.1f}ms {size:>6.1f}KB", pdf))

    # WeasyPrint only after infogen is measured: its allocations would slow the rest of the process
    reference = None if args.no_reference else weasyprint_renderer()
    print(f"{'leaflet':<20} {'compose':>8} {'html':>8} {'pdf':>8} {'size':>8} {'weasyprint':>11} {'ratio':>6}")
    for leaflet, line, pdf in rows:
        if reference:
            page = runtime.html.render(leaflet)
            weasy = median_ms(lambda: reference(page), max(5, args.runs // 5))
            line += f" {weasy:>9.0f}ms {weasy / pdf:>5.1f}x"
        print(line)
    print(f"medians of {args.runs} runs after 3 warm-up runs ({max(5, args.runs // 5)} for WeasyPrint); "
          "html and pdf include compose")


if __name__ == "__main__":
    main()
