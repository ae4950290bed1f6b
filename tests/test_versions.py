"""The version history as an administrator reads it: what changed, in words and in the page's
language, when in Stockholm time, and nothing listed that nobody changed; restoring an old
version shows what it would change and asks first."""

from __future__ import annotations

import html
import re

import pytest

from service.runtime import Runtime
from service.settings import Settings
from service.store.usage import LOCAL
from service.web.app import create_app
from tests.staffing import Person, form_values

COUNTY = ("version.county", "county version pass phrase")


@pytest.fixture(scope="module")
def runtime(tmp_path_factory) -> Runtime:
    var = tmp_path_factory.mktemp("var")
    runtime = Runtime.load(Settings.from_env({"INFOGEN_BASE_URL": "https://infogen.example",
                                              "INFOGEN_VAR_DIR": str(var)}))
    runtime.store.users.add(*COUNTY, "county_admin", None)
    return runtime


@pytest.fixture(scope="module")
def county(runtime):
    person = Person(create_app(runtime))
    assert person.login(*COUNTY).status_code == 303
    return person


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.unescape(response.text)))


def test_an_edit_is_told_in_words_in_stockholm_time_without_changes_nobody_made(runtime, county):
    values = form_values(county.get("/admin/contacts/0180").text)  # Stockholm: a contact for some audiences
    values["c0-phone"] = ["0850800000"]
    values["c0-hours_kind"], values["c0-hours_from"], values["c0-hours_to"] = ["weekdays"], ["8"], ["16.30"]
    values["action"] = ["publish"]
    assert county.post("/admin/contacts/0180", values).status_code == 303
    revision = runtime.store.contacts.current("0180")
    name = revision.document().contacts[0].name
    page = _text(county.get("/admin/contacts/0180/revisions"))
    assert f"{name}: lade till telefonnumret 08-508 000 00" in page
    assert f"{name}: lade till öppettiderna vardagar 08:00–16:30" in page
    assert "gäller" not in page  # the form lists audiences in its own order: no change anyone made
    local = revision.created_at.astimezone(LOCAL)
    assert f"Version 2 · {local.day} " in page and f" {local.year} {local:%H:%M} · version.county" in page
    assert f"{revision.created_at:%H:%M}" not in page  # Stockholm is never at UTC
    assert "UTC" not in page and "weekdays" not in page and "social_services" not in page

    values = form_values(county.get("/admin/contacts/0180").text)
    values["c0-hours_to"] = ["17"]
    values["c0-flags"] = ["free", "interpreter"]
    values["action"] = ["publish"]
    assert county.post("/admin/contacts/0180", values).status_code == 303
    page = _text(county.get("/admin/contacts/0180/revisions"))
    assert f"{name}: ändrade öppettiderna från vardagar 08:00–16:30 till vardagar 08:00–17:00" in page
    assert f"{name}: fick kännetecknen Gratis, Tolk finns" in page

    assert county.post("/staff/language", {"lang": "en", "back": "/admin/"}).status_code == 303
    english = _text(county.get("/admin/contacts/0180/revisions"))
    assert f"{name}: changed the opening hours from weekdays 08:00–16:30 to weekdays 08:00–17:00" in english
    assert f"{name}: added the phone number 08-508 000 00" in english
    assert "from the supplied data files" in english
    assert county.post("/staff/language", {"lang": "sv", "back": "/admin/"}).status_code == 303


def test_restoring_an_old_version_shows_what_changes_and_asks_first(runtime, county):
    values = form_values(county.get("/admin/contacts/0186").text)
    values["c1-phone"] = ["08-767 03 04"]
    values["action"] = ["publish"]
    assert county.post("/admin/contacts/0186", values).status_code == 303
    current = runtime.store.contacts.current("0186")
    history = county.get("/admin/contacts/0186/revisions")
    assert 'action="/admin/contacts/0186/rollback"' not in history.text  # no button publishes at once
    asked = county.get(f"/admin/contacts/0186/rollback?number={current.number - 1}")
    assert asked.status_code == 200
    text = _text(asked)
    assert f"Återställ version {current.number - 1}?" in text
    assert "Lidingö kvinnojour: ändrade telefonnumret från 08-767 03 04 till 08-767 03 03" in text
    assert runtime.store.contacts.current("0186").number == current.number  # asking published nothing
    form = form_values(asked.text)
    done = county.post("/admin/contacts/0186/rollback", {"number": form["number"][0], "base": form["base"][0]})
    assert done.status_code == 303
    restored = runtime.store.contacts.current("0186")
    assert restored.number == current.number + 1 and restored.restores == current.number - 1
    assert restored.document().contacts[1].phone.value == "08-767 03 03"


def test_asking_to_restore_a_version_that_does_not_exist_is_not_found(county):
    assert county.get("/admin/contacts/0186/rollback?number=999").status_code == 404
    assert county.get("/admin/contacts/0186/rollback?number=x").status_code == 400
