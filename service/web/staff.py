"""Staff pages under /staff/: log in and out, and the generator — audience, topics and
languages in, the results on a page of their own (``handover.py``) and the printables as
downloads here. A leaflet counts for the statistics (action 4.3) when it is handed over: a
download or print, the QR code shown for scanning, the link copied, the bilingual view, a
card; previews count for nothing."""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlencode

import anyio
from litestar import Request, Response, get, post
from litestar.concurrency import sync_to_thread
from litestar.response import Redirect, Template

from ..content.model import Audience, Topic
from ..leaflet.compose import UnknownLeaflet, parse_topics
from ..leaflet.model import place_slug
from ..render.handout import copies
from ..store import Generation
from ..store.database import utcnow
from ..store.users import account_name
from .access import may_generate_for, require
from .staff_ui import S_, UI_LANGUAGES, current_user, page, runtime_of, sessions_of
from .state import guesses_of

LOGIN_FAILED = S_("Fel användarnamn eller lösenord.")
NOT_SWEDISH = S_("Tvåspråkigt är svenska bredvid ett annat språk: välj ett annat språk än svenska.")
LOCKED = S_("För många misslyckade försök med det här användarnamnet. Försök igen om en stund, eller logga in i en "
            "webbläsare där du har loggat in förut.")
PASSWORD_CHECKS = anyio.CapacityLimiter(2)  # Argon2 checks at once in this process


def _safe_next(target: str | None) -> str:
    """Only back to our own staff and administration pages (no open redirect)."""
    if target and target.startswith(("/staff/", "/admin/", "/translate/")) and "//" not in target and "\\" not in target:
        return target
    return "/staff/"


@get("/login", sync_to_thread=False)
def login_form(request: Request) -> Template:
    return page(request, "login.html", next=_safe_next(request.query_params.get("next")),
                reset=request.query_params.get("reset") == "1")


@post("/login", status_code=200)
async def login(request: Request) -> Response | Template:
    """A password is checked only after the attempt is counted (``guesses.py``), and only a
    few at a time in the process: each Argon2 check holds 64 MB for a moment."""
    form = await request.form()
    username = account_name(form.get("username") or "")
    password = (form.get("password") or "")[:1024]
    target = _safe_next(form.get("next"))
    guesses = guesses_of(request)
    wait = await guesses.claim(request, username)
    if wait:
        response = page(request, "login.html", status_code=429, error=LOCKED, next=target, username=username)
        response.headers["Retry-After"] = str(math.ceil(wait))
        return response
    user = await anyio.to_thread.run_sync(runtime_of(request).store.users.authenticate, username, password,
                                          limiter=PASSWORD_CHECKS)
    if user is None:
        return page(request, "login.html", status_code=400, error=LOGIN_FAILED, next=target, username=username)
    if user.is_translator and not target.startswith("/translate/"):
        target = "/translate/"
    response = Redirect(target, status_code=303)
    await guesses.succeeded(request, response, username)
    lang = form.get("ui") if form.get("ui") in UI_LANGUAGES else "sv"
    await sessions_of(request).start(request, response, user.id, lang)
    return response


@post("/logout", status_code=303)
async def logout(request: Request) -> Response:
    response = Redirect("/staff/login", status_code=303)
    await sessions_of(request).end(request, response)
    return response


@post("/language", status_code=303)
async def language(request: Request) -> Response:
    form = await request.form()
    lang = form.get("lang")
    if lang in UI_LANGUAGES:
        await sessions_of(request).update(request, lang=lang)
    return Redirect(_safe_next(form.get("back")), status_code=303)


@dataclass(frozen=True)
class Choice:
    municipality: str
    audience: str
    topics: tuple[Topic, ...]
    languages: tuple[str, ...]

    def query(self, language: str) -> str:
        return urlencode({"municipality": self.municipality, "audience": self.audience,
                          "topics": ",".join(self.topics), "language": language})

    def query_all(self) -> str:
        """The whole choice, every language, as the results page's address."""
        return urlencode([("municipality", self.municipality), ("audience", self.audience),
                          ("topics", ",".join(self.topics)), *(("language", code) for code in self.languages)])


