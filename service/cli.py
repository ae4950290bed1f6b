"""The infogen command line: render, check, languages, migrate, serve, export, stats, users."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import click

from . import __version__
from .content.model import Audience, Topic
from .data.loader import DataError, load_directory
from .leaflet.compose import UnknownLeaflet
from .settings import Settings


class _Commands(click.Group):
    """Whatever a command meets on its way — data files the schema refuses, a folder that cannot
    be written, a database that does not answer — is said in one line, never as a traceback."""

    def invoke(self, ctx: click.Context):
        from sqlalchemy.exc import DBAPIError

        try:
            return super().invoke(ctx)
        except DataError as error:
            for problem in error.problems:
                click.echo(str(problem), err=True)
            raise click.ClickException(f"{len(error.problems)} problem(s) in the data files; "
                                       "`infogen check` lists them too") from None
        except OSError as error:
            where = f"{error.filename}: " if error.filename else ""
            raise click.ClickException(f"{where}{error.strerror or error}") from None
        except DBAPIError as error:
            raise click.ClickException(f"the database did not answer: {str(error.orig).strip().splitlines()[0]}") \
                from None


def _valid(kind: str, value: str, valid: dict[str, str] | list[str], option: str | None = None) -> click.BadParameter:
    """An unknown value, with the valid ones listed."""
    listed = ", ".join(f"{code} ({name})" for code, name in valid.items()) if isinstance(valid, dict) else \
        ", ".join(valid)
    return click.BadParameter(f"no {kind} is called {value!r}; choose one of: {listed}",
                              param_hint=f"--{option or kind}")


@click.group(cls=_Commands)
@click.version_option(__version__, prog_name="infogen", message="%(prog)s %(version)s")
def main() -> None:
    """infogen: leaflets about help, protection and support, in the reader's own language."""


@main.command()
@click.option("--municipality", required=True, help="SCB code, e.g. 0180 for Stockholm.")
@click.option("--audience", required=True, type=click.Choice([a.value for a in Audience]))
@click.option("--lang", "language", default=None,
              help="Language code, e.g. sv, en, ar; for a handout sheet several, comma-separated; "
                   "not for a poster, which has every offered language.")
@click.option("--topics", default=None, help="Comma-separated: close,honour,trafficking,sexual (default all).")
@click.option("--format", "fmt", type=click.Choice(["html", "pdf", "handout", "poster", "bilingual", "card"]), default="pdf",
              show_default=True, help="handout: A4 sheets of eight QR cards with cut marks; poster: a QR code "
              "for every offered language (--lang is ignored); bilingual: a PDF, Swedish beside --lang; card: "
              "wallet cards, discreet front and numbers on the back, eight to an A4 sheet.")
@click.option("--paper", type=click.Choice(["A4", "A3"]), default="A4", show_default=True, help="Poster size.")
@click.option("--count", type=click.IntRange(1, 80), default=None,
              help="Handout: cards per language (default: fill one sheet evenly); card: 1 to 8 (default 8).")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="File to write; - for standard output.")
