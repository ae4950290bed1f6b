"""Pages for addresses that lead nowhere — a mistyped QR address is how many readers arrive —
in the address's language where it names one, offering what exists; and the near misses
(service/web/near.py) sent on to the closest real page instead."""

from __future__ import annotations

import re

from litestar import Request, Response
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template

from ..content import labels as L
from ..content import pages as P
from ..content.model import AUDIENCE_NAMES, Audience
from ..leaflet.compose import UnknownLeaflet, translator
from ..runtime import Runtime
from . import near
from .state import runtime_of

_SHAPES = {"municipality": r"\d{4}", "audience": r"[a-z]{1,20}", "language": r"[a-z]{2,3}(-[a-z0-9]{1,8}){0,3}",
           "topic": r"[a-z]{1,20}"}


def not_found(runtime: Runtime, error: UnknownLeaflet | None, code: str = "", audience: str = "victim",
              language: str | None = None, message: str = "") -> Template:
    """A page that says what was wrong and offers what exists, in ``language`` when it is
    offered (else Swedish, with a line in English).

    It repeats what was asked only when that has the shape of a code: anything else could
    be a crafted link that makes the official site show a made-up phone number.
    """
    content = runtime.content
    offered = {lang.code: lang for lang in content.offered()}
    lang = offered.get(language or "") or offered["sv"]
    _ = translator(content, lang.code)
    choices, field = [], error.field if error else None
    if error and not re.fullmatch(_SHAPES[error.field], error.value, flags=re.ASCII):
        error = UnknownLeaflet(error.field, "?")
    if error is None or field == "municipality":
        if error:
            message = f"Det finns ingen kommun med koden {error.value}."
        choices = [(m.name, f"/l/{m.code}?lang={lang.code}", None)
                   for m in sorted(content.directory.municipalities.values(), key=lambda m: m.name)]
    elif field == "audience":
        message = f"Det finns ingen målgrupp som heter {error.value}."
        choices = [(_(AUDIENCE_NAMES[a]), f"/l/{code}/{a.value}/{lang.code}", None) for a in Audience]
    elif field == "language":
        if error.value in content.languages:
            name = content.languages[error.value].name_sv
            message = f"Bladet finns ännu inte på {name} ({error.value}): översättningen är inte klar eller inte granskad."
        else:
            message = f"Det finns inget språk med koden {error.value}."
        choices = [(o.endonym, f"/l/{code}/{audience}/{o.code}", o) for o in offered.values()]
    if error and error.value == "?":
        message = {"municipality": "Kommunkoden i adressen finns inte.", "audience": "Målgruppen i adressen finns inte.",
                   "language": "Språket i adressen finns inte.", "topic": "Ämnet i adressen finns inte."}[field]
    return Template("not_found.html", status_code=404, context={
        "lang": lang.code, "dir": lang.direction, "script": lang.script, "quick_exit": _(L.QUICK_EXIT),
        "title": _(P.NOT_FOUND_TITLE), "help": _(P.NOT_FOUND_HELP), "choices": choices,
        "message": message if lang.code == "sv" else "", "english": _english(content) if lang.code == "sv" else "",
        "emergency_line": _(L.EMERGENCY_LINE), "language_label": _(L.LANGUAGE),
        "alternates": list(offered.values()),
    })


def _english(content) -> str:
    """The Swedish page's line for a reader who does not read Swedish, from the English catalog."""
    en = translator(content, "en")
    return f"{en(P.NOT_FOUND_TITLE)}. {en(P.NOT_FOUND_HELP)}"


def not_found_handler(request: Request, exc: NotFoundException) -> Response | Template:
    """An address no route has: a near miss goes on to the closest page (a code in capitals,
    a leaflet without its language, a municipality by name); anything else gets the page of
    what exists, in the language the address names, if any."""
    runtime = runtime_of(request)
    path = request.url.path
    query = request.url.query
    if path.startswith(("/staff", "/admin", "/translate", "/static/", "/fonts/", "/assets/")):
        return not_found(runtime, None, message="Adressen finns inte.")
    if path != path.lower():  # /L/0180/VICTIM/AR: the same address in small letters (then judged there)
        return Redirect(near.here(path.lower(), query), status_code=301)
    parts = [p for p in path.split("/") if p]
    if parts[:1] == ["l"] and len(parts) == 3:  # a leaflet without its language: the browser's own
        place, who = near.municipality(runtime.content, parts[1]), near.audience(parts[2])
        if place and who:
            chosen = near.accepted_language(runtime.content, request.headers.get("accept-language"))
            return Redirect(near.here(f"/l/{place}/{who}/{chosen}", query), status_code=302,
                            headers={"Vary": "Accept-Language"})
    if parts in (["l"], ["safe"]):
        return Redirect("/", status_code=302)
    first = near.language(runtime.content, parts[0]) if parts else None
    return not_found(runtime, None, language=first)
