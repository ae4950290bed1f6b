"""Administration under /admin/: accounts, and a municipality's (or the county's regional)
contacts — edit, preview with the draft, publish as a revision, roll back."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from litestar import Request, Response, get, post
from litestar.concurrency import sync_to_thread
from litestar.exceptions import NotFoundException, ValidationException
from litestar.params import FromPath
from litestar.response import Redirect, Template
from pydantic import ValidationError

from ..content.model import Audience
from ..data.schema import Actors, Municipality
from ..store import ACTORS, Conflict
from ..store.revisions import changes_between
from .access import may_edit_contacts, require
from .contact_form import (AUDIENCE_CHOICES, FLAG_CHOICES, HOURS_KINDS, KIND_CHOICES, TOPIC_CHOICES,
                           blocks_from_data, blocks_from_document, blocks_from_form, document_from_blocks)
from .staff_ui import S_, current_user, load_user, page, runtime_of, ui_lang, words
from .coverage import own_row
from .versions import local_time

CONFLICT = S_("Någon annan har publicerat en ändring sedan du öppnade sidan. Ladda om sidan och gör din ändring igen.")
PUBLISHED = S_("Publicerat som version {number}.")
NOTHING_CHANGED = S_("Inget har ändrats.")
STORED_REFUSED = S_("Några av de publicerade uppgifterna godtas inte längre, eftersom kontrollerna har blivit "
                    "noggrannare. Läsarna ser den senaste versionen som godtas. Rätta det som är markerat och "
                    "publicera.")
KEYS = 2**31  # account ids and revision numbers stay below this: an INTEGER column (32 bits in PostgreSQL)


async def load_admin(request: Request) -> Response | None:
    """``before_request`` of the /admin router: logged in, and an administrator (else 403)."""
    response = await load_user(request)
    if response is None:
        require(current_user(request).is_admin)
    return response


@get("/", sync_to_thread=True)
def overview(request: Request) -> Template:
    user = current_user(request)
    places = sorted(runtime_of(request).content.directory.municipalities.values(), key=lambda m: m.name)
    areas = [(m.code, m.name) for m in places if may_edit_contacts(user, m.code)]
    if may_edit_contacts(user, ACTORS):
        areas.insert(0, (ACTORS, S_("Regionala aktörer")))
    return page(request, "admin.html", scopes=areas, own=own_row(request))


def _scope_document(request: Request, area: FromPath[str]):
    """The newest revision of ``area`` and its data as the schema reads it; data stored under
    looser rules than today's gives way to the newest the schema accepts (what readers see)."""
    user = current_user(request)
    store = runtime_of(request).store
    current = store.contacts.current(area)
    if current is None:
        raise NotFoundException()
    require(may_edit_contacts(user, area))
    try:
        return current, current.document()
    except ValidationError:
        accepted = store.contacts.accepted(area)
        if accepted is None:
            raise NotFoundException() from None
        return current, accepted


def _title(current) -> str:
    if current.scope == ACTORS:
        return S_("Regionala aktörer")
    return str(current.data.get("name") or current.scope)


def _editor(request: Request, area: str, current, blocks, status_code: int = 200, **context) -> Template:
    title = _title(current)
    return page(request, "contacts.html", status_code=status_code, scope=area, title=title, base=current.number,
                blocks=blocks, kinds=KIND_CHOICES, flags=FLAG_CHOICES, audiences=AUDIENCE_CHOICES,
                topics=TOPIC_CHOICES, hours_kinds=HOURS_KINDS, problems=context.pop("problems", {}), **context)


@get("/contacts/{area:str}", sync_to_thread=False)
def edit_contacts(request: Request, area: FromPath[str]) -> Template:
    current, document = _scope_document(request, area)
    message = request.query_params.get("published")
    try:
        current.document()
    except ValidationError:
        # stored under looser rules: shown as stored, what today's rules refuse marked to correct
        blocks = blocks_from_data(current.data)
        _draft, problems = document_from_blocks([dict(b) for b in blocks], document, area, date.today())
        return _editor(request, area, current, blocks, problems=problems, error=STORED_REFUSED)
    return _editor(request, area, current, blocks_from_document(document),
                   message=(PUBLISHED, {"number": message}) if message else None)