@click.option("--draft", is_flag=True, help="Allow a language that is not offered to readers (for review).")
def render(municipality: str, audience: str, language: str, topics: str | None, fmt: str, paper: str,
           count: int | None, output: Path, draft: bool) -> None:
    """Render a leaflet (or a handout sheet) to a file, without a running server."""
    from .render.handout import copies
    from .runtime import Runtime

    if str(output) != "-":
        folder = output.absolute().parent
        if not folder.is_dir():
            raise click.BadParameter(f"the folder {folder} does not exist; create it first or write elsewhere",
                                     param_hint="--output")
        if output.is_dir():
            raise click.BadParameter(f"{output} is a folder; give a file name, e.g. {output / 'leaflet.pdf'}",
                                     param_hint="--output")
    runtime = Runtime.load()
    content = runtime.content
    places = {code: m.name for code, m in sorted(content.directory.municipalities.items())}
    if municipality not in places:
        raise _valid("municipality", municipality, places)
    codes = [code.strip() for code in (language or "").split(",") if code.strip()]
    if fmt == "poster":
        codes = [lang.code for lang in content.offered()]
    elif not codes:
        raise click.UsageError("Missing option '--lang' (a language code such as sv, ar or ti)")
    if len(codes) != 1 and fmt not in ("handout", "poster"):
        raise click.UsageError("one --lang for a leaflet; several only with --format handout")
    if fmt == "bilingual" and codes == ["sv"]:
        raise click.BadParameter("a bilingual leaflet is Swedish beside another language; choose that language, "
                                 "e.g. --lang ar", param_hint="--lang")
    for code in codes:
        known = content.languages.get(code)
        if known is None:
            raise _valid("language", code, {lang.code: lang.name_sv for lang in content.offered()}, "lang")
        if not known.offered and not draft:
            reason = known.withheld or "its translation is not complete"
            raise click.UsageError(f"{code} is not offered to readers: {reason} (--draft renders it for review)")
    if re.match(r"https?://(127\.|localhost|\[::1\])", runtime.settings.base_url):
        click.echo(f"warning: links and QR codes point at {runtime.settings.base_url}; "
                   "set INFOGEN_BASE_URL to the public address before printing", err=True)
    try:
        leaflets = [runtime.leaflet(municipality, audience, code, topics) for code in codes]
    except UnknownLeaflet as error:
        if error.field == "topic":
            raise _valid("topic", error.value, [t.value for t in Topic], "topics") from None
        raise click.UsageError(str(error)) from None
    leaflet = leaflets[0]
    if fmt == "handout":
        data = runtime.handout.render(copies(leaflets, count), title=leaflet.document_title)
    elif fmt == "poster":
        data = runtime.poster.render(leaflets, paper)
    elif fmt == "card":
        if count and count > 8:
            raise click.BadParameter("wallet cards: at most 8, one sheet", param_hint="--count")
        data = runtime.wallet.render(leaflet, count or 8)
    elif fmt == "bilingual":
        data = runtime.pdf.bilingual(runtime.leaflet(municipality, audience, "sv", topics), leaflet)
    else:
        data = runtime.pdf.render(leaflet) if fmt == "pdf" else runtime.html.render(leaflet).encode()
    if str(output) == "-":
        sys.stdout.buffer.write(data)
    else:
        output.write_bytes(data)
        click.echo(f"{output}: {fmt.upper()}, {len(data):,} bytes, {leaflet.title} – {leaflet.municipality_name}",
                   err=True)


@main.command()
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder of data files (default: the shipped municipalities/).")
def check(data_dir: Path | None) -> None:
    """Validate the data files and catalogs; print every problem as file:line: message."""
    from .i18n.check import check_catalogs

    settings = Settings.from_env()
    if data_dir is not None and not data_dir.is_dir():
        raise click.BadParameter(f"the folder {data_dir} does not exist", param_hint="--data")
    problems: list[str] = []
    try:
        directory = load_directory(data_dir or settings.data_dir)
    except DataError as error:
        problems += [str(p) for p in error.problems]
    else:
        click.echo(f"data: {len(directory.municipalities)} municipalities, "
                   f"{len(directory.actors.regional)} regional and {len(directory.actors.national)} national actors",
                   err=True)
    catalog_problems = check_catalogs(settings.locales_dir)
    problems += catalog_problems
    for problem in problems:
        click.echo(problem)
    if problems:
        click.echo(f"{len(problems)} problem(s)", err=True)
        sys.exit(1)
    click.echo("all good", err=True)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def languages(as_json: bool) -> None:
    """List the languages with their translation state (from the store: reviewed per message)."""
    from .i18n.catalogs import Catalogs

    settings = Settings.from_env()
    store, registry, template = _translation_store(settings)
    catalogs = Catalogs(settings.locales_dir)
    rows = []
    for lang in registry.values():
        coverage = catalogs.coverage(lang.code, source=lang.source)
        state = _status(store, lang, template)
        rows.append({
            "code": lang.code,
            "name_sv": lang.name_sv,
            "endonym": lang.endonym,
            "direction": lang.direction,
            "script": lang.script,
            "fonts": list(lang.fonts),
            "plural": lang.plural_rule,
            "coverage": coverage.percent,
            "offered": lang.offered,
            "withheld": lang.withheld,
            **state,
        })
    store.db.dispose()
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    click.echo(f"{'code':<14} {'svenska':<16} {'endonym':<18} {'dir':<4} {'coverage':>8}  state")
    for r in rows:
        if r["state"] == "source":
            status = "source"
        elif r["state"] == "reviewed":
            status = f"reviewed (last on {r['last_reviewed']})"
        else:
            status = (f"{r['state']}: {r['reviewed']} of {r['total']} reviewed, {r['draft']} draft, "
                      f"{r['outdated']} outdated, {r['missing']} missing")
        if r["withheld"]:
            status += f"; not offered: {r['withheld']}"
        elif not r["offered"]:
            status += "; not offered (incomplete)"
        click.echo(f"{r['code']:<14} {r['name_sv']:<16} {r['endonym']:<18} {r['direction']:<4} {r['coverage']:>7}%  "
                   f"{status}")


