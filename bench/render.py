"""Render speed: leaflets as PDF and HTML, in-process, medians after warm-up, and the same
leaflet through WeasyPrint (HTML to PDF) as the reference; then what tagging (PDF/UA-1) costs,
infogen's tagged PDF beside Typst's and WeasyPrint's tagged PDFs of the same leaflet (a
different municipality each run), and where infogen's time goes (cProfile).

    make bench            # or: .venv/bin/python bench/render.py [--runs N] [--no-reference]

Targets on a 2-core machine: Swedish PDF <= 25 ms, HTML <= 5 ms, Arabic PDF <= 40 ms, and
infogen's PDF >= 10x faster than WeasyPrint's for the same leaflet; tagging costs <= 15 % of
the untagged render.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import re
import statistics
import sys
import time
from contextlib import contextmanager, nullcontext
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from service.content.model import Bullets  # noqa: E402
from service.render.qr import qr_svg  # noqa: E402
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


def weasyprint_renderer(variant: str | None = None):
    """WeasyPrint fed the same HTML page, its stylesheet inlined with fonts from this checkout
    (``variant="pdf/ua-1"``: tagged)."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError):
        return None
    css = (ROOT / "static" / "leaflet.css").read_text().replace('url("/fonts/', f'url("{(ROOT / "fonts").as_uri()}/')
    link = '<link rel="stylesheet" href="/static/leaflet.css">'

    def render(page: str) -> bytes:
        return HTML(string=page.replace(link, f"<style>{css}</style>"), base_url=ROOT.as_uri()).write_pdf(
            pdf_variant=variant)

    return render


def median_rotating_ms(fn, runs: int, items: list) -> float:
    """Median of ``fn(item)`` over ``runs`` runs, a different item each run (after one warm-up
    run of each): no renderer reuses the previous run's result whole."""
    for item in items:
        fn(item)
    times = []
    for i in range(runs):
        item = items[i % len(items)]
        start = time.perf_counter()
        fn(item)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


@contextmanager
def untagged():
    """The same renderers with every tagging step a no-op: the render as it was before PDFs were
    tagged (the structure elements are still created; that costs little and is counted as
    untagged here)."""
    from reportlab.pdfgen.canvas import Canvas

    from service.render import handout, pdf, poster, tagging, wallet
    from service.text import draw_lines

    def draw_marked(canvas, element, lines, style, x0, top, width):
        draw_lines(canvas, lines, style, x0, top, width)

    def draw_link(canvas, element, uri, text, lines, style, x0, top, width):
        draw_lines(canvas, lines, style, x0, top, width)

    replaced = {"draw_marked": draw_marked, "draw_link": draw_link, "artifact": lambda canvas: nullcontext(),
                "link": lambda *args: None}
    saved = []
    for module in (tagging, pdf, handout, poster, wallet):
        for name, value in replaced.items():
            if hasattr(module, name):
                saved.append((module, name, getattr(module, name)))
                setattr(module, name, value)
    for cls, name, value in ((tagging.Element, "mark", lambda self, canvas, part="text", **kw: nullcontext()),
                             (tagging.TaggedCanvas, "_setAnnotations", Canvas._setAnnotations),
                             (tagging.TaggedCanvas, "save", Canvas.save)):
        saved.append((cls, name, cls.__dict__[name]))
        setattr(cls, name, value)
    try:
        yield
    finally:
        for owner, name, value in saved:
            setattr(owner, name, value)


def typst_renderer():
    """Typst (the PyPI package) fed the same leaflet as JSON through bench/leaflet.typ, with the
    same Noto fonts, tagged and claiming PDF/UA-1."""
    try:
        import typst
    except ImportError:
        return None
    source = (ROOT / "bench" / "leaflet.typ").read_bytes()
    fonts = [str(ROOT / "fonts")]

    def render(leaflet) -> bytes:
        return typst.compile(source, font_paths=fonts, ignore_system_fonts=True, pdf_standards="ua-1",
                             sys_inputs={"leaflet": json.dumps(typst_data(leaflet))})

    return render


def typst_data(leaflet) -> dict:
    def family(name: str) -> str:  # NotoSansArabic -> Noto Sans Arabic
        return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)

    levels = []
    for level in ("local", "regional", "national"):
        group = [c for c in leaflet.contacts if c.level == level]
        if group:
            levels.append({"heading": leaflet.labels.levels[level], "contacts": [{
                "name": c.name, "phone": c.phone, "phone_uri": c.phone_uri, "description": c.description,
                "details": " · ".join(([c.hours] if c.hours else []) + list(c.flags)),
                "web": c.web, "web_text": c.web_label} for c in group]})
    return {
        "document_title": leaflet.document_title, "title": leaflet.title, "municipality": leaflet.municipality_name,
        "lang": leaflet.language.split("-")[0], "rtl": leaflet.rtl,
        "fonts": list(dict.fromkeys([*(family(f) for f in leaflet.fonts), "Noto Sans"])),
        "qr_svg": qr_svg(leaflet.qr_url), "qr_alt": leaflet.labels.qr_alt, "qr_caption": leaflet.labels.qr_caption,
        "emergency_line": leaflet.labels.emergency_line, "emergency_uri": leaflet.emergency_uri,
        "intro": leaflet.intro, "footer": leaflet.labels.footer, "review": leaflet.review,
        "sections": [{"heading": s.heading, "blocks": [list(b.items) if isinstance(b, Bullets) else b.text
                                                      for b in s.blocks]} for s in leaflet.sections],
        "contacts_heading": leaflet.labels.contacts_heading, "contacts_intro": leaflet.contacts_intro,
        "levels": levels, "web_label": leaflet.labels.web,
    }


