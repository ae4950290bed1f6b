"""The staff and administration pages, used as their users would: log in, create accounts,
change a municipality's contacts, publish, see it in the leaflet and its PDF, roll back."""

from __future__ import annotations

import re

import pytest

from service.runtime import Runtime
from service.settings import Settings
from service.web.app import create_app
from tests.conftest import pdf_text
from tests.staffing import SESSION_COOKIE, Person, form_values

COUNTY = ("lena.lansstyrelsen", "county pass phrase 1")
BOTKYRKA_ADMIN = ("bo.admin", "botkyrka pass phrase")
BOTKYRKA_STAFF = ("sam.staff", "socialsekreterare 42")
NUMBER = "08-530 610 00"  # typed by the test administrator; never shipped


@pytest.fixture(scope="module")
def runtime(tmp_path_factory) -> Runtime:
    var = tmp_path_factory.mktemp("var")
    runtime = Runtime.load(Settings.from_env({"INFOGEN_BASE_URL": "https://infogen.example",
                                              "INFOGEN_VAR_DIR": str(var)}))
    runtime.store.users.add(*COUNTY, "county_admin", None)
    return runtime


@pytest.fixture(scope="module")
def app(runtime):
    return create_app(runtime)


@pytest.fixture()
def people(app):
    made: list[Person] = []

    def person() -> Person:
        made.append(Person(app))
        return made[-1]

    yield person
    for p in made:
        p.close()


def logged_in(people, username: str, password: str) -> Person:
    person = people()
    response = person.login(username, password)
    assert response.status_code == 303, response.text
    return person


def ensure_account(runtime, username, password, role, municipality):
    if not any(u.username == username for u in runtime.store.users.list()):
        runtime.store.users.add(username, password, role, municipality)


def publish_social_services(person: Person, code: str, number: str):
    """Fill in the empty 'new contact' block of the form with a social services number."""
    page = person.get(f"/admin/contacts/{code}")
    assert page.status_code == 200
    values = form_values(page.text)
    last = int(values["count"][0]) - 1
    values[f"c{last}-name"] = ["Socialtjänsten Botkyrka"]
    values[f"c{last}-kind"] = ["social_services"]
    values[f"c{last}-phone"] = [number]
    values[f"c{last}-hours_kind"] = ["weekdays"]
    values[f"c{last}-hours_from"] = ["08:00"]
    values[f"c{last}-hours_to"] = ["16:30"]
    values["action"] = ["publish"]
    return person.post(f"/admin/contacts/{code}", values)


def test_a_new_municipality_is_set_up_and_its_number_published_then_rolled_back(runtime, people):
    county = logged_in(people, *COUNTY)
    # the county administrator creates Botkyrka's administrator
    created = county.post("/admin/users", {"username": BOTKYRKA_ADMIN[0], "password": BOTKYRKA_ADMIN[1],
                                           "role": "municipal_admin", "municipality": "0127"})
    assert created.status_code == 303
    # who creates a staff account for Botkyrka
    admin = logged_in(people, *BOTKYRKA_ADMIN)
    created = admin.post("/admin/users", {"username": BOTKYRKA_STAFF[0], "password": BOTKYRKA_STAFF[1],
                                          "role": "staff"})
    assert created.status_code == 303
    staff_user = next(u for u in runtime.store.users.list("0127") if u.username == BOTKYRKA_STAFF[0])
    assert staff_user.role == "staff" and staff_user.municipality == "0127"

    before = admin.get("/l/0127/victim/sv").text
    assert NUMBER not in before
    published = publish_social_services(admin, "0127", NUMBER)
    assert published.status_code == 303, published.text

    web = admin.get("/l/0127/victim/sv")
    assert NUMBER in web.text and 'href="tel:+46853061000"' in web.text
    assert "Öppet vardagar" in web.text
    pdf = admin.get("/l/0127/victim/sv.pdf")
    assert NUMBER in pdf_text(pdf.content)

    history = admin.get("/admin/contacts/0127/revisions")
    assert BOTKYRKA_ADMIN[0] in history.text and NUMBER in history.text
    rolled = admin.post("/admin/contacts/0127/rollback", {"number": "1", "base": "2"})
    assert rolled.status_code == 303
    assert NUMBER not in admin.get("/l/0127/victim/sv").text
    assert NUMBER not in pdf_text(admin.get("/l/0127/victim/sv.pdf").content)
    restored = runtime.store.contacts.current("0127")
    assert restored.number == 3 and restored.restores == 1
    # the changed number itself stays in the history, with who published it
    assert [r.author for r in runtime.store.contacts.history("0127")] == [BOTKYRKA_ADMIN[0], BOTKYRKA_ADMIN[0], None]


