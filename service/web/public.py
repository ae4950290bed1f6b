"""Public routes: the web and PDF leaflets, at URLs that printed QR codes rely on for years."""

from __future__ import annotations

import re

import anyio
from urllib.parse import quote

from litestar import Request, Response, get
from litestar.concurrency import sync_to_thread
from litestar.params import FromPath
from litestar.response import Redirect, Template

from ..content import labels as L
from ..content import pages as P
from ..content.model import AUDIENCE_NAMES, Audience
from ..data.phone import tel_uri
from ..data.schema import Kind
from ..leaflet.compose import UnknownLeaflet, parse_topics, translator
from ..leaflet.model import place_slug
from ..runtime import Runtime
from . import near
from .head import is_head
from .not_found import not_found
from .state import runtime_of


# uncached leaflets rendered two at a time (PDFs are drawn one at a time anyway, under the
# fonts' lock): a flood of distinct leaflets queues instead of holding dozens of half-made
# pages in memory (bench/flood.py)
RENDERS = anyio.CapacityLimiter(2)


@get("/l/{code:str}/{audience:str}/{language:str}", opt={"precompressed": True})
async def leaflet(code: FromPath[str], audience: FromPath[str], language: FromPath[str],
                  request: Request) -> Response | Template:
    """The web leaflet, or with ``.pdf`` after the language, the PDF; from the render cache,
    with an ETag (a matching If-None-Match gets 304 and no body)."""
    runtime = runtime_of(request)
    pdf = language.endswith(".pdf")
    language = language.removesuffix(".pdf")
    offered = {lang.code for lang in runtime.content.offered()}
    try:
        if language in runtime.content.languages and language not in offered:
            raise UnknownLeaflet("language", language)
        topics, fmt = request.query_params.get("topics"), "pdf" if pdf else "html"
        # a cached page straight from memory (the data's version is asked of the database at most
        # once a second); rendering in a worker thread
        item = runtime.cache.peek(runtime.public_key(code, audience, language, topics, fmt)) or \
            await anyio.to_thread.run_sync(runtime.public, code, audience, language, topics, fmt, limiter=RENDERS)
    except UnknownLeaflet as error:
        closest = near.leaflet(runtime.content, code, audience, language, pdf, request.query_params.get("topics"))
        if closest and closest[0] != request.url.path + (f"?{request.url.query}" if request.url.query else ""):
            target = closest[0] + (("&" if "?" in closest[0] else "?") + "qr" if "qr" in request.query_params else "")
            return Redirect(target, status_code=closest[1])  # a printed code's scan still counted as one
        page_language = near.language(runtime.content, language)
        return not_found(runtime, error, code, audience, page_language)
    # counted as a daily total only; ``?qr`` marks the address printed in QR codes; a HEAD is no reader
    if not is_head(request.scope):
        runtime.views.add(code, audience, language, "pdf" if pdf else "web",
                          "qr" if "qr" in request.query_params else "link")
    headers = {"ETag": item.etag}
    if pdf:  # neutral, as the title: "stockholm-ar.pdf"
        name = place_slug(runtime.content.directory.municipalities[code].name)
        headers["Content-Disposition"] = f'inline; filename="{name}-{language}.pdf"'
    body, coding = item.body, _coding(request, item)
    if coding:  # compressed once, when rendered (the app's compression skips this route)
        body = item.encoded[coding]
        headers.update({"Content-Encoding": coding, "Vary": "Accept-Encoding", "ETag": f'{item.etag[:-1]}-{coding}"'})
    elif item.encoded:
        headers["Vary"] = "Accept-Encoding"
    if headers["ETag"] in request.headers.get("if-none-match", ""):
        return Response(b"", status_code=304, headers=headers)
    return Response(body, media_type=item.media_type, headers=headers)


