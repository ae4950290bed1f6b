"""Public routes: the web and PDF leaflets, at URLs that printed QR codes rely on for years."""

from __future__ import annotations

import re

from litestar import Request, Response, get
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Template

from ..content.model import Audience, AUDIENCE_LABELS
from ..leaflet.compose import UnknownLeaflet
from ..runtime import Runtime


_SHAPES = {"municipality": r"\d{4}", "audience": r"[a-z]{1,20}", "language": r"[a-z]{2,3}(-[a-z0-9]{1,8}){0,3}",
           "topic": r"[a-z]{1,20}"}


def _not_found(runtime: Runtime, error: UnknownLeaflet, code: str, audience: str) -> Template:
    """A page that says what was wrong and offers what exists.

    It repeats what was asked only when that has the shape of a code: anything else could
    be a crafted link that makes the official site show a made-up phone number.
    """
    content = runtime.content
    if not re.fullmatch(_SHAPES[error.field], error.value, flags=re.ASCII):
        error = UnknownLeaflet(error.field, "?")
    if error.field == "municipality":
        message = f"Det finns ingen kommun med koden {error.value}."
        choices = [(f"{m.code} {m.name}", f"/l/{m.code}/victim/sv")
                   for m in sorted(content.directory.municipalities.values(), key=lambda m: m.name)]
    elif error.field == "audience":
        message = f"Det finns ingen målgrupp som heter {error.value}."
        choices = [(f"{a.value}: {AUDIENCE_LABELS[a]}", f"/l/{code}/{a.value}/sv") for a in Audience]
    elif error.field == "language":
        if error.value in content.languages:
            name = content.languages[error.value].name_sv
            message = f"Bladet finns ännu inte på {name} ({error.value}): översättningen är inte klar eller inte granskad."
        else:
            message = f"Det finns inget språk med koden {error.value}."
        choices = [(f"{lang.endonym} ({lang.code})", f"/l/{code}/{audience}/{lang.code}")
                   for lang in content.offered()]
    else:
        message = f"Det finns inget ämne som heter {error.value}."
        choices = [(t, None) for t in ("close", "honour", "trafficking", "sexual")]
    if error.value == "?":
        message = {"municipality": "Kommunkoden i adressen finns inte.", "audience": "Målgruppen i adressen finns inte.",
                   "language": "Språket i adressen finns inte.", "topic": "Ämnet i adressen finns inte."}[error.field]
    return Template("not_found.html", context={"message": message, "choices": choices}, status_code=404)


@get("/l/{code:str}/{audience:str}/{language:str}", sync_to_thread=False)
def leaflet(code: FromPath[str], audience: FromPath[str], language: FromPath[str], request: Request,
            runtime: NamedDependency[Runtime]) -> Response | Template:
    """The web leaflet, or with ``.pdf`` after the language, the PDF."""
    pdf = language.endswith(".pdf")
    language = language.removesuffix(".pdf")
    offered = {lang.code for lang in runtime.content.offered()}
    try:
        if language in runtime.content.languages and language not in offered:
            raise UnknownLeaflet("language", language)
        item = runtime.leaflet(code, audience, language, request.query_params.get("topics"))
    except UnknownLeaflet as error:
        return _not_found(runtime, error, code, audience)
    if pdf:
        return Response(
            runtime.pdf.render(item),
            media_type="application/pdf",
            headers={"Content-Disposition": f'inline; filename="infogen-{code}-{audience}-{language}.pdf"'},
        )
    return Response(runtime.html.render(item), media_type="text/html")


@get("/", sync_to_thread=False)
def index(runtime: NamedDependency[Runtime]) -> Template:
    municipalities = sorted(runtime.content.directory.municipalities.values(), key=lambda m: m.name)
    return Template("index.html", context={"municipalities": municipalities})


@get("/healthz", sync_to_thread=False)
def healthz() -> dict:
    return {"status": "ok"}


def not_found_handler(request: Request, exc: NotFoundException) -> Template:
    return Template("not_found.html", context={"message": "Adressen finns inte.", "choices": []}, status_code=404)
