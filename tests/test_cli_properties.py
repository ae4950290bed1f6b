"""The command line never answers bad input with a traceback (hypothesis over its arguments
and its data files): a message naming what is wrong, and an exit status of 1 or 2."""

from __future__ import annotations

import shutil
import string
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.cli import main
from service.settings import ROOT

CODES = ["0180", "0127", "9999", "180", "", "01800"]
LANGUAGES = ["sv", "ar", "ti", "rom", "xx", "sv,ar", "sv,,", ",", "SV", "sv-x-lattlast"]
words = st.text(alphabet=string.ascii_letters + string.digits + "åäö-_.,/:\\ \u202e\x00", max_size=12)
some = lambda values: st.one_of(st.sampled_from(values), words)  # noqa: E731
FUZZ = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture(scope="module")
def place(tmp_path_factory) -> dict[str, Path]:
    """A database of its own (seeded once), and a folder to write into."""
    var = tmp_path_factory.mktemp("var")
    out = tmp_path_factory.mktemp("out")
    return {"var": var, "out": out}


def run(place, args: list[str], stdin: str | None = None):
    result = CliRunner().invoke(main, args, input=stdin, env={"INFOGEN_VAR_DIR": str(place["var"])},
                                catch_exceptions=True)
    shown = result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, repr(result.exception), shown)
    assert "Traceback" not in shown, (args, shown)
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, shown)
    if result.exit_code:
        assert shown.strip(), args  # refused: with a message
    return result


def _output(place, name: str) -> str:
    return {"missing": str(place["out"] / "no such folder" / "x.pdf"), "folder": str(place["out"]),
            "stdout": "-"}.get(name, str(place["out"] / (name or "x")))


@given(municipality=some(CODES), audience=some(["victim", "child", "VICTIM"]), lang=some(LANGUAGES),
       topics=st.one_of(st.none(), some(["close", "close,honour", "x", ",,"])),
       fmt=st.sampled_from(["pdf", "html", "handout", "poster", "bilingual", "card", "docx"]),
       count=st.one_of(st.none(), st.sampled_from(["0", "1", "8", "9", "81", "-1", "x"])),
       output=st.one_of(st.sampled_from(["missing", "folder", "stdout"]), words))
@FUZZ
def test_render_says_what_is_wrong_with_any_arguments(place, municipality, audience, lang, topics, fmt, count, output):
    args = ["render", "--municipality", municipality, "--audience", audience, "--lang", lang, "--format", fmt,
            "--output", _output(place, output)]
    args += ["--topics", topics] if topics is not None else []
    args += ["--count", count] if count is not None else []
    run(place, args)


@given(args=st.lists(some(["render", "check", "stats", "user", "add", "password", "list", "coverage", "links",
                           "--json", "--from", "--to", "2026-02-30", "--municipality", "0180", "--format", "csv",
                           "export-data", "--output", "languages", "catalogs", "init", "xx", "--version", "--help",
                           "--data", "/nonexistent", "migrate", "--role", "staff", "--password-stdin"]),
                     max_size=6))
@FUZZ
def test_any_command_line_is_answered_without_a_traceback(place, args):
    if "serve" in args or ("links" in args and "--check" in args):
        return  # one serves until stopped; the other would go out on the network
    if "export-data" in args or "--output" in args:
        args = [str(place["out"] / "export") if a == "/nonexistent" else a for a in args]
    run(place, args, stdin="a long pass phrase\n")


@given(text=st.text(max_size=300), where=st.sampled_from(["0127-botkyrka.yaml", "_actors.yaml", "9999-nowhere.yaml"]))
@FUZZ
def test_check_reports_any_broken_data_file_by_line(place, tmp_path_factory, text, where):
    folder = tmp_path_factory.mktemp("data")
    shutil.copy(ROOT / "municipalities" / "_actors.yaml", folder)
    shutil.copy(ROOT / "municipalities" / "0127-botkyrka.yaml", folder)
    (folder / where).write_text(text, encoding="utf-8", errors="surrogatepass")
    result = run(place, ["check", "--data", str(folder)])
    if result.exit_code == 1:
        assert f"{where}:" in result.output or "problem" in result.output


def test_the_version_is_printed():
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == "infogen 0.1.0"
