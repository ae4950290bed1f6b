"""The infogen command line, as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import sys
from pathlib import Path

from service.settings import ROOT
from tests.conftest import pdf_reader, pdf_text


VAR = Path(tempfile.mkdtemp(prefix="infogen-cli-"))  # the CLI's database, away from var/


def infogen(*args: str, stdin: str | None = None, var: Path = VAR, env: dict[str, str] | None = None
            ) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "service", *args], capture_output=True, text=True, cwd=ROOT,
                          input=stdin, env={**os.environ, "INFOGEN_VAR_DIR": str(var), **(env or {})})


def test_render_writes_a_pdf_without_a_server(tmp_path: Path):
    for lang in ("sv", "en"):
        out = tmp_path / f"leaflet-{lang}.pdf"
        result = infogen("render", "--municipality", "0180", "--audience", "victim", "--lang", lang,
                         "--format", "pdf", "--output", str(out))
        assert result.returncode == 0, result.stderr
        text = pdf_text(out.read_bytes())
        assert "112" in text and "Kvinnofridslinjen" in text and "020-50 50 50" in text
        assert pdf_reader(out.read_bytes()).trailer["/Root"]["/Lang"] == lang


def test_render_writes_html_with_topics(tmp_path: Path):
    out = tmp_path / "leaflet.html"
    result = infogen("render", "--municipality", "0127", "--audience", "youth", "--lang", "sv",
                     "--topics", "sexual", "--format", "html", "--output", str(out))
    assert result.returncode == 0, result.stderr
    html = out.read_text()
    assert "Sex och samtycke" in html and "Heder och kontroll" not in html


def test_render_says_what_is_unknown_and_lists_what_there_is():
    result = infogen("render", "--municipality", "9999", "--audience", "victim", "--lang", "sv",
                     "--output", "/dev/null")
    assert result.returncode == 2
    assert "no municipality is called '9999'; choose one of: 0114 (Upplands Väsby), 0115 (Vallentuna)" in result.stderr
    language = infogen("render", "--municipality", "0180", "--audience", "victim", "--lang", "xx", "--output", "/dev/null")
    assert language.returncode == 2 and "no language is called 'xx'; choose one of: sv (svenska)" in language.stderr
    assert "ti (tigrinja)" in language.stderr
    topic = infogen("render", "--municipality", "0180", "--audience", "victim", "--lang", "sv", "--topics", "close,x",
                    "--output", "/dev/null")
    assert topic.returncode == 2 and "no topic is called 'x'; choose one of: close, honour, trafficking, sexual" in \
        topic.stderr
    stats = infogen("stats", "--municipality", "0000")
    assert stats.returncode == 2 and "choose one of: 0114 (Upplands Väsby)" in stats.stderr


def test_a_bilingual_leaflet_of_swedish_beside_swedish_is_refused(tmp_path: Path):
    out = tmp_path / "both.pdf"
    result = infogen("render", "--municipality", "0180", "--audience", "victim", "--lang", "sv", "--format", "bilingual",
                     "--output", str(out))
    assert result.returncode == 2 and "a bilingual leaflet is Swedish beside another language" in result.stderr
    assert not out.exists()


def test_an_output_folder_that_does_not_exist_is_named_without_a_traceback(tmp_path: Path):
    result = infogen("render", "--municipality", "0180", "--audience", "victim", "--lang", "sv", "--output",
                     str(tmp_path / "missing" / "leaflet.pdf"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"the folder {tmp_path / 'missing'} does not exist; create it first or write elsewhere" in result.stderr


def test_version():
    result = infogen("--version")
    assert result.returncode == 0 and result.stdout.strip() == "infogen 0.1.0"


def test_a_poster_needs_no_language_and_a_leaflet_asks_for_one(tmp_path: Path):
    poster = tmp_path / "poster.pdf"
    made = infogen("render", "--municipality", "0180", "--audience", "victim", "--format", "poster",
                   "--output", str(poster))
    assert made.returncode == 0, made.stderr
    text = pdf_text(poster.read_bytes())
    assert "på ditt språk" in text and "svenska" in text and "English" in text
    missing = infogen("render", "--municipality", "0180", "--audience", "victim", "--output", str(tmp_path / "x.pdf"))
    assert missing.returncode == 2 and "Missing option '--lang'" in missing.stderr


def test_languages_json_lists_code_name_endonym_and_direction():
    result = infogen("languages", "--json")
    assert result.returncode == 0, result.stderr
    rows = {row["code"]: row for row in json.loads(result.stdout)}
    assert rows["sv"]["name_sv"] == "svenska" and rows["sv"]["endonym"] == "svenska"
    assert rows["en"]["endonym"] == "English" and rows["en"]["direction"] == "ltr"
    assert rows["en"]["coverage"] == 100 and rows["en"]["offered"] is True
    assert rows["en"]["state"] == "draft" and rows["en"]["reviewed"] == 0  # a draft until a translator reviews it


def test_languages_table_shows_draft_status():
    result = infogen("languages")
    assert result.returncode == 0
    assert "draft: 0 of" in result.stdout and " reviewed, " in result.stdout


def test_all_32_languages_are_complete_and_only_withheld_drafts_are_not_offered():
    rows = json.loads(infogen("languages", "--json").stdout)
    assert len(rows) >= 32
    assert all(row["coverage"] == 100 for row in rows)
    not_offered = {row["code"]: row["withheld"] for row in rows if not row["offered"]}
    assert all(reason for reason in not_offered.values())  # never hidden without a reason staff can read
    scripts = {row["script"] for row in rows if row["offered"]}
    assert {"Latn", "Cyrl", "Arab", "Hebr", "Ethi", "Thai"} <= scripts
    assert {row["code"] for row in rows if row["direction"] == "rtl" and row["offered"]} >= {"ar", "fa", "ckb", "ur", "yi"}


def test_render_refuses_a_withheld_language_unless_asked_for_a_draft(tmp_path: Path):
    out = tmp_path / "rom.pdf"
    args = ("render", "--municipality", "0180", "--audience", "victim", "--lang", "rom", "--output", str(out))
    refused = infogen(*args)
    assert refused.returncode == 2 and "rom is not offered to readers" in refused.stderr
    assert not out.exists()
    assert infogen(*args, "--draft").returncode == 0 and out.exists()


def test_render_warns_when_qr_codes_would_point_at_this_machine(tmp_path: Path):
    result = infogen("render", "--municipality", "0180", "--audience", "victim", "--lang", "sv",
                     "--output", str(tmp_path / "x.pdf"))
    assert "set INFOGEN_BASE_URL to the public address before printing" in result.stderr


def test_user_add_bootstraps_the_first_county_administrator(tmp_path: Path):
    from service.store import Store

    var = tmp_path / "var"
    created = infogen("user", "add", "lena.county", "--password-stdin", stdin="a long pass phrase\n", var=var)
    assert created.returncode == 0, created.stderr
    assert "created county_admin lena.county" in created.stderr
    store = Store.open(f"sqlite:///{var / 'infogen.sqlite3'}")
    assert store.users.authenticate("lena.county", "a long pass phrase").role == "county_admin"
    short = infogen("user", "add", "kim", "--password-stdin", stdin="short\n", var=var)
    assert short.returncode != 0 and "password: The password must be at least 12 characters long." in short.stderr


def test_export_data_writes_files_that_check_accepts(tmp_path: Path):
    out = tmp_path / "export"
    result = infogen("export-data", "--output", str(out), var=tmp_path / "var")
    assert result.returncode == 0, result.stderr
    assert len(list(out.glob("*.yaml"))) == 27
    checked = infogen("check", "--data", str(out))
    assert checked.returncode == 0, checked.stdout + checked.stderr
