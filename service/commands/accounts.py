"""``infogen user password`` and ``infogen user list``: accounts from the command line, for
when no one can log in (the first county administrator forgot the password)."""

from __future__ import annotations

import sys

import click

from ..settings import Settings


def _store():
    from ..store import Store

    settings = Settings.from_env()
    return Store.open(settings.database_url, seed_from=settings.data_dir)


@click.command("password")
@click.argument("username")
@click.option("--password-stdin", is_flag=True, help="Read the new password from standard input (for scripts).")
def user_password(username: str, password_stdin: bool) -> None:
    """Set a new password for an account; it is logged out everywhere."""
    from ..store import AccountProblem

    store = _store()
    account = store.users.named(username)
    if account is None:
        known = ", ".join(u.username for u in store.users.list()[:20]) or "none yet"
        raise click.BadParameter(f"no account is called {username!r}; accounts: {known}", param_hint="USERNAME")
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("New password (at least 12 characters)", hide_input=True, confirmation_prompt=True)
    try:
        store.users.set_password(account.id, password)
    except AccountProblem as problem:
        raise click.UsageError(f"{problem.field}: {problem}") from None
    click.echo(f"new password for {account.username}; its sessions have ended", err=True)


@click.command("list")
def user_list() -> None:
    """List the accounts: name, role, municipality, active or not."""
    store = _store()
    names = {code: m.name for code, m in store.contacts.directory().municipalities.items()}
    for account in store.users.list():
        place = names.get(account.municipality or "", "the county") if account.municipality else "the county"
        state = "active" if account.active else "deactivated"
        click.echo(f"{account.username:<30} {account.role.value:<16} {place:<16} {state}")