def test_botkyrka_cannot_change_stockholm(runtime, people):
    ensure_account(runtime, *BOTKYRKA_ADMIN, "municipal_admin", "0127")
    ensure_account(runtime, *BOTKYRKA_STAFF, "staff", "0127")
    stamp = runtime.store.contacts.stamp()
    for account in (BOTKYRKA_STAFF, BOTKYRKA_ADMIN):
        person = logged_in(people, *account)
        assert person.get("/admin/contacts/0180").status_code == 403
        assert publish_like(person, "0180").status_code == 403
        assert person.post("/admin/contacts/0180/rollback", {"number": "1", "base": "1"}).status_code == 403
        assert person.get("/admin/contacts/actors").status_code == 403
    assert runtime.store.contacts.stamp() == stamp


def publish_like(person: Person, code: str):
    return person.post(f"/admin/contacts/{code}", {"count": "1", "base": "1", "c0-name": "Falsk jour",
                                                   "c0-kind": "womens_shelter", "c0-phone": "08-123 45 67",
                                                   "c0-audiences": "victim", "c0-topics": "close",
                                                   "action": "publish"})


def test_a_wrong_phone_number_is_refused_with_the_field_named_and_nothing_published(runtime, people):
    ensure_account(runtime, *BOTKYRKA_ADMIN, "municipal_admin", "0127")
    admin = logged_in(people, *BOTKYRKA_ADMIN)
    stamp = runtime.store.contacts.stamp()
    response = publish_social_services(admin, "0127", "0853061000 ring!")
    assert response.status_code == 400
    assert "Inget har publicerats" in response.text
    assert 'aria-invalid="true"' in response.text
    assert "Telefonnumret ”0853061000 ring!” innehåller annat än siffror" in response.text
    assert "0853061000 ring!" in response.text  # what was typed is still there to correct
    assert runtime.store.contacts.stamp() == stamp


def test_two_administrators_publishing_from_the_same_version_do_not_overwrite_each_other(runtime, people):
    ensure_account(runtime, *BOTKYRKA_ADMIN, "municipal_admin", "0127")
    first, second = logged_in(people, *BOTKYRKA_ADMIN), logged_in(people, *COUNTY)
    page_first, page_second = first.get("/admin/contacts/0127").text, second.get("/admin/contacts/0127").text
    values = form_values(page_first)
    last = int(values["count"][0]) - 1
    values.update({f"c{last}-name": ["Jour A"], f"c{last}-kind": ["womens_shelter"],
                   f"c{last}-phone": ["08-111 11 11"], "action": ["publish"]})
    assert first.post("/admin/contacts/0127", values).status_code == 303
    values = form_values(page_second)
    values.update({f"c{last}-name": ["Jour B"], f"c{last}-kind": ["womens_shelter"],
                   f"c{last}-phone": ["08-222 22 22"], "action": ["publish"]})
    refused = second.post("/admin/contacts/0127", values)
    assert refused.status_code == 409 and "Ladda om sidan" in refused.text
    leaflet = first.get("/l/0127/victim/sv").text
    assert "08-111 11 11" in leaflet and "08-222 22 22" not in leaflet


def test_preview_shows_the_draft_without_publishing(runtime, people):
    admin = logged_in(people, *COUNTY)
    stamp = runtime.store.contacts.stamp()
    values = form_values(admin.get("/admin/contacts/0180").text)
    last = int(values["count"][0]) - 1
    values.update({f"c{last}-name": ["Förhandsjouren"], f"c{last}-kind": ["womens_shelter"],
                   f"c{last}-phone": ["08-333 33 33"], "action": ["preview"]})
    preview = admin.post("/admin/contacts/0180", values)
    assert preview.status_code == 200
    assert "Förhandsgranskning" in preview.text and "08-333 33 33" in preview.text
    assert runtime.store.contacts.stamp() == stamp
    assert "08-333 33 33" not in admin.get("/l/0180/victim/sv").text


