"""What the app keeps for every request: the runtime, the staff sessions and the count of
guesses at passwords (``app.state``)."""

from __future__ import annotations

from litestar import Litestar, Request

from ..runtime import Runtime
from .guesses import Guesses
from .sessions import Sessions


def runtime_of(request: Request) -> Runtime:
    return request.app.state.runtime


def runtime_of_app(app: Litestar) -> Runtime:
    return app.state.runtime


def sessions_of(request: Request) -> Sessions:
    return request.app.state.sessions


def guesses_of(request: Request) -> Guesses:
    return request.app.state.guesses
