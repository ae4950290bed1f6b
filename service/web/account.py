"""One's own account: changing one's password (the current one first), and setting a new one
through a one-time link an administrator made. Either ends every other session of the account."""

from __future__ import annotations

from litestar import Request, Response, get, post
from litestar.concurrency import sync_to_thread
from litestar.params import FromPath
from litestar.response import Redirect, Template

from ..store import AccountProblem
from ..store.users import RESET_HOURS
from .staff_ui import current_user, page, runtime_of, sessions_of

MAX_TOKEN = 100


@get("/password", sync_to_thread=False)
def password_form(request: Request) -> Template:
    return page(request, "password.html", changed=request.query_params.get("changed") == "1")


@post("/password", status_code=303)
async def change_password(request: Request) -> Response | Template:
    user = current_user(request)
    form = await request.form()
    try:
        await sync_to_thread(runtime_of(request).store.users.change_password, user.id,
                             (form.get("current") or "")[:1024], (form.get("new") or "")[:1024],
                             (form.get("repeated") or "")[:1024])
    except AccountProblem as problem:
        return page(request, "password.html", status_code=400, problems={problem.field: problem})
    response = Redirect("/staff/password?changed=1", status_code=303)
    # a session of its own that starts after the change: the others (another browser) end
    await sessions_of(request).start(request, response, user.id, getattr(request.state, "lang", "sv") or "sv")
    return response


@get("/reset/{token:str}", sync_to_thread=True)
def reset_form(request: Request, token: FromPath[str]) -> Template:
    other = runtime_of(request).store.users.reset_for(token[:MAX_TOKEN])
    return page(request, "reset.html", status_code=200 if other else 404, account=other, token=token[:MAX_TOKEN],
                hours=RESET_HOURS)


@post("/reset/{token:str}", status_code=303)
async def reset(request: Request, token: FromPath[str]) -> Response | Template:
    form = await request.form()
    store = runtime_of(request).store
    try:
        await sync_to_thread(store.users.redeem, token[:MAX_TOKEN], (form.get("new") or "")[:1024],
                             (form.get("repeated") or "")[:1024])
    except AccountProblem as problem:
        other = await sync_to_thread(store.users.reset_for, token[:MAX_TOKEN])
        return page(request, "reset.html", status_code=400 if other else 404, account=other, token=token[:MAX_TOKEN],
                    problems={problem.field: problem}, hours=RESET_HOURS)
    return Redirect("/staff/login?reset=1", status_code=303)


HANDLERS = [password_form, change_password, reset_form, reset]
