"""The authorisation matrix: every role × every staff and administration route, own and
another municipality's data. A new route fails the completeness test until it is listed."""

from __future__ import annotations

import pytest

from service.runtime import Runtime
from service.settings import Settings
from service.translations.exchange import key
from service.web.app import create_app
from tests.staffing import Person, audit_headers

PASSWORD = "matrix pass phrase"
ROLES = ("anonymous", "staff", "municipal_admin", "county_admin", "translator")
GEN = "municipality={m}&audience=victim&topics=close&language=sv"
KEY = key("Dina rättigheter")

# (method, route pattern, concrete path, form) → expected status for
# anonymous, Botkyrka staff, Botkyrka administrator, county administrator, Arabic translator.
# 303 for anonymous: off to the login page; 303 otherwise: done, and on to the next page.
MATRIX = [
    ("GET", "/staff/login", "/staff/login", None, (200, 200, 200, 200, 200)),
    ("POST", "/staff/login", "/staff/login", {"username": "nobody", "password": "x" * 12}, (400, 400, 400, 400, 400)),
    ("POST", "/staff/language", "/staff/language", {"lang": "en"}, (303, 303, 303, 303, 303)),
    ("GET", "/staff", "/staff/", None, (303, 200, 200, 200, 403)),
    ("POST", "/staff/generate", "/staff/generate",
     {"municipality": "0127", "audience": "victim", "topics": "close", "language": "sv"}, (303, 303, 303, 303, 403)),
    ("POST", "/staff/generate", "/staff/generate",
     {"municipality": "0180", "audience": "victim", "topics": "close", "language": "sv"}, (303, 403, 403, 303, 403)),
    ("GET", "/staff/pdf", "/staff/pdf?" + GEN.format(m="0127"), None, (303, 200, 200, 200, 403)),
    ("GET", "/staff/pdf", "/staff/pdf?" + GEN.format(m="0180"), None, (303, 403, 403, 200, 403)),
    ("GET", "/staff/bilingual", "/staff/bilingual?" + GEN.format(m="0127").replace("=sv", "=ar"), None,
     (303, 200, 200, 200, 403)),
    ("GET", "/staff/bilingual", "/staff/bilingual?" + GEN.format(m="0180").replace("=sv", "=ar"), None,
     (303, 403, 403, 200, 403)),
    ("GET", "/staff/results", "/staff/results?" + GEN.format(m="0127"), None, (303, 200, 200, 200, 403)),
    ("GET", "/staff/results", "/staff/results?" + GEN.format(m="0180"), None, (303, 403, 403, 200, 403)),
    ("POST", "/staff/handover", "/staff/handover",
     {"municipality": "0127", "audience": "victim", "topics": "close", "language": "sv", "format": "qr"},
     (303, 303, 303, 303, 403)),
    ("POST", "/staff/handover", "/staff/handover",
     {"municipality": "0180", "audience": "victim", "topics": "close", "language": "sv", "format": "link"},
     (303, 403, 403, 303, 403)),
    ("GET", "/staff/qr", "/staff/qr?" + GEN.format(m="0127"), None, (303, 200, 200, 200, 403)),
    ("GET", "/staff/qr", "/staff/qr?" + GEN.format(m="0180"), None, (303, 403, 403, 200, 403)),
    ("GET", "/staff/link", "/staff/link?" + GEN.format(m="0127"), None, (303, 200, 200, 200, 403)),
    ("GET", "/staff/link", "/staff/link?" + GEN.format(m="0180"), None, (303, 403, 403, 200, 403)),
    ("GET", "/staff/stats", "/staff/stats", None, (303, 200, 200, 200, 403)),
    ("GET", "/staff/stats", "/staff/stats?municipality=0127", None, (303, 200, 200, 200, 403)),
    ("GET", "/staff/stats", "/staff/stats?municipality=0180", None, (303, 403, 403, 200, 403)),
    ("GET", "/staff/stats.csv", "/staff/stats.csv?municipality=0127", None, (303, 200, 200, 200, 403)),
    ("GET", "/staff/stats.csv", "/staff/stats.csv?municipality=0180", None, (303, 403, 403, 200, 403)),
    ("GET", "/staff/stats.json", "/staff/stats.json", None, (303, 200, 200, 200, 403)),
    ("GET", "/staff/stats.json", "/staff/stats.json?municipality=0180", None, (303, 403, 403, 200, 403)),
    ("GET", "/staff/handout", "/staff/handout?" + GEN.format(m="0127") + "&language=ar&count=1", None,
     (303, 200, 200, 200, 403)),
    ("GET", "/staff/handout", "/staff/handout?" + GEN.format(m="0180"), None, (303, 403, 403, 200, 403)),
    ("GET", "/staff/poster", "/staff/poster?municipality=0127&audience=victim", None, (303, 200, 200, 200, 403)),
    ("GET", "/staff/poster", "/staff/poster?municipality=0180&audience=victim&paper=A3", None, (303, 403, 403, 200, 403)),
    ("GET", "/staff/bilingual.pdf", "/staff/bilingual.pdf?" + GEN.format(m="0127").replace("=sv", "=ar"), None,
     (303, 200, 200, 200, 403)),
    ("GET", "/staff/bilingual.pdf", "/staff/bilingual.pdf?" + GEN.format(m="0180").replace("=sv", "=ti"), None,
     (303, 403, 403, 200, 403)),
    ("GET", "/staff/card", "/staff/card?" + GEN.format(m="0127") + "&count=2", None, (303, 200, 200, 200, 403)),
    ("GET", "/staff/card", "/staff/card?" + GEN.format(m="0180"), None, (303, 403, 403, 200, 403)),
    ("GET", "/admin", "/admin/", None, (303, 403, 200, 200, 403)),
    ("GET", "/admin/users", "/admin/users", None, (303, 403, 200, 200, 403)),
    ("GET", "/admin/coverage", "/admin/coverage", None, (303, 403, 200, 200, 403)),  # the administrator: their own row
    ("POST", "/admin/users", "/admin/users", {"username": "new.staff.{role}", "password": PASSWORD, "role": "staff"},
     (303, 403, 303, 400, 403)),  # the county administrator must say which municipality
    ("POST", "/admin/users", "/admin/users",
     {"username": "new.stockholm.staff.{role}", "password": PASSWORD, "role": "staff", "municipality": "0180"},
     (303, 403, 303, 303, 403)),  # a municipal administrator's staff are always their own municipality's
    ("POST", "/admin/users", "/admin/users",
     {"username": "new.admin.{role}", "password": PASSWORD, "role": "municipal_admin", "municipality": "0180"},
     (303, 403, 403, 303, 403)),
    ("POST", "/admin/users/{user_id:int}/active", "/admin/users/{stockholm_staff}/active", {"active": "1"},
     (303, 403, 403, 303, 403)),
    ("POST", "/admin/users/{user_id:int}/active", "/admin/users/{botkyrka_other}/active", {"active": "1"},
     (303, 403, 303, 303, 403)),
    ("POST", "/admin/users/{user_id:int}/reset", "/admin/users/{stockholm_staff}/reset", {}, (303, 403, 403, 303, 403)),
    ("POST", "/admin/users/{user_id:int}/reset", "/admin/users/{botkyrka_other}/reset", {}, (303, 403, 303, 303, 403)),
    ("GET", "/admin/users/{user_id:int}/reset", "/admin/users/{stockholm_staff}/reset", None, (303, 403, 403, 200, 403)),
    ("GET", "/admin/users/{user_id:int}/reset", "/admin/users/{botkyrka_other}/reset", None, (303, 403, 200, 200, 403)),
    ("GET", "/staff/password", "/staff/password", None, (303, 200, 200, 200, 200)),
    ("POST", "/staff/password", "/staff/password", {"current": "not it", "new": "x" * 12, "repeated": "x" * 12},
     (303, 400, 400, 400, 400)),
    # a one-time link needs no login: an unknown one is not found, whoever asks
    ("GET", "/staff/reset/{token:str}", "/staff/reset/not-a-token", None, (404, 404, 404, 404, 404)),
    ("POST", "/staff/reset/{token:str}", "/staff/reset/not-a-token", {"new": "x" * 12, "repeated": "x" * 12},
     (404, 404, 404, 404, 404)),
    ("GET", "/admin/contacts/{area:str}", "/admin/contacts/0127", None, (303, 403, 200, 200, 403)),
    ("GET", "/admin/contacts/{area:str}", "/admin/contacts/0180", None, (303, 403, 403, 200, 403)),
    ("GET", "/admin/contacts/{area:str}", "/admin/contacts/actors", None, (303, 403, 403, 200, 403)),
    ("POST", "/admin/contacts/{area:str}", "/admin/contacts/0127", {"count": "0", "base": "1", "action": "preview"},
     (303, 403, 200, 200, 403)),
    ("POST", "/admin/contacts/{area:str}", "/admin/contacts/0180", {"count": "0", "base": "1", "action": "preview"},
     (303, 403, 403, 200, 403)),
    ("POST", "/admin/contacts/{area:str}", "/admin/contacts/actors", {"count": "0", "base": "1", "action": "preview"},
     (303, 403, 403, 200, 403)),
    ("GET", "/admin/contacts/{area:str}/revisions", "/admin/contacts/0127/revisions", None, (303, 403, 200, 200, 403)),
    ("GET", "/admin/contacts/{area:str}/revisions", "/admin/contacts/0180/revisions", None, (303, 403, 403, 200, 403)),
    ("GET", "/admin/contacts/{area:str}/rollback", "/admin/contacts/0127/rollback?number=1", None, (303, 403, 200, 200, 403)),
    ("GET", "/admin/contacts/{area:str}/rollback", "/admin/contacts/0180/rollback?number=1", None, (303, 403, 403, 200, 403)),
    ("POST", "/admin/contacts/{area:str}/rollback", "/admin/contacts/0180/rollback", {"number": "1", "base": "1"},
     (303, 403, 403, 303, 403)),
    ("POST", "/admin/users", "/admin/users",
     {"username": "new.translator.{role}", "password": PASSWORD, "role": "translator", "languages": "ti",
      "full_name": "Ny Översättare"}, (303, 403, 403, 303, 403)),
    ("GET", "/translate", "/translate/", None, (303, 403, 403, 200, 200)),
    ("GET", "/translate/{code:str}", "/translate/ar", None, (303, 403, 403, 200, 200)),
    ("GET", "/translate/{code:str}", "/translate/fa", None, (303, 403, 403, 200, 403)),
    ("POST", "/translate/{code:str}/messages", "/translate/ar/messages",
     {"key": KEY, "text": "حقوقك", "action": "save"}, (303, 403, 403, 403, 303)),
    ("POST", "/translate/{code:str}/messages", "/translate/fa/messages",
     {"key": KEY, "text": "حقوق شما", "action": "save"}, (303, 403, 403, 403, 403)),
    ("GET", "/translate/{code:str}/preview", "/translate/ar/preview?audience=child", None, (303, 403, 403, 403, 200)),
    ("GET", "/translate/{code:str}/preview", "/translate/fa/preview", None, (303, 403, 403, 403, 403)),
    ("POST", "/translate/{code:str}/publish", "/translate/ar/publish", {"base": "99999"}, (303, 403, 403, 403, 409)),
    ("POST", "/translate/{code:str}/publish", "/translate/fa/publish", {"base": "1"}, (303, 403, 403, 403, 403)),
    ("GET", "/translate/{code:str}/versions", "/translate/ar/versions", None, (303, 403, 403, 200, 200)),
    ("GET", "/translate/{code:str}/versions", "/translate/fa/versions", None, (303, 403, 403, 200, 403)),
    ("POST", "/translate/{code:str}/rollback", "/translate/ar/rollback", {"number": "1", "base": "99999"},
     (303, 403, 403, 403, 409)),
    ("POST", "/translate/{code:str}/rollback", "/translate/fa/rollback", {"number": "1", "base": "1"},
     (303, 403, 403, 403, 403)),
    ("GET", "/translate/{code:str}/export", "/translate/ar/export?format=po", None, (303, 403, 403, 200, 200)),
    ("GET", "/translate/{code:str}/export", "/translate/fa/export", None, (303, 403, 403, 200, 403)),
    ("POST", "/translate/{code:str}/import", "/translate/ar/import", {"dry_run": "1"}, (303, 403, 403, 403, 400)),
    ("POST", "/translate/{code:str}/import", "/translate/fa/import", {"dry_run": "1"}, (303, 403, 403, 403, 403)),
    ("POST", "/staff/logout", "/staff/logout", {}, (303, 303, 303, 303, 303)),
]


