"""A fault nobody foresaw: logged with its traceback, answered with a plain 500."""

from __future__ import annotations

import logging

from litestar import Request, Response

log = logging.getLogger("infogen.web")


def internal_error_handler(request: Request, exc: Exception) -> Response:
    """The method and path go into the log, never the client's address, user agent or query
    (a query could carry what a reader typed)."""
    log.error("500 on %s %s", request.method, request.url.path, exc_info=exc)
    return Response("Internal server error. Please try again.\n", status_code=500, media_type="text/plain")
