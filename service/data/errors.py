"""Every error of the schema as a :class:`Refusal`: our own validators raise one; pydantic's
own errors (a field missing, a word not among the choices, a date that does not exist) are
said here in the same words, so no English technical message reaches a Swedish page."""

from __future__ import annotations

from typing import Any

from ..i18n.markers import S_
from ..i18n.refusal import Refusal

# parts of pydantic's locations that name a validator, not a field
_INTERNAL = ("function-after", "function-plain", "literal[", "list[", "lax-or-strict", "str", "json-or-python")


def location(error: dict[str, Any]) -> tuple:
    """The path of fields to the value (``("contacts", 0, "phone", "value")``)."""
    return tuple(p for p in error["loc"] if not str(p).startswith(_INTERNAL))


def _shown(value: Any) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


def refusal_of(error: dict[str, Any]) -> Refusal:
    kind = error["type"]
    context = error.get("ctx") or {}
    if isinstance(context.get("error"), Refusal):
        return context["error"]
    value = _shown(error.get("input"))
    if kind == "missing":
        return Refusal(S_("Uppgiften saknas: den måste finnas med."))
    if kind == "extra_forbidden":
        return Refusal(S_("Okänt fält (ett skrivfel?). Kontrollera stavningen mot municipalities/README.md."))
    if kind in ("enum", "literal_error"):
        choices = str(context.get("expected", "")).replace("'", "").replace(" or ", ", ")
        return Refusal(S_("”{value}” finns inte bland valen. Välj ett av: {choices}."), value=value, choices=choices)
    if kind.startswith("date") or kind.startswith("datetime"):
        return Refusal(S_("Datumet ”{value}” finns inte eller går inte att läsa. Skriv det som år-månad-dag, till "
                          "exempel 2026-01-31."), value=value)
    if kind == "string_too_long":
        return Refusal(S_("Texten har {length} tecken; den får ha högst {most}. Korta den."),
                       length=len(error.get("input") or ""), most=context.get("max_length", ""))
    if kind == "string_too_short":
        return Refusal(S_("Fältet är tomt."))
    if kind == "string_pattern_mismatch":
        if location(error)[-1:] == ("code",):
            return Refusal(S_("Koden ”{value}” ska vara kommunens fyra siffror från SCB, till exempel 0127."), value=value)
        return Refusal(S_("Id ”{value}” går inte att använda: bara a–z, siffror och bindestreck, till exempel "
                          "socialtjansten."), value=value)
    if kind in ("list_type", "tuple_type", "set_type"):
        return Refusal(S_("Här väntas en lista, till exempel [victim, youth]."))
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return Refusal(S_("Här väntas fält på egna rader (value, source, checked), inte ett ensamt värde."))
    if kind in ("string_type", "string_unicode"):
        return Refusal(S_("Här väntas en text; skriv den inom citattecken, till exempel \"08-123 456 78\"."))
    return Refusal(S_("Värdet ”{value}” går inte att använda här."), value=value)
