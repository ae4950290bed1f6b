"""Hostile content: whatever an administrator's form (or a stolen account) sends, a leaflet
never shows markup, a link that is not https, a number or name that displays as something
else, or text in a broken encoding. Each is refused with the field named, and nothing is
published. What got past the door anyway is still escaped on the way out, in HTML and PDF."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from datetime import date
from urllib.parse import urlencode

import pytest

from service.data.schema import Contact, Kind, Municipality, UrlFact
from service.leaflet import compose
from service.runtime import Runtime
from service.settings import Settings
from service.web.app import create_app
from tests.conftest import pdf_text
from tests.staffing import Person, form_values

ADMIN = ("hostile.county", "county hostile pass phrase")
CYRILLIC_O = "\u043e"

HOSTILE = [
    # markup and script
    ("name", "<script>alert(1)</script>", "Texten innehåller kod"),
    ("name", "Jouren <img src=x onerror=alert(1)>", "Texten innehåller kod"),
    ("description", "Ring oss <iframe src=//example.org>", "Texten innehåller kod"),
    ("phone", "<b>08-123 45 67</b>", "innehåller annat än siffror, mellanslag och bindestreck"),
    # links that are not plain https
    ("web", "javascript:alert(1)", "är ingen webbadress som börjar med https://"),
    ("web", "http://botkyrka.se/", "är ingen fullständig https-adress. Skriv den så här: https://botkyrka.se/"),
    ("web", "data:text/html,<script>alert(1)</script>", "är ingen webbadress som börjar med https://"),
    ("chat", "javascript:alert(document.cookie)", "är ingen webbadress som börjar med https://"),
    ("chat", "//chat.example.se/", "Skriv den så här: https://chat.example.se/"),
    ("source", "javascript:alert(1)", "är ingen webbadress. Ange sidan där uppgiften står"),
    # what displays as something other than what is stored
    ("name", "Jourtelefon \u202e08 80 80", "osynligt tecken eller ett styrtecken (U+202E)"),
    ("name", "Jour\u2066telefonen", "osynligt tecken eller ett styrtecken (U+2066)"),
    ("description", "Ring\u200b oss", "osynligt tecken eller ett styrtecken (U+200B)"),
    ("name", "\u3164", "osynligt tecken eller ett styrtecken (U+3164)"),
    ("phone", "08-123 45 67\u202e", "innehåller annat än siffror"),
    ("phone", "08-123 45 6\u0667", "innehåller annat än siffror"),  # an Arabic-Indic seven
    ("phone", "08-123 45 6\uff17", "innehåller annat än siffror"),  # a full-width seven
    ("source", "https://botkyrka.se/\u202ekalla", "osynligt tecken eller ett styrtecken (U+202E)"),
    # lookalikes
    ("name", f"S{CYRILLIC_O}cialtjänsten Botkyrka", "blandar bokstäver från olika alfabet"),
    ("name", "B\u0585tkyrka kvinnojour", "blandar bokstäver från olika alfabet"),  # an Armenian o
    ("name", "B\uff4ftkyrka kvinnojour", "Skriv det vanliga tecknet: ”o”"),  # a full-width o
    ("description", "Ring \U0001d428ss", "Skriv det vanliga tecknet: ”o”"),  # a mathematical bold o
    ("web", f"https://b{CYRILLIC_O}tkyrka.se/", "andra bokstäver än a–z"),
    ("web", "https://xn--btkyrka-m2a.se/", "ett kodat namn (xn--)"),
    ("chat", "https://xn--80ak6aa92e.com/", "ett kodat namn (xn--)"),
    ("email", f"jour@b{CYRILLIC_O}tkyrka.se", "är ingen e-postadress"),
    # what draws outside its line: a second line, marks stacked down through the contacts below
    ("name", "Socialtjänsten\nRing 08-999 99 99", "Ett namn står på en enda rad"),
    ("name", "Jour\r\nen rad till", "Ett namn står på en enda rad"),
    ("name", "J" + "\u0301" * 300 + "ouren", "bär 300 accenter"),
    ("description", "Ring " + "\u0e49\u0e48\u0e4a\u0e4b" * 3 + " oss", "accenter eller andra tecken"),
    # lookalikes from scripts of every kind, by Unicode's confusables (UTS #39)
    ("name", "\u13f4OTKYRKA kvinnojour", "blandar bokstäver från olika alfabet"),  # a Cherokee Ᏼ
    ("name", "Jouren \ua4d3\ua4f3\ua4d4", "ser ut som latinska (”DOT”)"),  # a whole word in Lisu
    ("name", "\u13bb\u13ac\u13de\u13e2 jour", "ser ut som latinska (”HELP”)"),  # a whole word in Cherokee
    ("name", "\u0412\u041e\u0422\u041a\u0423\u0420\u041a\u0410 kvinnojour", "ser ut som latinska"),  # Cyrillic
    ("description", "Ring \u0405\u043e\u0441\u0456\u0430\u04cf", "ser ut som latinska"),  # Cyrillic "Social"
    # hosts and ports by the rules of the net
    ("email", "jour@xn--btkyrka-m2a.se", "ett kodat namn (xn--) efter @"),
    ("email", "jour@-botkyrka.se", "är ingen e-postadress"),
    ("web", "https://-.se/", "följer inte reglerna för namn på nätet"),
    ("web", "https://botkyrka..se/", "följer inte reglerna för namn på nätet"),
    ("web", "https://botkyrka.se:99999/", "har porten 99999"),
    ("chat", "https://chat-.botkyrka.se/", "följer inte reglerna för namn på nätet"),
    ("source", "kommunens växel", "är ingen webbadress. Ange sidan där uppgiften står"),
    ("source", "https://xn--btkyrka-m2a.se/", "ett kodat namn (xn--)"),
    ("source", "https://botkyrka.se:0/", "har porten 0"),
    # overlong
    ("name", "J" * 401, "Texten har 401 tecken; den får ha högst 400."),
    ("description", "Ring oss. " * 41, "den får ha högst 400."),
    ("web", "https://botkyrka.se/" + "a" * 300, "den får ha högst 300"),
    ("email", "a" * 250 + "@b.se", "den får ha högst 254"),
    ("source", "https://botkyrka.se/" + "a" * 300, "Källans adress har 320 tecken; den får ha högst 300."),
    # broken encodings
    ("name", "SocialtjÃ¤nsten Botkyrka", "som är felkodad text"),
    ("description", "Vi hjÃ¤lper dig", "som är felkodad text"),
    ("name", "Socialtj\ufffdnsten", "fel teckenkodning"),
]


@pytest.fixture(scope="module")
def runtime(tmp_path_factory) -> Runtime:
    var = tmp_path_factory.mktemp("var")
    runtime = Runtime.load(Settings.from_env({"INFOGEN_BASE_URL": "https://infogen.example",
                                              "INFOGEN_VAR_DIR": str(var)}))
    runtime.store.users.add(*ADMIN, "county_admin", None)
    return runtime


@pytest.fixture(scope="module")
def admin(runtime):
    person = Person(create_app(runtime))
    assert person.login(*ADMIN).status_code == 303
    return person


def _new_contact(admin: Person, **fields: str) -> tuple[dict[str, list[str]], int]:
    """The Botkyrka form as shown, with a new women's shelter in its empty block."""
    values = form_values(admin.get("/admin/contacts/0127").text)
    last = int(values["count"][0]) - 1
    filled = {"name": "Testjouren", "kind": "womens_shelter", "phone": "08-530 611 11", **fields}
    for key, value in filled.items():
        values[f"c{last}-{key}"] = [value]
    values["action"] = ["publish"]
    return values, last


