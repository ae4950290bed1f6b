"""``infogen coverage`` (what each municipality's leaflets have, what is old, what to do) and
``infogen links`` (the links of the contact data, and checking that they still work)."""

from __future__ import annotations

import json
import sys
from datetime import datetime

import click

from ..settings import Settings


def _store():
    from ..store import Store

    settings = Settings.from_env()
    return settings, Store.open(settings.database_url, seed_from=settings.data_dir)


@click.command("coverage")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def coverage_command(as_json: bool) -> None:
    """Per municipality: its local contacts, whether it has a number for social services, for after
    hours and for a shelter, facts older than 12 months, links that failed their last check, and
    what to do; the state of the translations."""
    from .. import coverage
    from ..i18n.refusal import english
    from ..runtime import Runtime
    from ..store.usage import LOCAL

    runtime = Runtime.load()
    content = runtime.content
    report = coverage.county(content.directory, content.languages, content.catalogs, datetime.now(LOCAL).date(),
                             runtime.store.links.last())
    if as_json:
        click.echo(json.dumps(coverage.as_json(report, english), ensure_ascii=False, indent=1))
        return
    summary = coverage.as_json(report)["summary"]
    click.echo(f"{summary['with_local_number']} of {summary['municipalities']} municipalities have a local number; "
               f"social services {summary['with_social_services_number']}, after hours "
               f"{summary['with_after_hours_number']}, shelter {summary['with_shelter_number']}")
    click.echo(f"links last checked: {report.last_link_check or 'never (infogen links --check)'}")
    header = ("code", "municipality", "contacts", "social", "after", "shelter", "old", "links", "to do")
    rows = [header] + [(p.code, p.name, str(len(p.contacts)), *("yes" if ok else "-" for ok in
                                                                 (p.social_services, p.after_hours, p.shelter)),
                        str(len(p.old)), str(len(p.broken)), str(len(p.todo))) for p in report.places]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    for row in rows:
        click.echo("  ".join(cell.ljust(w) if i < 2 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths))))
    t = report.translations
    click.echo(f"translations: {t.offered} offered, {len(t.reviewed)} reviewed, {len(t.partly)} partly reviewed, "
               f"{len(t.drafts)} drafts, {sum(t.outdated.values())} messages outdated")


@click.command("links")
@click.option("--check", "do_check", is_flag=True, help="Check every link now (else: list them, with their last check).")
@click.option("--url", "urls", multiple=True, metavar="URL", help="Check only this address (repeat for several).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--concurrency", type=click.IntRange(1, 16), default=4, show_default=True,
              help="Requests at once, over all hosts.")
@click.option("--timeout", type=click.FloatRange(0.1, 60), default=10.0, show_default=True,
              help="Seconds to wait for one answer.")
@click.option("--pause", type=click.FloatRange(0, 60), default=1.0, show_default=True,
              help="Seconds between two requests to the same host.")
@click.option("--time-limit", type=click.FloatRange(1, 3600), default=120.0, show_default=True,
              help="Seconds for the whole check; links not reached by then are left for the next one.")
@click.option("--limit", type=click.IntRange(1, 5000), default=300, show_default=True, help="Links at most.")
def links_command(do_check: bool, urls: tuple[str, ...], as_json: bool, concurrency: int, timeout: float, pause: float,
                  time_limit: float, limit: int) -> None:
    """The links a reader can follow on the leaflets (web, chat, the municipality's site)."""
    from ..coverage import links_of
    from ..coverage.links import PROBLEMS, Politeness, check_now
    from ..i18n.refusal import Refusal, english

    settings, store = _store()
    directory = store.contacts.directory()
    where: dict[str, list[str]] = {}
    for place in directory.municipalities.values():
        for contact, field, url in links_of(place.contacts, place.website):
            where.setdefault(url, []).append(f"{place.name}: {contact or 'website'} ({field})")
    for contact, field, url in links_of([*directory.actors.regional, *directory.actors.national]):
        where.setdefault(url, []).append(f"actors: {contact} ({field})")
    wanted = list(urls) or list(where)
    if not do_check:
        last = store.links.last()
        rows = [{"url": url, "used_by": where.get(url, []), "last_check": _last(last.get(url), english)}
                for url in wanted]
        if as_json:
            click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        else:
            for row in rows:
                click.echo(f"{row['url']}  {row['last_check'] or 'not checked'}  ({'; '.join(row['used_by'])})")
        return
    rules = Politeness(concurrency, timeout, pause, time_limit, limit)
    if len(wanted) > limit:
        click.echo(f"{len(wanted)} links; checking the first {limit} (--limit)", err=True)
    results = check_now(wanted, settings.base_url, rules)
    store.links.record(results)
    failed = [r for r in results if r.failed]
    skipped = [r for r in results if r.problem == "skipped"]
    described = [{"url": r.url, "status": r.status, "ok": not r.problem,
                  "problem": Refusal(PROBLEMS[r.problem], status=r.status or "").text(english) if r.problem else "",
                  "used_by": where.get(r.url, [])} for r in results]
    if as_json:
        click.echo(json.dumps(described, ensure_ascii=False, indent=1))
    else:
        for row in described:
            if row["problem"]:
                click.echo(f"{row['url']}: {row['problem']} ({'; '.join(row['used_by']) or 'not in the data'})")
    click.echo(f"{len(results)} links checked: {len(results) - len(failed) - len(skipped)} answered, "
               f"{len(failed)} failed, {len(skipped)} not reached in {time_limit:g} s", err=True)
    if failed:
        sys.exit(1)


def _last(found, translate) -> str:
    from ..coverage.links import PROBLEMS
    from ..i18n.refusal import Refusal

    if not found:
        return ""
    status, problem, when = found
    said = Refusal(PROBLEMS[problem], status=status or "").text(translate) if problem in PROBLEMS else "answered"
    return f"{when.date().isoformat()}: {said}"
