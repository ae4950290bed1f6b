"""The HTML renderer: a Leaflet in, a self-contained, script-free-capable page out."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from ..leaflet.model import Leaflet
from ..text.unicode import LRI, PDI


def isolates(text: str) -> Markup:
    """Escape ``text`` and turn left-to-right isolates into ``<bdi dir="ltr">`` elements."""
    return Markup(str(escape(text)).replace(LRI, '<bdi dir="ltr">').replace(PDI, "</bdi>"))


def environment(templates: Path) -> Environment:
    env = Environment(
        loader=FileSystemLoader(templates),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["isolates"] = isolates
    return env


class HtmlRenderer:
    def __init__(self, templates: Path, stylesheet: Callable[[str], str] | None = None):
        self.env = environment(templates)
        self._template = self.env.get_template("leaflet.html")
        # the address of a language's font stylesheet (the runtime's web fonts); none: no fonts
        self.stylesheet = stylesheet

    def render(self, leaflet: Leaflet) -> str:
        return self._template.render(leaflet=leaflet, font_stylesheet=self.stylesheet)
