"""Fuzzing the web routes with schemathesis, in process against the real app.

The app serves no OpenAPI document (and must not: it would list the staff pages to anyone),
so the document is made here from the same route handlers, and then told what the routes
really answer: HTML pages, PDFs, JSON health checks, and for an anonymous visitor of the
staff and administration pages a way to the login page or a refusal. Every generated
request must get an answer that is not a server error, in a content type the document
names for its status.

Then the staff and administration operations once more, logged in (the session cookie and
the CSRF token of a real login), on an app and database of their own: as Botkyrka staff,
as Botkyrka's administrator and as the county administrator, with what each may reach
checked besides.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import schemathesis
from hypothesis import settings
from litestar import Litestar, Router
from litestar.openapi import OpenAPIConfig
from litestar.testing import TestClient
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.python.asgi import shutdown_lifespans
from schemathesis.specs.openapi.checks import content_type_conformance

from service.content.model import Audience, Topic
from service.i18n.languages import load_languages
from service.runtime import Runtime
from service.settings import ROOT, Settings
from service.store import User
from service.web import account, admin, coverage, handover, staff, stats, translate, users
from service.web.app import create_app
from service.web.contact_form import AUDIENCE_CHOICES, FLAG_CHOICES, HOURS_KINDS, KIND_CHOICES, TOPIC_CHOICES
from service.web.assets import font_asset
from service.web.public import healthz, index, landing, leaflet, municipalities, readyz, safe
from tests.staffing import BASE, CSRF_COOKIE, SESSION_COOKIE, Person

LANGUAGES = load_languages(ROOT / "locales" / "languages.yaml")
CODES = sorted(path.name[:4] for path in (ROOT / "municipalities").glob("[0-9][0-9][0-9][0-9]-*.yaml"))
TOPICS = [t.value for t in Topic]

# bounded and reproducible: about 2 000 requests for a reader and an anonymous visitor, some 20 s on a
# 2-core machine (the passes logged in, further down, another 1 800 or so in some 15–20 s)
FUZZ = settings(max_examples=60, deadline=None, derandomize=True, database=None)

CASES: dict[str, dict[str, Counter]] = {}  # pass -> operation -> status code -> requests


def _twin() -> dict:
    """The OpenAPI document Litestar makes for the app's own handlers (not served anywhere)."""
    app = Litestar(
        route_handlers=[index, landing, leaflet, safe, font_asset, municipalities, healthz, readyz,
                        Router(path="/staff", route_handlers=staff.HANDLERS + handover.HANDLERS + stats.HANDLERS
                                                                    + account.HANDLERS),
                        Router(path="/admin", route_handlers=admin.HANDLERS + users.HANDLERS + coverage.HANDLERS),
                        Router(path="/translate", route_handlers=translate.HANDLERS)],
        openapi_config=OpenAPIConfig(title="infogen", version="fuzz"),
    )
    return app.openapi_schema.to_schema()


def _real(values: list[str]) -> dict:
    """Real values, so that pages get rendered: the valid requests schemathesis makes; its
    invalid ones (negative mode) take any other string."""
    return {"type": "string", "enum": values}


def _query(name: str, schema: dict) -> dict:
    return {"name": name, "in": "query", "required": False, "schema": schema}


HTML = {"text/html": {"schema": {"type": "string"}}}
PDF = {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}
JSON = {"application/json": {"schema": {"type": "object"}}}


def _responses(**statuses: dict | None) -> dict:
    return {code.removeprefix("s"): {"description": code, **({"content": body} if body else {})}
            for code, body in statuses.items()}


