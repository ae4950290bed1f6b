"""Accounts as their people use them: changing one's own password, an administrator giving a
staff member a one-time link to set a new one, the county creating staff, the tables naming
municipalities; and the same from the command line."""

from __future__ import annotations

import html
import re

import pytest

from service.runtime import Runtime
from service.settings import Settings
from service.web.app import create_app
from tests.staffing import Person
from tests.test_cli import infogen

COUNTY = ("konto.county", "county account pass phrase")
ADMIN = ("konto.botkyrka", "botkyrka account pass phrase")


@pytest.fixture(scope="module")
def runtime(tmp_path_factory) -> Runtime:
    var = tmp_path_factory.mktemp("var")
    runtime = Runtime.load(Settings.from_env({"INFOGEN_BASE_URL": "https://infogen.example",
                                              "INFOGEN_VAR_DIR": str(var)}))
    runtime.store.users.add(*COUNTY, "county_admin", None)
    runtime.store.users.add(*ADMIN, "municipal_admin", "0127")
    return runtime


@pytest.fixture(scope="module")
def app(runtime):
    return create_app(runtime)


def _logged_in(app, username: str, password: str) -> Person:
    person = Person(app)
    assert person.login(username, password).status_code == 303
    return person


def _logged_out(person: Person) -> bool:
    answer = person.get("/staff/")
    return answer.status_code == 303 and answer.headers["location"].startswith("/staff/login")


def test_changing_ones_password_asks_for_the_current_one_and_logs_out_other_browsers(runtime, app):
    runtime.store.users.add("anna.byter", "anna first pass phrase", "staff", "0127")
    here, elsewhere = _logged_in(app, "anna.byter", "anna first pass phrase"), _logged_in(app, "anna.byter",
                                                                                          "anna first pass phrase")
    wrong = here.post("/staff/password", {"current": "not my password", "new": "anna second pass phrase",
                                          "repeated": "anna second pass phrase"})
    assert wrong.status_code == 400
    assert "Det nuvarande lösenordet stämmer inte." in wrong.text
    mismatch = here.post("/staff/password", {"current": "anna first pass phrase", "new": "anna second pass phrase",
                                             "repeated": "anna second pass phrase!"})
    assert mismatch.status_code == 400 and "inte likadant båda gångerna" in mismatch.text
    short = here.post("/staff/password", {"current": "anna first pass phrase", "new": "kort", "repeated": "kort"})
    assert short.status_code == 400 and "Lösenordet behöver minst 12 tecken." in short.text
    changed = here.post("/staff/password", {"current": "anna first pass phrase", "new": "anna second pass phrase",
                                            "repeated": "anna second pass phrase"})
    assert changed.status_code == 303 and changed.headers["location"] == "/staff/password?changed=1"
    assert "Ditt lösenord är bytt." in here.get("/staff/password?changed=1").text  # still logged in here
    assert _logged_out(elsewhere)  # the other browser is not
    assert Person(app).login("anna.byter", "anna first pass phrase").status_code == 400
    assert Person(app).login("anna.byter", "anna second pass phrase").status_code == 303


def test_an_administrator_gives_a_one_time_link_shown_once_and_the_staff_member_chooses_a_password(runtime, app):
    staff = runtime.store.users.add("bo.glomde", "bo forgotten pass phrase", "staff", "0127")
    session = _logged_in(app, "bo.glomde", "bo forgotten pass phrase")
    admin = _logged_in(app, *ADMIN)
    made = admin.post(f"/admin/users/{staff.id}/reset")
    assert made.status_code == 303 and made.headers["location"] == f"/admin/users/{staff.id}/reset"
    shown = admin.get(made.headers["location"])
    link = re.search(r'value="(https://infogen\.example/staff/reset/[^"]+)"', shown.text).group(1)
    assert "Länken visas bara nu." in shown.text
    again = admin.get(made.headers["location"])  # a reload, or Back: the link is not shown twice
    assert link not in again.text and "Länken har redan visats en gång." in again.text

    path = link.removeprefix("https://infogen.example")
    visitor = Person(app)  # not logged in: the link is enough
    form = visitor.get(path)
    assert form.status_code == 200 and "Kontot bo.glomde." in form.text
    mismatch = visitor.post(path, {"new": "bo chosen pass phrase", "repeated": "bo chosen pass phrase?"})
    assert mismatch.status_code == 400 and "inte likadant båda gångerna" in mismatch.text
    done = visitor.post(path, {"new": "bo chosen pass phrase", "repeated": "bo chosen pass phrase"})
    assert done.status_code == 303 and done.headers["location"] == "/staff/login?reset=1"
    assert "Ditt nya lösenord är sparat." in visitor.get("/staff/login?reset=1").text
    assert _logged_out(session)
    assert Person(app).login("bo.glomde", "bo forgotten pass phrase").status_code == 400
    assert Person(app).login("bo.glomde", "bo chosen pass phrase").status_code == 303
    used = Person(app).get(path)
    assert used.status_code == 404 and "Länken fungerar inte längre" in used.text