def test_a_leaflet_counts_when_it_is_handed_over_and_never_twice(runtime, people):
    """Choosing counts nothing (post, redirect, get: Back and reload are harmless); each way of
    handing a leaflet over counts once, as what it is; previews count nothing."""
    ensure_account(runtime, *BOTKYRKA_STAFF, "staff", "0127")
    staff = logged_in(people, *BOTKYRKA_STAFF)
    user = next(u for u in runtime.store.users.list("0127") if u.username == BOTKYRKA_STAFF[0])
    before = len(runtime.store.usage.generations("0127"))
    chosen = staff.post("/staff/generate", {"municipality": "0127", "audience": "youth",
                                            "topics": ["close", "honour"], "language": ["ar", "ti"]})
    assert chosen.status_code == 303
    results = staff.get(chosen.headers["location"])
    assert results.status_code == 200 and staff.get(chosen.headers["location"]).status_code == 200  # a reload
    assert "https://infogen.example/l/0127/youth/ar?topics=close,honour" in results.text
    assert "<svg" not in results.text  # the QR code is shown on purpose, and counted then
    assert "Förhandsgranska" in results.text and len(runtime.store.usage.generations("0127")) == before
    query = "municipality=0127&audience=youth&topics=close,honour&language=ar"
    pdf = staff.get(f"/staff/pdf?{query}")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert "attachment" in pdf.headers["content-disposition"]
    assert staff.get(f"/staff/pdf?{query}&print=1").headers["content-disposition"].startswith("inline")
    shown = {}
    for fmt in ("qr", "link", "bilingual"):
        answer = staff.post("/staff/handover", {"municipality": "0127", "audience": "youth", "topics": "close,honour",
                                                "language": "ti", "format": fmt, "back": chosen.headers["location"]})
        assert answer.status_code == 303
        shown[fmt] = staff.get(answer.headers["location"])
        assert staff.get(answer.headers["location"]).status_code == 200  # reloaded: not counted again
    assert "<svg" in shown["qr"].text and 'value="https://infogen.example/l/0127/youth/ti?topics=close,honour"' in \
        shown["link"].text
    assert 'dir="ltr"' in shown["bilingual"].text and 'lang="ti"' in shown["bilingual"].text
    assert f'href="{chosen.headers["location"]}"'.replace("&", "&amp;") in shown["qr"].text  # back to all of them
    events = runtime.store.usage.generations("0127")[before:]
    assert [(e.language, e.format) for e in events] == [("ar", "pdf"), ("ar", "print"), ("ti", "qr"), ("ti", "link"),
                                                        ("ti", "bilingual")]
    assert all(e.user_id == user.id and e.audience == "youth" and e.topics == ("close", "honour") for e in events)


def test_the_generator_remembers_the_accounts_last_choice_and_ticks_nothing_else(runtime, people):
    runtime.store.users.add("ny.personal", "ny personal pass phrase", "staff", "0127")
    staff = logged_in(people, "ny.personal", "ny personal pass phrase")
    first = staff.get("/staff/").text
    assert " checked" not in first  # not Swedish, not an audience, not a topic: nothing this person did not choose
    staff.post("/staff/generate", {"municipality": "0127", "audience": "child", "topics": ["close"],
                                   "language": ["so", "ar"]})
    again = staff.get("/staff/").text
    checked = re.findall(r'<input type="(?:radio|checkbox)" name="(\w+)" value="([\w-]+)" checked>', again)
    assert sorted(checked) == [("audience", "child"), ("language", "ar"), ("language", "so"), ("topics", "close")]


def test_the_language_filter_works_without_javascript(runtime, people):
    ensure_account(runtime, *BOTKYRKA_STAFF, "staff", "0127")
    staff = logged_in(people, *BOTKYRKA_STAFF)
    filtered = staff.post("/staff/generate", {"municipality": "0127", "audience": "victim", "topics": ["close"],
                                              "language": ["ti"], "q": "arab", "action": "filter"})
    assert filtered.status_code == 303 and filtered.headers["location"].startswith("/staff/?")
    page = staff.get(filtered.headers["location"]).text
    visible = re.findall(r'<label class="choice" data-names="[^"]*">\s*<input type="checkbox" name="language" '
                         r'value="([\w-]+)"', page)
    assert visible == ["ar", "ti"] or sorted(visible) == ["ar", "ti"]  # Arabic, and what was ticked already
    assert 'value="ti" checked' in page and 'value="victim" checked' in page and 'value="close" checked' in page
    for query, code in (("arabiska", "ar"), ("Somali", "so"), ("tigrinya", "ti"), ("فارسی", "fa"), ("SVENSKA", "sv")):
        found = staff.post("/staff/generate", {"municipality": "0127", "q": query, "action": "filter"})
        shown = re.findall(r'data-names="[^"]*">\s*<input type="checkbox" name="language" value="([\w-]+)"',
                           staff.get(found.headers["location"]).text)
        assert code in shown and len(shown) < 10, (query, shown)


