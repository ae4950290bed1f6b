"""Usage for action 4.3, driven through the app: staff generations counted per municipality
and user, public views only as daily totals, and the same figures on the page, in the CSV,
in the JSON and on the command line."""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import re
import subprocess
import sys
from datetime import datetime, timedelta

import pytest

from service.runtime import Runtime
from service.settings import ROOT, Settings
from service.store import PendingViews, Usage
from service.store.database import Database
from service.store.usage import LOCAL
from service.web.app import create_app
from tests.staffing import Person

PASSWORD = "usage pass phrase 7"
STAFF = {"anna.0127": "0127", "bert.0127": "0127", "cia.0127": "0127", "dan.0180": "0180"}


@pytest.fixture(scope="module")
def var(tmp_path_factory):
    return tmp_path_factory.mktemp("var")


@pytest.fixture(scope="module")
def runtime(var) -> Runtime:
    runtime = Runtime.load(Settings.from_env({"INFOGEN_BASE_URL": "https://infogen.example",
                                              "INFOGEN_VAR_DIR": str(var)}))
    runtime.store.users.add("county.usage", PASSWORD, "county_admin", None)
    for name, code in STAFF.items():
        runtime.store.users.add(name, PASSWORD, "staff", code)
    return runtime


@pytest.fixture(scope="module")
def app(runtime):
    return create_app(runtime)


def person(app, username: str) -> Person:
    someone = Person(app)
    assert someone.login(username, PASSWORD).status_code == 303
    return someone


def generate(someone: Person, municipality: str, audience: str, *languages: str) -> str:
    """Choose, and land on the results page: nothing handed over yet. Its address."""
    form = {"municipality": municipality, "audience": audience, "topics": ["close", "honour"],
            "language": list(languages), "_csrf_token": someone.token()}
    response = someone.client.post("/staff/generate", data=form, follow_redirects=False)
    assert response.status_code == 303, response.text
    assert someone.get(response.headers["location"]).status_code == 200
    return response.headers["location"]


def hand_over(someone: Person, fmt: str, municipality: str, audience: str, language: str) -> None:
    """A button of the results page: the QR code shown, the link copied, the bilingual view."""
    response = someone.post("/staff/handover", {"municipality": municipality, "audience": audience,
                                                "topics": "close,honour", "language": language, "format": fmt})
    assert response.status_code == 303, response.text
    assert someone.get(response.headers["location"]).status_code == 200


def page_figures(html: str) -> dict[tuple[str, str, str], int]:
    return {tuple(key.split("|")): int(value)
            for key, value in re.findall(r'data-figure="([^"]+)">(\d+)<', html)}


def csv_figures(text: str) -> dict[tuple[str, str, str], int]:
    assert text.startswith("\ufeff")  # so that Excel reads it as UTF-8
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    return {(r["municipality"], r["measure"], r["key"]): int(r["value"]) for r in rows}


def json_figures(data: dict) -> dict[tuple[str, str, str], int]:
    figures = {("all", "municipalities_used", ""): data["municipalities_used"]}

    def add(code: str, use: dict) -> None:
        for name in ("users", "generations", "views"):
            figures[(code, name, "")] = use[name]
        for name, counts in use.items():
            if isinstance(counts, dict):
                measure = name.removeprefix("by_")
                figures.update({(code, measure, key): n for key, n in counts.items()})

    add("all", data["totals"])
    for place in data["municipalities"]:
        figures[(place["code"], "used", "")] = int(place["used"])
        add(place["code"], place)
    return figures


def cli(var, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "service", "stats", *args], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, "INFOGEN_VAR_DIR": str(var)})


