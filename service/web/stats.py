"""Usage pages under /staff/stats: the action 4.3 indicators and breakdowns for a period, as
a page with charts and tables, as CSV and as JSON. Staff and municipal administrators see
their own municipality; the county administrator sees all of them side by side."""

from __future__ import annotations

import json
from datetime import date, datetime
from urllib.parse import urlencode

from litestar import Request, Response, get
from litestar.response import Template

from ..stats import PeriodProblem, as_csv, as_json, figures, period
from ..stats.charts import bars, columns
from ..store import Report
from ..store.usage import LOCAL
from .access import may_see_usage, require
from .staff_ui import S_, current_user, page, runtime_of, translator

FORMAT_NAMES = {"pdf": S_("PDF"), "print": S_("Utskrift"), "qr": S_("QR-kod visad"), "link": S_("Länk kopierad"),
                "bilingual": S_("Tvåspråkigt"), "handout": S_("QR-kort"), "poster": S_("Affisch"),
                "card": S_("Plånbokskort"), "web": S_("Webb (äldre räkning: varje valt språk)")}
VIEW_FORMAT_NAMES = {"web": S_("Webb"), "pdf": S_("PDF")}  # what readers opened
CHANNEL_NAMES = {"link": S_("Länk"), "qr": S_("QR-kod")}
MONTHS_TITLE = S_("Lämnade blad per månad")
LANGUAGES_TITLE = S_("Lämnade blad per språk")
SEVERAL = S_("alla språk (affisch)")


def _today() -> date:
    return datetime.now(LOCAL).date()


def _read(request: Request) -> tuple[Report, dict[str, str], str]:
    """The report the query asks for; raises PeriodProblem for an unreadable period."""
    runtime = runtime_of(request)
    user = current_user(request)
    query = request.query_params
    start, end = period(query.get("from"), query.get("to"), _today())
    names = {code: m.name for code, m in runtime.content.directory.municipalities.items()}
    asked = query.get("municipality") or ""
    if asked:
        require(may_see_usage(user, asked))
        codes = [asked] if asked in names else []
    else:
        codes = list(names) if user.is_county else [user.municipality]
    return runtime.store.usage.report(start, end, codes), names, asked


def _problem(request: Request, problem: PeriodProblem) -> Template:
    _ = translator(request, getattr(request.state, "lang", "sv") or "sv")
    return page(request, "stats.html", status_code=400, error=problem.text(_), field=problem.field,
                query=dict(request.query_params))


@get("/stats", sync_to_thread=True)
def stats_page(request: Request) -> Template:
    try:
        report, names, asked = _read(request)
    except PeriodProblem as problem:
        return _problem(request, problem)
    runtime = runtime_of(request)
    _ = translator(request, getattr(request.state, "lang", "sv") or "sv")
    languages = runtime.content.languages
    ui_lang = _.lang

    def language_name(code: str) -> str:
        if code == "mul":  # a poster: every language at once
            return _(SEVERAL)
        lang = languages.get(code)
        if lang is None:
            return code
        return f"{lang.name_sv if ui_lang == 'sv' else lang.endonym} ({code})"

    totals = report.totals
    charts = {
        "months": columns([(m, totals.by_month.get(m, 0)) for m in report.months()], _(MONTHS_TITLE)),
        "languages": bars([(language_name(k), n) for k, n in totals.by_language.items()], _(LANGUAGES_TITLE)),
    }
    places = sorted(report.places, key=lambda p: names.get(p.municipality, p.municipality))
    user = current_user(request)
    choices = sorted(names.items(), key=lambda kv: kv[1]) if user.is_county else []
    query = {"from": report.start.isoformat(), "to": report.end.isoformat()}
    if asked:
        query["municipality"] = asked
    return page(request, "stats.html", report=report, totals=totals, places=places, names=names, charts=charts,
                language_name=language_name, format_names=FORMAT_NAMES, channel_names=CHANNEL_NAMES,
                view_format_names=VIEW_FORMAT_NAMES,
                # the old count of every language chosen, only for periods that have it
                format_columns={f: n for f, n in FORMAT_NAMES.items() if f != "web" or totals.by_format.get(f)},
                choices=choices, query=query, figures=figures(report, names),
                export_query=urlencode(query))


@get("/stats.csv", sync_to_thread=True)
def stats_csv(request: Request) -> Response:
    try:
        report, names, _asked = _read(request)
    except PeriodProblem as problem:
        return Response(f"{problem.field}: {problem.text()}\n", status_code=400, media_type="text/plain")
    name = f"infogen-{report.start}-{report.end}.csv"
    return Response(as_csv(report, names), media_type="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@get("/stats.json", sync_to_thread=True)
def stats_json(request: Request) -> Response:
    try:
        report, names, _asked = _read(request)
    except PeriodProblem as problem:
        return Response({"error": problem.text(), "field": problem.field}, status_code=400)
    return Response(json.dumps(as_json(report, names), ensure_ascii=False, indent=1),
                    media_type="application/json")


HANDLERS = [stats_page, stats_csv, stats_json]