def _preview_leaflets(request: Request, area: str, draft) -> list:
    """The draft as readers would see it, in Swedish, without publishing anything."""
    runtime = runtime_of(request)
    directory = runtime.content.directory
    if isinstance(draft, Actors):
        directory = replace(directory, actors=draft)
        code = current_user(request).municipality or "0180"
    else:
        directory = replace(directory, municipalities={**directory.municipalities, area: draft})
        code = area
    content = runtime.with_directory(directory)
    return [runtime.leaflet(code, Audience.victim.value, "sv", content=content)]


@post("/contacts/{area:str}", status_code=200)
async def save_contacts(request: Request, area: FromPath[str]) -> Response | Template:
    current, document = _scope_document(request, area)
    form = await request.form()
    blocks = blocks_from_form(form)
    try:
        base = int(form.get("base") or "0")
    except ValueError:
        base = 0
    draft, problems = document_from_blocks(blocks, document, area, date.today())
    if draft is None:
        return _editor(request, area, current, blocks, 400, problems=problems)
    if form.get("action") != "publish":
        return _editor(request, area, current, blocks, preview=_preview_leaflets(request, area, draft))
    if base != current.number:
        return _editor(request, area, current, blocks, 409, error=CONFLICT)
    if draft == document:
        return _editor(request, area, current, blocks, message=(NOTHING_CHANGED, {}))
    store = runtime_of(request).store
    try:
        revision = await sync_to_thread(store.contacts.publish, area, draft, current_user(request).id, base)
    except Conflict:
        return _editor(request, area, current, blocks, 409, error=CONFLICT)
    return Redirect(f"/admin/contacts/{area}?published={revision.number}", status_code=303)


def _history_page(request: Request, area: str, current, document, status_code: int = 200, **context) -> Template:
    history = runtime_of(request).store.contacts.history(area)
    title = document.name if isinstance(document, Municipality) else S_("Regionala aktörer")
    return page(request, "revisions.html", status_code=status_code, scope=area, title=title, history=history,
                base=current.number, words=words(request), when=lambda moment: local_time(moment, ui_lang(request)),
                **context)


@get("/contacts/{area:str}/revisions", sync_to_thread=False)
def revisions(request: Request, area: FromPath[str]) -> Template:
    current, document = _scope_document(request, area)
    return _history_page(request, area, current, document)


@get("/contacts/{area:str}/rollback", sync_to_thread=False)
def confirm_rollback(request: Request, area: FromPath[str]) -> Template:
    """Before an old version is published again: what it would change on the leaflets, in
    words, and a button to go ahead (nothing happens until it is pressed)."""
    current, document = _scope_document(request, area)
    number = _revision_number(request.query_params, "number")
    old = runtime_of(request).store.contacts.revision(area, number)
    if old is None:
        raise NotFoundException()
    title = document.name if isinstance(document, Municipality) else S_("Regionala aktörer")
    return page(request, "rollback.html", scope=area, title=title, old=old, base=current.number,
                changes=changes_between(current.data, old.data), words=words(request),
                when=lambda moment: local_time(moment, ui_lang(request)))


@post("/contacts/{area:str}/rollback", status_code=303)
async def rollback(request: Request, area: FromPath[str]) -> Response | Template:
    current, document = _scope_document(request, area)
    form = await request.form()
    number, base = _revision_number(form, "number"), _revision_number(form, "base")
    store = runtime_of(request).store
    try:
        revision = await sync_to_thread(store.contacts.rollback, area, number, current_user(request).id, base)
    except LookupError:
        raise NotFoundException() from None
    except Conflict:
        return _history_page(request, area, current, document, 409, error=CONFLICT)
    return Redirect(f"/admin/contacts/{area}?published={revision.number}", status_code=303)


def _revision_number(form, field: str) -> int:
    """A revision number of the rollback form; else a 400 naming the field (never a number the
    database cannot hold, which it would answer with an error of its own)."""
    try:
        number = int(form.get(field) or "")
    except ValueError:
        number = 0
    if not 0 < number < KEYS:
        raise ValidationException(f"{field}: not a revision number (a whole number from 1 to {KEYS - 1})")
    return number


HANDLERS = [overview, edit_contacts, save_contacts, revisions, confirm_rollback, rollback]
