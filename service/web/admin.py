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

from ..content.model import Audience
from ..data.schema import Actors, Municipality
from ..store import ACTORS, AccountProblem, Conflict, Role
from .access import may_edit_contacts, may_manage_account, require, roles_user_may_create
from .contact_form import (AUDIENCE_CHOICES, FLAG_CHOICES, HOURS_KINDS, KIND_CHOICES, TOPIC_CHOICES,
                           blocks_from_document, blocks_from_form, document_from_blocks)
from .staff_ui import S_, current_user, load_user, page, runtime_of

CONFLICT = S_("Någon annan har publicerat en ändring sedan du öppnade sidan. Ladda om sidan och gör din ändring igen.")
PUBLISHED = S_("Publicerat som version {number}.")
NOTHING_CHANGED = S_("Inget har ändrats.")
KEYS = 2**31  # account ids and revision numbers stay below this: an INTEGER column (32 bits in PostgreSQL)


async def load_admin(request: Request) -> Response | None:
    """``before_request`` of the /admin router: logged in, and an administrator (else 403)."""
    response = await load_user(request)
    if response is None:
        require(current_user(request).is_admin)
    return response


@get("/", sync_to_thread=False)
def overview(request: Request) -> Template:
    user = current_user(request)
    places = sorted(runtime_of(request).content.directory.municipalities.values(), key=lambda m: m.name)
    areas = [(m.code, m.name) for m in places if may_edit_contacts(user, m.code)]
    if may_edit_contacts(user, ACTORS):
        areas.insert(0, (ACTORS, S_("Regionala aktörer")))
    return page(request, "admin.html", scopes=areas)


def _visible_users(request: Request):
    user = current_user(request)
    users = runtime_of(request).store.users.list(None if user.is_county else user.municipality)
    return [u for u in users if user.is_county or u.municipality == user.municipality]


@get("/users", sync_to_thread=False)
def users_page(request: Request) -> Template:
    return _users_page(request)


def _users_page(request: Request, status_code: int = 200, **context) -> Template:
    user = current_user(request)
    places = sorted(runtime_of(request).content.directory.municipalities.values(), key=lambda m: m.name)
    languages = [lang for lang in runtime_of(request).content.languages.values() if not lang.source]
    return page(request, "users.html", status_code=status_code, users=_visible_users(request),
                roles=roles_user_may_create(user), municipalities=places, languages=languages,
                manageable={u.id for u in _visible_users(request) if may_manage_account(user, u)}, **context)


@post("/users", status_code=200)
async def create_user(request: Request) -> Response | Template:
    user = current_user(request)
    form = await request.form()
    role = form.get("role") or ""
    require(role in {r.value for r in roles_user_may_create(user)})
    municipality = None if role in (Role.county_admin, Role.translator) else (
        form.get("municipality") if user.is_county else user.municipality)
    translatable = {lang.code for lang in runtime_of(request).content.languages.values() if not lang.source}
    languages = tuple(code for code in form.getall("languages", []) if code in translatable)
    if municipality and municipality not in runtime_of(request).content.directory.municipalities:
        return _users_page(request, 400, problems={"municipality": S_("Välj en kommun.")}, form=dict(form))
    try:
        created = await sync_to_thread(runtime_of(request).store.users.add, form.get("username") or "",
                                       form.get("password") or "", role, municipality, user.id, languages,
                                       form.get("full_name") or "", form.get("authorization") or "")
    except AccountProblem as problem:
        return _users_page(request, 400, problems={problem.field: str(problem)}, form=dict(form))
    return Redirect(f"/admin/users?created={created.id}", status_code=303)


@post("/users/{user_id:int}/active", status_code=303)
async def set_active(request: Request, user_id: FromPath[int]) -> Response:
    user = current_user(request)
    store = runtime_of(request).store
    other = store.users.get(user_id) if 0 < user_id < KEYS else None
    if other is None:
        raise NotFoundException()
    require(may_manage_account(user, other))
    form = await request.form()
    store.users.set_active(user_id, form.get("active") == "1")
    return Redirect("/admin/users", status_code=303)


def _scope_document(request: Request, area: FromPath[str]):
    user = current_user(request)
    store = runtime_of(request).store
    current = store.contacts.current(area)
    if current is None:
        raise NotFoundException()
    require(may_edit_contacts(user, area))
    return current, current.document()


def _editor(request: Request, area: str, current, blocks, status_code: int = 200, **context) -> Template:
    document = current.document()
    title = document.name if isinstance(document, Municipality) else S_("Regionala aktörer")
    return page(request, "contacts.html", status_code=status_code, scope=area, title=title, base=current.number,
                blocks=blocks, kinds=KIND_CHOICES, flags=FLAG_CHOICES, audiences=AUDIENCE_CHOICES,
                topics=TOPIC_CHOICES, hours_kinds=HOURS_KINDS, problems=context.pop("problems", {}), **context)


@get("/contacts/{area:str}", sync_to_thread=False)
def edit_contacts(request: Request, area: FromPath[str]) -> Template:
    current, document = _scope_document(request, area)
    message = request.query_params.get("published")
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


@get("/contacts/{area:str}/revisions", sync_to_thread=False)
def revisions(request: Request, area: FromPath[str]) -> Template:
    current, document = _scope_document(request, area)
    history = runtime_of(request).store.contacts.history(area)
    title = document.name if isinstance(document, Municipality) else S_("Regionala aktörer")
    return page(request, "revisions.html", scope=area, title=title, history=history, base=current.number)


@post("/contacts/{area:str}/rollback", status_code=303)
async def rollback(request: Request, area: FromPath[str]) -> Response | Template:
    current, _document = _scope_document(request, area)
    form = await request.form()
    number, base = _revision_number(form, "number"), _revision_number(form, "base")
    store = runtime_of(request).store
    try:
        revision = await sync_to_thread(store.contacts.rollback, area, number, current_user(request).id, base)
    except LookupError:
        raise NotFoundException() from None
    except Conflict:
        history = store.contacts.history(area)
        return page(request, "revisions.html", status_code=409, scope=area, title=area, history=history,
                    base=current.number, error=CONFLICT)
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


HANDLERS = [overview, users_page, create_user, set_active, edit_contacts, save_contacts, revisions, rollback]
