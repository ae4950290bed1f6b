"""Translation catalogs: in step with the code, complete where offered, placeholders intact."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

from service.i18n.check import check_catalogs
from service.settings import ROOT


def test_the_committed_template_holds_every_message_of_the_code(tmp_path: Path):
    fresh = tmp_path / "messages.pot"
    pybabel = str(Path(sys.executable).parent / "pybabel")
    subprocess.run([pybabel, "-q", "extract", "-F", "babel.cfg",
                    "-k", "N_", "-o", str(fresh), "."], cwd=ROOT, check=True)
    with open(fresh, "rb") as f:
        extracted = {m.id for m in read_po(f) if m.id}
    with open(ROOT / "locales" / "messages.pot", "rb") as f:
        committed = {m.id for m in read_po(f) if m.id}
    assert extracted - committed == set(), "run `make update` and translate the new messages"
    assert committed - extracted == set(), "run `make update` to drop messages the code no longer has"


def test_the_staff_pages_are_fully_in_english_too(tmp_path: Path):
    fresh = tmp_path / "staff.pot"
    pybabel = str(Path(sys.executable).parent / "pybabel")
    subprocess.run([pybabel, "-q", "extract", "-F", "babel-staff.cfg", "--no-default-keywords", "-k", "S_",
                    "-k", "_", "-o", str(fresh), "."], cwd=ROOT, check=True)
    with open(fresh, "rb") as f:
        extracted = {m.id for m in read_po(f) if m.id}
    with open(ROOT / "locales" / "staff.pot", "rb") as f:
        committed = {m.id for m in read_po(f) if m.id}
    assert extracted == committed, "run `make update` and translate the new messages"
    with open(ROOT / "locales" / "en" / "LC_MESSAGES" / "staff.po", "rb") as f:
        english = read_po(f)
    missing = [m for m in extracted if not (english.get(m) and english.get(m).string)]
    assert missing == []


def test_catalogs_have_no_fuzzy_entries_or_broken_placeholders():
    assert check_catalogs(ROOT / "locales") == []


def check_after_editing(tmp_path: Path, code: str, msgid: str, edit) -> list[str]:
    """Run the catalog check on a copy of the catalogs where ``edit`` changed one translation."""
    shutil.copytree(ROOT / "locales", tmp_path / "locales")
    po = tmp_path / "locales" / code / "LC_MESSAGES" / "messages.po"
    with open(po, "rb") as f:
        catalog = read_po(f)
    message = catalog.get(msgid)
    message.string = edit(message.string)
    with open(po, "wb") as f:
        write_po(f, catalog, width=0)
    return check_catalogs(tmp_path / "locales")


def test_check_catches_a_changed_placeholder(tmp_path: Path):
    problems = check_after_editing(tmp_path, "en", "Vid akut fara, ring {emergency}",
                                   lambda text: text.replace("{emergency}", "{emergancy}"))
    assert len(problems) == 1
    assert "placeholders differ" in problems[0] and "messages.po:" in problems[0]


def test_check_fails_when_an_offered_language_misses_a_message(tmp_path: Path):
    problems = check_after_editing(tmp_path, "ar", "Dina rättigheter", lambda text: "")
    assert len(problems) == 1
    assert "ar is offered but does not translate 'Dina rättigheter'" in problems[0]


def test_check_rejects_a_translation_with_a_direction_override(tmp_path: Path):
    problems = check_after_editing(tmp_path, "fa", "Dina rättigheter", lambda text: "\u202e" + text)
    assert len(problems) == 1 and "U+202E" in problems[0]
