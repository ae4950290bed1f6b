"""compose(): the right contacts, in the right order, in the right language."""

from __future__ import annotations

import pytest

from service.leaflet.compose import UnknownLeaflet
from tests.conftest import TODAY


def names(leaflet) -> list[str]:
    return [c.name for c in leaflet.contacts]


def test_contacts_run_local_then_regional_then_national(runtime):
    leaflet = runtime.leaflet("0186", "victim", "sv", today=TODAY)
    levels = [c.level for c in leaflet.contacts]
    assert levels == sorted(levels, key=["local", "regional", "national"].index)
    assert levels[0] == "local" and levels[-1] == "national"
    assert names(leaflet)[:2] == ["Lidingö stads mottagningstelefon för våld i nära relation", "Lidingö kvinnojour"]


def test_a_municipality_without_local_contacts_still_gets_a_complete_leaflet(runtime):
    leaflet = runtime.leaflet("0117", "victim", "sv", today=TODAY)  # Österåker: no sourced local contact yet
    local = [c for c in leaflet.contacts if c.level == "local"]
    assert len(local) == 1 and local[0].web == "https://www.osteraker.se"  # the municipality's own site
    assert "Kvinnofridslinjen" in names(leaflet)
    assert {s.key for s in leaflet.sections} >= {"acute", "what-is-violence", "not-your-fault", "rights", "safety"}


def test_contacts_follow_the_audience(runtime):
    perpetrator = names(runtime.leaflet("0127", "perpetrator", "sv"))
    child = names(runtime.leaflet("0127", "child", "sv"))
    assert "Välj att sluta" in perpetrator and "BRIS" not in perpetrator
    assert "BRIS" in child and "Välj att sluta" not in child
    assert "Kvinnofridslinjen" not in child


def test_contacts_and_sections_follow_the_topics(runtime):
    honour = runtime.leaflet("0127", "victim", "sv", topics="honour")
    close = runtime.leaflet("0127", "victim", "sv", topics="close")
    assert "Origo" in names(honour) and "Rätt att välja" in names(honour)
    assert "Origo" not in names(close) and "Rätt att välja" not in names(close)
    assert "honour" in {s.key for s in honour.sections}
    assert "honour" not in {s.key for s in close.sections}
    assert close.path == "/l/0127/victim/sv?topics=close"


def test_the_emergency_number_comes_from_the_data_and_is_kept_left_to_right(runtime):
    leaflet = runtime.leaflet("0180", "victim", "sv")
    acute = leaflet.sections[0]
    assert acute.urgent
    assert "\u2066112\u2069" in acute.blocks[0].text
    assert leaflet.emergency == "112" and leaflet.emergency_uri == "tel:112"


def test_phone_links_dial_the_number_shown(runtime):
    leaflet = runtime.leaflet("0180", "victim", "sv")
    line = next(c for c in leaflet.contacts if c.name == "Kvinnofridslinjen")
    assert line.phone == "020-50 50 50" and line.phone_uri == "tel:+4620505050"
    assert "Öppet dygnet runt" == line.hours
    assert "Syns inte på telefonräkningen" in line.flags


def test_english_leaflet_is_in_english_with_the_same_facts(runtime):
    sv = runtime.leaflet("0186", "victim", "en", today=TODAY)
    assert sv.language == "en" and sv.direction == "ltr"
    assert sv.title.startswith("For you")
    line = next(c for c in sv.contacts if c.name == "Kvinnofridslinjen")
    assert line.phone == "020-50 50 50"
    english_hours = runtime.content.catalogs.translations("en").gettext("Öppet dygnet runt")
    assert line.hours == english_hours != "Öppet dygnet runt"
    assert "November 23, 2026" in sv.labels.footer


def test_metadata_says_what_and_when(runtime):
    leaflet = runtime.leaflet("0180", "youth", "sv", today=TODAY)
    assert leaflet.url == "https://infogen.example/l/0180/youth/sv"
    assert leaflet.pdf_path == "/l/0180/youth/sv.pdf"
    assert leaflet.date_text == "23 november 2026"
    assert leaflet.content_version in leaflet.labels.footer


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("9999", "victim", "sv"), "municipality"),
        (("0180", "victims", "sv"), "audience"),
        (("0180", "victim", "xx"), "language"),
    ],
)
def test_unknown_parameters_name_what_is_wrong(runtime, args, field):
    with pytest.raises(UnknownLeaflet) as caught:
        runtime.leaflet(*args)
    assert caught.value.field == field


def test_unknown_topic_is_named(runtime):
    with pytest.raises(UnknownLeaflet) as caught:
        runtime.leaflet("0180", "victim", "sv", topics="close,weather")
    assert caught.value.field == "topic" and caught.value.value == "weather"