def _marked_invalid(page: str, name: str) -> bool:
    tag = re.search(rf'<(?:input|textarea)[^>]*name="{re.escape(name)}"[^>]*>', page)
    return bool(tag) and 'aria-invalid="true"' in tag.group()


@pytest.mark.parametrize(("field", "value", "message"), HOSTILE,
                         ids=[f"{f}-{i}" for i, (f, _, _) in enumerate(HOSTILE)])
def test_a_hostile_value_is_refused_with_its_field_named_and_nothing_published(runtime, admin, field, value,
                                                                               message):
    stamp = runtime.store.contacts.stamp()
    values, last = _new_contact(admin, **{field: value})
    response = admin.post("/admin/contacts/0127", values)
    assert response.status_code == 400
    assert "Inget har publicerats" in response.text
    assert _marked_invalid(response.text, f"c{last}-{field}")
    assert message in html.unescape(response.text)
    if "<" in value:  # shown back to correct, as text
        assert value not in response.text and html.escape(value, quote=True)[:30] in response.text
    assert runtime.store.contacts.stamp() == stamp


def test_a_form_sent_in_the_wrong_encoding_is_refused_not_garbled(runtime, admin):
    stamp = runtime.store.contacts.stamp()
    values, last = _new_contact(admin)
    del values[f"c{last}-name"]
    values["_csrf_token"] = [admin.token()]
    body = urlencode(values, doseq=True) + f"&c{last}-name=Socialtj%E4nsten"  # ä in Latin-1, not UTF-8
    response = admin.client.post("/admin/contacts/0127", content=body.encode(), follow_redirects=False,
                                 headers={"content-type": "application/x-www-form-urlencoded"})
    assert response.status_code == 400
    assert _marked_invalid(response.text, f"c{last}-name")
    assert "fel teckenkodning" in response.text
    assert runtime.store.contacts.stamp() == stamp