def _translation_store(settings: Settings):
    from .i18n.languages import load_languages
    from .store import Store
    from .translations.sync import read_template

    from sqlalchemy.exc import DBAPIError

    try:
        store = Store.open(settings.database_url, seed_from=settings.data_dir, locales=settings.locales_dir)
    except DBAPIError as error:
        raise click.ClickException(f"the database did not answer: {error.orig}") from None
    return store, load_languages(settings.locales_dir / "languages.yaml"), read_template(settings.locales_dir)


def _status(store, lang, template) -> dict:
    """A language's state, derived from its messages: counts, state and the last review date."""
    from .translations.model import status

    if lang.source:
        total = len(template)
        return {"reviewed": total, "draft": 0, "outdated": 0, "missing": 0, "total": total, "state": "source",
                "last_reviewed": None}
    current = store.translations.current(lang.code)
    figures = status(lang.code, current.messages if current else {}, [m.msgid for m in template]).as_json()
    figures.pop("code")
    return figures


@main.group()
def translations() -> None:
    """Translations in the store: their state, and exchange files for translation agencies."""


@translations.command("status")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def translations_status(as_json: bool) -> None:
    """Per language: how many messages are reviewed, draft, outdated, missing; and its state
    (reviewed only when every message is; partly when some are; else draft)."""
    settings = Settings.from_env()
    store, registry, template = _translation_store(settings)
    rows = [{"code": lang.code, **_status(store, lang, template)} for lang in registry.values() if not lang.source]
    store.db.dispose()
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    click.echo(f"{'code':<14} {'state':<9} {'reviewed':>9} {'draft':>6} {'outdated':>9} {'missing':>8}  last review")
    for r in rows:
        click.echo(f"{r['code']:<14} {r['state']:<9} {r['reviewed']:>4} of {r['total']:<3} {r['draft']:>6} "
                   f"{r['outdated']:>9} {r['missing']:>8}  {r['last_reviewed'] or '–'}")


def _desk(settings: Settings, code: str):
    from .translations.work import Desk

    store, registry, template = _translation_store(settings)
    language = registry.get(code)
    if language is None or language.source:
        raise click.BadParameter(f"{code!r} is not a language to translate into (see infogen languages)",
                                 param_hint="--lang")
    return Desk(store, language, template)


@translations.command("export")
@click.option("--lang", "code", required=True, help="Language code, e.g. ar.")
@click.option("--format", "fmt", type=click.Choice(["xliff", "po"]), required=True,
              help="xliff: XLIFF 1.2, for CAT tools (Trados, memoQ, Phrase); po: gettext PO.")
