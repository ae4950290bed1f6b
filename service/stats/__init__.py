"""The action 4.3 report as people read it: one set of figures, written as a table for the
terminal, CSV, JSON and the web page — all from :func:`figures`, so they cannot disagree."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from typing import Mapping

from ..i18n.markers import S_
from ..store import Report, Use

BREAKDOWNS = ("month", "language", "audience", "topic", "format", "views_format", "views_channel", "views_language",
              "views_audience")
ALL = "all"  # the municipality column of the totals
# what staff hand over (web: leaflets counted before hand-overs were, one per language chosen)
FORMATS = ("pdf", "print", "qr", "link", "bilingual", "handout", "poster", "card", "web")
EARLIEST = date(2020, 1, 1)  # no report reaches further back


class PeriodProblem(ValueError):
    """A period that cannot be read: ``field`` ("from" or "to") and a message in Swedish
    (the staff pages' source language) with ``values`` to fill in after translating it."""

    def __init__(self, field: str, message: str, **values: str):
        self.field = field
        self.message = message
        self.values = values
        super().__init__(f"{field}: {self.text()}")

    def text(self, translate=lambda message: message) -> str:
        text = translate(self.message)
        for name, value in self.values.items():
            text = text.replace("{" + name + "}", value)
        return text


def period(start: str | None, end: str | None, today: date) -> tuple[date, date]:
    """From and to as typed (YYYY-MM-DD, both days included); by default this year so far."""
    def read(field: str, text: str | None, default: date) -> date:
        if not text:
            return default
        try:
            return date.fromisoformat(text.strip())
        except ValueError:
            raise PeriodProblem(field, S_("Datumet {value} går inte att läsa: skriv det som 2026-01-31."),
                                value=repr(text.strip()[:40])) from None

    first = read("from", start, today.replace(month=1, day=1))
    last = read("to", end, today)
    for field, day in (("from", first), ("to", last)):
        if not EARLIEST <= day <= today.replace(year=today.year + 1, month=12, day=31):
            raise PeriodProblem(field, S_("Välj ett datum mellan {earliest} och nästa års slut."),
                                earliest=EARLIEST.isoformat())
    if first > last:
        raise PeriodProblem("to", S_("Perioden slutar ({end}) innan den börjar ({start})."),
                            start=first.isoformat(), end=last.isoformat())
    return first, last


@dataclass(frozen=True)
class Figure:
    municipality: str  # a code, or "all" for the totals
    name: str
    measure: str  # used, users, generations, views, or a breakdown: month, language, …
    key: str  # what the breakdown counts (e.g. "ar", "2026-03"); empty for the indicators
    value: int


def _figures_of(use: Use, code: str, name: str) -> list[Figure]:
    rows = [Figure(code, name, "users", "", use.users), Figure(code, name, "generations", "", use.generations),
            Figure(code, name, "views", "", use.views)]
    for measure, counts in use.breakdowns().items():
        rows += [Figure(code, name, measure, key, n) for key, n in counts.items()]
    return rows


def figures(report: Report, names: Mapping[str, str]) -> list[Figure]:
    """Every number of the report: first the totals, then municipality by municipality."""
    rows = [Figure(ALL, "", "municipalities_used", "", report.municipalities_used)]
    rows += _figures_of(report.totals, ALL, "")
    for place in _by_name(report, names):
        rows.append(Figure(place.municipality, names.get(place.municipality, ""), "used", "", int(place.used)))
        rows += _figures_of(place, place.municipality, names.get(place.municipality, ""))
    return rows


def _by_name(report: Report, names: Mapping[str, str]) -> list[Use]:
    return sorted(report.places, key=lambda p: (names.get(p.municipality, ""), p.municipality))


def as_csv(report: Report, names: Mapping[str, str]) -> str:
    """For a spreadsheet: UTF-8 with a byte order mark and semicolons, which Excel set to
    Swedish opens in columns with å, ä and ö intact (comma is the decimal sign there)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["from", "to", "municipality", "name", "measure", "key", "value"])
    for f in figures(report, names):
        writer.writerow([report.start.isoformat(), report.end.isoformat(), f.municipality, f.name, f.measure, f.key,
                         f.value])
    return out.getvalue()


def _use_json(use: Use) -> dict:
    return {"users": use.users, "generations": use.generations, "views": use.views,
            **{f"by_{m}" if not m.startswith("views_") else m: dict(c) for m, c in use.breakdowns().items()}}


def as_json(report: Report, names: Mapping[str, str]) -> dict:
    return {
        "from": report.start.isoformat(),
        "to": report.end.isoformat(),
        "municipalities_used": report.municipalities_used,
        # before this day only whole months are kept; the period's edges there were read whole
        "whole_months_before": report.whole_months_before.isoformat() if report.whole_months_before else None,
        "totals": _use_json(report.totals),
        "municipalities": [
            {"code": p.municipality, "name": names.get(p.municipality, ""), "used": p.used, **_use_json(p)}
            for p in _by_name(report, names)
        ],
    }


def as_table(report: Report, names: Mapping[str, str]) -> str:
    """For the terminal: the indicators, one line per municipality, then the breakdowns."""
    lines = [f"Period {report.start} – {report.end}",
             f"Municipalities that used the tool: {report.municipalities_used} of {len(report.places)}", ""]
    header = ("code", "municipality", "users", "generations", *FORMATS, "public views")
    rows = [header]
    for p in _by_name(report, names):
        rows.append((p.municipality, names.get(p.municipality, ""), str(p.users), str(p.generations),
                     *(str(p.by_format.get(f, 0)) for f in FORMATS), str(p.views)))
    t = report.totals
    rows.append((ALL, "", str(t.users), str(t.generations), *(str(t.by_format.get(f, 0)) for f in FORMATS),
                 str(t.views)))
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    for row in rows:
        lines.append("  ".join(cell.ljust(w) if i < 2 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths))))
    for measure in BREAKDOWNS:
        counts = t.breakdowns()[measure]
        if counts:
            lines += ["", f"{measure.replace('_', ' ')}:"]
            lines += [f"  {key:<12} {n:>8}" for key, n in counts.items()]
    return "\n".join(lines) + "\n"
