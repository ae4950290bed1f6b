"""Accounts under /admin/users: who has one (names, not codes), creating them, switching them
off and on, and a one-time link to set a new password — shown once to the administrator, who
passes it on; the administrator never knows the password."""

from __future__ import annotations

from litestar import Request, Response, get, post
from litestar.concurrency import sync_to_thread
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect, Template

from ..store import AccountProblem, Role, User
from ..store.users import RESET_HOURS
from .access import may_manage_account, require, roles_user_may_create
from .staff_ui import S_, current_user, page, runtime_of, sessions_of

KEYS = 2**31  # account ids stay below this: an INTEGER column (32 bits in PostgreSQL)
PICK_MUNICIPALITY = S_("Välj en kommun.")


def _visible_users(request: Request) -> list[User]:
    user = current_user(request)
    users = runtime_of(request).store.users.list(None if user.is_county else user.municipality)
    return [u for u in users if user.is_county or u.municipality == user.municipality]


def _users_page(request: Request, status_code: int = 200, **context) -> Template:
    user = current_user(request)
    places = sorted(runtime_of(request).content.directory.municipalities.values(), key=lambda m: m.name)
    visible = _visible_users(request)
    names = {m.code: m.name for m in places}
    visible.sort(key=lambda u: (names.get(u.municipality or "", ""), u.role != Role.municipal_admin, u.username))
    languages = [lang for lang in runtime_of(request).content.languages.values() if not lang.source]
    return page(request, "users.html", status_code=status_code, users=visible, roles=roles_user_may_create(user),
                municipalities=places, languages=languages,
                manageable={u.id for u in visible if may_manage_account(user, u)}, **context)


@get("/users", sync_to_thread=False)
def users_page(request: Request) -> Template:
    created = request.query_params.get("created")
    return _users_page(request, created=created)


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
        return _users_page(request, 400, problems={"municipality": AccountProblem("municipality", PICK_MUNICIPALITY)},
                           form=dict(form))
    try:
        created = await sync_to_thread(runtime_of(request).store.users.add, form.get("username") or "",
                                       form.get("password") or "", role, municipality, user.id, languages,
                                       form.get("full_name") or "", form.get("authorization") or "")
    except AccountProblem as problem:
        return _users_page(request, 400, problems={problem.field: problem}, form=dict(form))
    return Redirect(f"/admin/users?created={created.username}", status_code=303)


def _other(request: Request, user_id: int) -> User:
    """The account in the address, if this administrator may manage it (404, or 403)."""
    other = runtime_of(request).store.users.get(user_id) if 0 < user_id < KEYS else None
    if other is None:
        raise NotFoundException()
    require(may_manage_account(current_user(request), other))
    return other


@post("/users/{user_id:int}/active", status_code=303)
async def set_active(request: Request, user_id: FromPath[int]) -> Response:
    _other(request, user_id)
    form = await request.form()
    runtime_of(request).store.users.set_active(user_id, form.get("active") == "1")
    return Redirect("/admin/users", status_code=303)


@post("/users/{user_id:int}/reset", status_code=303)
async def make_reset_link(request: Request, user_id: FromPath[int]) -> Response:
    """A new one-time link (earlier ones stop working), kept in the administrator's own session
    until the next page shows it once: a reload or Back never makes another."""
    other = _other(request, user_id)
    token = await sync_to_thread(runtime_of(request).store.users.reset_link, other.id, current_user(request).id)
    await sessions_of(request).update(request, reset={"user_id": other.id, "token": token})
    return Redirect(f"/admin/users/{other.id}/reset", status_code=303)


@get("/users/{user_id:int}/reset")
async def show_reset_link(request: Request, user_id: FromPath[int]) -> Template:
    other = _other(request, user_id)
    sessions = sessions_of(request)
    pending = await sessions.value(request, "reset")
    link = None
    if isinstance(pending, dict) and pending.get("user_id") == other.id:
        await sessions.update(request, reset=None)  # shown once
        link = runtime_of(request).settings.base_url + "/staff/reset/" + str(pending.get("token"))
    return page(request, "reset_link.html", other=other, link=link, hours=RESET_HOURS)


HANDLERS = [users_page, create_user, set_active, make_reset_link, show_reset_link]