def test_a_newer_link_replaces_the_older_one(runtime):
    staff = runtime.store.users.add("cia.tva.lankar", "cia first pass phrase", "staff", "0127")
    first = runtime.store.users.reset_link(staff.id, None)
    second = runtime.store.users.reset_link(staff.id, None)
    assert runtime.store.users.reset_for(first) is None and runtime.store.users.reset_for(second) == staff


def test_the_county_creates_staff_and_every_table_names_municipalities_not_codes(runtime, app):
    county = _logged_in(app, *COUNTY)
    created = county.post("/admin/users", {"username": "dan.norrtalje", "password": "norrtalje pass phrase",
                                           "role": "staff", "municipality": "0188"})
    assert created.status_code == 303
    listed = html.unescape(county.get(created.headers["location"]).text)
    assert "Kontot dan.norrtalje är skapat." in listed
    row = re.search(r"<tr>\s*<td>dan\.norrtalje</td>.*?</tr>", listed, re.S).group()
    assert "<td>Personal</td><td>Norrtälje</td>" in row and "0188" not in row
    assert "Nytt lösenord" in row and "Stäng av" in row  # the county may manage it too
    staff = _logged_in(app, "dan.norrtalje", "norrtalje pass phrase")
    assert "dan.norrtalje · Norrtälje" in html.unescape(staff.get("/staff/").text)


def test_a_deactivated_account_can_be_switched_on_again(runtime, app):
    staff = runtime.store.users.add("eva.paus", "eva pause pass phrase", "staff", "0127")
    admin = _logged_in(app, *ADMIN)
    assert admin.post(f"/admin/users/{staff.id}/active", {"active": "0"}).status_code == 303
    assert Person(app).login("eva.paus", "eva pause pass phrase").status_code == 400
    assert admin.post(f"/admin/users/{staff.id}/active", {"active": "1"}).status_code == 303
    assert Person(app).login("eva.paus", "eva pause pass phrase").status_code == 303


def test_the_command_line_sets_a_password_and_lists_accounts(tmp_path):
    var = tmp_path / "var"
    assert infogen("user", "add", "fia.county", "--password-stdin", stdin="fia first pass phrase\n", var=var).returncode == 0
    unknown = infogen("user", "password", "fia.cuonty", "--password-stdin", stdin="fia second pass phrase\n", var=var)
    assert unknown.returncode == 2 and "no account is called 'fia.cuonty'; accounts: fia.county" in unknown.stderr
    short = infogen("user", "password", "fia.county", "--password-stdin", stdin="kort\n", var=var)
    assert short.returncode == 2 and "The password must be at least 12 characters long." in short.stderr
    changed = infogen("user", "password", "fia.county", "--password-stdin", stdin="fia second pass phrase\n", var=var)
    assert changed.returncode == 0, changed.stderr
    from service.store import Store

    store = Store.open(f"sqlite:///{var / 'infogen.sqlite3'}")
    assert store.users.authenticate("fia.county", "fia second pass phrase") is not None
    listed = infogen("user", "list", var=var)
    assert re.search(r"fia\.county\s+county_admin\s+the county\s+active", listed.stdout)