def openapi_document() -> dict:
    document = _twin()
    paths = document["paths"]
    path_values = {"code": _real(CODES), "audience": _real([a.value for a in Audience]),
                   "language": _real(sorted(LANGUAGES)), "area": _real(CODES + ["actors"])}
    for operations in paths.values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "path" and parameter["name"] in path_values:
                    parameter["schema"] = path_values[parameter["name"]]

    topic = "(" + "|".join(TOPICS) + ")"
    topics = _query("topics", {"type": "string", "pattern": f"^{topic}(,{topic}){{0,4}}$"})
    qr = _query("qr", {"type": "string"})
    etag = {"name": "If-None-Match", "in": "header", "required": False, "schema": {"type": "string"}}
    leaflet_op = paths["/l/{code}/{audience}/{language}"]["get"]
    leaflet_op["parameters"] += [topics, qr, etag]
    # near misses (a code in capitals, a topic half typed) are sent on to the closest real address
    leaflet_op["responses"] = _responses(s200={**HTML, **PDF}, s301=None, s302=None, s304=None, s404=HTML)
    pdf_op = copy.deepcopy(leaflet_op)
    pdf_op["operationId"] += "Pdf"
    pdf_op["responses"] = _responses(s200=PDF, s301=None, s302=None, s304=None, s404=HTML)
    paths["/l/{code}/{audience}/{language}.pdf"] = {"get": pdf_op}

    paths["/"]["get"]["responses"] = _responses(s200=HTML)
    landing_op = paths["/l/{code}"]["get"]
    landing_op["parameters"].append(_query("lang", _real(sorted(LANGUAGES))))
    landing_op["responses"] = _responses(s200=HTML, s301=None, s302=None, s404=HTML)
    paths["/safe/{language}"]["get"]["responses"] = _responses(s200=HTML, s301=None, s302=None, s404=HTML)
    paths["/{language}"]["get"]["responses"] = _responses(s200=HTML, s301=None, s302=None, s404=HTML)
    paths["/assets/fonts/{name}"]["get"]["responses"] = _responses(
        s200={"text/css": {"schema": {"type": "string"}}, "font/woff2": {"schema": {"type": "string", "format": "binary"}}},
        s404=HTML)
    paths["/healthz"]["get"]["responses"] = _responses(s200=JSON)
    paths["/readyz"]["get"]["responses"] = _responses(s200=JSON, s503=JSON)

    # an anonymous visitor of the staff and administration pages: off to the login page (303),
    # refused (403, a POST without the CSRF token), or an address that does not exist (404); the
    # query the handlers read is sent too, though none of it may get past the login
    string = {"type": "string"}
    choice = {name: _query(name, string) for name in ("municipality", "audience", "topics", "print", "count")}
    choice["language"] = _query("language", {"type": "array", "items": string})
    reads = {"/staff": ["municipality"], "/staff/poster": ["municipality", "audience", "topics", "paper"],
             **{f"/staff/stats{ext}": ["from", "to", "municipality"] for ext in ("", ".csv", ".json")},
             **{f"/staff/{name}": list(choice) for name in ("pdf", "bilingual", "bilingual.pdf", "card", "handout",
                                                             "results", "qr", "link")},
             "/admin/contacts/{area}": ["published"], "/admin/contacts/{area}/rollback": ["number"]}
    for path, operations in paths.items():
        if path.startswith(("/staff", "/admin", "/translate")):
            for method, operation in operations.items():
                operation["responses"] = _responses(s303=None, s400=JSON, s403=HTML, s404=HTML, s405=JSON)
                if method == "get":
                    operation.setdefault("parameters", []).extend(
                        choice.get(name) or _query(name, string) for name in reads.get(path, []))
    login_form = paths["/staff/login"]["get"]
    login_form["parameters"] = [_query("next", {"type": "string"}), _query("ui", {"type": "string"})]
    login_form["responses"] = _responses(s200=HTML, s400=JSON, s405=JSON)
    return document


schema = schemathesis.openapi.from_dict(openapi_document())


@pytest.fixture(scope="module")
def app(runtime, request):
    if not request.config.pluginmanager.has_plugin(_Summary.name):
        request.config.pluginmanager.register(_Summary(), _Summary.name)
    yield create_app(runtime)
    # schemathesis starts the app's lifespan at the first request and would keep it (and its
    # counting task, writing to the shared test database) until the interpreter exits
    shutdown_lifespans()


