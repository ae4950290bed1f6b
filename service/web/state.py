"""What the app keeps for every request: the runtime and the staff sessions (``app.state``)."""

from __future__ import annotations

from litestar import Litestar, Request

from ..runtime import Runtime
from .sessions import Sessions


def runtime_of(request: Request) -> Runtime:
    return request.app.state.runtime


def runtime_of_app(app: Litestar) -> Runtime:
    return app.state.runtime


def sessions_of(request: Request) -> Sessions:
    return request.app.state.sessions
