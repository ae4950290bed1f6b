"""The generator's results, and handing a leaflet over. The results page (a GET, so Back and
reload are harmless) shows each chosen language with its preview; what is handed over is
counted once, by a button that posts and then leads to what it shows: the QR code to scan,
the link to copy, the bilingual view. Downloads and prints are counted in ``staff.py``."""

from __future__ import annotations

from litestar import Request, Response, get, post
from litestar.concurrency import sync_to_thread
from litestar.response import Redirect, Template
from markupsafe import Markup

from urllib.parse import urlencode

from ..i18n.markers import S_
from ..render.qr import qr_svg
from .staff import Choice, _read_choice, _record, _refused
from .staff_ui import page, runtime_of

UNKNOWN = S_("Det gick inte att se vilket blad som skulle lämnas över. Välj språket igen i listan.")

# what a button hands over → the page that shows it
SHOWN = {"qr": "/staff/qr", "link": "/staff/link", "bilingual": "/staff/bilingual"}


def _results(request: Request, choice: Choice) -> list[dict]:
    runtime = runtime_of(request)
    found = []
    for code in choice.languages:
        lang = runtime.content.languages[code]
        found.append({"leaflet": runtime.leaflet(choice.municipality, choice.audience, code, choice.topics),
                      "query": choice.query(code), "fields": _fields(choice, code), "language": lang})
    return found


def _fields(choice: Choice, code: str) -> list[tuple[str, str]]:
    return [("municipality", choice.municipality), ("audience", choice.audience), ("topics", ",".join(choice.topics)),
            ("language", code)]


@get("/results", sync_to_thread=True)
def results(request: Request) -> Template:
    """The chosen leaflets, each with its preview and the ways to hand it over."""
    choice, problem = _read_choice(request, request.query_params)
    if choice is None:
        return _refused(request, problem)
    handout_fields = [("municipality", choice.municipality), ("audience", choice.audience),
                      ("topics", ",".join(choice.topics)), *(("language", code) for code in choice.languages)]
    return page(request, "results.html", results=_results(request, choice), choice=choice,
                handout_fields=handout_fields, back="/staff/results?" + choice.query_all(),
                copied=request.query_params.get("copied"))


@post("/handover", status_code=303)
async def handover(request: Request) -> Response | Template:
    """Count one leaflet handed over as ``format`` (qr, link, bilingual), then show it."""
    form = await request.form()
    fmt = form.get("format") or ""
    choice, problem = _read_choice(request, form)
    if choice is None or fmt not in SHOWN or len(choice.languages) != 1:
        return _refused(request, problem or UNKNOWN)
    code = choice.languages[0]
    target = SHOWN[fmt] + "?" + choice.query(code) + "&" + urlencode({"back": _back(form.get("back"))})
    if fmt == "link" and form.get("copied") == "1" and _back(form.get("back")) != "/staff/":
        target = _back(form.get("back")) + "&" + urlencode({"copied": code}) + f"#r-{code}"  # copied by the page
    if not (fmt == "bilingual" and choice.languages[0] == "sv"):  # that one is refused there, and counts nothing
        await sync_to_thread(_record, request, choice, fmt, choice.languages)
    return Redirect(target, status_code=303)


def _back(target: str | None) -> str:
    """Back to the results page it came from (several languages, perhaps), and nowhere else."""
    return target if target and target.startswith("/staff/results?") and "//" not in target else "/staff/"


def _one(request: Request):
    choice, problem = _read_choice(request, request.query_params)
    if choice is None:
        return None, _refused(request, problem)
    code = choice.languages[0]
    leaflet = runtime_of(request).leaflet(choice.municipality, choice.audience, code, choice.topics)
    return (choice, leaflet, runtime_of(request).content.languages[code]), None


@get("/qr", sync_to_thread=True)
def qr(request: Request) -> Template:
    """The QR code large, for the person to scan from the screen."""
    found, refused = _one(request)
    if refused is not None:
        return refused
    _choice, leaflet, lang = found
    return page(request, "qr.html", leaflet=leaflet, language=lang, qr=Markup(qr_svg(leaflet.qr_url)),
                back=_back(request.query_params.get("back")))


@get("/link", sync_to_thread=True)
def link(request: Request) -> Template:
    """The link to copy by hand (with JavaScript the button copies it and stays on the results)."""
    found, refused = _one(request)
    if refused is not None:
        return refused
    _choice, leaflet, lang = found
    return page(request, "link.html", leaflet=leaflet, language=lang, back=_back(request.query_params.get("back")))


HANDLERS = [results, handover, qr, link]
