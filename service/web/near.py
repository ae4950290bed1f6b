"""Near misses: an address typed by hand, read aloud, or cut short by a damaged code is often
close to a real one — ``/l/0180/victim/AR``, ``/l/0180/victim``, ``?topics=clo``,
``/l/stockholm``, ``/arabic``. They lead to the closest real page (301 when only the spelling
of a code differs, 302 when it is a guess), never to a dead end. Nothing here repeats what
was asked: a redirect names only real codes."""

from __future__ import annotations

import difflib
from urllib.parse import quote

from babel import Locale

from ..content.model import Audience, Topic
from ..leaflet.model import place_slug

_ENGLISH = Locale("en")


def language(content, value: str | None) -> str | None:
    """The offered language ``value`` names: its code in any case (``AR``), with a region
    (``ar-SA``, ``sv_SE``), or its name in Swedish, English or itself (``arabiska``,
    ``Arabic``, ``العربية``)."""
    if not value:
        return None
    offered = {lang.code: lang for lang in content.offered()}
    wanted = value.strip().lower().replace("_", "-")
    if wanted in offered:
        return wanted
    if wanted.split("-")[0] in offered:
        return wanted.split("-")[0]
    for lang in offered.values():
        names = {lang.name_sv.lower(), lang.endonym.lower(), (_ENGLISH.languages.get(lang.code) or "").lower()}
        if wanted in names:
            return lang.code
    return None


def accepted_language(content, header: str | None) -> str:
    """The first offered language of an Accept-Language header, in the browser's order; else Swedish."""
    ranked = []
    for i, part in enumerate((header or "").split(",")):
        tag, _, weight = part.strip().partition(";q=")
        try:
            q = float(weight) if weight else 1.0
        except ValueError:
            q = 0.0
        if tag and q > 0:
            ranked.append((-q, i, tag))
    for _, _, tag in sorted(ranked):
        found = language(content, tag)
        if found:
            return found
    return "sv"


def audience(value: str) -> str | None:
    wanted = value.strip().lower()
    found = difflib.get_close_matches(wanted, list(Audience.__members__), n=1, cutoff=0.75)
    return found[0] if found else None


def topics(value: str | None) -> str | None:
    """The real topics a ``?topics=`` list comes close to, in their order; None: all of them."""
    names = list(Topic.__members__)
    chosen = []
    for part in (value or "").lower().split(","):
        part = part.strip()
        match = part if part in names else next(
            iter(difflib.get_close_matches(part, names, n=1, cutoff=0.6)
                 or [n for n in names if len(part) >= 3 and n.startswith(part)]), None)
        if match and match not in chosen:
            chosen.append(match)
    return ",".join(t for t in names if t in chosen) or None


def municipality(content, value: str) -> str | None:
    """A municipality by its code or its name (``stockholm``, ``Upplands-Väsby``)."""
    places = content.directory.municipalities
    if value in places:
        return value
    wanted = place_slug(value)
    return next((code for code, m in places.items() if place_slug(m.name) == wanted), None)


def leaflet(content, code: str, who: str, lang: str, pdf: bool, query: str | None) -> tuple[str, int] | None:
    """The closest real leaflet to an address that names none, and the status to send there."""
    place = municipality(content, code)
    target = (place, audience(who), language(content, lang))
    if None in target:
        return None
    chosen = topics(query) if query is not None else None
    path = f"/l/{target[0]}/{target[1]}/{target[2]}" + (".pdf" if pdf else "")
    if chosen:
        path += f"?topics={chosen}"
    only_spelling = (place == code and target[1] == who.lower() and target[2] == lang.lower()
                     and (query is None or chosen == query.lower()))
    return path, 301 if only_spelling else 302


def here(path: str, query: str = "") -> str:
    """A redirect target on this site only: one leading slash (``//host`` and ``/\\host`` would
    leave it), every other character escaped (no header can be split)."""
    target = "/" + quote(path.lstrip("/\\"), safe="/-._~!$'()*+,;=:@%")
    return target + ("?" + quote(query, safe="=&,;%+/:@-._~") if query else "")
