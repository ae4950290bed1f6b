"""Phone numbers and opening hours as people write them: libphonenumber's data decides what
exists, the leaflet prints the national form and links E.164; a refusal says what is wrong
and how to write it, in the page's language (Swedish, English)."""

from __future__ import annotations

from datetime import date

import phonenumbers
import pytest
from phonenumbers import shortnumberinfo

from service.data.hours import normal_hours, parse_time
from service.data.phone import parse_phone, short_numbers
from service.i18n.refusal import Refusal


@pytest.mark.parametrize("typed", ["08-12345678", "0812345678", "+46 8 123 456 78", "08-123 456 78", "0046812345678",
                                   "(08) 123 456 78", "08 – 123 456 78", "+46 (0)8 123 456 78"])
def test_every_usual_way_of_writing_a_stockholm_number_is_the_same_number(typed):
    phone = parse_phone(typed)
    assert phone.printed == "08-123 456 78"
    assert phone.uri == "tel:+46812345678"


@pytest.mark.parametrize(("typed", "printed", "uri"), [
    ("0701234567", "070-123 45 67", "tel:+46701234567"),
    ("020505050", "020-50 50 50", "tel:+4620505050"),
    ("020-555 666", "020-555 666", "tel:+4620555666"),  # the source's own grouping, which is a correct one
    ("08-508 00 508", "08-508 00 508", "tel:+46850800508"),
    ("0176-22 50 00", "0176-22 50 00", "tel:+46176225000"),  # Norrtälje's area code
    ("0176225000", "0176-22 50 00", "tel:+46176225000"),
    ("11414", "114 14", "tel:11414"),
    ("112", "112", "tel:112"),
])
def test_a_valid_number_is_printed_in_the_national_form_and_linked_in_e164(typed, printed, uri):
    assert parse_phone(typed) == type(parse_phone(typed))(printed, uri)


@pytest.mark.parametrize(("typed", "swedish", "english"), [
    ("123", "”123” är inte ett av de korta nummer som kan stå på bladen (112, 114 14, 1177, 116 006, 116 111). Skriv "
            "hela numret med riktnummer, till exempel 08-123 456 78.",
     "“123” is not one of the short numbers a leaflet can show (112, 114 14, 1177, 116 006, 116 111). Write the whole "
     "number with its area code, for example 08-123 456 78."),
    ("000", "Telefonnumret ”000” har för få siffror. Skriv hela numret med riktnummer, till exempel 08-123 456 78.",
     "The phone number “000” has too few digits. Write the whole number with its area code, for example 08-123 456 78."),
    ("070123456", "Ett mobilnummer har tio siffror, till exempel 070-123 45 67; ”070123456” har 9.",
     "A mobile number has ten digits, for example 070-123 45 67; “070123456” has 9."),
    ("116 000", "”116 000” är inte ett av de korta nummer", "“116 000” is not one of the short numbers"),
    ("+47 22 22 22 22", "är inte ett svenskt telefonnummer", "is not a Swedish phone number"),
    ("5306100", "saknar riktnummer. Skriv det med riktnummer först", "has no area code. Write it with the area code"),
    ("08-123 45 6O", "innehåller annat än siffror", "contains more than digits"),
    ("08-1234567890123", "har för många siffror (15)", "has too many digits (15)"),
])
def test_a_number_that_cannot_be_dialled_is_refused_saying_why_and_how_to_write_it(typed, swedish, english):
    with pytest.raises(Refusal) as refused:
        parse_phone(typed)
    assert swedish in refused.value.text()
    assert english in str(refused.value)  # the command line and the log: English


def test_the_short_numbers_are_real_short_numbers_each_with_its_source():
    numbers = short_numbers()
    assert {n.number for n in numbers.values()} >= {"112", "114 14", "1177", "116 006", "116 111"}
    for short in numbers.values():
        assert shortnumberinfo.is_valid_short_number(phonenumbers.parse(short.digits, "SE")), short.number
        assert short.source.startswith(("https://", "http://")) and short.checked <= date.today()


@pytest.mark.parametrize(("typed", "kept"), [("9", "09:00"), ("9.00", "09:00"), ("09:00", "09:00"), ("9:30", "09:30"),
                                             ("0930", "09:30"), ("kl. 17", "17:00"), ("24", "24:00")])
def test_times_are_read_as_people_write_them(typed, kept):
    assert parse_time(typed) == kept


@pytest.mark.parametrize("typed", ["25", "9.3", "9:60", "nio", "24:30"])
def test_a_time_that_does_not_exist_is_refused_with_an_example(typed):
    with pytest.raises(Refusal) as refused:
        parse_time(typed)
    assert "till exempel" in refused.value.text() and "for example" in str(refused.value)


def test_opening_hours_in_a_data_file_are_kept_in_one_form():
    assert normal_hours("weekdays 9-17") == "weekdays 09:00-17:00"
    assert normal_hours("daily 9.00–21.00") == "daily 09:00-21:00"
    assert normal_hours("weekdays 16:30-08:00") == "weekdays 16:30-08:00"  # a social emergency service at night
    assert normal_hours("24/7") == "24/7"
    with pytest.raises(Refusal):
        normal_hours("weekdays 9-9")
    with pytest.raises(Refusal):
        normal_hours("mondays 9-17")
