"""The static export: every public leaflet (page, PDF and QR code) for every municipality ×
audience × offered language, the start page, the safe-online pages, styles and fonts, at the
same URLs as the app serves them, for an ordinary web host or a CDN.

    site -> .site-versions/<time>/      (a symbolic link, swapped in one step)

Each export builds a new version beside the old one, renders only what changed since (the
rest is hard-linked from the previous version), and then points ``site`` at it: a failed or
interrupted export leaves the previous site in place. A leaflet page is written as
``l/0180/victim/sv/index.html``; the host serves it for ``/l/0180/victim/sv`` as most do
(nginx ``try_files $uri $uri/index.html``)."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .content.model import Audience
from .render.qr import qr_svg

MANIFEST = ".infogen-export.json"


@dataclass(frozen=True)
class Task:
    municipality: str
    audience: str
    language: str
    key: str  # everything the three files depend on

    @property
    def files(self) -> tuple[str, str, str]:
        base = f"l/{self.municipality}/{self.audience}/{self.language}"
        return f"{base}/index.html", f"{base}.pdf", f"{base}.svg"


_runtime = None


def _start_worker() -> None:
    global _runtime
    from .runtime import Runtime

    _runtime = Runtime.load()


def _render(task: Task, root: str) -> Task:
    """In a worker: the page, the PDF and the QR code of one leaflet, written under ``root``."""
    leaflet = _runtime.leaflet(task.municipality, task.audience, task.language)  # rendered once: no cache
    html, pdf = _runtime.html.render(leaflet).encode(), _runtime.pdf.render(leaflet)
    for name, data in zip(task.files, (html, pdf, qr_svg(leaflet.qr_url).encode())):
        _write(Path(root) / name, data)
    return task


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def export_site(runtime, output: Path, workers: int | None = None,
                progress: Callable[[int, int], None] = lambda done, total: None,
                municipalities: list[str] | None = None) -> dict:
    """Export the site to ``output`` (a symbolic link to the newest version); returns figures.
    ``municipalities``: only these (default all)."""
    started = time.perf_counter()
    output = output.absolute()
    versions = output.parent / f".{output.name}-versions"
    versions.mkdir(parents=True, exist_ok=True)
    previous = output.resolve() if output.is_symlink() else None
    if output.exists() and not output.is_symlink():
        raise FileExistsError(f"{output} exists and is not an export of infogen (a symbolic link to a version)")
    old = json.loads((previous / MANIFEST).read_text()) if previous and (previous / MANIFEST).exists() else {}

    content = runtime.content
    build = runtime.cache.build
    day = time.strftime("%Y-%m-%d")
    tasks = [
        Task(code, audience.value, lang.code,
             hashlib.sha256(f"{build}|{content.version_of(code, lang.code)}|{day}|{runtime.settings.base_url}|"
                            f"{code}|{audience.value}|{lang.code}".encode()).hexdigest()[:20])
        for code in sorted(municipalities or content.directory.municipalities)
        for audience in Audience for lang in content.offered()
    ]
    new_version = versions / f"{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:6]}"
    new_version.mkdir()
    try:
        manifest: dict[str, str] = {}
        todo: list[Task] = []
        for task in tasks:
            if previous and all(old.get(name) == task.key for name in task.files):
                for name in task.files:  # unchanged: the same file, linked
                    target = new_version / name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    os.link(previous / name, target)
                    manifest[name] = task.key
            else:
                todo.append(task)
        done = len(tasks) - len(todo)
        progress(done, len(tasks))
        if todo:
            pool = ProcessPoolExecutor(max_workers=workers or os.cpu_count(), initializer=_start_worker)
            try:
                for finished in pool.map(_render, todo, [str(new_version)] * len(todo), chunksize=8):
                    for name in finished.files:
                        manifest[name] = finished.key
                    done += 1
                    progress(done, len(tasks))
            finally:
                pool.shutdown(wait=True, cancel_futures=True)  # on a failure: stop, and let no one write on
        _pages(runtime, new_version)
        (new_version / MANIFEST).write_text(json.dumps(manifest, sort_keys=True))
        link = output.parent / f".{output.name}.link-{os.getpid()}"
        link.symlink_to(new_version.relative_to(output.parent))
        os.replace(link, output)  # the switch: one rename
    except BaseException:
        shutil.rmtree(new_version, ignore_errors=True)
        raise
    for stale in versions.iterdir():  # keep the one before, for a quick way back
        if stale not in (new_version, previous):
            shutil.rmtree(stale, ignore_errors=True)
    return {"leaflets": len(tasks), "rendered": len(todo), "seconds": time.perf_counter() - started,
            "version": new_version.name}


def _pages(runtime, root: Path) -> None:
    """The start page, each language's list of municipalities, the safe-online pages, the
    municipality pages, styles and fonts (the
    web fonts cut per language too)."""
    from litestar.testing import TestClient

    from .web.app import create_app

    import logging

    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per page is noise here
    settings = runtime.settings
    shutil.copytree(settings.static_dir, root / "static", dirs_exist_ok=True)
    shutil.copytree(settings.fonts_dir, root / "fonts", dirs_exist_ok=True)
    client = TestClient(create_app(runtime))
    paths = ["/"] + [f"/safe/{lang.code}" for lang in runtime.content.offered()]
    paths += [f"/{lang.code}" for lang in runtime.content.offered()]  # each language's municipalities
    paths += [f"/l/{code}" for code in runtime.content.directory.municipalities]
    for path in paths:
        response = client.get(path)
        response.raise_for_status()
        _write(root / path.lstrip("/") / "index.html", response.content)
    # every language's font stylesheet and the faces it names, at the addresses the pages use
    for lang in runtime.content.offered():
        stylesheet = runtime.font_stylesheet(lang.code)
        css = client.get(stylesheet)
        css.raise_for_status()
        _write(root / stylesheet.lstrip("/"), css.content)
        for face in re.findall(r'url\("(/assets/fonts/[^"]+)"\)', css.text):
            if not (root / face.lstrip("/")).exists():
                font = client.get(face)
                font.raise_for_status()
                _write(root / face.lstrip("/"), font.content)
