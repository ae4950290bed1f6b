"""The translation commands as a county runs them with an agency: status, export as XLIFF and
PO, a file changed with an outside tool (translate-toolkit) imported back, refused imports
that name the message and change nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from translate.storage import po, xliff

from tests.test_cli import infogen

GRATIS = "Gratis"
TIGRINYA_LINE = "Ring {emergency} om du eller någon annan är i fara just nu. Säg var du är."
SOURCE_WITH_AGE = "Akutmottagningen för våldtagna på Södersjukhuset i Stockholm tar emot alla från 13 år, dygnet runt."


@pytest.fixture(scope="module")
def var(tmp_path_factory) -> Path:
    var = tmp_path_factory.mktemp("var")
    for name, languages in (("amal.haddad", "ar"), ("selam.tesfay", "ti")):
        made = infogen("user", "add", name, "--role", "translator", "--languages", languages, "--full-name",
                       name.replace(".", " ").title(), "--authorization", "4711", "--password-stdin",
                       stdin="translator pass phrase\n", var=var)
        assert made.returncode == 0, made.stderr
    return var


def status(var: Path) -> dict:
    result = infogen("translations", "status", "--json", var=var)
    assert result.returncode == 0, result.stderr
    return {row["code"]: row for row in json.loads(result.stdout)}


def test_status_says_per_language_how_many_messages_are_in_each_state(var):
    rows = status(var)
    assert "sv" not in rows and len(rows) == 31
    arabic = rows["ar"]
    assert set(arabic) >= {"code", "reviewed", "draft", "outdated", "missing", "state"}
    assert arabic["draft"] + arabic["reviewed"] + arabic["outdated"] + arabic["missing"] == arabic["total"]
    languages = {row["code"]: row for row in json.loads(infogen("languages", "--json", var=var).stdout)}
    assert languages["ar"]["state"] == rows["ar"]["state"] and languages["ar"]["draft"] == rows["ar"]["draft"]
    assert languages["en"]["state"] == "draft" and languages["sv"]["state"] == "source"


def test_arabic_goes_out_as_xliff_and_comes_back_changed_by_translate_toolkit(var, tmp_path):
    out = tmp_path / "ar.xlf"
    made = infogen("translations", "export", "--lang", "ar", "--format", "xliff", "--output", str(out), var=var)
    assert made.returncode == 0, made.stderr
    store = xliff.xlifffile.parsefile(str(out))
    assert b'version="1.2"' in out.read_bytes()[:200]
    units = {u.source: u for u in store.units}
    assert len(units) == status(var)["ar"]["total"]
    assert units[GRATIS].target and not units[GRATIS].isapproved()
    assert any("state: draft" in n for n in [units[GRATIS].getnotes()])
    # the agency's tool: a new text for one message, three approved
    units[GRATIS].target = "مجاناً"
    for source in (GRATIS, "Tolk finns", "Dina rättigheter"):
        units[source].markapproved(True)
    changed = tmp_path / "ar-back.xlf"
    store.savefile(str(changed))
    before = status(var)["ar"]
    dry = infogen("translations", "import", str(changed), "--reviewer", "amal.haddad", "--dry-run", var=var)
    assert dry.returncode == 0, dry.stderr
    assert "would change 1 texts, 3 reviewed by Amal Haddad" in dry.stderr
    assert status(var)["ar"] == before
    done = infogen("translations", "import", str(changed), "--reviewer", "amal.haddad", var=var)
    assert done.returncode == 0, done.stderr
    assert "changed: Gratis" in done.stdout and "published as revision" in done.stderr
    after = status(var)["ar"]
    assert after["reviewed"] == before["reviewed"] + 3 and after["state"] == "partly"
    html = tmp_path / "leaflet.html"
    rendered = infogen("render", "--municipality", "0180", "--audience", "victim", "--lang", "ar", "--format", "html",
                       "--output", str(html), var=var)
    assert rendered.returncode == 0, rendered.stderr
    assert "مجاناً" in html.read_text()


def test_po_export_marks_what_needs_review_and_a_po_edited_with_translate_toolkit_imports(var, tmp_path):
    out = tmp_path / "ti.po"
    made = infogen("translations", "export", "--lang", "ti", "--format", "po", "--only", "draft", "--output",
                   str(out), var=var)
    assert made.returncode == 0, made.stderr
    with open(out, "rb") as f:
        catalog = read_po(f)
    assert all(m.fuzzy for m in catalog if m.id)  # drafts: fuzzy until reviewed
    edited = po.pofile.parsefile(str(out))
    unit = next(u for u in edited.units if u.source == TIGRINYA_LINE)
    unit.markfuzzy(False)
    edited.savefile(str(tmp_path / "ti-back.po"))
    done = infogen("translations", "import", str(tmp_path / "ti-back.po"), "--reviewer", "selam.tesfay", var=var)
    assert done.returncode == 0, done.stderr
    assert "1 reviewed by Selam Tesfay" in done.stderr


def _refused(var: Path, tmp_path: Path, lang: str, reviewer: str, msgid: str, edit) -> str:
    out = tmp_path / f"{lang}.xlf"
    assert infogen("translations", "export", "--lang", lang, "--format", "xliff", "--output", str(out),
                   var=var).returncode == 0
    store = xliff.xlifffile.parsefile(str(out))
    unit = next(u for u in store.units if u.source == msgid)
    edit(unit)
    unit.markapproved(True)
    store.savefile(str(out))
    before = status(var)[lang]
    result = infogen("translations", "import", str(out), "--reviewer", reviewer, var=var)
    assert result.returncode == 1
    assert "nothing was imported" in result.stderr
    assert status(var)[lang] == before
    return result.stdout


def test_an_import_is_refused_naming_the_message_and_nothing_changes(var, tmp_path):
    line = "Ring {emergency} om du eller någon annan är i fara just nu. Säg var du är."

    def without_placeholder(unit):
        unit.target = str(unit.target).replace("{emergency}", "")

    said = _refused(var, tmp_path, "ar", "amal.haddad", line, without_placeholder)
    assert "'Ring {emergency} om du eller någon annan är i fara just n…': placeholders differ" in said

    def with_phone_number(unit):
        unit.target = str(unit.target).replace("13", "15")

    said = _refused(var, tmp_path, "ar", "amal.haddad", SOURCE_WITH_AGE, with_phone_number)
    assert "numbers differ from the Swedish (missing: 13; not in the Swedish: 15)" in said

    said = _refused(var, tmp_path, "ti", "selam.tesfay", "Dina rättigheter",
                    lambda unit: setattr(unit, "target", "Your rights"))
    assert "'Dina rättigheter': words not in the language’s script (Ethi): Your rights" in said

    said = _refused(var, tmp_path, "ar", "amal.haddad", "Dina rättigheter",
                    lambda unit: setattr(unit, "target", "<b>حقوقك</b>"))
    assert "'Dina rättigheter': contains markup" in said

    said = _refused(var, tmp_path, "ar", "amal.haddad", "Dina rättigheter",
                    lambda unit: setattr(unit, "target", "\u202eحقوقك"))
    assert "'Dina rättigheter': contains the invisible or control character U+202E" in said


def test_an_inline_xliff_element_is_markup_too(var, tmp_path):
    from lxml import etree

    def with_element(unit):
        target = unit.xmlelement.find(unit.namespaced("target"))
        element = etree.SubElement(target, unit.namespaced("g"), id="1")
        element.text = "x"

    said = _refused(var, tmp_path, "ar", "amal.haddad", "Dina rättigheter", with_element)
    assert "contains markup" in said


def test_only_a_translator_of_the_language_may_be_named_reviewer(var, tmp_path):
    out = tmp_path / "ar.po"
    infogen("translations", "export", "--lang", "ar", "--format", "po", "--output", str(out), var=var)
    wrong = infogen("translations", "import", str(out), "--reviewer", "selam.tesfay", var=var)
    assert wrong.returncode == 1 and "selam.tesfay is not a translator of ar" in wrong.stdout
    nobody = infogen("translations", "import", str(out), "--reviewer", "nobody", var=var)
    assert nobody.returncode == 2 and "not a translator account" in nobody.stderr