def _coding(request: Request, item) -> str | None:
    """The content coding the browser accepts that the cached page has (brotli first)."""
    accepted = {part.split(";")[0].strip() for part in request.headers.get("accept-encoding", "").lower().split(",")
                if not part.replace(" ", "").endswith(";q=0")}
    return next((coding for coding in ("br", "gzip") if coding in accepted and coding in item.encoded), None)


@get("/", sync_to_thread=False)
def index(request: Request) -> Template:
    """The start: the languages first, each named in itself (then, in the chosen one, the
    municipalities)."""
    runtime = runtime_of(request)
    _ = translator(runtime.content, "sv")
    return Template("index.html", context={
        "lang": "sv", "dir": "ltr", "script": "Latn", "quick_exit": _(L.QUICK_EXIT), "title": _(P.SITE_TITLE),
        "choose_language": f"{_(P.CHOOSE_LANGUAGE)} · Choose language", "alternates": runtime.content.offered(),
    })


@get("/{language:str}", sync_to_thread=False)
def municipalities(language: FromPath[str], request: Request) -> Response | Template:
    """The municipalities, in the reader's language (``/ar``); a near miss (``/AR``, ``/arabic``)
    goes on to the real address."""
    runtime = runtime_of(request)
    code = near.language(runtime.content, language)
    if code is None:
        return not_found(runtime, None)
    if code != language:
        return Redirect(f"/{code}", status_code=301 if code == language.lower() else 302)
    lang, offered = _page_language(runtime, code)
    _ = translator(runtime.content, code)
    _number, emergency_uri = _emergency(runtime)
    places = sorted(runtime.content.directory.municipalities.values(), key=lambda m: m.name)
    return Template("municipalities.html", context={
        "lang": code, "dir": lang.direction, "script": lang.script, "quick_exit": _(L.QUICK_EXIT),
        "title": _(P.SITE_TITLE), "heading": _(P.CHOOSE_MUNICIPALITY), "municipalities": places,
        "emergency_line": _(L.EMERGENCY_LINE), "emergency_uri": emergency_uri, "safety_label": _(P.SAFETY_LINK),
        "language_label": _(L.LANGUAGE), "alternates": offered,
    })


def _page_language(runtime: Runtime, code: str | None) -> tuple:
    """An offered language by code (Swedish when none is asked for), or None."""
    offered = {lang.code: lang for lang in runtime.content.offered()}
    return offered.get(code or "sv"), list(offered.values())


@get("/safe/{language:str}", sync_to_thread=False)
def safe(language: FromPath[str], request: Request) -> Template:
    """Staying safe online: quick exit, private windows, history, shared devices, call lists;
    112, and the way back to the leaflet the reader came from (``?from=``, a real leaflet's
    path and nothing else: a link must not lead a reader anywhere a stranger chose)."""
    runtime = runtime_of(request)
    lang, offered = _page_language(runtime, language)
    if lang is None:
        closest = near.language(runtime.content, language)
        if closest:
            return Redirect(near.here(f"/safe/{closest}", request.url.query),
                            status_code=301 if closest == language.lower() else 302)
        return not_found(runtime, UnknownLeaflet("language", language), "0180", "victim")
    _ = translator(runtime.content, lang.code)
    quick_exit = _(L.QUICK_EXIT)
    back = _leaflet_path(runtime, request.query_params.get("from"))
    emergency, emergency_uri = _emergency(runtime)
    return Template("safe.html", context={
        "lang": lang.code, "dir": lang.direction, "script": lang.script, "quick_exit": quick_exit,
        "page_title": _(P.SITE_TITLE), "title": _(P.SAFETY_TITLE), "intro": _(P.SAFETY_INTRO),
        "advice": [_(item, quick_exit=quick_exit) for item in P.SAFETY_ADVICE],
        "language_label": _(L.LANGUAGE), "alternates": offered,
        "emergency_line": _(L.EMERGENCY_LINE), "emergency_uri": emergency_uri,
        "back": back, "back_label": _(P.BACK_TO_LEAFLET), "from_query": f"?from={quote(back, safe='/')}" if back else "",
    })


