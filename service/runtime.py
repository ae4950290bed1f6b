"""Everything a running infogen needs, built once from the settings: the store, the content
made from its current data, and the renderers."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field, replace
from datetime import date

from .cache import RenderCache, Rendered, build_fingerprint
from .data.loader import Directory
from .i18n.languages import load_languages
from .leaflet import Content, Leaflet, compose
from .leaflet.compose import parse_topics
from .render.fonts import WebFonts, content_texts
from .render.html import HtmlRenderer
from .render.handout import HandoutRenderer
from .render.pdf import PdfRenderer
from .render.poster import PosterRenderer
from .render.wallet import WalletRenderer
from .settings import Settings
from .store import PendingViews, Store
from .text import FontLibrary
from .translations.catalogs import StoredCatalogs
from .translations.sync import read_template


STAMP_SECONDS = 1.0
UNREACHABLE_PAUSE_SECONDS = 10.0

log = logging.getLogger("infogen.data")


@dataclass
class Runtime:
    settings: Settings
    store: Store
    html: HtmlRenderer
    pdf: PdfRenderer
    _content: Content
    _stamp: tuple[int, int]  # the newest contact data revision and translation revision
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _refreshing: threading.Lock = field(default_factory=threading.Lock)
    _checked: float = float("-inf")
    _writes: int = -1
    views: PendingViews = field(init=False)  # public views, counted in memory until flushed
    handout: HandoutRenderer = field(init=False)
    poster: PosterRenderer = field(init=False)
    wallet: WalletRenderer = field(init=False)
    cache: RenderCache = field(init=False)
    fonts: WebFonts = field(init=False)  # the web pages' fonts, cut to what they show

    def __post_init__(self) -> None:
        self.fonts = WebFonts(self.settings.fonts_dir, self.settings.var_dir / "fonts")
        self.html.stylesheet = self.font_stylesheet
        self.views = PendingViews(self.store.usage)
        self.handout = HandoutRenderer(self.pdf.fonts)
        self.poster = PosterRenderer(self.pdf.fonts)
        self.wallet = WalletRenderer(self.pdf.fonts)
        self.cache = RenderCache(build_fingerprint(self.settings.templates_dir.parent))

    @classmethod
    def load(cls, settings: Settings | None = None) -> Runtime:
        """Open (migrate, and if empty seed) the database, read languages and catalogs."""
        settings = settings or Settings.from_env()
        store = Store.open(settings.database_url, seed_from=settings.data_dir, locales=settings.locales_dir)
        stamp = (store.contacts.stamp(), store.translations.stamp())
        msgids = tuple(m.msgid for m in read_template(settings.locales_dir))
        content = Content(
            directory=store.contacts.directory(),
            languages=load_languages(settings.locales_dir / "languages.yaml"),
            catalogs=stored_catalogs(store, msgids),
        )
        return cls(settings, store, HtmlRenderer(settings.templates_dir),
                   PdfRenderer(FontLibrary(settings.fonts_dir)), content, stamp)

    @property
    def content(self) -> Content:
        """The content with the data as currently published. Readers never wait for the
        database: at most once a second a background thread asks it for the newest version
        (a publish on another instance shows within a second or two); after a publish here
        the data is read at once. Whatever goes wrong there, the data as last read is kept."""
        now = time.monotonic()
        writes = self.store.contacts.local_writes + self.store.translations.local_writes
        if writes != self._writes:
            self._writes, self._checked = writes, now
            self._refresh()
        elif now >= self._checked + STAMP_SECONDS and self._refreshing.acquire(blocking=False):
            self._checked = now
            threading.Thread(target=self._refresh_in_background, name="infogen-data", daemon=True).start()
        return self._content

    def _refresh_in_background(self) -> None:
        try:
            self._refresh()
        finally:
            self._refreshing.release()

    def _refresh(self) -> None:
        try:
            stamp = (self.store.contacts.stamp(), self.store.translations.stamp())
            if stamp != self._stamp:
                with self._lock:
                    if stamp != self._stamp:
                        content = self._content
                        if stamp[0] != self._stamp[0]:
                            content = replace(content, directory=self.store.contacts.directory())
                        if stamp[1] != self._stamp[1]:
                            content = replace(content, catalogs=stored_catalogs(self.store, content.catalogs.msgids))
                        self._content, self._stamp = content, stamp
        except Exception as error:  # noqa: BLE001 - unreachable, refused data, anything: readers keep theirs
            self._checked = time.monotonic() + UNREACHABLE_PAUSE_SECONDS
            log.error("newest data not read, serving the data as last read: %s: %s", type(error).__name__,
                      str(error).splitlines()[0][:200] if str(error) else "")

    def web_fonts(self) -> WebFonts:
        """The web fonts for the content as currently published."""
        content = self.content
        if not self.fonts.current(content):
            self.fonts.update(content, *content_texts(content))
        return self.fonts

    def font_stylesheet(self, language: str) -> str:
        """The address of the stylesheet with ``language``'s faces (and the names' faces)."""
        fonts = self.web_fonts()
        return fonts.stylesheet_path(language if fonts.knows(language) else "sv")

    def with_directory(self, directory: Directory) -> Content:
        """The content with other data, e.g. a draft being previewed before it is published."""
        return replace(self.content, directory=directory)

    def leaflet(self, municipality: str, audience: str, language: str, topics: str | tuple | None = None,
                today: date | None = None, content: Content | None = None) -> Leaflet:
        return compose(content or self.content, municipality, audience, topics, language,
                       base_url=self.settings.base_url, today=today)

    def public(self, municipality: str, audience: str, language: str, topics: str | None, fmt: str) -> Rendered:
        """A public leaflet (``fmt`` "html" or "pdf") from the cache, rendered on a miss.
        Raises UnknownLeaflet as compose does."""
        content = self.content
        chosen = parse_topics(topics)
        today = date.today()
        key = self.public_key(municipality, audience, language, topics, fmt)

        def make() -> tuple[bytes, str]:
            leaflet = compose(content, municipality, audience, chosen, language, base_url=self.settings.base_url,
                              today=today)
            if fmt == "pdf":
                return self.pdf.render(leaflet), "application/pdf"
            return self.html.render(leaflet).encode(), "text/html; charset=utf-8"

        return self.cache.get(key, make)

    def public_key(self, municipality: str, audience: str, language: str, topics: str | None, fmt: str) -> tuple:
        """What a public leaflet depends on (the render cache's key). Raises UnknownLeaflet for
        unknown topics."""
        return (fmt, municipality, audience, language, tuple(parse_topics(topics)),
                self.content.version_of(municipality, language), date.today().isoformat(), self.settings.base_url)


def stored_catalogs(store: Store, msgids: tuple[str, ...]) -> StoredCatalogs:
    """Every language's newest published translation, as the leaflets use it."""
    newest = store.translations.newest()
    return StoredCatalogs(msgids, {code: messages for code, (_, messages) in newest.items()},
                          {code: number for code, (number, _) in newest.items()})
