"""What a post to the staff and administration pages must pass before anything reads it: an
``Origin`` of our own, and a bounded body.

A browser says where a form was sent from: a post whose ``Origin`` names another site is
refused with 403, whatever its CSRF token says.

Every route takes at most ``FORM_LIMIT`` bytes of body (the app's limit; a route that imports
a file sets a larger one of its own). A larger ``Content-Length`` is answered 413 before a
byte of the body is read; a chunked body is cut off with 413 as soon as it passes the limit.
The body is read here, before the CSRF check, and a form is parsed in a worker thread, so no
request keeps the event loop — and the readers' cached leaflets — waiting. A body larger than
a form's is read only for a logged-in person."""

from __future__ import annotations

from urllib.parse import urlsplit

import anyio
from litestar import Request
from litestar._parsers import parse_url_encoded_form_data
from litestar.enums import RequestEncodingType, ScopeType
from litestar.exceptions import PermissionDeniedException
from litestar.middleware import ASGIMiddleware
from litestar.response.redirect import ASGIRedirectResponse
from litestar.types import ASGIApp, Empty, Receive, Scope, Send
from litestar.utils.scope.state import ScopeState

from .state import runtime_of, sessions_of

FORM_LIMIT = 64 * 1024  # bytes: the largest staff form (a contact in every field) is a few kB
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class GuardedPosts(ASGIMiddleware):
    scopes = (ScopeType.HTTP,)

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        if scope["method"] in UNSAFE:
            request: Request = Request(scope, receive)
            if not _same_origin(request):
                raise PermissionDeniedException("a form sent from another site")
            limit = request.route_handler.resolve_request_max_body_size() or FORM_LIMIT
            if limit > FORM_LIMIT and await sessions_of(request).get(request) is None:
                await ASGIRedirectResponse(path="/staff/login?next=/staff/", status_code=303)(scope, receive, send)
                return  # as for any staff page without a session, but before the body is read
            content_type, _ = request.content_type
            if content_type == RequestEncodingType.URL_ENCODED:
                body = await request.body()  # 413 from the announced length, or once past the limit
                state = ScopeState.from_scope(scope)
                if state.form is Empty:
                    state.form = await anyio.to_thread.run_sync(parse_url_encoded_form_data, body)
        await next_app(scope, receive, send)


def _same_origin(request: Request) -> bool:
    """The post did not come from another site: its ``Origin`` is the public address or the
    address it was sent to. Our own pages send ``Origin: null`` (their referrer policy is
    ``no-referrer``), a client that is no browser sends none: those pass on to the CSRF check,
    whose token only our pages hold, with a SameSite=Strict cookie."""
    sent = request.headers.get("origin")
    if not sent or sent == "null":
        return True
    parts = urlsplit(sent)
    ours = {_origin(runtime_of(request).settings.base_url), f"{request.url.scheme}://{request.url.netloc}".lower()}
    return f"{parts.scheme}://{parts.netloc}".lower() in ours


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()