def test_a_valid_contact_in_another_script_is_published(runtime, admin):
    """The checks refuse lookalikes, not languages: a name in Cyrillic or with Swedish letters passes."""
    values, _ = _new_contact(admin, name="Jouren Трёх Сестёр, Södertälje",
                             description="Vi hjälper dig, ½ timme i taget. ช่วยเหลือ น้ำ",
                             web="https://botkyrka.se/jour", email="jour@botkyrka.se")
    assert admin.post("/admin/contacts/0127", values).status_code == 303
    assert "Jouren Трёх Сестёр, Södertälje" in admin.get("/l/0127/victim/sv").text


def _smuggled(runtime: Runtime) -> tuple:
    """Botkyrka's data with a contact that never passed validation (as if written straight into
    the database), and its leaflet."""
    checked = date(2026, 11, 1)
    contact = Contact.model_construct(
        id="smuggled", kind=Kind.womens_shelter, name='<script>alert(1)</script><b>Jour</b>',
        description='<img src=x onerror="alert(2)">', phone=None, hours=None, email=None, flags=[],
        web=UrlFact.model_construct(value="javascript:alert(3)", source="https://example.se", checked=checked),
        chat=UrlFact.model_construct(value="data:text/html,hi", source="https://example.se", checked=checked),
        audiences="all", topics="all")
    botkyrka = runtime.content.directory.municipalities["0127"]
    directory = replace(runtime.content.directory, municipalities={
        **runtime.content.directory.municipalities,
        "0127": Municipality.model_construct(code="0127", name=botkyrka.name, website=botkyrka.website,
                                             contacts=[contact, *botkyrka.contacts])})
    content = runtime.with_directory(directory)
    return compose(content, "0127", "victim", None, "sv", base_url="https://infogen.example")


def test_what_got_past_validation_is_escaped_in_the_web_leaflet(runtime):
    page = runtime.html.render(_smuggled(runtime))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;Jour&lt;/b&gt;" in page
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>Jour" not in page
    assert "javascript:" not in page and "data:text/html" not in page  # not made into links


def test_what_got_past_validation_is_printed_as_text_in_the_pdf(runtime):
    text = pdf_text(runtime.pdf.render(_smuggled(runtime)))
    assert "<script>alert(1)</script><b>Jour</b>" in text.replace("\n", "")
    assert "javascript:" not in text