@click.option("--only", default=None, metavar="STATES",
              help="Only messages in these states, comma-separated: missing,draft,outdated,reviewed.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="File to write.")
def translations_export(code: str, fmt: str, only: str | None, output: Path) -> None:
    """Write a language's messages — Swedish source, current text, state, a note on who reads
    it — for a translation agency."""
    from .translations.context import notes
    from .translations.model import State

    states = None
    if only:
        try:
            states = {State(s.strip()) for s in only.split(",") if s.strip()}
        except ValueError:
            raise click.BadParameter(f"{only!r}: states are missing, draft, outdated, reviewed",
                                     param_hint="--only") from None
    settings = Settings.from_env()
    desk = _desk(settings, code)
    descriptions = [m.msgid for m in desk.template if "contact description" in m.comments]
    data = desk.export(fmt, notes(desk.msgids, descriptions, _english), states)
    output.write_bytes(data)
    click.echo(f"{output}: {fmt.upper()}, {data.count(b'<trans-unit') if fmt == 'xliff' else data.count(b'msgid ') - 1}"
               f" messages of {code}", err=True)
    desk.store.db.dispose()


@translations.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--reviewer", required=True, metavar="NAME",
              help="The translator account (user name) that reviewed the file; it must have the file's language.")
@click.option("--lang", "code", default=None, help="The language, when the file does not say.")
@click.option("--dry-run", is_flag=True, help="Check and report, store nothing.")
def translations_import(file: Path, reviewer: str, code: str | None, dry_run: bool) -> None:
    """Import an XLIFF or PO file from a translation agency as one revision: units the file
    marks approved (XLIFF) or not fuzzy (PO) become reviewed by the reviewer, today."""
    from datetime import date

    from .translations.exchange import FileProblem, read
    from .translations.work import Refused

    data = file.read_bytes()
    if code is None:
        try:
            code, _units = read(data)
        except FileProblem as problem:
            raise click.ClickException(f"{file}: {problem}") from None
        if not code:
            raise click.UsageError(f"{file} does not say its language: give --lang")
    settings = Settings.from_env()
    desk = _desk(settings, code.replace("_", "-"))
    account = desk.store.users.named(reviewer)
    if account is None or not account.is_translator:
        raise click.BadParameter(f"{reviewer!r} is not a translator account (infogen user add NAME --role translator "
                                 f"--languages {code} --full-name ...)", param_hint="--reviewer")
    try:
        outcome, number = desk.import_file(data, file.name, account, date.today(), dry_run=dry_run)
    except Refused as refused:
        for problem in refused.render(_english):
            click.echo(f"{file}: {problem}")
        click.echo(f"{len(refused.problems)} problem(s): nothing was imported", err=True)
        sys.exit(1)
    finally:
        desk.store.db.dispose()
    for msgid in outcome.changed:
        click.echo(f"changed: {msgid[:70]}")
    for msgid in outcome.reviewed:
        click.echo(f"reviewed: {msgid[:70]}")
    for msgid in outcome.unknown:
        click.echo(f"skipped (not a current Swedish text): {msgid[:70]}")
    verb = "would change" if dry_run else "changed"
    summary = f"{verb} {len(outcome.changed)} texts, {len(outcome.reviewed)} reviewed by {account.full_name}"
    if not dry_run and not outcome.nothing:
        summary += f"; published as revision {number} of {code}"
    click.echo(summary, err=True)


@main.group()
def catalogs() -> None:
    """Translation catalogs: update from the template, compile, start a new language."""


@catalogs.command("update")
def catalogs_update() -> None:
    """Merge locales/messages.pot into every language's catalog."""
    from .i18n.workflow import update

    for path in update(Settings.from_env().locales_dir):
        click.echo(f"updated {path}", err=True)


@catalogs.command("compile")
def catalogs_compile() -> None:
    """Compile every catalog to .mo (fuzzy entries left out)."""
    from .i18n.workflow import compile_all

    written = compile_all(Settings.from_env().locales_dir)
    click.echo(f"compiled {len(written)} catalogs", err=True)