def test_the_report_counts_municipalities_users_and_formats_the_same_everywhere(app, runtime, var):
    anna, bert, cia, dan = (person(app, name) for name in STAFF)
    results = generate(anna, "0127", "victim", "sv", "ar")  # two languages chosen: nothing handed over yet
    assert anna.get(results).status_code == 200  # looking again, or Back: still nothing
    hand_over(anna, "link", "0127", "victim", "ar")
    hand_over(anna, "qr", "0127", "victim", "sv")
    generate(bert, "0127", "victim", "ar")
    assert bert.get("/staff/pdf?municipality=0127&audience=victim&topics=close&language=ar").status_code == 200
    generate(cia, "0127", "youth", "ti")
    hand_over(cia, "bilingual", "0127", "youth", "ti")
    generate(dan, "0180", "victim", "sv", "en")
    assert dan.get("/staff/pdf?municipality=0180&audience=victim&topics=close&language=en&print=1").status_code == 200
    assert dan.get("/staff/pdf?municipality=0180&audience=victim&topics=close&language=sv").status_code == 200
    county = person(app, "county.usage")
    generate(county, "0136", "victim", "sv")  # the county trying it out: counted, but not as Haninge's use
    hand_over(county, "qr", "0136", "victim", "sv")
    reader = Person(app)  # public traffic: a link, a scanned code, a PDF
    for path in ("/l/0127/victim/ar", "/l/0127/victim/ar?qr", "/l/0127/victim/ar.pdf"):
        assert reader.client.get(path).status_code == 200
    assert runtime.views.flush() == 3
    today_ = datetime.now(LOCAL).date()
    seen_tomorrow = runtime.store.usage.report(today_, today_, ["0127"], today=today_ + timedelta(days=1)).places[0]
    assert (seen_tomorrow.views, seen_tomorrow.views_by_channel) == (3, {"link": 2, "qr": 1})
    assert seen_tomorrow.views_by_format == {"web": 2, "pdf": 1}
    # views of earlier days, as the service wrote them, to see them on every output below
    runtime.store.usage.add_views({(today_ - timedelta(days=1), "0127", "victim", "ar", "web", "qr"): 4,
                                   (today_ - timedelta(days=1), "0127", "youth", "ti", "pdf", "link"): 1})

    today = today_.isoformat()
    period = f"from={(today_ - timedelta(days=1)).isoformat()}&to={today}"
    page = county.get(f"/staff/stats?{period}")
    assert page.status_code == 200
    on_page = page_figures(page.text)
    as_csv = csv_figures(county.get(f"/staff/stats.csv?{period}").text)
    as_json = json_figures(county.get(f"/staff/stats.json?{period}").json())
    yesterday = (today_ - timedelta(days=1)).isoformat()
    by_cli_csv = cli(var, "--from", yesterday, "--to", today, "--format", "csv")
    by_cli_json = cli(var, "--from", yesterday, "--to", today, "--format", "json")
    assert by_cli_csv.returncode == 0 and by_cli_json.returncode == 0, by_cli_csv.stderr + by_cli_json.stderr

    expected = {
        ("all", "municipalities_used", ""): 2,
        ("0127", "used", ""): 1, ("0180", "used", ""): 1, ("0136", "used", ""): 0, ("0136", "generations", ""): 1,
        ("0136", "users", ""): 0,
        ("0127", "users", ""): 3, ("0180", "users", ""): 1,
        ("0127", "generations", ""): 4, ("0180", "generations", ""): 2,
        ("0127", "format", "link"): 1, ("0127", "format", "qr"): 1, ("0127", "format", "pdf"): 1,
        ("0127", "format", "bilingual"): 1, ("0180", "format", "print"): 1, ("0180", "format", "pdf"): 1,
        ("0127", "language", "ar"): 2, ("0127", "language", "sv"): 1, ("0127", "language", "ti"): 1,
        ("0180", "language", "sv"): 1, ("0180", "language", "en"): 1,
        ("0127", "audience", "victim"): 3, ("0127", "audience", "youth"): 1,
        # today's views are not shown before the day is over: only yesterday's
        ("0127", "views", ""): 5, ("0127", "views_channel", "link"): 1, ("0127", "views_channel", "qr"): 4,
        ("0127", "views_format", "web"): 4, ("0127", "views_format", "pdf"): 1, ("0180", "views", ""): 0,
        ("0127", "views_language", "ti"): 1, ("0127", "views_audience", "victim"): 4,
        ("all", "users", ""): 4, ("all", "generations", ""): 7, ("all", "language", "ar"): 2,
        ("all", "format", "pdf"): 2, ("all", "format", "qr"): 2, ("all", "views", ""): 5,
    }
    assert ("all", "format", "web") not in as_csv  # choosing languages is not handing leaflets over
    for key, value in expected.items():
        assert as_csv[key] == value, key
    assert as_json == as_csv
    assert csv_figures(by_cli_csv.stdout) == as_csv
    assert json_figures(json.loads(by_cli_json.stdout)) == as_csv
    assert len(on_page) > 26 * 5
    assert all(as_csv.get(key, 0) == value for key, value in on_page.items()), \
        {k: (v, as_csv.get(k)) for k, v in on_page.items() if as_csv.get(k, 0) != v}
    for key in (("all", "municipalities_used", ""), ("0127", "users", ""), ("0180", "users", ""),
                ("all", "language", "ti"), ("0127", "format", "pdf")):
        assert on_page[key] == as_csv[key]

    table = cli(var, "--from", yesterday, "--to", today).stdout
    assert "Municipalities that used the tool: 2 of 26" in table
    # users, leaflets, then pdf print qr link bilingual handout poster card web, then views
    assert re.search(r"0127\s+Botkyrka\s+3\s+4\s+1\s+0\s+1\s+1\s+1\s+0\s+0\s+0\s+0\s+5", table), table

    # charts drawn on the server, no script on the page
    assert page.text.count('<svg class="chart" role="img"') == 2 and "<script>" not in page.text

    # a staff member sees only their own municipality, and nothing of another
    own = anna.get(f"/staff/stats?{period}")
    assert own.status_code == 200
    figures = page_figures(own.text)
    assert figures[("0127", "users", "")] == 3 and not any(code == "0180" for code, _, _ in figures)
    assert anna.get(f"/staff/stats.json?{period}&municipality=0180").status_code == 403
    assert anna.get(f"/staff/stats.csv?{period}&municipality=0180").status_code == 403


