"""Rendered public leaflets, kept in memory and keyed by everything they depend on: the
build (code, templates, catalogs and fonts as deployed), the data of the municipality and of
the regional and national actors, the day (printed on the leaflet), and the request's
parameters. A published change gives its municipality's leaflets a new key — and only
those — on every instance, since each reads the data's version from the shared database."""

from __future__ import annotations

import gzip
import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import __version__

BUDGET = 16 * 1024 * 1024  # bytes of rendered pages kept per process (bench/flood.py: within 250 MB)


def build_fingerprint(root: Path) -> str:
    """A digest of what a rendered leaflet is made with besides the data."""
    digest = hashlib.sha256(__version__.encode())
    code = Path(__file__).parent  # the package as installed (in a container: not under root)
    for base, pattern in ((code, "**/*.py"), (root / "templates", "**/*.html"), (root / "static", "*"),
                          (root / "locales", "**/*.po"), (root / "locales", "*.yaml"), (root / "fonts", "*.ttf")):
        for path in sorted(base.glob(pattern)):
            if path.is_file():
                digest.update(str(path.relative_to(base)).encode() + path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class Rendered:
    body: bytes
    media_type: str
    etag: str  # quoted, as the header carries it
    # a page's body compressed once, by content coding ("br", "gzip"): a reader on prepaid data
    # gets a fifth of the bytes, and a cache hit costs no compressing
    encoded: dict[str, bytes] = field(default_factory=dict, compare=False)


def compressed(body: bytes, media_type: str) -> dict[str, bytes]:
    if not media_type.startswith("text/"):
        return {}
    import brotli

    return {"br": brotli.compress(body, quality=9, mode=brotli.MODE_TEXT), "gzip": gzip.compress(body, 9, mtime=0)}


class RenderCache:
    def __init__(self, build: str, budget: int = BUDGET):
        self.build = build
        self.budget = budget
        self._items: OrderedDict[tuple, Rendered] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def etag(self, key: tuple) -> str:
        return '"' + hashlib.sha256(repr((self.build, key)).encode()).hexdigest()[:24] + '"'

    def peek(self, key: tuple) -> Rendered | None:
        """The cached rendering, or None; never renders (safe on the event loop)."""
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                self.hits += 1
            return found

    def get(self, key: tuple, make: Callable[[], tuple[bytes, str]]) -> Rendered:
        """The cached rendering for ``key``, or ``make()`` (body, media type) kept for next time."""
        found = self.peek(key)
        if found is not None:
            return found
        body, media_type = make()  # outside the lock: two threads may render the same page once each
        item = Rendered(body, media_type, self.etag(key), compressed(body, media_type))
        with self._lock:
            self.misses += 1
            if key not in self._items:
                self._items[key] = item
                self._size += _size(item)
            while self._size > self.budget and self._items:
                _, old = self._items.popitem(last=False)
                self._size -= _size(old)
        return item


def _size(item: Rendered) -> int:
    return len(item.body) + sum(len(data) for data in item.encoded.values())
