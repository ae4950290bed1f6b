"""Translation catalogs: in step with the code, complete where offered, placeholders intact."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

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


def test_catalogs_have_no_fuzzy_entries_or_broken_placeholders():
    assert check_catalogs(ROOT / "locales") == []


def test_check_catches_a_changed_placeholder(tmp_path: Path):
    import shutil

    shutil.copytree(ROOT / "locales", tmp_path / "locales")
    po = tmp_path / "locales" / "en" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    assert "{emergency}" in text
    po.write_text(text.replace("{emergency}", "{emergancy}", 1), encoding="utf-8")
    problems = check_catalogs(tmp_path / "locales")
    assert len(problems) == 1 and "placeholders differ" in problems[0] and "messages.po:" in problems[0]
