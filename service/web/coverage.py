"""The county's view of its data under /admin/coverage: per municipality its local contacts,
whether it has a number for social services, after hours and a shelter, old facts, failed
links and what to do; the translations in use. A municipal administrator sees their own row,
here and on their start page."""

from __future__ import annotations

from datetime import datetime

from litestar import Request, get
from litestar.response import Template

from .. import coverage
from ..store.usage import LOCAL
from .staff_ui import current_user, page, runtime_of


def report(request: Request) -> coverage.CountyCoverage:
    runtime = runtime_of(request)
    content = runtime.content
    return coverage.county(content.directory, content.languages, content.catalogs, datetime.now(LOCAL).date(),
                           runtime.store.links.last())


def own_row(request: Request) -> coverage.Coverage | None:
    """The row of the administrator's own municipality (None for the county)."""
    user = current_user(request)
    if user.is_county:
        return None
    return next((p for p in report(request).places if p.code == user.municipality), None)


@get("/coverage", sync_to_thread=True)
def coverage_page(request: Request) -> Template:
    user = current_user(request)
    found = report(request)
    if not user.is_county:
        found.places = [p for p in found.places if p.code == user.municipality]
    return page(request, "coverage.html", report=found, county=user.is_county, months=coverage.FRESH_MONTHS)


HANDLERS = [coverage_page]