class _Summary:
    """One line at the end of the run: how many requests the fuzzing sent, and what came back."""

    name = "infogen-fuzz-summary"

    def pytest_terminal_summary(self, terminalreporter):
        statuses, passes, operations = Counter(), [], set()
        for visitor, cases in CASES.items():
            answers = Counter()
            for operation, answered in cases.items():
                answers.update(answered)
                operations.add(operation)
            passes.append(f"{visitor} {answers.total()}")
            statuses.update(answers)
        answered = ", ".join(f"{status}: {n}" for status, n in sorted(statuses.items()))
        terminalreporter.write_line(f"schemathesis: {statuses.total()} generated requests over {len(operations)} "
                                    f"operations ({answered})" + (f"; per pass: {', '.join(passes)}" if passes else ""))


def _call(case, app, visitor: str = "anonymous", **kwargs):
    response = case.call(app=app, max_redirects=0, **kwargs)
    CASES.setdefault(visitor, {}).setdefault(case.operation.label, Counter())[response.status_code] += 1
    return response


def _shown(case, response) -> str:
    return f"{case.as_curl_command()} -> {response.status_code} {response.headers.get('content-type')}"


CHECKS = [not_a_server_error, content_type_conformance]


def _kept_private(case, response) -> None:
    """What every answer carries, error pages included: nothing stored in the browser for someone
    checking the device to find, no address sent on to another site."""
    font = case.path.startswith("/assets/") and response.status_code == 200  # a cut font: named by its hash
    assert response.headers.get("cache-control") == ["public, max-age=31536000, immutable" if font else "no-store"], \
        _shown(case, response)
    assert response.headers.get("referrer-policy") == ["no-referrer"], _shown(case, response)


@schema.include(path_regex="^/(l/|safe/|assets/|healthz$|readyz$|$|\\{language\\}$)").parametrize()
@FUZZ
def test_public_routes_answer_without_server_errors(case, app):
    """Whatever address a reader types or a damaged QR code gives: a page, a PDF or the page
    saying what does not exist, never a server error, and nothing that marks the reader."""
    response = _call(case, app)
    case.validate_response(response, checks=CHECKS)
    _kept_private(case, response)
    assert "set-cookie" not in response.headers, _shown(case, response)  # a reader is never marked


@schema.include(path_regex="^/(staff|admin|translate)(/|$)").parametrize()
@FUZZ
def test_staff_and_admin_routes_keep_anonymous_visitors_out(case, app):
    """Without a session, only the login form is a page; everything else sends the visitor to
    it (303), refuses (403, a form sent without the CSRF token), or is an error of the request
    (400 a malformed body, 404 no such address, 405 a method the address does not take, and
    to OPTIONS an empty 204)."""
    response = _call(case, app)
    case.validate_response(response, checks=CHECKS)
    _kept_private(case, response)
    if case.path == "/staff/login" and case.method == "GET" and response.status_code == 200:
        assert 'type="password"' in response.text, _shown(case, response)
        return
    if case.method == "OPTIONS" and response.status_code == 204:  # the methods it takes, nothing more
        assert not response.content, _shown(case, response)
        return
    assert response.status_code in (303, 400, 403, 404, 405), _shown(case, response)
    if response.status_code == 303:
        assert response.headers["location"][0].startswith("/staff/login?next="), _shown(case, response)


# Logged in: the same staff and administration operations, now with a session and the CSRF token,
# so that the handlers themselves read what is sent. On a runtime of its own (its own database and
# session store), since these requests publish contacts, roll them back and create accounts.

HOME, OTHER = "0127", "0180"  # Botkyrka, whose people fuzz, and Stockholm, whose data they may not see
PASSWORD = "fuzzing pass phrase"
VISITORS = {"staff": ("fuzz.staff", HOME), "municipal_admin": ("fuzz.admin", HOME),
            "county_admin": ("fuzz.county", None)}
# accounts to switch on and off, after the three above (ids 1–3): ids 4–7
TARGETS = [("botkyrka.staff", "staff", HOME), ("stockholm.staff", "staff", OTHER),
           ("stockholm.admin", "municipal_admin", OTHER), ("second.county", "county_admin", None)]

