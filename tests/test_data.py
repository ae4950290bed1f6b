"""The shipped contact data is complete and sourced; broken data is reported by file and line."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from service.data.loader import DataError, load_directory
from service.settings import ROOT

# The 26 municipalities of Stockholm County with their SCB codes (see municipalities/README.md).
COUNTY = {
    "0114": "Upplands Väsby", "0115": "Vallentuna", "0117": "Österåker", "0120": "Värmdö",
    "0123": "Järfälla", "0125": "Ekerö", "0126": "Huddinge", "0127": "Botkyrka", "0128": "Salem",
    "0136": "Haninge", "0138": "Tyresö", "0139": "Upplands-Bro", "0140": "Nykvarn", "0160": "Täby",
    "0162": "Danderyd", "0163": "Sollentuna", "0180": "Stockholm", "0181": "Södertälje",
    "0182": "Nacka", "0183": "Sundbyberg", "0184": "Solna", "0186": "Lidingö", "0187": "Vaxholm",
    "0188": "Norrtälje", "0191": "Sigtuna", "0192": "Nynäshamn",
}


def check(data: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "service", "check", "--data", str(data)],
                          capture_output=True, text=True, cwd=ROOT)


def test_all_26_municipalities_of_the_county_are_shipped_with_their_names():
    directory = load_directory(ROOT / "municipalities")
    assert {code: m.name for code, m in directory.municipalities.items()} == COUNTY


def test_every_shipped_phone_number_and_address_has_a_source_and_a_date():
    directory = load_directory(ROOT / "municipalities")
    contacts = [c for m in directory.municipalities.values() for c in m.contacts]
    contacts += directory.actors.regional + directory.actors.national
    facts = [f for c in contacts for f in (c.phone, c.web, c.email, c.chat, c.hours) if f]
    assert len(facts) > 20
    for fact in facts:
        assert fact.source.startswith(("https://", "http://"))
        assert fact.checked.year >= 2024


def test_the_national_lines_carry_the_numbers_of_the_sources():
    national = {c.id: c for c in load_directory(ROOT / "municipalities").actors.national}
    assert national["emergency"].phone.value == "112"
    assert national["kvinnofridslinjen"].phone.value == "020-50 50 50"
    assert national["bris"].phone.value == "116 111"
    assert national["valj-att-sluta"].phone.value == "020-555 666"


def test_check_passes_on_the_shipped_data():
    result = check(ROOT / "municipalities")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "26 municipalities" in result.stderr


def _replace(path: Path, old: str, new: str) -> int:
    """Replace the first ``old`` in ``path``; return its 1-based line number."""
    text = path.read_text(encoding="utf-8")
    index = text.index(old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[:index].count("\n") + 1


def test_check_names_file_and_line_of_a_wrong_phone_number(data_copy: Path):
    line = _replace(data_copy / "_actors.yaml", 'value: "020-50 50 50"', 'value: "020-50 50 5O"')
    result = check(data_copy)
    assert result.returncode == 1
    assert f"_actors.yaml:{line}: national.2.phone.value: phone number '020-50 50 5O'" in result.stdout


def test_check_reports_every_problem_not_just_the_first(data_copy: Path):
    first = _replace(data_copy / "0186-lidingo.yaml", 'value: "08-731 30 00"', 'value: "8731"')
    second = _replace(data_copy / "0140-nykvarn.yaml", "kind: social_emergency", "kind: socialjour")
    result = check(data_copy)
    assert result.returncode == 1
    assert re.search(rf"0186-lidingo.yaml:{first}: contacts.0.phone.value: ", result.stdout)
    assert re.search(rf"0140-nykvarn.yaml:{second}: contacts.1.kind: ", result.stdout)


def test_check_reports_a_yaml_syntax_error_with_its_line(data_copy: Path):
    line = _replace(data_copy / "0180-stockholm.yaml", "name: Stockholm", "name: [Stockholm")
    result = check(data_copy)
    assert result.returncode == 1
    assert re.search(r"0180-stockholm.yaml:\d+: not valid YAML", result.stdout)
    reported = int(re.search(r"0180-stockholm.yaml:(\d+):", result.stdout).group(1))
    assert reported >= line


def test_a_mistyped_field_name_is_not_silently_ignored(data_copy: Path):
    line = _replace(data_copy / "0186-lidingo.yaml", "    phone:\n", "    phnoe:\n")
    result = check(data_copy)
    assert f"0186-lidingo.yaml:{line}: contacts.0.phnoe: unknown field" in result.stdout


def test_a_fact_without_its_source_is_rejected(data_copy: Path):
    path = data_copy / "0186-lidingo.yaml"
    text = path.read_text(encoding="utf-8")
    source = '      source: "https://lidingo.se/toppmeny/omsorgstod/valdinararelation.4.7b3f66e616b8691a5534a6.html"\n'
    # drop the source line of the first contact's phone
    phone_at = text.index('value: "08-731 30 00"')
    cut = text.index(source, phone_at)
    path.write_text(text[:cut] + text[cut + len(source):], encoding="utf-8")
    result = check(data_copy)
    assert result.returncode == 1
    assert "contacts.0.phone.source: required field is missing" in result.stdout


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        # text that could make a reader see something other than what was typed
        ('name: "Lidingö kvinnojour"', 'name: "Socialtjänsten <script>alert(1)</script>"', "contains markup"),
        ('name: "Lidingö kvinnojour"', 'name: "Socialtjänsten \u202e00 80"', "invisible or control character U+202E"),
        ('name: "Lidingö kvinnojour"', 'name: "Social\u200btjänsten"', "invisible or control character U+200B"),
        # only plain https addresses reach a leaflet
        ('value: "https://lidingo.se"', 'value: "http://lidingo.se/"', "is not an https URL"),
        ('value: "https://lidingo.se"', 'value: "javascript:alert(1)"', "is not an https URL"),
        ('value: "https://lidingo.se"', 'value: "https://xn--lidng-gra.se/"', "punycode host"),
        ('value: "https://lidingo.se"', 'value: "https://lidingo.se/\u202eamf.exe"', "is not an https URL"),
        # digits that look like digits but are not 0-9 cannot be dialled
        ('value: "08-767 03 03"', 'value: "08-767 0\uff13 03"', "not in Swedish written form"),
        ('value: "08-767 03 03"', 'value: "08-767 03 0\u0663"', "not in Swedish written form"),
        ('name: "Lidingö kvinnojour"', 'name: "\u3164"', "invisible or control character U+3164"),
        ('name: "Lidingö kvinnojour"', 'name: "   "', "is empty"),
    ],
)
def test_hostile_values_are_rejected_at_their_line(data_copy: Path, old: str, new: str, message: str):
    line = _replace(data_copy / "0186-lidingo.yaml", old, new)
    with pytest.raises(DataError) as caught:
        load_directory(data_copy)
    assert any(p.line == line and message in p.message for p in caught.value.problems)


def test_leaflets_cannot_lose_the_emergency_number(data_copy: Path):
    _replace(data_copy / "_actors.yaml", "kind: emergency", "kind: helpline")
    with pytest.raises(DataError) as caught:
        load_directory(data_copy)
    assert any("exactly one contact of kind emergency" in p.message for p in caught.value.problems)


def test_a_source_page_dated_after_the_check_is_rejected_at_its_line(data_copy: Path):
    line = _replace(data_copy / "0186-lidingo.yaml", "      checked: 2026-11-23\n",
                    "      checked: 2026-11-23\n      published: 2026-11-30\n")
    result = check(data_copy)
    assert result.returncode == 1
    assert re.search(rf"0186-lidingo.yaml:{line + 1}: contacts.0.phone.published: published 2026-11-30 is after "
                     "checked 2026-11-23", result.stdout)
