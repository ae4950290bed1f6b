"""The web fonts, cut per language (service/render/fonts.py), from our own origin: a font
from elsewhere would tell another server who reads what."""

from __future__ import annotations

from litestar import Request, Response, get
from litestar.exceptions import NotFoundException
from litestar.params import FromPath

from .state import runtime_of

# an address names what the file holds (a hash): a browser may keep it for a year
FOR_A_YEAR = "public, max-age=31536000, immutable"


@get("/assets/fonts/{name:str}", sync_to_thread=True)
def font_asset(name: FromPath[str], request: Request) -> Response:
    """A language's font stylesheet or one of its faces as WOFF2; 404 for any other name."""
    found = runtime_of(request).web_fonts().answer(name)
    if found is None:
        raise NotFoundException()
    data, media_type, current = found
    # an older address (a page from before a change) still gets fonts, but not kept as its own
    return Response(data, media_type=media_type, headers={"Cache-Control": FOR_A_YEAR if current else "no-store"})
