"""One's own account: changing one's password (the current one first), and setting a new one
through a one-time link an administrator made. Either ends every other session of the account."""

from __future__ import annotations

import math

import anyio
from litestar import Request, Response, get, post
from litestar.concurrency import sync_to_thread
from litestar.params import FromPath
from litestar.response import Redirect, Template

from ..store import AccountProblem
from ..store.users import RESET_HOURS
from .staff import PASSWORD_CHECKS
from .staff_ui import S_, current_user, page, runtime_of, sessions_of
from .state import guesses_of

MAX_TOKEN = 100
TOO_MANY = S_("För många fel försök med det nuvarande lösenordet. Försök igen om en stund.")


@get("/password", sync_to_thread=False)
def password_form(request: Request) -> Template:
    return page(request, "password.html", changed=request.query_params.get("changed") == "1")


@post("/password", status_code=303)
async def change_password(request: Request) -> Response | Template:
    """The current password is a guess like a login's: counted before it is checked (a stolen
    session cannot try passwords without end), apart from the logins' count (it locks no one
    out of logging in), and checked two at a time in the process."""
    user = current_user(request)
    form = await request.form()
    guesses = guesses_of(request)
    counted = f"{user.username} (password change)"
    wait = await guesses.claim(request, counted)
    if wait:
        response = page(request, "password.html", status_code=429,
                        problems={"current": AccountProblem("current", TOO_MANY)})
        response.headers["Retry-After"] = str(math.ceil(wait))
        return response
    try:
        await anyio.to_thread.run_sync(runtime_of(request).store.users.change_password, user.id,
                                       (form.get("current") or "")[:1024], (form.get("new") or "")[:1024],
                                       (form.get("repeated") or "")[:1024], limiter=PASSWORD_CHECKS)
    except AccountProblem as problem:
        if problem.field != "current":  # the current password was right: no failure to count
            await guesses.refund(request, counted)
        return page(request, "password.html", status_code=400, problems={problem.field: problem})
    await guesses.refund(request, counted)
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