@catalogs.command("init")
@click.argument("code")
def catalogs_init(code: str) -> None:
    """Start the catalog of a language already listed in locales/languages.yaml."""
    from .i18n.languages import load_languages
    from .i18n.workflow import init

    locales = Settings.from_env().locales_dir
    registry = load_languages(locales / "languages.yaml")
    if code not in registry:
        raise click.UsageError(f"{code} is not in {locales / 'languages.yaml'}; add it there first")
    click.echo(f"created {init(locales, registry[code])}", err=True)


@main.command()
def migrate() -> None:
    """Bring the database (INFOGEN_DATABASE_URL) to the newest schema, seeding an empty one
    from the shipped data: all of it in one transaction, so an interrupted run changes nothing.
    Run it before starting new instances; `serve` does it too."""
    from .store import Store
    from .store.database import Database

    from sqlalchemy.exc import DBAPIError

    settings = Settings.from_env()
    try:
        store = Store.open(settings.database_url, seed_from=settings.data_dir, locales=settings.locales_dir)
    except DBAPIError as error:
        raise click.ClickException(f"the migration stopped and changed nothing: {error.orig}") from None
    click.echo(f"schema {store.db.schema_version()} (newest {Database.newest_version()})")
    store.db.dispose()


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64))
def serve(host: str, port: int, workers: int) -> None:
    """Serve the web app."""
    import uvicorn

    from .logs import LOG_CONFIG
    from .web.protocol import HEAD_LIMIT, KEEP_ALIVE

    # access_log off: an access log would store readers' IP addresses and user agents
    # the protocol answers 414/431 past HEAD_LIMIT and 408 to a head that takes too long
    uvicorn.run("service.web.asgi:app", host=host, port=port, workers=workers, access_log=False,
                log_config=LOG_CONFIG, http="service.web.protocol:BoundedH11Protocol",
                h11_max_incomplete_event_size=HEAD_LIMIT, timeout_keep_alive=KEEP_ALIVE,
                server_header=False, proxy_headers=False)


@main.group()
def user() -> None:
    """Accounts: the first county administrator, and accounts when no one can log in."""


@user.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice(["county_admin", "municipal_admin", "staff", "translator"]),
              default="county_admin", show_default=True)
@click.option("--municipality", default=None, help="SCB code; for staff and municipal administrators.")
@click.option("--languages", default="", help="A translator's languages, comma-separated (e.g. ar,fa).")
@click.option("--full-name", default="", help="A translator's name, as reviews record it.")
@click.option("--authorization", default="", help="A translator's authorization number, where they have one.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (for scripts).")
def user_add(username: str, role: str, municipality: str | None, languages: str, full_name: str,
             authorization: str, password_stdin: bool) -> None:
    """Create an account (the password is asked for, never given on the command line)."""
    from .store import AccountProblem, Store

    settings = Settings.from_env()
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Password (at least 12 characters)", hide_input=True, confirmation_prompt=True)
    store = Store.open(settings.database_url, seed_from=settings.data_dir)
    places = {code: m.name for code, m in sorted(store.contacts.directory().municipalities.items())}
    if municipality and municipality not in places:
        raise _valid("municipality", municipality, places)
    codes = tuple(c.strip() for c in languages.split(",") if c.strip())
    from .i18n.languages import load_languages

    registry = load_languages(settings.locales_dir / "languages.yaml")
    unknown = [c for c in codes if c not in registry or registry[c].source]
    if unknown:
        raise click.BadParameter(f"{unknown[0]!r} is not a language to translate into", param_hint="--languages")
    try:
        created = store.users.add(username, password, role, municipality, languages=codes, full_name=full_name,
                                  authorization=authorization)
    except AccountProblem as problem:
        raise click.UsageError(f"{problem.field}: {problem}") from None
    click.echo(f"created {created.role.value} {created.username}"
               + (f" of {created.municipality}" if created.municipality else "")
               + (f" for {','.join(created.languages)}" if created.languages else ""), err=True)