def _folded(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def language_matches(lang, query: str) -> bool:
    """Whether a language answers the filter box: its code, its Swedish, English or own name
    ("ara", "arabiska", "Arabic", "العربية"), without regard to case or accents."""
    wanted = _folded(query.strip())
    if not wanted:
        return True
    locale = lang.babel_locale
    names = [lang.code, lang.name_sv, lang.endonym, locale.english_name if locale else ""]
    return any(wanted in _folded(name or "") for name in names)


def _choices(request: Request) -> dict:
    runtime = runtime_of(request)
    user = current_user(request)
    content = runtime.content
    places = sorted(content.directory.municipalities.values(), key=lambda m: m.name)
    if not user.is_county:
        places = [m for m in places if m.code == user.municipality]
    return {"municipalities": places, "languages": content.offered(), "audiences": [a.value for a in Audience],
            "topics": [t.value for t in Topic],
            "states": {lang.code: content.catalogs.status(lang.code) for lang in content.offered() if not lang.source}}


@get("/", sync_to_thread=True)
def generator(request: Request) -> Template:
    """The choice as the account last made it, or as the filter box sent it back; nothing
    ticked that this person did not choose."""
    user = current_user(request)
    query = request.query_params
    if any(key in query for key in ("audience", "topics", "language", "q")):
        chosen = {"municipality": query.get("municipality"), "audience": query.get("audience") or "",
                  "topics": [t for t in ",".join(query.getall("topics", [])).split(",") if t],
                  "languages": query.getall("language", [])}
    else:
        chosen = {"audience": "", "topics": [], "languages": [],
                  **runtime_of(request).store.users.choices(user.id)}
        chosen["municipality"] = query.get("municipality") or chosen.get("municipality")
    chosen["municipality"] = chosen.get("municipality") or user.municipality or "0180"
    return _generator_page(request, chosen, query.get("q") or "")


def _generator_page(request: Request, chosen: dict, q: str = "", status_code: int = 200, error: str | None = None
                    ) -> Template:
    choices = _choices(request)
    offered = choices["languages"]
    matched = {lang.code for lang in offered if language_matches(lang, q[:50])}
    return page(request, "generator.html", status_code=status_code, error=error, chosen=chosen, q=q[:50],
                shown=matched | set(chosen["languages"]), matched=matched, **choices)


def _read_choice(request: Request, values) -> tuple[Choice | None, str | None]:
    runtime = runtime_of(request)
    user = current_user(request)
    municipality = values.get("municipality") or user.municipality or ""
    require(may_generate_for(user, municipality))
    offered = {lang.code for lang in runtime.content.offered()}
    languages = tuple(dict.fromkeys(code for code in values.getall("language", []) if code in offered))
    topics = values.getall("topics", []) if hasattr(values, "getall") else []
    audience = values.get("audience") or ""
    if municipality not in runtime.content.directory.municipalities:
        return None, S_("Välj en kommun.")
    if audience not in Audience.__members__:
        return None, S_("Välj vem bladet är till för.")
    if not languages:
        return None, S_("Välj minst ett språk.")
    if not topics:
        return None, S_("Välj minst ett ämne.")
    try:
        chosen = parse_topics(",".join(topics))
    except UnknownLeaflet:
        return None, S_("Välj minst ett ämne.")
    return Choice(municipality, audience, chosen, languages), None


def _record(request: Request, choice: Choice, fmt: str, languages: tuple[str, ...]) -> None:
    user = current_user(request)
    now = utcnow()
    runtime_of(request).store.usage.record([
        Generation(choice.municipality, user.id, choice.audience, tuple(choice.topics), code, fmt, now,
                   counts_as_user=not user.is_county)
        for code in languages
    ])


@post("/generate", status_code=303)
async def generate(request: Request) -> Response | Template:
    """The choice, then off to its results page (post, redirect, get: Back never asks to send
    the form again, and nothing is counted here). The filter button of the language list comes
    here too, and goes back to the form with the choice so far."""
    form = await request.form()
    chosen = {"municipality": form.get("municipality") or "", "audience": form.get("audience") or "",
              "topics": form.getall("topics", []), "languages": form.getall("language", [])}
    if form.get("action") == "filter":
        query = [("municipality", chosen["municipality"]), ("audience", chosen["audience"]),
                 ("q", (form.get("q") or "")[:50]), *(("topics", t) for t in chosen["topics"]),
                 *(("language", code) for code in chosen["languages"])]
        return Redirect("/staff/?" + urlencode(query) + "#languages", status_code=303)
    choice, problem = _read_choice(request, form)
    if choice is None:
        return _generator_page(request, chosen, status_code=400, error=problem)
    remembered = {"audience": choice.audience, "topics": list(choice.topics), "languages": list(choice.languages)}
    if current_user(request).is_county:
        remembered["municipality"] = choice.municipality
    await sync_to_thread(runtime_of(request).store.users.remember_choices, current_user(request).id, remembered)
    return Redirect("/staff/results?" + choice.query_all(), status_code=303)


@get("/pdf", sync_to_thread=False)
def pdf(request: Request) -> Response | Template:
    """The PDF of one chosen leaflet, as a download (counted as a PDF generation)."""
    choice, problem = _read_choice(request, request.query_params)
    if choice is None:
        return _refused(request, problem)
    runtime = runtime_of(request)
    code = choice.languages[0]
    leaflet = runtime.leaflet(choice.municipality, choice.audience, code, choice.topics)
    data = runtime.pdf.render(leaflet)
    _record(request, choice, "print" if request.query_params.get("print") else "pdf", (code,))
    filename = f"{leaflet.file_stem}.pdf"  # neutral: a download list is seen too
    disposition = "inline" if request.query_params.get("print") else "attachment"
    return Response(data, media_type="application/pdf",
                    headers={"Content-Disposition": f'{disposition}; filename="{filename}"'})


@get("/bilingual", sync_to_thread=False)
def bilingual(request: Request) -> Template:
    """Swedish beside the chosen language, for reading together in a meeting (counted by the
    button that leads here, so a reload counts nothing)."""
    choice, problem = _read_choice(request, request.query_params)
    if choice is None:
        return _refused(request, problem)
    runtime = runtime_of(request)
    code = choice.languages[0]
    if code == "sv":
        return _refused(request, NOT_SWEDISH)
    pair = [runtime.leaflet(choice.municipality, choice.audience, c, choice.topics) for c in ("sv", code)]
    back = request.query_params.get("back") or ""
    return page(request, "bilingual.html", pair=pair,
                back=back if back.startswith("/staff/results?") and "//" not in back else "/staff/")


@get("/bilingual.pdf", sync_to_thread=True)
def bilingual_pdf(request: Request) -> Response | Template:
    """Swedish beside the chosen language as a PDF, to print and read together."""
    choice, problem = _read_choice(request, request.query_params)
    if choice is None:
        return _refused(request, problem)
    runtime = runtime_of(request)
    code = choice.languages[0]
    if code == "sv":
        return _refused(request, NOT_SWEDISH)
    swedish, other = (runtime.leaflet(choice.municipality, choice.audience, c, choice.topics) for c in ("sv", code))
    data = runtime.pdf.bilingual(swedish, other)
    _record(request, choice, "bilingual", (code,))
    filename = f"{place_slug(other.municipality_name)}-sv-{code}.pdf"
    return Response(data, media_type="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _refused(request: Request, problem: str) -> Template:
    """The generator again, saying what was missing from a download's address."""
    return _generator_page(request, {"municipality": "", "audience": "", "topics": [], "languages": []},
                           status_code=400, error=problem)


def _count(request: Request, most: int) -> int | None:
    """``count`` from the address: a whole number from 1 to ``most``, else None (the default)."""
    text = request.query_params.get("count", "")
    if not (text.isascii() and text.isdigit() and len(text) <= 4):
        return None
    return min(int(text), most) or None


@get("/card", sync_to_thread=True)
def card(request: Request) -> Response | Template:
    """Wallet cards of one language: a discreet front, the numbers on the back (A4, both sides)."""
    choice, problem = _read_choice(request, request.query_params)
    if choice is None:
        return _refused(request, problem)
    runtime = runtime_of(request)
    code = choice.languages[0]
    leaflet = runtime.leaflet(choice.municipality, choice.audience, code, choice.topics)
    data = runtime.wallet.render(leaflet, _count(request, 8) or 8)
    _record(request, choice, "card", (code,))
    # a neutral file name: the download list of a shared computer is seen too
    return Response(data, media_type="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="cards-{code}.pdf"'})


@get("/handout", sync_to_thread=True)
def handout(request: Request) -> Response | Template:
    """A4 sheets of QR cards (eight per page, cut marks) for the chosen languages; ``count``
    cards of each, by default one sheet's worth. Counted as a handout per language."""
    choice, problem = _read_choice(request, request.query_params)
    if choice is None:
        return _refused(request, problem)
    runtime = runtime_of(request)
    each = _count(request, 80)
    leaflets = [runtime.leaflet(choice.municipality, choice.audience, code, choice.topics) for code in choice.languages]
    cards = copies(leaflets, each)
    data = runtime.handout.render(cards, title=leaflets[0].document_title)
    _record(request, choice, "handout", tuple(dict.fromkeys(c.language for c in cards)))  # what was printed
    filename = f"{place_slug(leaflets[0].municipality_name)}-qr-{'-'.join(choice.languages)[:60]}.pdf"
    return Response(data, media_type="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@get("/poster", sync_to_thread=True)
def poster(request: Request) -> Response | Template:
    """The language poster (A4 or A3) for one audience: a QR code for every offered language.
    Counted once, as language ``mul`` (several languages)."""
    query = request.query_params
    values = {"municipality": query.get("municipality"), "audience": query.get("audience"),
              "topics": query.get("topics") or ",".join(t.value for t in Topic), "language": "sv"}
    choice, problem = _read_choice(request, _Query(values))
    if choice is None:
        return _refused(request, problem)
    runtime = runtime_of(request)
    paper = "A3" if query.get("paper") == "A3" else "A4"
    leaflets = [runtime.leaflet(choice.municipality, choice.audience, lang.code, choice.topics)
                for lang in runtime.content.offered()]
    data = runtime.poster.render(leaflets, paper)
    _record(request, choice, "poster", ("mul",))
    filename = f"{place_slug(leaflets[0].municipality_name)}-languages-{paper}.pdf"
    return Response(data, media_type="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


class _Query(dict):
    """Single values read like a form (``getall`` gives a list)."""

    def getall(self, key: str, default=None) -> list:
        return [self[key]] if self.get(key) else (default or [])


HANDLERS = [login_form, login, logout, language, generator, generate, pdf, bilingual, bilingual_pdf, card, handout,
            poster]
