"""Everything a running infogen needs, built once from the settings: content and renderers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .leaflet import Content, Leaflet, compose, load_content
from .render.html import HtmlRenderer
from .render.pdf import PdfRenderer
from .settings import Settings
from .text import FontLibrary


@dataclass
class Runtime:
    settings: Settings
    content: Content
    html: HtmlRenderer
    pdf: PdfRenderer

    @classmethod
    def load(cls, settings: Settings | None = None) -> Runtime:
        settings = settings or Settings.from_env()
        return cls(
            settings=settings,
            content=load_content(settings.data_dir, settings.locales_dir),
            html=HtmlRenderer(settings.templates_dir),
            pdf=PdfRenderer(FontLibrary(settings.fonts_dir)),
        )

    def leaflet(self, municipality: str, audience: str, language: str, topics: str | None = None,
                today: date | None = None) -> Leaflet:
        return compose(self.content, municipality, audience, topics, language,
                       base_url=self.settings.base_url, today=today)