_LEAFLET_PATH = re.compile(r"/l/(\d{4})/([a-z]{1,20})/([a-z]{2,3}(?:-[a-z0-9]{1,8}){0,3})(?:\?topics=([a-z,]{1,80}))?",
                           flags=re.ASCII)


def _leaflet_path(runtime: Runtime, value: str | None) -> str | None:
    """``value`` if it is the path of a leaflet that exists, else None."""
    found = _LEAFLET_PATH.fullmatch(value or "")
    if not found:
        return None
    code, audience, language, topics = found.groups()
    offered = {lang.code for lang in runtime.content.offered()}
    if code not in runtime.content.directory.municipalities or audience not in Audience.__members__ \
            or language not in offered:
        return None
    try:
        parse_topics(topics)
    except UnknownLeaflet:
        return None
    return value


def _emergency(runtime: Runtime) -> tuple[str, str]:
    """The emergency number (112) as the data has it, and its tel: link."""
    found = next((c for c in runtime.content.directory.actors.national if c.kind == Kind.emergency and c.phone), None)
    number = found.phone.value if found else "112"
    return number, tel_uri(number)


@get("/l/{code:str}", sync_to_thread=False)
def landing(code: FromPath[str], request: Request) -> Response | Template:
    """A municipality's page: first the languages, then (in the chosen one) the audiences. A
    municipality by name (``/l/stockholm``) or a language code in capitals goes on to the
    real address."""
    runtime = runtime_of(request)
    place = runtime.content.directory.municipalities.get(code)
    asked = request.query_params.get("lang")
    lang, offered = _page_language(runtime, asked)
    if place is None or lang is None:
        closest_place = near.municipality(runtime.content, code)
        closest_lang = near.language(runtime.content, asked) if asked is not None else None
        if closest_place and (asked is None or closest_lang):
            target = f"/l/{closest_place}" + (f"?lang={closest_lang}" if closest_lang else "")
            spelling = closest_place == code and (asked is None or closest_lang == asked.lower())
            return Redirect(target, status_code=301 if spelling else 302)
        if place is None:
            return not_found(runtime, UnknownLeaflet("municipality", code), code, "victim", closest_lang)
        return not_found(runtime, UnknownLeaflet("language", asked), code, "victim")
    _ = translator(runtime.content, lang.code)
    audiences = [(_(AUDIENCE_NAMES[a]), f"/l/{code}/{a.value}/{lang.code}") for a in Audience] if asked else []
    return Template("landing.html", context={
        "lang": lang.code, "dir": lang.direction, "script": lang.script, "quick_exit": _(L.QUICK_EXIT),
        "municipality": place, "audiences": audiences, "alternates": offered,
        "choose_audience": _(P.CHOOSE_AUDIENCE), "choose_language": _(P.CHOOSE_LANGUAGE) if asked
        else f"{_(P.CHOOSE_LANGUAGE)} · Choose language", "safety_label": _(P.SAFETY_LINK),
    })


@get("/healthz", sync_to_thread=False)
def healthz() -> dict:
    """Alive: the process answers."""
    return {"status": "ok"}


@get("/readyz", sync_to_thread=True)
def readyz(request: Request) -> Response:
    """Ready: the database answers too (a load balancer sends no one here otherwise)."""
    try:
        runtime_of(request).store.db.ping()
    except Exception as error:  # noqa: BLE001 - whatever it is, the instance is not ready
        return Response({"status": "unavailable", "database": type(error).__name__}, status_code=503)
    return Response({"status": "ok"})


def canonical_slash(request: Request) -> Redirect | None:
    """``/l/0180/victim/ar/`` → the address without the slash (app-wide ``before_request``;
    the staff routers have their own)."""
    raw = request.scope.get("raw_path") or request.scope["path"].encode()
    path = raw.decode("latin-1").split("?")[0]
    if path != "/" and path.endswith("/"):
        return Redirect(near.here(path.rstrip("/"), request.url.query), status_code=301)
    return None
