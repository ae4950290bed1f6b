"""Marks a text of the staff and administration pages for extraction (domain "staff").

The text stays Swedish where it is made; the page translates it (`{{ _(text) }}`)."""


def S_(message: str) -> str:
    return message