PROFILE_AREAS = [  # (area, pattern on "file:function"), first match wins
    ("tagging (structure, marks, annotations)", r"service/render/tagging\.py"),
    ("columns kept apart for text extractors", r"service/render/columns\.py|flowable\.py:(line_ink|_inked)"),
    ("text: shaping (HarfBuzz)", r"service/text/shaping\.py|uharfbuzz"),
    ("text: bidi, breaks, fonts, wrapping", r"service/text/(layout|unicode|fonts)\.py|icu"),
    ("text: glyph operators", r"service/text/(flowable|extraction)\.py"),
    ("QR code", r"service/render/qr\.py|qrcode"),
    ("compose (the Leaflet)", r"service/(leaflet|content|translations|i18n)/|gettext|babel"),
    ("reportlab: font subsets", r"reportlab/pdfbase/ttfonts\.py"),
    ("reportlab: compression", r"zlib"),
    ("reportlab: objects and serialising", r"reportlab/pdfbase/pdfdoc\.py|reportlab/pdfgen|rl_accel"),
    ("reportlab: page layout (platypus)", r"reportlab/platypus"),
]


def profile(runtime, municipalities: list[str], lang: str, runs: int) -> None:
    """Where a tagged render's time goes: own time per area over ``runs`` renders."""
    profiler = cProfile.Profile()
    profiler.enable()
    for i in range(runs):
        runtime.pdf.render(runtime.leaflet(municipalities[i % len(municipalities)], "victim", lang))
    profiler.disable()
    stats = pstats.Stats(profiler)

    def area_of(filename: str, function: str) -> str:
        where = f"{filename}:{function}"
        return next((name for name, pattern in PROFILE_AREAS if re.search(pattern, where)), "other")

    areas: dict[str, float] = {}
    total = 0.0
    for (filename, _, function), (_, _, own, _, callers) in stats.stats.items():
        total += own
        if filename == "~" and callers and not re.search(r"zlib", function):
            # a builtin (str.join, isinstance, …): its time goes to the areas of its callers
            for (caller_file, _, caller_function), entry in callers.items():
                area = area_of(caller_file, caller_function)
                areas[area] = areas.get(area, 0.0) + entry[2]
            continue
        area = area_of(filename, function)
        areas[area] = areas.get(area, 0.0) + own
    print(f"profile, {lang}, {runs} tagged renders (compose included), own time per area "
          "(slowed by the profiler; the shares are what counts):")
    for area, own in sorted(areas.items(), key=lambda item: -item[1]):
        print(f"  {area:<40} {own / runs * 1000:>6.1f} ms/render {own / total:>6.1%}")


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

    municipalities = sorted(runtime.content.directory.municipalities)
    print()
    print("tagging's cost (CPU time of the same renders, tagged and untagged in turn, and the median of their "
          "differences), and the same leaflet from Typst and WeasyPrint, both tagged (PDF/UA-1), in wall time; "
          f"a different municipality each run, {len(municipalities)} in turn, compose included")
    typst_render = None if args.no_reference else typst_renderer()
    weasy_tagged = None if args.no_reference else weasyprint_renderer("pdf/ua-1")
    print(f"{'victim':<8} {'untagged':>9} {'tagged':>8} {'cost':>6} {'size':>8} {'wall':>8} {'typst':>8} {'size':>8} "
          f"{'weasyprint':>11}")
    for lang in ("sv", "en", "ar", "fa", "ti", "th"):
        if lang not in runtime.content.languages:
            continue
        leaflets = {code: runtime.leaflet(code, "victim", lang) for code in municipalities}
        times: dict[str, list[float]] = {"untagged": [], "tagged": [], "wall": [], "typst": []}
        for i in range(len(municipalities) + args.runs):  # the first round warms up
            code = municipalities[i % len(municipalities)]
            with untagged():
                start = time.process_time()
                runtime.pdf.render(runtime.leaflet(code, "victim", lang))
                plain = time.process_time() - start
            start, wall = time.process_time(), time.perf_counter()
            runtime.pdf.render(runtime.leaflet(code, "victim", lang))
            tagged, wall = time.process_time() - start, time.perf_counter() - wall
            start = time.perf_counter()
            if typst_render:
                typst_render(leaflets[code])
            typst_time = time.perf_counter() - start
            if i >= len(municipalities):
                for key, value in (("untagged", plain), ("tagged", tagged), ("wall", wall), ("typst", typst_time)):
                    times[key].append(value * 1000)
        m = {key: statistics.median(values) for key, values in times.items()}
        cost = statistics.median(t - u for t, u in zip(times["tagged"], times["untagged"]))
        size = len(runtime.pdf.render(leaflets["0180"])) / 1024
        line = (f"{lang:<8} {m['untagged']:>7.1f}ms {m['tagged']:>6.1f}ms {cost / m['untagged']:>6.1%} {size:>6.1f}KB "
                f"{m['wall']:>6.1f}ms")
        if typst_render:
            line += f" {m['typst']:>6.1f}ms {len(typst_render(leaflets['0180'])) / 1024:>6.1f}KB"
        if weasy_tagged:
            pages = [runtime.html.render(leaflets[code]) for code in municipalities[:5]]
            weasy = median_rotating_ms(weasy_tagged, max(5, args.runs // 5), pages)
            line += f" {weasy:>9.0f}ms"
        print(line)
    print()
    for lang in ("sv", "ar"):
        profile(runtime, municipalities, lang, args.runs)


if __name__ == "__main__":
    main()