# fewer cases per operation than above, a good part of them making PDFs: the county administrator's
# pass has schemathesis' coverage cases besides (below)
LOGGED_IN_FUZZ = settings(max_examples=10, deadline=None, derandomize=True, database=None)
MEMBER_FUZZ = settings(LOGGED_IN_FUZZ, max_examples=15)

TEXT = {"text/plain": {"schema": {"type": "string"}}}
CSV = {"text/csv": {"schema": {"type": "string"}}}
PAGES = ("/staff/results", "/staff/qr", "/staff/link", "/staff/handover")  # the generator's pages, not files
GENERATING = ("/staff/pdf", "/staff/bilingual", "/staff/bilingual.pdf", "/staff/card", "/staff/handout",
              "/staff/poster", *PAGES)
STATS = ("/staff/stats", "/staff/stats.csv", "/staff/stats.json")


def _form(required: tuple[str, ...] = (), **properties: dict) -> dict:
    return {"required": True, "content": {"application/x-www-form-urlencoded": {"schema": {
        "type": "object", "properties": properties, "required": list(required), "additionalProperties": False}}}}


def _contact_fields(i: int) -> dict:
    """One contact block of the editing form, as the page names its fields."""
    string = {"type": "string"}
    some = lambda values: {"type": "array", "items": _real(values), "uniqueItems": True, "minItems": 1}  # noqa: E731
    fields = {"id": string, "name": {"type": "string", "minLength": 1}, "description": string, "source": string,
              "chat": string, "kind": _real(KIND_CHOICES),
              "phone": {"type": "string", "pattern": r"^0[1-9][0-9]{0,2}-[0-9]{2,3} [0-9]{2} [0-9]{2}$"},
              "web": {"type": "string", "pattern": r"^https://[a-z]{1,12}\.se(/[a-z]{0,8})?$"},
              "email": {"type": "string", "pattern": r"^[a-z]{1,8}@[a-z]{1,8}\.se$"},
              "hours_kind": _real(list(HOURS_KINDS)),
              "hours_from": {"type": "string", "pattern": r"^[0-2][0-9]:[0-5][0-9]$"},
              "hours_to": {"type": "string", "pattern": r"^[0-2][0-9]:[0-5][0-9]$"},
              "delete": _real(["", "on"]), "flags": some(FLAG_CHOICES), "audiences": some(AUDIENCE_CHOICES),
              "topics": some(TOPIC_CHOICES)}
    return {f"c{i}-{name}": schema for name, schema in fields.items()}


