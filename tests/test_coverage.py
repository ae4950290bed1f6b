"""Coverage and freshness for the county: what each municipality's leaflets have, what is old,
which links failed, what to do — on the page, on the start page, from the command line — and
the link check, polite and bounded, against a server on loopback (never the internet)."""

from __future__ import annotations

import html
import json
import re
import threading
import time
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from service.coverage.links import LinkResult, Politeness, check_now
from service.runtime import Runtime
from service.settings import Settings
from service.web.app import create_app
from tests.staffing import Person
from tests.test_cli import infogen

COUNTY = ("tack.county", "county coverage pass phrase")
LIDINGO = ("tack.lidingo", "lidingo coverage pass phrase")


class _Site(BaseHTTPRequestHandler):
    """A small web site: /ok, /missing (404), /slow (answers after two seconds), /nohead (405 to
    HEAD, 200 to GET), /moved (redirects to /ok). It notes every request: when, how many at once,
    and who asked."""

    seen: list[tuple[float, str, str, str, int]] = []
    busy = 0
    lock = threading.Lock()

    def _answer(self, body: bool) -> None:
        with _Site.lock:
            _Site.busy += 1
            _Site.seen.append((time.monotonic(), self.headers["Host"], self.command, self.headers["User-Agent"],
                               _Site.busy))
        try:
            path = self.path.split("?")[0]
            if path.startswith("/slow"):
                time.sleep(2)
            status = {"/missing": 404, "/moved": 302}.get(path, 405 if path == "/nohead" and not body else 200)
            self.send_response(status)
            if status == 302:
                self.send_header("Location", "/ok")
            self.send_header("Content-Length", "2")
            self.end_headers()
            if body:
                self.wfile.write(b"ok")
        finally:
            with _Site.lock:
                _Site.busy -= 1

    def do_HEAD(self):  # noqa: N802
        self._answer(False)

    def do_GET(self):  # noqa: N802
        self._answer(True)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()


def test_the_link_check_says_what_failed_and_follows_redirects(site):
    _Site.seen.clear()
    base = f"http://127.0.0.1:{site}"
    results = check_now([f"{base}/ok", f"{base}/missing", f"{base}/nohead", f"{base}/moved", f"{base}/ok"],
                        "https://infogen.example", Politeness(pause=0, timeout=5))
    assert results == [LinkResult(f"{base}/ok", 200, ""), LinkResult(f"{base}/missing", 404, "status"),
                       LinkResult(f"{base}/nohead", 200, ""), LinkResult(f"{base}/moved", 200, "")]
    agents = {agent for *_, agent, _busy in _Site.seen}
    assert agents == {"infogen-linkcheck/0.1.0 (+https://infogen.example; checks that the links on its leaflets still "
                      "work)"}  # who asks, and where to find out more


def test_the_link_check_is_polite_one_request_at_a_time_per_host_with_a_pause(site):
    _Site.seen.clear()
    hosts = (f"127.0.0.1:{site}", f"localhost:{site}")
    urls = [f"http://{host}/ok?{n}" for n in range(4) for host in hosts]
    results = check_now(urls, "https://infogen.example", Politeness(concurrency=2, pause=0.3, timeout=5))
    assert all(not r.problem for r in results) and len(_Site.seen) == 8
    for host in hosts:
        times = [at for at, seen_host, *_ in _Site.seen if seen_host == host]
        assert all(b - a >= 0.29 for a, b in zip(times, times[1:])), times
    assert max(busy for *_, busy in _Site.seen) <= 2  # never more at once than the concurrency allows


def test_the_link_check_is_bounded_in_time_count_and_per_request(site):
    base = f"http://127.0.0.1:{site}"
    slow = check_now([f"{base}/slow"], "https://infogen.example", Politeness(timeout=0.5))
    assert slow == [LinkResult(f"{base}/slow", None, "timeout")]
    many = check_now([f"{base}/ok?{n}" for n in range(50)], "https://infogen.example",
                     Politeness(pause=0.2, time_limit=1.0, limit=20, timeout=2))
    assert len(many) == 20  # --limit
    # one host, 0.2 s apart: twenty would take four seconds; the limit of one stops it after about five
    assert {r.problem for r in many} == {"", "skipped"} and sum(r.problem == "skipped" for r in many) >= 10
    assert not any(r.failed for r in many)  # a link not reached in time is not a broken one


