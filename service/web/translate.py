"""Translations under /translate/: a translator reviews the messages of their languages — edit,
mark reviewed, preview the leaflet with the edits in place, publish the batch as one
revision, see the versions, roll back, exchange XLIFF and PO files. The county
administrator sees every language's state beside how much it is used."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Annotated
from urllib.parse import urlencode

from litestar import Request, Response, get, post
from litestar.concurrency import sync_to_thread
from litestar.datastructures import UploadFile
from litestar.enums import RequestEncodingType
from litestar.exceptions import NotFoundException, ValidationException
from litestar.params import Body, FromPath
from litestar.response import Redirect, Template

from ..content.model import Audience
from ..store import Conflict
from ..store.usage import LOCAL
from ..translations.context import groups, notes
from ..translations.exchange import key
from ..translations.model import State, status
from ..translations.sync import read_template
from ..translations.work import Desk, Refused
from .access import may_oversee_translations, may_translate, require
from .staff_ui import S_, current_user, load_user, page, runtime_of, translator

IMPORT_LIMIT = 4 * 1024 * 1024  # an XLIFF of every message with notes is ~200 kB; forms stay small
CONFLICT = S_("Någon annan har publicerat en version av språket sedan du öppnade sidan. Ladda om sidan och försök igen.")
KEYS = 2**31


async def load_translator(request: Request) -> Response | None:
    """``before_request`` of /translate: a translator or the county administrator (else 403)."""
    response = await load_user(request)
    if response is None:
        user = current_user(request)
        require(user.is_translator or may_oversee_translations(user))
    return response


def _desk(request: Request, code: str, edit: bool = False) -> Desk:
    runtime = runtime_of(request)
    language = runtime.content.languages.get(code)
    if language is None or language.source:
        raise NotFoundException()
    user = current_user(request)
    require(may_translate(user, code) if edit else (may_translate(user, code) or may_oversee_translations(user)))
    template = request.app.state.get("translation_template")
    if template is None:
        template = request.app.state.translation_template = read_template(runtime.settings.locales_dir)
    return Desk(runtime.store, language, template)


def _descriptions(desk: Desk) -> list[str]:
    return [m.msgid for m in desk.template if "contact description" in m.comments]


def _usage() -> tuple[date, date]:
    today = datetime.now(LOCAL).date()
    return today.replace(month=1, day=1), today


@get("/", sync_to_thread=True)
def overview(request: Request) -> Template:
    """Each language the person may see: its state, counts, last review; for the county also
    how often it was used this year (leaflets made by staff, public views)."""
    runtime = runtime_of(request)
    user = current_user(request)
    catalogs = runtime.content.catalogs
    languages = [lang for lang in runtime.content.languages.values() if not lang.source and
                 (may_oversee_translations(user) or may_translate(user, lang.code))]
    used: dict[str, int] = {}
    viewed: dict[str, int] = {}
    if may_oversee_translations(user):
        start, end = _usage()
        report = runtime.store.usage.report(start, end, list(runtime.content.directory.municipalities))
        for place in report.places:
            for code, n in place.by_language.items():
                used[code] = used.get(code, 0) + n
            for code, n in place.views_by_language.items():
                viewed[code] = viewed.get(code, 0) + n
    rows = [{"language": lang, "status": catalogs.status(lang.code), "used": used.get(lang.code, 0),
             "viewed": viewed.get(lang.code, 0), "editable": may_translate(user, lang.code)} for lang in languages]
    if used or viewed:
        rows.sort(key=lambda r: -(r["used"] + r["viewed"]))
    return page(request, "translations.html", rows=rows, county=may_oversee_translations(user),
                period=_usage())


def _listing(request: Request, desk: Desk, status_code: int = 200, **context) -> Template:
    """The messages of a language grouped in leaflet order, filtered by state and search."""
    user = current_user(request)
    number, messages = desk.published()
    copy = runtime_of(request).store.translations.working_copy(desk.language.code)
    wanted = request.query_params.get("state") or ""
    query = (request.query_params.get("q") or "").strip()[:100]
    shown = []
    for group in groups(desk.msgids, _descriptions(desk)):
        items = []
        for msgid in group.msgids:
            entry = messages.get(msgid)
            state = entry.state.value if entry and entry.text else State.missing.value
            edit = copy.edits.get(msgid)
            if wanted == "edited" and edit is None:
                continue
            if wanted and wanted != "edited" and state != wanted:
                continue
            if query and query.casefold() not in msgid.casefold() and \
                    query.casefold() not in (entry.text if entry else "").casefold():
                continue
            items.append({"key": key(msgid), "msgid": msgid, "entry": entry, "state": state, "edit": edit})
        if items:
            shown.append({"group": group, "messages": items})
    return page(request, "translate.html", status_code=status_code, language=desk.language, groups=shown,
                status=status(desk.language.code, messages, desk.msgids), number=number, copy=copy,
                editable=may_translate(user, desk.language.code), state=wanted, q=query,
                audiences=[a.value for a in Audience], states=[s.value for s in State],
                problems=context.pop("problems", {}), typed=context.pop("typed", {}), **context)


@get("/{code:str}", sync_to_thread=True)
def language_page(request: Request, code: FromPath[str]) -> Template:
    desk = _desk(request, code)
    published = request.query_params.get("published")
    return _listing(request, desk, message=(S_("Publicerat som version {number}."), {"number": published})
                    if published and published.isdigit() else None)


@post("/{code:str}/messages", status_code=303)
async def save_message(request: Request, code: FromPath[str]) -> Response | Template:
    """Save one message's text to the working copy (and, with ``review``, mark it reviewed);
    a text that breaks a rule is shown again, as typed, with what is wrong."""
    desk = _desk(request, code, edit=True)
    form = await request.form()
    wanted = form.get("key") or ""
    msgid = next((m for m in desk.msgids if key(m) == wanted), None)
    if msgid is None:
        raise NotFoundException()
    user = current_user(request)
    action = form.get("action")
    back = {k: form.get(k) for k in ("state", "q") if form.get(k)}
    if action == "drop":
        await sync_to_thread(runtime_of(request).store.translations.drop_edit, desk.language.code, msgid, user.id)
    else:
        text = (form.get("text") or "")[:4000]
        try:
            await sync_to_thread(desk.save, user, msgid, text, action == "review")
        except Refused as refused:
            ui = translator(request, getattr(request.state, "lang", "sv"))
            return _listing(request, desk, 400, problems={wanted: refused.render(ui)}, typed={wanted: text})
    return Redirect(f"/translate/{code}?{urlencode(back)}#m-{wanted}", status_code=303)


@get("/{code:str}/preview", sync_to_thread=True)
def preview(request: Request, code: FromPath[str]) -> Response | Template:
    """The leaflet in this language with the unpublished edits in place (web, or PDF)."""
    desk = _desk(request, code, edit=True)
    runtime = runtime_of(request)
    audience = request.query_params.get("audience") or "victim"
    if audience not in Audience.__members__:
        audience = "victim"
    municipality = request.query_params.get("municipality") or "0180"
    if municipality not in runtime.content.directory.municipalities:
        municipality = "0180"
    messages = desk.preview_messages(current_user(request), date.today())
    content = replace(runtime.content, catalogs=runtime.content.catalogs.with_messages(code, messages))
    leaflet = runtime.leaflet(municipality, audience, code, content=content)
    if request.query_params.get("format") == "pdf":
        return Response(runtime.pdf.render(leaflet), media_type="application/pdf",
                        headers={"Content-Disposition": f'inline; filename="preview-{code}-{audience}.pdf"'})
    return page(request, "translate_preview.html", language=desk.language, leaflet=leaflet, audience=audience,
                audiences=[a.value for a in Audience], municipality=municipality)


@post("/{code:str}/publish", status_code=303)
async def publish(request: Request, code: FromPath[str]) -> Response | Template:
    desk = _desk(request, code, edit=True)
    form = await request.form()
    base = _number(form.get("base"), "base")
    if desk.published()[0] != base:
        return _listing(request, desk, 409, error=CONFLICT)
    try:
        number = await sync_to_thread(desk.publish, current_user(request), date.today())
    except Conflict:
        return _listing(request, desk, 409, error=CONFLICT)
    return Redirect(f"/translate/{code}?published={number}", status_code=303)


@get("/{code:str}/versions", sync_to_thread=True)
def versions(request: Request, code: FromPath[str]) -> Template:
    desk = _desk(request, code)
    history = runtime_of(request).store.translations.history(code)
    return page(request, "translate_versions.html", language=desk.language, history=history,
                base=history[0].number if history else 0, editable=may_translate(current_user(request), code))


@post("/{code:str}/rollback", status_code=303)
async def rollback(request: Request, code: FromPath[str]) -> Response | Template:
    desk = _desk(request, code, edit=True)
    form = await request.form()
    number, base = _number(form.get("number"), "number"), _number(form.get("base"), "base")
    try:
        published = await sync_to_thread(desk.rollback, current_user(request), number, base)
    except LookupError:
        raise NotFoundException() from None
    except Conflict:
        history = runtime_of(request).store.translations.history(code)
        return page(request, "translate_versions.html", status_code=409, language=desk.language, history=history,
                    base=history[0].number if history else 0, editable=True, error=CONFLICT)
    return Redirect(f"/translate/{code}?published={published}", status_code=303)


@get("/{code:str}/export", sync_to_thread=True)
def export(request: Request, code: FromPath[str]) -> Response:
    """The language as XLIFF 1.2 or PO, for a translation agency (``only``: some states)."""
    desk = _desk(request, code)
    fmt = "po" if request.query_params.get("format") == "po" else "xliff"
    only = {State(s) for s in request.query_params.getall("only", []) if s in State.__members__} or None
    english = translator(request, "en")
    data = desk.export(fmt, notes(desk.msgids, _descriptions(desk), english), only)
    suffix = "xlf" if fmt == "xliff" else "po"
    return Response(data, media_type="application/x-xliff+xml" if fmt == "xliff" else "text/x-gettext-translation",
                    headers={"Content-Disposition": f'attachment; filename="infogen-{code}.{suffix}"'})


@post("/{code:str}/import", status_code=200, request_max_body_size=IMPORT_LIMIT)
async def import_file(request: Request, code: FromPath[str],
                      data: Annotated[dict, Body(media_type=RequestEncodingType.MULTI_PART)]) -> Template:
    """An XLIFF or PO file back from an agency: checked whole, then published as one revision
    with this translator as the reviewer (or only checked, with ``dry_run``)."""
    desk = _desk(request, code, edit=True)
    upload = data.get("file")
    if not isinstance(upload, UploadFile):
        return _listing(request, desk, 400, error=S_("Välj en XLIFF- eller PO-fil."))
    content = await upload.read()
    dry_run = data.get("dry_run") == "1"
    try:
        outcome, number = await sync_to_thread(desk.import_file, content, upload.filename or "file",
                                               current_user(request), date.today(), dry_run)
    except Refused as refused:
        ui = translator(request, getattr(request.state, "lang", "sv"))
        return _listing(request, desk, 400, error=S_("Filen importerades inte. Inget har ändrats."),
                        refused=refused.render(ui))
    return _listing(request, desk, imported={"changed": outcome.changed, "reviewed": outcome.reviewed,
                                             "unknown": outcome.unknown, "dry_run": dry_run, "number": number})


def _number(value, field: str) -> int:
    try:
        number = int(value or "")
    except ValueError:
        number = -1
    if not 0 <= number < KEYS:
        raise ValidationException(f"{field}: not a version number")
    return number


HANDLERS = [overview, language_page, save_message, preview, publish, versions, rollback, export, import_file]
