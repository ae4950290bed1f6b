"""Fuzzing the web routes with schemathesis, in process against the real app.

The app serves no OpenAPI document (and must not: it would list the staff pages to anyone),
so the document is made here from the same route handlers, and then told what the routes
really answer: HTML pages, PDFs, JSON health checks, and for an anonymous visitor of the
staff and administration pages a way to the login page or a refusal. Every generated
request must get an answer that is not a server error, in a content type the document
names for its status.
"""

from __future__ import annotations

import copy
from collections import Counter

import pytest
import schemathesis
from hypothesis import settings
from litestar import Litestar, Router
from litestar.openapi import OpenAPIConfig
from litestar.testing import TestClient
from schemathesis.checks import not_a_server_error
from schemathesis.python.asgi import shutdown_lifespans
from schemathesis.specs.openapi.checks import content_type_conformance

from service.content.model import Audience, Topic
from service.i18n.languages import load_languages
from service.settings import ROOT
from service.web import admin, staff, stats
from service.web.app import create_app
from service.web.public import healthz, index, landing, leaflet, readyz, safe

LANGUAGES = load_languages(ROOT / "locales" / "languages.yaml")
CODES = sorted(path.name[:4] for path in (ROOT / "municipalities").glob("[0-9][0-9][0-9][0-9]-*.yaml"))
TOPICS = [t.value for t in Topic]

# bounded and reproducible: about 2 000 requests in all, some 20 s on a 2-core machine
FUZZ = settings(max_examples=60, deadline=None, derandomize=True, database=None)

CASES: dict[str, Counter] = {}  # operation -> status code -> requests


def _twin() -> dict:
    """The OpenAPI document Litestar makes for the app's own handlers (not served anywhere)."""
    app = Litestar(
        route_handlers=[index, landing, leaflet, safe, healthz, readyz,
                        Router(path="/staff", route_handlers=staff.HANDLERS + stats.HANDLERS),
                        Router(path="/admin", route_handlers=admin.HANDLERS)],
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
    leaflet_op["responses"] = _responses(s200={**HTML, **PDF}, s304=None, s404=HTML)
    pdf_op = copy.deepcopy(leaflet_op)
    pdf_op["operationId"] += "Pdf"
    pdf_op["responses"] = _responses(s200=PDF, s304=None, s404=HTML)
    paths["/l/{code}/{audience}/{language}.pdf"] = {"get": pdf_op}

    paths["/"]["get"]["responses"] = _responses(s200=HTML)
    landing_op = paths["/l/{code}"]["get"]
    landing_op["parameters"].append(_query("lang", _real(sorted(LANGUAGES))))
    landing_op["responses"] = _responses(s200=HTML, s404=HTML)
    paths["/safe/{language}"]["get"]["responses"] = _responses(s200=HTML, s404=HTML)
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
             **{f"/staff/{name}": list(choice) for name in ("pdf", "bilingual", "bilingual.pdf", "card", "handout")},
             "/admin/contacts/{area}": ["published"]}
    for path, operations in paths.items():
        if path.startswith(("/staff", "/admin")):
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
        statuses = Counter()
        for answers in CASES.values():
            statuses.update(answers)
        answered = ", ".join(f"{status}: {n}" for status, n in sorted(statuses.items()))
        terminalreporter.write_line(f"schemathesis: {statuses.total()} generated requests over {len(CASES)} "
                                    f"operations ({answered})")


def _call(case, app):
    response = case.call(app=app, max_redirects=0)
    CASES.setdefault(case.operation.label, Counter())[response.status_code] += 1
    return response


def _shown(case, response) -> str:
    return f"{case.as_curl_command()} -> {response.status_code} {response.headers.get('content-type')}"


CHECKS = [not_a_server_error, content_type_conformance]


def _kept_private(case, response) -> None:
    """What every answer carries, error pages included: nothing stored in the browser for someone
    checking the device to find, no address sent on to another site."""
    assert response.headers.get("cache-control") == ["no-store"], _shown(case, response)
    assert response.headers.get("referrer-policy") == ["no-referrer"], _shown(case, response)


@schema.include(path_regex="^/(l/|safe/|healthz$|readyz$|$)").parametrize()
@FUZZ
def test_public_routes_answer_without_server_errors(case, app):
    """Whatever address a reader types or a damaged QR code gives: a page, a PDF or the page
    saying what does not exist, never a server error, and nothing that marks the reader."""
    response = _call(case, app)
    case.validate_response(response, checks=CHECKS)
    _kept_private(case, response)
    assert "set-cookie" not in response.headers, _shown(case, response)  # a reader is never marked


@schema.include(path_regex="^/(staff|admin)(/|$)").parametrize()
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