def test_the_command_line_checks_links_and_records_what_failed(site, tmp_path):
    base = f"http://127.0.0.1:{site}"
    var = tmp_path / "var"
    checked = infogen("links", "--check", "--json", "--pause", "0", "--url", f"{base}/ok", "--url", f"{base}/missing",
                      var=var)
    assert checked.returncode == 1, checked.stderr  # a failed link: for a scheduled job to notice
    rows = {row["url"]: row for row in json.loads(checked.stdout)}
    assert rows[f"{base}/ok"]["ok"] is True and rows[f"{base}/missing"]["status"] == 404
    assert rows[f"{base}/missing"]["problem"] == "answered with error code 404"
    assert "2 links checked: 1 answered, 1 failed, 0 not reached" in checked.stderr
    listed = infogen("links", "--url", f"{base}/missing", var=var)
    assert "answered with error code 404" in listed.stdout


@pytest.fixture(scope="module")
def runtime(tmp_path_factory) -> Runtime:
    var = tmp_path_factory.mktemp("var")
    runtime = Runtime.load(Settings.from_env({"INFOGEN_BASE_URL": "https://infogen.example",
                                              "INFOGEN_VAR_DIR": str(var)}))
    runtime.store.users.add(*COUNTY, "county_admin", None)
    runtime.store.users.add(*LIDINGO, "municipal_admin", "0186")
    return runtime


@pytest.fixture(scope="module")
def app(runtime):
    return create_app(runtime)


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.unescape(response.text)))


def test_the_county_sees_every_municipality_and_what_each_lacks(runtime, app):
    website = runtime.content.directory.municipalities["0127"].website.value
    runtime.store.links.record([LinkResult(website, 404, "status")], at=datetime(2026, 12, 1, 9, tzinfo=timezone.utc))
    county = Person(app)
    assert county.login(*COUNTY).status_code == 303
    page = county.get("/admin/coverage")
    assert page.status_code == 200
    text = _text(page)
    assert "av 26 kommuner har ett eget telefonnummer på bladen" in text
    assert len(re.findall(r'<section class="coverage-place" id="m-\d{4}"', page.text)) == 26
    lidingo = text[text.index("Lidingö Socialtjänstens nummer"):][:600]
    assert "Socialtjänstens nummer: finns" in lidingo and "Kvinno- eller tjejjourens nummer: finns" in lidingo
    assert "Socialjourens nummer (efter kontorstid): saknas" in lidingo and "Lägg till socialjourens telefonnummer" in lidingo
    botkyrka = text[text.index("Botkyrka Socialtjänstens nummer"):][:1500]
    assert f"Länken {website} (Botkyrka) fungerade inte vid kontrollen 2026-12-01: svarade med felkod 404." in botkyrka
    assert "Länkarna kontrollerades senast 2026-12-01." in text
    assert "språk erbjuds läsarna" in text


def test_a_municipal_administrator_sees_their_own_row_and_what_to_do_on_the_start_page(runtime, app):
    admin = Person(app)
    assert admin.login(*LIDINGO).status_code == 303
    start = _text(admin.get("/admin/"))
    assert "Så ser bladen för Lidingö ut just nu" in start
    assert "Lägg till socialjourens telefonnummer (kvällar, nätter och helger)" in start
    assert "Ändra kontaktuppgifterna för Lidingö" in start
    own = admin.get("/admin/coverage")
    assert own.status_code == 200 and len(re.findall(r'id="m-\d{4}"', own.text)) == 1 and 'id="m-0186"' in own.text


def test_old_facts_are_found_by_their_check_or_their_page_and_the_command_line_says_what_to_do(data_copy: Path,
                                                                                                 tmp_path):
    path = data_copy / "0186-lidingo.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('      value: "08-731 30 00"\n', '      value: "08-731 30 00"\n      published: 2023-05-02\n', 1)
    text = text.replace("checked: 2026-11-23", "checked: 2024-10-01", 2)  # the website, and the first contact's phone
    path.write_text(text, encoding="utf-8")
    result = infogen("coverage", "--json", var=tmp_path / "var", env={"INFOGEN_DATA_DIR": str(data_copy)})
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    lidingo = next(p for p in report["municipalities"] if p["code"] == "0186")
    assert {(f["field"], f["checked"], f["published"]) for f in lidingo["old_facts"]} == {
        ("website", "2024-10-01", None), ("phone", "2024-10-01", "2023-05-02")}
    assert lidingo["social_services_number"] and lidingo["shelter_number"] and not lidingo["after_hours_number"]
    assert any(t.startswith("Check 08-731 30 00 (Lidingö stads mottagningstelefon för våld i nära relation): the page "
                            "it was taken from is from 2023-05-02.") for t in lidingo["todo"])
    assert report["summary"]["municipalities"] == 26
    without = [p for p in report["municipalities"] if not p["social_services_number"]]
    assert without and all(p["todo"][0].startswith("Add the social services’ phone number") for p in without)
    table = infogen("coverage", var=tmp_path / "var", env={"INFOGEN_DATA_DIR": str(data_copy)})
    assert re.search(r"0186\s+Lidingö\s+2\s+yes\s+-\s+yes\s+2\s+0\s+3", table.stdout), table.stdout