def test_an_unreadable_period_is_named(app, var):
    county = person(app, "county.usage")
    page = county.get("/staff/stats?from=2026-13-01")
    assert page.status_code == 400 and "2026-13-01" in page.text and 'id="from" name="from"' in page.text
    assert 'aria-invalid="true"' in page.text
    far = county.get("/staff/stats.json?from=2026-01-01&to=9999-12-31")
    assert far.status_code == 400 and far.json()["field"] == "to"
    backwards = county.get("/staff/stats.json?from=2026-05-01&to=2026-04-01")
    assert backwards.status_code == 400 and backwards.json()["field"] == "to"
    wrong = cli(var, "--from", "yesterday")
    assert wrong.returncode == 2 and "--from" in wrong.stderr and "yesterday" in wrong.stderr


def test_a_failure_to_count_views_never_blocks_a_leaflet_and_is_logged(runtime, app, caplog):
    unreachable = Usage(Database("postgresql://postgres@127.0.0.1:9/none?connect_timeout=2"))
    pending = PendingViews(unreachable)
    kept, runtime.views = runtime.views, pending
    try:
        reader = Person(app)
        assert reader.client.get("/l/0180/victim/sv").status_code == 200
        with caplog.at_level(logging.ERROR, logger="infogen.usage"):
            assert pending.flush() == 0
        assert "public view counts not stored" in caplog.text
        pending._usage = runtime.store.usage  # the database is back: nothing was lost
        day = datetime.now(LOCAL).date()
        tomorrow = day + timedelta(days=1)  # views show once their day is over
        before = runtime.store.usage.report(day, day, ["0180"], today=tomorrow).places[0].views
        assert pending.flush() == 1
        after = runtime.store.usage.report(day, day, ["0180"], today=tomorrow).places[0].views
        assert after == before + 1
    finally:
        runtime.views = kept


def test_the_retention_setting_is_read_and_a_wrong_one_is_named():
    assert Settings.from_env({}).retention_months == 24
    assert Settings.from_env({"INFOGEN_RETENTION_MONTHS": "6"}).retention_months == 6
    with pytest.raises(SystemExit, match="INFOGEN_RETENTION_MONTHS.*'two'"):
        Settings.from_env({"INFOGEN_RETENTION_MONTHS": "two"})


def test_the_csv_opens_in_a_spreadsheet_in_columns_with_swedish_letters_intact(app, tmp_path):
    """LibreOffice Calc, headless, reads the download as a spreadsheet program set to Swedish
    does (semicolons; the byte order mark says UTF-8): seven columns, å, ä and ö as they are."""
    county = person(app, "county.usage")
    download = county.get("/staff/stats.csv?from=2026-01-01&to=2026-12-31")
    assert download.headers["content-type"].startswith("text/csv") and download.content.startswith(b"\xef\xbb\xbf")
    source = tmp_path / "usage.csv"
    source.write_bytes(download.content)
    converted = subprocess.run(
        ["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
         "--infilter=CSV:59,34,76", "--convert-to", "csv:Text - txt - csv (StarCalc):9,34,76", "--outdir",
         str(tmp_path / "out"), str(source)], capture_output=True, text=True, timeout=300)
    assert converted.returncode == 0, converted.stderr
    cells = [line.split("\t") for line in (tmp_path / "out" / "usage.csv").read_text(encoding="utf-8").splitlines()]
    assert cells[0][:7] == ["from", "to", "municipality", "name", "measure", "key", "value"]
    assert all(len(row) == 7 for row in cells), [row for row in cells if len(row) != 7][:3]
    names = {row[3] for row in cells[1:]}
    assert {"Järfälla", "Österåker", "Värmdö", "Täby", "Lidingö"} <= names