from .commands.accounts import user_list, user_password  # noqa: E402
from .commands.coverage import coverage_command, links_command  # noqa: E402

user.add_command(user_password)
user.add_command(user_list)
main.add_command(coverage_command)
main.add_command(links_command)


def _english(message: str) -> str:
    """A staff-page message (Swedish source) in English, for the command line."""
    from .i18n.catalogs import STAFF_DOMAIN, Catalogs

    return Catalogs(Settings.from_env().locales_dir, STAFF_DOMAIN).translations("en").gettext(message)


@main.command("export-data")
@click.option("--output", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder to write the data files into (created if missing).")
def export_data(output: Path) -> None:
    """Write the current contact data as data files, in the format of municipalities/."""
    from .store import Store
    from .store.export import export_directory

    settings = Settings.from_env()
    store = Store.open(settings.database_url, seed_from=settings.data_dir)
    written = export_directory(store.contacts, output)
    click.echo(f"wrote {len(written)} files to {output}", err=True)


@main.command()
@click.option("--from", "start", default=None, metavar="DATE", help="First day, YYYY-MM-DD (default: 1 January this year).")
@click.option("--to", "end", default=None, metavar="DATE", help="Last day, YYYY-MM-DD (default: today).")
@click.option("--municipality", default=None, metavar="CODE", help="One municipality (default: all).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def stats(start: str | None, end: str | None, municipality: str | None, fmt: str) -> None:
    """Usage for action 4.3: municipalities that used the tool, users per municipality, breakdowns."""
    import json
    from datetime import datetime

    from .stats import PeriodProblem, as_csv, as_json, as_table, period
    from .store import Store
    from .store.usage import LOCAL

    try:
        first, last = period(start, end, datetime.now(LOCAL).date())
    except PeriodProblem as problem:
        raise click.BadParameter(problem.text(_english), param_hint=f"--{problem.field}") from None
    settings = Settings.from_env()
    store = Store.open(settings.database_url, seed_from=settings.data_dir)
    names = {code: m.name for code, m in store.contacts.directory().municipalities.items()}
    if municipality and municipality not in names:
        raise _valid("municipality", municipality, dict(sorted(names.items())))
    report = store.usage.report(first, last, [municipality] if municipality else list(names))
    if fmt == "json":
        click.echo(json.dumps(as_json(report, names), ensure_ascii=False, indent=1))
    elif fmt == "csv":
        click.echo(as_csv(report, names), nl=False)
    else:
        click.echo(as_table(report, names), nl=False)


@main.command()
@click.option("--output", type=click.Path(path_type=Path), required=True,
              help="The site: a symbolic link to its newest version, switched when an export is complete.")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Processes rendering at once (default: every core).")
@click.option("--municipality", "municipalities", multiple=True, metavar="CODE",
              help="Only this municipality (repeat for several; default all).")
def export(output: Path, workers: int | None, municipalities: tuple[str, ...]) -> None:
    """Write every public leaflet, with its PDF and QR code, as a static site."""
    from .runtime import Runtime
    from .site import export_site

    runtime = Runtime.load()
    unknown = set(municipalities) - set(runtime.content.directory.municipalities)
    if unknown:
        raise _valid("municipality", sorted(unknown)[0],
                     {code: m.name for code, m in sorted(runtime.content.directory.municipalities.items())})
    if re.match(r"https?://(127\.|localhost|\[::1\])", runtime.settings.base_url):
        click.echo(f"warning: links and QR codes point at {runtime.settings.base_url}; "
                   "set INFOGEN_BASE_URL to the public address", err=True)
    with click.progressbar(length=1, label="leaflets", file=sys.stderr) as bar:
        def progress(done: int, total: int) -> None:
            bar.length = total
            bar.update(done - bar.pos)

        figures = export_site(runtime, output, workers, progress, list(municipalities) or None)
    click.echo(f"{output}: {figures['leaflets']} leaflets, {figures['rendered']} rendered, the rest unchanged, "
               f"in {figures['seconds']:.1f} s", err=True)
