"""The translator's work through the pages, on SQLite and PostgreSQL: a county administrator
creates a translator for Arabic, who edits, previews, reviews, publishes and rolls back; what
readers and staff then see; and what a translator cannot reach."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from service.runtime import Runtime
from service.settings import Settings
from service.translations.exchange import key
from service.translations.model import State
from service.web.app import create_app
from tests.conftest import pdf_text
from tests.staffing import Person

PASSWORD = "translation pass phrase"
RIGHTS = "Dina rättigheter"
NEW_RIGHTS = "حقوقك في السويد"
REVIEWED = ("Gratis", "Tolk finns", "Dina barn har rätt till eget stöd.")


@pytest.fixture()
def setting(database_url, tmp_path: Path):
    runtime = Runtime.load(Settings.from_env({"INFOGEN_BASE_URL": "https://infogen.example",
                                              "INFOGEN_VAR_DIR": str(tmp_path), "INFOGEN_DATABASE_URL": database_url}))
    runtime.store.users.add("lena.county", PASSWORD, "county_admin", None)
    yield runtime, create_app(runtime)
    runtime.store.db.dispose()


def _translator(app) -> Person:
    county = Person(app)
    assert county.login("lena.county", PASSWORD).status_code == 303
    made = county.post("/admin/users", {"username": "amal.haddad", "password": PASSWORD, "role": "translator",
                                        "languages": "ar", "full_name": "Amal Haddad", "authorization": "AT-4711"})
    assert made.status_code == 303, made.text[:500]
    person = Person(app)
    login = person.login("amal.haddad", PASSWORD)
    assert login.status_code == 303 and login.headers["location"] == "/translate/"
    return person


def _arabic(runtime: Runtime) -> str:
    return runtime.public("0180", "victim", "ar", None, "html").body.decode()


def test_a_translator_edits_previews_reviews_publishes_and_rolls_back(setting):
    runtime, app = setting
    amal = _translator(app)
    old = runtime.content.catalogs.translations("ar").gettext(RIGHTS)
    saved = amal.post("/translate/ar/messages", {"key": key(RIGHTS), "text": NEW_RIGHTS, "action": "save"})
    assert saved.status_code == 303
    assert NEW_RIGHTS not in _arabic(runtime)  # not published: readers still see the old text

    preview = amal.get("/translate/ar/preview?audience=victim")
    assert preview.status_code == 200
    assert re.search(r'<div class="leaflet-preview" lang="ar" dir="rtl">', preview.text)
    assert NEW_RIGHTS in preview.text
    pdf = amal.get("/translate/ar/preview?audience=victim&format=pdf")
    assert pdf.headers["content-type"] == "application/pdf"

    for msgid in REVIEWED:
        text = runtime.content.catalogs.translations("ar").gettext(msgid)
        assert amal.post("/translate/ar/messages", {"key": key(msgid), "text": text, "action": "review"}
                         ).status_code == 303
    fresh = Person(app)  # the working copy is kept: a new login finds it
    fresh.login("amal.haddad", PASSWORD)
    listing = fresh.get("/translate/ar?state=edited").text
    assert "4 ändringar väntar på att publiceras" in listing

    published = amal.post("/translate/ar/publish", {"base": "1"})
    assert published.status_code == 303 and published.headers["location"] == "/translate/ar?published=2"
    assert NEW_RIGHTS in _arabic(runtime)  # at once, for readers
    entries = runtime.content.catalogs.entries["ar"]
    for msgid in REVIEWED:
        assert entries[msgid].state == State.reviewed
        assert (entries[msgid].reviewer, entries[msgid].authorization) == ("Amal Haddad", "AT-4711")
        assert entries[msgid].reviewed_on == date.today()
    assert entries[RIGHTS].state == State.draft  # edited, not marked reviewed
    assert "content version" not in _arabic(runtime)
    versions = amal.get("/translate/ar/versions").text
    assert "amal.haddad" in versions and "4 edits" in versions
    assert runtime.content.version_of("0180", "ar").endswith(".2")  # printed, and the render cache's key
    assert runtime.content.version_of("0180", "en").endswith(".1")  # other languages' leaflets keep theirs

    rolled = amal.post("/translate/ar/rollback", {"number": "1", "base": "2"})
    assert rolled.status_code == 303
    page = _arabic(runtime)
    assert NEW_RIGHTS not in page and old in page
    assert runtime.content.catalogs.state("ar", "Gratis") == State.draft


def test_a_translator_reaches_only_their_languages(setting):
    _runtime, app = setting
    amal = _translator(app)
    assert amal.get("/translate/").status_code == 200
    for path in ("/translate/fa", "/translate/fa/versions", "/staff/", "/staff/stats", "/admin/", "/admin/users",
                 "/admin/contacts/0180"):
        assert amal.get(path).status_code == 403, path
    refused = amal.post("/translate/fa/messages", {"key": key(RIGHTS), "text": "حقوق شما", "action": "save"})
    assert refused.status_code == 403


def test_a_refused_text_is_shown_again_as_typed_with_what_is_wrong(setting):
    runtime, app = setting
    amal = _translator(app)
    typed = "Call {emergency} now, 08-123 45 67"
    line = "Ring {emergency} om du eller någon annan är i fara just nu. Säg var du är."
    refused = amal.post("/translate/ar/messages", {"key": key(line), "text": typed, "action": "review"})
    assert refused.status_code == 400
    assert typed in refused.text
    assert "talen skiljer sig från svenskan" in refused.text and "ord som inte är skrivna med språkets skrift" \
        in refused.text
    assert runtime.store.translations.working_copy("ar").edits == {}


def test_the_printed_leaflet_says_what_the_data_says_about_its_review(setting):
    runtime, _app = setting
    draft = " ".join(pdf_text(runtime.public("0127", "child", "ar", "close", "pdf").body).split())
    assert "Översättningen är inte granskad av en auktoriserad översättare än." in draft
    store = runtime.store.translations
    current = store.current("ar")
    from service.translations.model import Reviewer

    everything = {m: e.reviewed_by(Reviewer(None, "Amal Haddad"), date(2026, 12, 2)) for m, e in
                  current.messages.items()}
    store.publish("ar", everything, None, current.number, "review")
    pdf = runtime.public("0127", "child", "ar", "close", "pdf").body
    text = " ".join(pdf_text(pdf).split())
    assert "Översättningen är granskad av en auktoriserad översättare (2 december 2026)." in text
    html = runtime.public("0127", "child", "ar", "close", "html").body.decode()
    assert "تمت مراجعة الترجمة من قبل مترجم معتمد" in html


def test_staff_see_each_languages_state_and_the_passages_not_yet_reviewed(setting):
    runtime, app = setting
    county = Person(app)
    county.login("lena.county", PASSWORD)
    store = runtime.store.translations
    current = store.current("en")
    from service.translations.model import Reviewer

    reviewed = {m: e.reviewed_by(Reviewer(None, "Jane Doe"), date(2026, 12, 2)) for m, e in current.messages.items()}
    reviewed["Gratis"] = replace(current.messages["Gratis"], state=State.outdated, previous="Gratis!")
    store.publish("en", reviewed, None, current.number, "review")
    generator = county.get("/staff/").text
    total = len(current.messages)
    assert f"{total - 1} av {total} granskade" in generator and "1 inaktuella" in generator
    chosen = county.post("/staff/generate", {"municipality": "0180", "audience": "victim", "topics": "close",
                                             "language": ["en", "ar"]})
    assert chosen.status_code == 303
    made = county.get(chosen.headers["location"])  # the results page
    assert made.status_code == 200
    english = made.text.split('id="r-en"')[1].split('id="r-ar"')[0] if 'id="r-ar"' in made.text.split('id="r-en"')[1] \
        else made.text.split('id="r-en"')[1]
    assert "1 av bladets texter är inte granskade" in english and "<li lang=\"sv\">Gratis</li>" in english
    overview = county.get("/translate/").text
    assert re.search(r'id="lang-en".*?delvis granskad', overview, re.S)
