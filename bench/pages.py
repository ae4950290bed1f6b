"""Every byte a reader's phone fetches for a web leaflet, per language, counted in Chromium.

    .venv/bin/python bench/pages.py [--languages sv,ar,ti,th,am] [--runs 3] [--path /l/0180/victim/{lang}]

Starts `infogen serve` on a copy of the shipped data, opens the leaflet in Debian's Chromium at
390 × 844 and sums what the network events say went over the wire (``encodedDataLength``:
headers and compressed bodies, from the network only — a file the browser kept counts
nothing, a revalidation its few bytes). A first visit starts with nothing cached; the
repeat visit opens the same leaflet again later in the same browser. Prints per language
the medians of ``--runs`` runs, in KB (1 000 bytes), and what the first visit was made of.
The targets (issue 14): first visit sv ≤ 150 KB, ar/ti/th ≤ 250 KB; a repeat visit ≤ 30 KB.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from playwright.sync_api import Browser, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("INFOGEN_CHROMIUM", "/usr/bin/chromium")
PHONE = {"width": 390, "height": 844}
TARGETS = {"sv": 150_000, "ar": 250_000, "ti": 250_000, "th": 250_000}
REPEAT_TARGET = 30_000


def kind(url: str) -> str:
    if "/assets/fonts/" in url and url.endswith(".woff2"):
        return "fonts"
    if url.endswith(".css"):
        return "css"
    if url.endswith(".js"):
        return "js"
    return "html"


def visit(browser: Browser, url: str) -> tuple[dict[str, int], dict[str, int]]:
    """Bytes per kind of file of a first and of a repeat visit of ``url``."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    urls: dict[str, str] = {}
    sizes: dict[str, int] = {}
    cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"])))

    def load() -> dict[str, int]:
        sizes.clear()
        page.goto(url, wait_until="networkidle")
        page.evaluate("document.fonts.ready.then(() => true)")
        page.wait_for_timeout(300)  # a font asked for late still counts
        by_kind: dict[str, int] = {}
        for request, size in sizes.items():
            name = kind(urls.get(request, ""))
            by_kind[name] = by_kind.get(name, 0) + size
        return by_kind

    first = load()
    page.goto("about:blank")
    repeat = load()
    context.close()
    return first, repeat


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(var: Path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "INFOGEN_VAR_DIR": str(var), "INFOGEN_BASE_URL": base}
    process = subprocess.Popen([sys.executable, "-m", "service", "serve", "--port", str(port)], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            httpx.get(base + "/healthz", timeout=2)
            return process, base
        except httpx.TransportError:
            time.sleep(0.1)
    process.terminate()
    raise RuntimeError("infogen serve did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--languages", default="sv,ar,ti,th,am")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--path", default="/l/0180/victim/{lang}")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as var, sync_playwright() as playwright:
        process, base = serve(Path(var))
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            print(f"{'language':<10}{'first KB':>10}{'repeat KB':>11}   first visit: html, css, js, fonts (KB)")
            for lang in args.languages.split(","):
                url = base + args.path.format(lang=lang)
                visit(browser, url)  # the server cuts this language's fonts once; not what is measured
                runs = [visit(browser, url) for _ in range(args.runs)]
                first = statistics.median(sum(f.values()) for f, _ in runs)
                repeat = statistics.median(sum(r.values()) for _, r in runs)
                parts = ", ".join(f"{statistics.median(f.get(k, 0) for f, _ in runs) / 1000:.1f}"
                                  for k in ("html", "css", "js", "fonts"))
                marks = ("" if first <= TARGETS.get(lang, 250_000) else "  over the first-visit target") + \
                    ("" if repeat <= REPEAT_TARGET else "  over the repeat target")
                print(f"{lang:<10}{first / 1000:>10.1f}{repeat / 1000:>11.1f}   {parts}{marks}")
        finally:
            browser.close()
            process.terminate()
            process.wait(timeout=10)


if __name__ == "__main__":
    main()
