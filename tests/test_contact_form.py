"""The contact form as a municipal administrator uses it: numbers and times typed as people
write them are kept in one form, every refusal is in the page's language with an example, and
nothing typed is dropped without a word."""

from __future__ import annotations

import html
from datetime import date

import pytest

from service.runtime import Runtime
from service.settings import Settings
from service.web.app import create_app
from tests.staffing import Person, form_values

COUNTY = ("forma.county", "county form pass phrase")
ADMIN = ("forma.botkyrka", "botkyrka form pass phrase")


@pytest.fixture(scope="module")
def runtime(tmp_path_factory) -> Runtime:
    var = tmp_path_factory.mktemp("var")
    runtime = Runtime.load(Settings.from_env({"INFOGEN_BASE_URL": "https://infogen.example",
                                              "INFOGEN_VAR_DIR": str(var)}))
    runtime.store.users.add(*COUNTY, "county_admin", None)
    runtime.store.users.add(*ADMIN, "municipal_admin", "0127")
    return runtime


@pytest.fixture(scope="module")
def app(runtime):
    return create_app(runtime)


def _logged_in(app, account, lang: str = "sv") -> Person:
    person = Person(app)
    assert person.login(*account).status_code == 303
    if lang != "sv":
        assert person.post("/staff/language", {"lang": lang, "back": "/admin/"}).status_code == 303
    return person


def _new_contact(person: Person, code: str, **fields: str):
    values = form_values(person.get(f"/admin/contacts/{code}").text)
    last = int(values["count"][0]) - 1
    for key, value in {"name": "Socialtjänstens mottagning", "kind": "social_services", **fields}.items():
        values[f"c{last}-{key}"] = [value]
    values["action"] = ["publish"]
    return person.post(f"/admin/contacts/{code}", values), last


def _field(page: str, name: str) -> str:
    values = form_values(page)
    return values[name][0]


def test_a_number_and_times_typed_as_people_write_them_reach_the_leaflet_in_one_form(runtime, app):
    admin = _logged_in(app, ADMIN)
    published, _ = _new_contact(admin, "0127", phone="0853061122", hours_kind="weekdays", hours_from="9",
                                hours_to="16.30")
    assert published.status_code == 303, html.unescape(published.text)[-2000:]
    leaflet = admin.get("/l/0127/victim/sv").text
    assert "08-530 611 22" in leaflet and 'href="tel:+46853061122"' in leaflet
    assert "Öppet vardagar" in leaflet and "09:00" in leaflet and "16:30" in leaflet
    stored = next(c for c in runtime.store.contacts.current("0127").document().contacts if c.phone
                  and c.phone.value == "08-530 611 22")
    assert stored.hours.value == "weekdays 09:00-16:30"


def test_a_span_typed_in_the_first_time_field_is_read_as_both_times(runtime, app):
    admin = _logged_in(app, COUNTY)
    published, _ = _new_contact(admin, "0128", name="Socialjouren Salem", kind="social_emergency",
                                phone="08-532 598 00", hours_kind="daily", hours_from="16.30–8")
    assert published.status_code == 303, html.unescape(published.text)[-2000:]
    contact = next(c for c in runtime.store.contacts.current("0128").document().contacts if c.name == "Socialjouren Salem")
    assert contact.hours.value == "daily 16:30-08:00"


def test_times_typed_while_no_information_is_chosen_are_not_dropped(runtime, app):
    admin = _logged_in(app, ADMIN)
    stamp = runtime.store.contacts.stamp()
    refused, last = _new_contact(admin, "0127", phone="08-530 611 33", hours_kind="", hours_from="9", hours_to="17")
    assert refused.status_code == 400
    page = html.unescape(refused.text)
    assert "Du har skrivit tider men valt ”Inga uppgifter”, så tiderna skulle inte sparas." in page
    assert f'id="c{last}-hours_kind" name="c{last}-hours_kind" aria-invalid="true"' in refused.text
    # everything typed is still in the form, to choose and publish
    assert _field(refused.text, f"c{last}-hours_from") == "9" and _field(refused.text, f"c{last}-hours_to") == "17"
    assert _field(refused.text, f"c{last}-phone") == "08-530 611 33"
    assert runtime.store.contacts.stamp() == stamp


