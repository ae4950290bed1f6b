"""What every staff and administration page shares: who is logged in, the page language
(Swedish, or English), the CSRF token, and rendering a page with them."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

from litestar import Request, Response
from litestar.concurrency import sync_to_thread
from litestar.exceptions import PermissionDeniedException
from litestar.response import Redirect, Template
from litestar.utils.scope.state import ScopeState
from sqlalchemy.exc import DBAPIError

from ..content.model import AUDIENCE_LABELS, TOPIC_NAMES
from ..i18n.catalogs import STAFF_DOMAIN, Catalogs
from ..i18n.markers import S_  # noqa: F401  (re-exported for the handlers)
from ..i18n.refusal import fill
from ..store import User
from .access import TRANSLATOR_STAFF_PATHS
from .state import runtime_of, sessions_of  # noqa: F401  (re-exported for the handlers)
from .versions import Words

log = logging.getLogger("infogen.staff")

UI_LANGUAGES = {"sv": "Svenska", "en": "English"}


class UiTranslator:
    """``_("Swedish text", name=value)`` in the staff page language."""

    def __init__(self, staff: Catalogs, reader: Catalogs, lang: str):
        self.lang = lang
        self._staff = staff.translations(lang).gettext if lang != "sv" else (lambda m: m)
        self._reader = reader.translations(lang).gettext if lang != "sv" else (lambda m: m)

    def __call__(self, message: str, **values: Any) -> str:
        return fill(self._staff(message), values)

    def reader(self, message: str) -> str:
        """A text of the leaflets (audiences, topics) as the reader catalogs have it."""
        return self._reader(message)


def translator(request: Request, lang: str) -> UiTranslator:
    cache = request.app.state.setdefault("ui_translators", {})
    if lang not in cache:
        runtime = runtime_of(request)
        cache[lang] = UiTranslator(Catalogs(runtime.settings.locales_dir, STAFF_DOMAIN),
                                   runtime.content.catalogs, lang)
    return cache[lang]


def ui_lang(request: Request) -> str:
    """The language of the staff pages for this request: the session's, or ?ui= before login."""
    lang = getattr(request.state, "lang", None) or request.query_params.get("ui") or "sv"
    return lang if lang in UI_LANGUAGES else "sv"


def words(request: Request) -> Words:
    """Stored changes as sentences in the page's language."""
    _ = translator(request, ui_lang(request))
    return Words(_, {a.value: _.reader(label) for a, label in AUDIENCE_LABELS.items()},
                 {t.value: _.reader(label) for t, label in TOPIC_NAMES.items()})


def page(request: Request, name: str, status_code: int = 200, **context: Any) -> Template:
    lang = ui_lang(request)
    _ = translator(request, lang)
    token = ScopeState.from_scope(request.scope).csrf_token
    places = runtime_of(request).content.directory.municipalities
    return Template(f"staff/{name}", status_code=status_code, context={
        "_": _, "say": lambda refusal: refusal.text(_), "ui_lang": lang,
        "place_name": lambda code: places[code].name if code in places else (code or ""), "ui_languages": UI_LANGUAGES, "user": getattr(request.state, "user", None),
        "csrf_token": token if isinstance(token, str) else "", "path": request.url.path,
        "audience_labels": {a.value: _.reader(label) for a, label in AUDIENCE_LABELS.items()},
        "topic_labels": {t.value: _.reader(label) for t, label in TOPIC_NAMES.items()},
        **context,
    })


def current_user(request: Request) -> User:
    user = getattr(request.state, "user", None)
    if user is None:  # the before_request hook lets no one through without a session
        raise PermissionDeniedException("not logged in")
    return user


async def load_user(request: Request) -> Response | None:
    """``before_request`` of the staff and administration routers: the logged-in, active
    user into ``request.state``, or off to the login page."""
    if request.url.path == "/staff/login" or request.url.path.startswith("/staff/reset/"):
        return None
    session = await sessions_of(request).get(request)
    user = None
    if session is not None:
        user = await sync_to_thread(runtime_of(request).store.users.get, session.user_id)
    changed = user.password_changed_at.timestamp() if user and user.password_changed_at else None
    if user is None or not user.active or (changed and session.started < changed):
        target = request.url.path if request.method == "GET" else "/staff/"
        return Redirect(f"/staff/login?next={quote(target)}", status_code=303)
    request.state.user = user
    request.state.lang = session.lang
    if request.method not in ("GET", "HEAD", "OPTIONS") and not sessions_of(request).bound(request, session):
        raise PermissionDeniedException("the form's token belongs to another session")
    if user.is_translator and request.url.path.startswith("/staff") and request.url.path not in TRANSLATOR_STAFF_PATHS:
        raise PermissionDeniedException("translators review translations, under /translate/")
    return None


def forbidden_handler(request: Request, exc: PermissionDeniedException) -> Template:
    return page(request, "forbidden.html", status_code=403, detail=str(exc.detail))


def unavailable_handler(request: Request, exc: DBAPIError) -> Template:
    """The database did not answer (an OperationalError or InterfaceError: unreachable, gone
    away, out of space): the transaction was rolled back, so the page says that nothing was
    saved, and that the readers' leaflets still work."""
    log.error("database unreachable on %s %s: %s", request.method, request.url.path, type(exc).__name__)
    response = page(request, "unavailable.html", status_code=503)
    response.headers["Retry-After"] = "30"
    return response