def test_login_is_refused_after_five_wrong_passwords_even_with_the_right_one(runtime, people):
    runtime.store.users.add("target.user", "the right password", "staff", "0180")
    person = people()
    for _ in range(5):
        assert person.login("target.user", "a wrong password!").status_code == 400
    locked = person.login("target.user", "the right password")
    assert locked.status_code == 429 and "Försök igen om en stund" in locked.text
    assert SESSION_COOKIE not in locked.headers.get("set-cookie", "")


def test_a_form_without_the_csrf_token_is_refused(runtime, people):
    county = logged_in(people, *COUNTY)
    response = county.post("/admin/users", {"username": "sneaky", "password": "sneaky password 1",
                                            "role": "county_admin"}, csrf=False)
    assert response.status_code == 403
    assert not any(u.username == "sneaky" for u in runtime.store.users.list())


def test_login_starts_a_new_session_and_logout_ends_it(people):
    person = people()
    person.client.cookies.set(SESSION_COOKIE, "planted-by-someone-else", domain="infogen.example")
    response = person.login(*COUNTY)
    new = person.client.cookies.get(SESSION_COOKIE)
    assert new and new != "planted-by-someone-else"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "Secure" in cookie and "SameSite=strict" in cookie
    assert person.get("/staff/").status_code == 200
    assert person.post("/staff/logout").status_code == 303
    person.client.cookies.set(SESSION_COOKIE, new, domain="infogen.example")  # replaying the old token
    assert person.get("/staff/").status_code == 303


def test_a_deactivated_account_is_logged_out(runtime, people):
    ensure_account(runtime, *BOTKYRKA_ADMIN, "municipal_admin", "0127")
    runtime.store.users.add("leaving.staff", "leaving password 1", "staff", "0127")
    staff = logged_in(people, "leaving.staff", "leaving password 1")
    admin = logged_in(people, *BOTKYRKA_ADMIN)
    user = next(u for u in runtime.store.users.list("0127") if u.username == "leaving.staff")
    assert admin.post(f"/admin/users/{user.id}/active", {"active": "0"}).status_code == 303
    assert staff.get("/staff/").status_code == 303
    assert staff.login("leaving.staff", "leaving password 1").status_code == 400


def test_public_pages_set_no_cookie_even_for_a_logged_in_person(people):
    county = logged_in(people, *COUNTY)
    for path in ("/", "/l/0127", "/l/0127?lang=ar", "/l/0127/victim/sv", "/l/0127/victim/ar.pdf", "/safe/fa",
                 "/l/9999/victim/sv", "/static/leaflet.css", "/nowhere"):
        response = county.get(path)
        assert "set-cookie" not in response.headers, path
        assert response.headers["referrer-policy"] == "no-referrer"


def test_the_staff_pages_speak_english_on_request(people):
    county = logged_in(people, *COUNTY)
    assert "Skapa informationsblad" in county.get("/staff/").text
    assert county.post("/staff/language", {"lang": "en", "back": "/staff/"}).status_code == 303
    page = county.get("/staff/").text
    assert '<html lang="en"' in page and "Create a leaflet" in page and "Skapa informationsblad" not in page


def test_a_weak_password_is_refused_when_an_account_is_made(runtime, people):
    admin = logged_in(people, *COUNTY)
    for password, says in [("kort lösen", "minst 12 tecken"), ("x" * 257, "högst 256 tecken"),
                           ("Ny.Person hemligt", "får inte innehålla användarnamnet")]:
        refused = admin.post("/admin/users", {"username": "ny.person", "password": password, "role": "municipal_admin",
                                              "municipality": "0127"})
        assert refused.status_code == 400 and says in refused.text
    assert "ny.person" not in [u.username for u in runtime.store.users.list()]


def test_the_secret_key_comes_from_the_environment_and_is_never_written(tmp_path):
    settings = Settings.from_env({"INFOGEN_VAR_DIR": str(tmp_path), "INFOGEN_SECRET_KEY": "k" * 64})
    assert settings.secret() == "k" * 64
    assert not (tmp_path / "secret_key").exists()
    # without one (a single machine, `make run`), a key is made on the machine, readable by its owner only
    made = Settings.from_env({"INFOGEN_VAR_DIR": str(tmp_path)}).secret()
    assert len(made) == 64 and (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
