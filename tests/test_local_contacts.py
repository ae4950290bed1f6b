"""Local numbers from the municipalities' own pages: a reader of their leaflets finds the
municipality's own number first, callable, in their language, and never a disputed one."""

from __future__ import annotations

import pytest

from service.content.model import Audience
from service.data.loader import load_directory
from service.settings import ROOT
from tests.conftest import TODAY, pdf_text

# The number each municipality's own pages give for reaching social services (its
# switchboard or contact centre), as shipped in municipalities/*.yaml with its source.
OWN_NUMBER = {
    "0114": ("Upplands Väsby", "08-590 970 00", "tel:+46859097000"),
    "0120": ("Värmdö", "08-570 470 00", "tel:+46857047000"),
    "0139": ("Upplands-Bro", "08-581 690 00", "tel:+46858169000"),
    "0140": ("Nykvarn", "08-555 010 00", "tel:+46855501000"),
    "0162": ("Danderyd", "08-568 910 00", "tel:+46856891000"),
    "0163": ("Sollentuna", "08-579 210 00", "tel:+46857921000"),
    "0181": ("Södertälje", "08-523 010 00", "tel:+46852301000"),
    "0184": ("Solna", "08-746 10 00", "tel:+4687461000"),
    "0187": ("Vaxholm", "08-541 708 00", "tel:+46854170800"),
    "0191": ("Sigtuna", "08-591 260 00", "tel:+46859126000"),
}

SWITCHBOARD = "Ring kommunens växel och be att få prata med en socialsekreterare."


@pytest.mark.parametrize("code", sorted(OWN_NUMBER))
def test_every_leaflet_of_the_municipality_lists_its_own_number_first(runtime, code):
    name, number, tel = OWN_NUMBER[code]
    for audience in Audience:
        first = runtime.leaflet(code, audience.value, "sv", today=TODAY).contacts[0]
        assert (first.level, first.name, first.phone, first.phone_uri) == ("local", f"Socialtjänsten i {name}", number, tel)
        assert first.description == SWITCHBOARD  # what to do when the switchboard answers
    html = runtime.html.render(runtime.leaflet(code, "victim", "sv", today=TODAY))
    assert f'<a href="{tel}" dir="ltr">{number}</a>' in html  # one tap dials it
    assert number in pdf_text(runtime.pdf.render(runtime.leaflet(code, "victim", "sv", today=TODAY)))


@pytest.mark.parametrize("language", ["ar", "so", "ti", "uk"])
def test_the_reader_is_told_what_to_say_in_their_own_language(runtime, language):
    first = runtime.leaflet("0184", "victim", language, today=TODAY).contacts[0]
    expected = runtime.content.catalogs.translations(language).gettext(SWITCHBOARD)
    assert first.phone == "08-746 10 00"
    assert first.description == expected != SWITCHBOARD


@pytest.mark.parametrize("code", ["0140", "0181"])
def test_nykvarn_and_sodertalje_leaflets_give_the_socialjour_for_evenings_and_weekends(runtime, code):
    leaflet = runtime.leaflet(code, "youth", "sv", today=TODAY)
    local = [c for c in leaflet.contacts if c.level == "local"]
    jour = next(c for c in local if c.kind == "social_emergency")
    assert (jour.name, jour.phone) == ("Socialjouren Södertälje", "08-523 038 70")
    assert jour.description == "Socialjouren hjälper när socialtjänsten har stängt, på kvällar, nätter och helger."
    assert local[0].kind == "social_services"  # office hours first, the after-hours line after it


def test_sollentunas_contact_centre_says_when_it_answers(runtime):
    first = runtime.leaflet("0163", "relative", "sv", today=TODAY).contacts[0]
    assert first.hours == "Öppet vardagar \u206608:00\u2069–\u206617:00\u2069"


def test_no_leaflet_carries_a_disputed_socialjour_number():
    """The north-west socialjour is 08-444 05 00 on one municipality's page and 010-444 05 00
    on another's: a wrong after-hours number fails a reader at the worst moment, so neither
    ships until a source settles it (every leaflet has 112 and lines open day and night)."""
    directory = load_directory(ROOT / "municipalities")
    numbers = {c.phone.value for m in directory.municipalities.values() for c in m.contacts if c.phone}
    assert not numbers & {"08-444 05 00", "010-444 05 00"}
