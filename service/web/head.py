"""HEAD on the public pages: the answer a GET would get, headers only. Link checkers, the
previews of chat apps and ``curl -I`` ask that way; a 405 there reads as a dead address."""

from __future__ import annotations

from litestar import Litestar

# staff, administration and translators' pages keep their own methods (a GET there may count)
_NOT_PUBLIC = ("/staff", "/admin", "/translate")
HEAD_MARK = "infogen.head"  # in the scope of a HEAD answered as GET: nothing is counted for it


def is_head(scope) -> bool:
    return bool(scope.get(HEAD_MARK))


class PublicHead(Litestar):
    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and scope["method"] == "HEAD" and not scope["path"].startswith(_NOT_PUBLIC):
            scope = {**scope, "method": "GET", HEAD_MARK: True}
            send = _headers_only(send)
        await super().__call__(scope, receive, send)


def _headers_only(send):
    async def headers_only(message) -> None:
        if message["type"] == "http.response.body":
            message = {**message, "body": b""}
        await send(message)
    return headers_only