@pytest.fixture(scope="module")
def setting(tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    runtime = Runtime.load(Settings.from_env({"INFOGEN_BASE_URL": "https://infogen.example",
                                              "INFOGEN_VAR_DIR": str(var)}))
    users = runtime.store.users
    accounts = {
        "staff": users.add("matrix.staff", PASSWORD, "staff", "0127"),
        "municipal_admin": users.add("matrix.admin", PASSWORD, "municipal_admin", "0127"),
        "county_admin": users.add("matrix.county", PASSWORD, "county_admin", None),
        "translator": users.add("matrix.translator", PASSWORD, "translator", None, languages=("ar",),
                                full_name="Matrix Translator"),
    }
    ids = {"stockholm_staff": users.add("stockholm.staff", PASSWORD, "staff", "0180").id,
           "botkyrka_other": users.add("botkyrka.other", PASSWORD, "staff", "0127").id}
    return runtime, create_app(runtime), accounts, ids


def test_the_matrix_covers_every_staff_admin_and_translation_route(setting):
    _, app, _, _ = setting
    routes = {(method, route.path) for route in app.routes for method in getattr(route, "methods", ())
              if route.path.startswith(("/staff", "/admin", "/translate")) and method not in ("HEAD", "OPTIONS")}
    listed = {(method, pattern) for method, pattern, *_ in MATRIX}
    assert routes == listed


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("row", MATRIX, ids=[f"{m} {p}" for m, _, p, _, _ in MATRIX])
def test_each_role_gets_what_it_may_and_nothing_more(setting, role, row):
    runtime, app, accounts, ids = setting
    method, _pattern, path, form, expected = row
    person = Person(app)
    if role != "anonymous":
        login = person.login(accounts[role].username, PASSWORD)
        assert login.status_code == 303
        audit_headers(login, "/staff/login")
    path = path.format(**ids)
    stamp = runtime.store.contacts.stamp(), runtime.store.translations.stamp()
    if method == "GET":
        response = person.get(path)
    else:
        response = person.post(path, {k: v.format(role=role) for k, v in (form or {}).items()})
    want = expected[ROLES.index(role)]
    assert response.status_code == want, response.text[:400]
    audit_headers(response, path)
    if want == 403 or role == "anonymous":
        assert (runtime.store.contacts.stamp(), runtime.store.translations.stamp()) == stamp  # refused: no change