def logged_in_document() -> dict:
    """The staff and administration operations as someone logged in meets them: what each
    handler reads (the query, or the form it posts), and what it answers."""
    document = openapi_document()
    paths = document["paths"]
    string = {"type": "string"}
    number = {"type": "integer", "minimum": 0, "maximum": 4}  # revision numbers: the first few
    # few real choices, so that the PDFs they make are soon all made (the runtime keeps them); the
    # public pass above goes through the languages, audiences and topics
    languages = {"type": "array", "items": _real(["sv", "ar", "ti"]), "minItems": 1, "maxItems": 2,
                 "uniqueItems": True}
    asked = {"municipality": _real([HOME, OTHER]), "audience": _real(["victim", "child"]),
             "topics": _real(["close", "honour,sexual"]), "language": languages,
             "print": string, "count": _real(["1", "8"]), "paper": _real(["A4", "A3"]),
             "from": {"type": "string", "pattern": "^20[0-9]{2}-[01][0-9]-[0-3][0-9]$"},
             "to": {"type": "string", "pattern": "^20[0-9]{2}-[01][0-9]-[0-3][0-9]$"}, "published": string,
             "number": number}
    page_of = lambda *codes: {f"s{code}": HTML for code in codes}  # noqa: E731
    pdf = _responses(s200=PDF, **page_of(400, 403))
    answers = {
        ("get", "/staff/login"): _responses(s200=HTML),
        ("post", "/staff/login"): _responses(**page_of(400, 429)),
        ("post", "/staff/language"): _responses(s303=None),
        ("post", "/staff/logout"): _responses(s303=None),  # not sent below
        ("get", "/staff"): _responses(s200=HTML),
        ("post", "/staff/generate"): _responses(s303=None, **page_of(400, 403)),
        ("get", "/staff/results"): _responses(**page_of(200, 400, 403)),
        ("post", "/staff/handover"): _responses(s303=None, **page_of(400, 403)),
        ("get", "/staff/qr"): _responses(**page_of(200, 400, 403)),
        ("get", "/staff/link"): _responses(**page_of(200, 400, 403)),
        **{("get", path): pdf for path in GENERATING if path not in PAGES},
        ("get", "/staff/bilingual"): _responses(**page_of(200, 400, 403)),
        ("get", "/staff/stats"): _responses(**page_of(200, 400, 403)),
        ("get", "/staff/stats.csv"): _responses(s200=CSV, s400=TEXT, s403=HTML),
        ("get", "/staff/stats.json"): _responses(s200=JSON, s400=JSON, s403=HTML),
        ("get", "/admin"): _responses(**page_of(200, 403)),
        ("get", "/admin/users"): _responses(**page_of(200, 403)),
        ("get", "/admin/coverage"): _responses(**page_of(200, 403)),
        ("post", "/admin/users"): _responses(s303=None, **page_of(400, 403)),
        ("post", "/admin/users/{user_id}/active"): _responses(s303=None, **page_of(403, 404)),
        ("post", "/admin/users/{user_id}/reset"): _responses(s303=None, **page_of(403, 404)),
        ("get", "/admin/users/{user_id}/reset"): _responses(**page_of(200, 403, 404)),
        ("get", "/staff/password"): _responses(s200=HTML),
        ("post", "/staff/password"): _responses(s303=None, **page_of(400, 429)),
        ("get", "/staff/reset/{token}"): _responses(**page_of(200, 404)),
        ("post", "/staff/reset/{token}"): _responses(s303=None, **page_of(400, 404)),
        ("get", "/admin/contacts/{area}"): _responses(**page_of(200, 403, 404)),
        ("post", "/admin/contacts/{area}"): _responses(s303=None, **page_of(200, 400, 403, 404, 409)),
        ("get", "/admin/contacts/{area}/revisions"): _responses(**page_of(200, 403, 404)),
        ("post", "/admin/contacts/{area}/rollback"): _responses(s303=None, **page_of(403, 404, 409)),
        ("get", "/admin/contacts/{area}/rollback"): _responses(s400=JSON, **page_of(200, 403, 404)),
    }
    contacts = {"count": {"type": "integer", "minimum": 1, "maximum": 1}, "base": number,
                "action": _real(["preview", "publish"]), **_contact_fields(0)}
    bodies = {
        ("post", "/staff/login"): _form(username=string, password=string, next=string, ui=string),
        ("post", "/staff/language"): _form(lang=_real(["sv", "en"]), back=string),
        ("post", "/staff/generate"): _form(municipality=asked["municipality"], audience=asked["audience"],
                                          topics={"type": "array", "items": _real(TOPICS), "uniqueItems": True,
                                                  "maxItems": 2},
                                          language=languages, q=string, action=_real(["create", "filter"])),
        ("post", "/staff/handover"): _form(municipality=asked["municipality"], audience=asked["audience"],
                                          topics=asked["topics"], language=_real(["sv", "ar", "ti"]),
                                          format=_real(["qr", "link", "bilingual"]), back=string,
                                          copied=_real(["1"])),
        ("post", "/admin/users"): _form(username={"type": "string", "pattern": "^[a-z][a-z0-9._@+-]{1,20}$"},
                                        password=string, role=_real(["staff", "municipal_admin", "county_admin"]),
                                        municipality=asked["municipality"]),
        ("post", "/admin/users/{user_id}/active"): _form(active=_real(["0", "1"])),
        ("post", "/staff/password"): _form(current=string, new=string, repeated=string),
        ("post", "/staff/reset/{token}"): _form(new=string, repeated=string),
        ("post", "/admin/contacts/{area}"): _form(("count", "base", "c0-name", "c0-kind", "c0-audiences",
                                                   "c0-topics"), **contacts),  # as the page sends it
        ("post", "/admin/contacts/{area}/rollback"): _form(number=number, base=number),
    }
    poster = {"audience": _real(["victim"]), "topics": _real(["close"])}  # every language on it: a few posters
    choice = ["municipality", "audience", "topics", "language"]
    reads = {"/staff/pdf": [*choice, "print"], "/staff/bilingual": [*choice, "back"], "/staff/bilingual.pdf": choice,
             "/staff/results": [*choice, "copied"], "/staff/qr": [*choice, "back"], "/staff/link": [*choice, "back"],
             "/staff": ["municipality", "audience", "topics", "language", "q"],
             "/staff/card": [*choice, "count"], "/staff/handout": [*choice, "count"],
             "/admin/contacts/{area}/rollback": ["number"]}  # just what each one reads
    for path, operations in paths.items():
        if not path.startswith(("/staff", "/admin")):
            continue
        for method, operation in operations.items():
            names = reads.get(path) or [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
            operation["parameters"] = [p for p in operation.get("parameters", []) if p["in"] == "path"]
            values = {**asked, **poster} if path == "/staff/poster" else asked
            operation["parameters"] += [_query(name, values.get(name, string)) for name in names]
            if path in ("/admin/users/{user_id}/active", "/admin/users/{user_id}/reset"):
                operation["parameters"][0]["schema"] = {"type": "integer", "minimum": 1, "maximum": 8}
            operation["responses"] = {**answers[(method, path)], **_responses(s404=HTML, s405=JSON)}
            if (method, path) in bodies:
                operation["requestBody"] = bodies[(method, path)]
    return document


# The county administrator's pass goes through every handler's code with boundary values and
# malformed ones as well (schemathesis' coverage phase; methods the routes do not take were sent
# in the anonymous pass, refused before the login check). Botkyrka's staff and administrator run
# the same handlers with less: theirs is a question of what they may reach, asked by random cases.
logged_in = schemathesis.openapi.from_dict(
    logged_in_document(), config=SchemathesisConfig.from_dict({"phases": {"coverage": {"unexpected-methods": []}}}))
logged_in_briefly = schemathesis.openapi.from_dict(
    logged_in_document(), config=SchemathesisConfig.from_dict({"phases": {"coverage": {"enabled": False}}}))


@pytest.fixture(scope="module")
def staffed(tmp_path_factory, request):
    """An app on its own fresh database, with the accounts that fuzz and some to switch on and off."""
    if not request.config.pluginmanager.has_plugin(_Summary.name):
        request.config.pluginmanager.register(_Summary(), _Summary.name)
    var = tmp_path_factory.mktemp("fuzz-var")
    runtime = Runtime.load(Settings.from_env({"INFOGEN_BASE_URL": BASE, "INFOGEN_VAR_DIR": str(var)}))
    users = runtime.store.users
    accounts = {role: users.add(name, PASSWORD, role, municipality) for role, (name, municipality) in VISITORS.items()}
    targets = [users.add(name, PASSWORD, role, municipality) for name, role, municipality in TARGETS]
    assert [u.id for u in [*accounts.values(), *targets]] == list(range(1, 8))  # the user_id the document offers
    yield runtime, create_app(runtime), accounts
    shutdown_lifespans()


@dataclass
class Visitor:
    name: str  # as in the summary line
    role: str
    user: User
    cookies: dict[str, str]
    token: str


def _log_in(staffed, role: str) -> Visitor:
    """Logged in afresh for each pass, the account switched on again first (an earlier pass's
    administrator may have switched it off)."""
    runtime, app, accounts = staffed
    user = accounts[role]
    runtime.store.users.set_active(user.id, True)
    person = Person(app)
    assert person.login(user.username, PASSWORD).status_code == 303
    cookies = {name: person.client.cookies.get(name) for name in (SESSION_COOKIE, CSRF_COOKIE)}
    assert all(cookies.values())
    name = f"{role} {user.municipality}" if user.municipality else role
    return Visitor(name, role, user, cookies, cookies[CSRF_COOKIE])


@pytest.fixture(scope="module", params=["staff", "municipal_admin"], ids=["staff-0127", "municipal_admin-0127"])
def botkyrka(staffed, request) -> Visitor:
    return _log_in(staffed, request.param)


@pytest.fixture(scope="module")
def county(staffed) -> Visitor:
    return _log_in(staffed, "county_admin")


def _sent(response) -> dict[str, list[str]] | None:
    """What the app read: the query of a GET, the form of a POST; None for a body marked as
    multipart, which the app refuses (400) unless it can read it as such."""
    request = response.request
    if request.method != "POST":
        return parse_qs(urlsplit(request.url).query, keep_blank_values=True)
    content_type = request.headers.get("content-type") or ""
    if content_type.startswith("multipart/"):
        return None
    if "x-www-form-urlencoded" not in content_type:
        return {}  # any other body: no form in it
    body = request.body or b""
    return parse_qs(body.decode("utf-8", "replace") if isinstance(body, bytes) else body, keep_blank_values=True)


def _within_reach(visitor: Visitor, staffed, case, response) -> None:
    """A staff member never gets into the administration, and no one but the county sees or
    makes another municipality's leaflets, figures or contacts, or manages its accounts."""
    status = response.status_code
    if visitor.role == "county_admin" or status == 405:
        return
    path = unquote(urlsplit(response.request.url).path)
    sent = _sent(response)
    refused = status == 403 or (sent is None and status == 400)  # 400: a body the app could not read
    if path.startswith("/admin"):
        if visitor.role == "staff":  # the router refuses before any handler (404: no such route)
            unmatched = status == 404 and not re.fullmatch(r"/admin/users/-?\d+/(active|reset)", path)
            assert status == 403 or unmatched, _shown(case, response)
            return
        area = path.split("/")[3] if path.startswith("/admin/contacts/") else None
        if area in (*CODES, "actors") and area != HOME:
            assert status == 403, _shown(case, response)  # refused before the form is read
        if case.path == "/admin/users" and case.method == "POST" and (sent or {}).get("role", [""])[0] != "staff":
            assert refused, _shown(case, response)
        if case.path in ("/admin/users/{user_id}/active", "/admin/users/{user_id}/reset") and status != 404:
            other = staffed[0].store.users.get(int(path.split("/")[3]))
            if not (other.role == "staff" and other.municipality == HOME):
                assert refused, _shown(case, response)
    elif case.path in (*GENERATING, *STATS, "/staff/generate"):
        asked = (sent or {}).get("municipality", [""])[0]
        if asked and asked != HOME:
            # the figures read the period first: one that cannot be read is a 400 before anything is shown
            assert refused or (status == 400 and case.path in STATS), _shown(case, response)
        assert status != 200 or sent is not None, _shown(case, response)


def _fuzz_logged_in(case, staffed, visitor: Visitor) -> None:
    response = _call(case, staffed[1], visitor.name, cookies=visitor.cookies, headers={"x-csrftoken": visitor.token})
    case.validate_response(response, checks=CHECKS)
    _kept_private(case, response)
    location = (response.headers.get("location") or [""])[0]
    assert not location.startswith("/staff/login?next="), _shown(case, response)  # still logged in
    if response.status_code == 403:
        assert "CSRF" not in response.text, _shown(case, response)  # refused by the rules, not the token
    _within_reach(visitor, staffed, case, response)


STAFF_PAGES = "^/(staff|admin)(/|$)"


@logged_in_briefly.include(path_regex=STAFF_PAGES).exclude(path="/staff/logout").parametrize()
@MEMBER_FUZZ
def test_botkyrka_staff_and_administrator_reach_only_what_they_may(case, staffed, botkyrka):
    """Logged in as Botkyrka staff, then as Botkyrka's administrator, with the session cookie and
    the CSRF token of a real login: never a server error, answers in the content types the
    document names, the session kept throughout, and nothing beyond what the role may see or do
    (no administration for staff; no other municipality's leaflets, figures, contacts or
    accounts for either). Logging out is left out (it would end the session of the cases after
    it); the anonymous pass and tests/test_access.py send it."""
    _fuzz_logged_in(case, staffed, botkyrka)


@logged_in.include(path_regex=STAFF_PAGES).exclude(path="/staff/logout").parametrize()
@LOGGED_IN_FUZZ
def test_the_county_administrator_meets_no_server_error(case, staffed, county):
    """Logged in as the county administrator, who may do everything: whatever the query or the
    form, never a server error, answers in the content types the document names, and the
    session kept throughout (logging out left out, as above)."""
    _fuzz_logged_in(case, staffed, county)


def _county_administrator(staffed) -> Person:
    runtime, app, accounts = staffed
    runtime.store.users.set_active(accounts["county_admin"].id, True)
    person = Person(app)
    assert person.login(accounts["county_admin"].username, PASSWORD).status_code == 303
    return person


# Found by the county administrator's pass: revision numbers and account ids went to the database
# as they were sent, and one it cannot hold was a server error (on SQLite from 2**63; on PostgreSQL,
# whose INTEGER has 32 bits, from 2**31).

@pytest.mark.parametrize("number", [str(2**31), str(2**63), "56766013212376627414158600228120297472"])
def test_a_rollback_to_a_revision_number_no_database_holds_is_refused_naming_the_field(staffed, number):
    runtime = staffed[0]
    person = _county_administrator(staffed)
    stamp = runtime.store.contacts.stamp()
    response = person.post("/admin/contacts/0127/rollback", {"number": number, "base": "1"})
    assert response.status_code == 400
    assert response.json()["detail"] == "number: not a revision number (a whole number from 1 to 2147483647)"
    assert runtime.store.contacts.stamp() == stamp  # nothing published


def test_an_account_number_no_database_holds_is_an_account_that_does_not_exist(staffed):
    """An id in the address, like any other of no account (0, -1, 99): not found."""
    person = _county_administrator(staffed)
    for user_id in (2**31, 2**63, 0, -1, 99):
        response = person.post(f"/admin/users/{user_id}/active", {"active": "0"})
        assert response.status_code == 404, user_id
        assert "Adressen finns inte." in response.text


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_on_postgresql_too_numbers_past_its_integers_are_refused(database_url, tmp_path):
    """There the 32-bit INTEGER overflows at 2**31, which SQLite still holds."""
    runtime = Runtime.load(Settings.from_env({"INFOGEN_BASE_URL": BASE, "INFOGEN_VAR_DIR": str(tmp_path),
                                              "INFOGEN_DATABASE_URL": database_url}))
    runtime.store.users.add("pg.county", PASSWORD, "county_admin", None)
    person = Person(create_app(runtime))
    assert person.login("pg.county", PASSWORD).status_code == 303
    rollback = person.post("/admin/contacts/0127/rollback", {"number": str(2**31), "base": "1"})
    assert rollback.status_code == 400 and rollback.json()["detail"].startswith("number: ")
    assert person.post(f"/admin/users/{2**31}/active", {"active": "0"}).status_code == 404


def test_the_fuzzed_document_has_every_route_of_the_app(app):
    """The document above is made from a list of the handlers: a route added to the app but
    not to that list would go unfuzzed."""
    served = {(method, route.path_format) for route in app.routes for method in route.methods
              if method not in ("HEAD", "OPTIONS") and not route.path.startswith(("/static/", "/fonts/"))}
    documented = {(method.upper(), path) for path, operations in schema.raw_schema["paths"].items()
                  for method in operations if path != "/l/{code}/{audience}/{language}.pdf"}
    assert served == documented


def test_the_app_serves_no_description_of_its_routes(runtime):
    """The staff and administration addresses are listed nowhere a visitor could read them."""
    with TestClient(app=create_app(runtime)) as client:
        for path in ("/schema", "/schema/openapi.json", "/schema/openapi.yaml", "/schema/swagger",
                     "/schema/redoc", "/openapi.json"):
            response = client.get(path)
            assert response.status_code == 404, path
            assert "/staff" not in response.text and "/admin" not in response.text, path