@pytest.mark.parametrize(("typed", "swedish", "english"), [
    ("123", "”123” är inte ett av de korta nummer som kan stå på bladen",
     "“123” is not one of the short numbers a leaflet can show"),
    ("070123456", "Ett mobilnummer har tio siffror, till exempel 070-123 45 67; ”070123456” har 9.",
     "A mobile number has ten digits, for example 070-123 45 67; “070123456” has 9."),
])
def test_a_refused_number_is_explained_in_the_interface_language(runtime, app, typed, swedish, english):
    for lang, expected in (("sv", swedish), ("en", english)):
        admin = _logged_in(app, ADMIN, lang)
        refused, last = _new_contact(admin, "0127", phone=typed)
        assert refused.status_code == 400
        page = html.unescape(refused.text)
        assert expected in page
        assert _field(refused.text, f"c{last}-phone") == typed


def test_a_time_that_cannot_be_read_is_marked_at_its_field_in_english_too(runtime, app):
    admin = _logged_in(app, ADMIN, "en")
    refused, last = _new_contact(admin, "0127", phone="08-530 611 44", hours_kind="weekdays", hours_from="9",
                                 hours_to="25")
    assert refused.status_code == 400
    assert f'name="c{last}-hours_to" value="25" placeholder="17:00" size="5" dir="ltr" aria-invalid="true"' in refused.text
    assert ("The time “25” does not exist: hours go from 0 to 24 and minutes from 00 to 59, for example 16:30."
            in html.unescape(refused.text))
    assert "Tiden" not in html.unescape(refused.text)  # no Swedish inside the English page


def test_a_number_retyped_in_another_form_keeps_its_source_and_date(runtime, app):
    county = _logged_in(app, COUNTY)
    before = runtime.store.contacts.current("0186").document().contacts[0]
    values = form_values(county.get("/admin/contacts/0186").text)
    values["c0-phone"] = ["087313000"]  # the same number as 08-731 30 00
    values["c0-description"] = ["Ring kundcenter och fråga efter våld i nära relation."]
    values["action"] = ["publish"]
    assert county.post("/admin/contacts/0186", values).status_code == 303
    after = runtime.store.contacts.current("0186").document().contacts[0]
    assert after.phone == before.phone  # value, source and checked date as they were


def test_data_stored_under_looser_rules_opens_in_the_editor_to_be_corrected(runtime, app):
    """A number the phone check of today refuses (000 passed the old one) in the published data:
    readers keep the last version the rules accept; the administrator sees what is stored, marked."""
    from service.data.schema import Contact, Kind, Municipality, PhoneFact

    current = runtime.store.contacts.current("0163")
    place = current.document()
    wrong = Contact.model_construct(
        id="gammal-jour", kind=Kind.womens_shelter, name="Gammal jour", description=None, hours=None, web=None,
        email=None, chat=None, flags=[], audiences="all", topics="all",
        phone=PhoneFact.model_construct(value="000", source="infogen:0163", checked=date(2025, 1, 2), published=None))
    runtime.store.contacts.publish("0163", Municipality.model_construct(
        code=place.code, name=place.name, website=place.website, contacts=[*place.contacts, wrong]), None, current.number)
    county = _logged_in(app, COUNTY)
    page = county.get("/admin/contacts/0163")
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert "Några av de publicerade uppgifterna godtas inte längre" in text
    values = form_values(page.text)
    last = int(values["count"][0]) - 2  # the stored contact, before the empty block for a new one
    assert values[f"c{last}-phone"] == ["000"] and "Telefonnumret ”000” har för få siffror." in text
    assert "Gammal jour" not in county.get("/l/0163/victim/sv").text  # readers: the last accepted version
    values[f"c{last}-phone"] = ["08-579 210 00"]
    values["action"] = ["publish"]
    assert county.post("/admin/contacts/0163", values).status_code == 303
    assert "08-579 210 00" in county.get("/l/0163/victim/sv").text
