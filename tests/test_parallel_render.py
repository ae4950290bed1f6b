"""Exact output under concurrency: PDFs drawn on 16 threads at once are byte for byte the
same as each drawn alone (reportlab's fixed dates and document ids on: `rl_config.invariant`),
in every script; and a fault while serving is logged with its traceback, never with the
reader's address."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor

import pytest
from litestar.testing import TestClient
from reportlab import rl_config

from service.web.app import create_app

LANGUAGES = ("sv", "ar", "fa", "th", "ti", "am", "ur", "ru", "so", "uk")
PLACES = ("0180", "0127")


@pytest.fixture
def invariant(monkeypatch):
    monkeypatch.setattr(rl_config, "invariant", 1)


def test_200_pdfs_drawn_on_16_threads_are_byte_identical_to_each_drawn_alone(runtime, invariant):
    wanted = [(place, audience, lang) for place in PLACES for audience in ("victim", "youth") for lang in LANGUAGES]
    leaflets = {key: runtime.leaflet(*key) for key in wanted}
    jobs = [wanted[i % len(wanted)] for i in range(200)]

    def draw(key):
        kind = wanted.index(key) % 3  # the leaflet, the bilingual leaflet or wallet cards
        leaflet = leaflets[key]
        if kind == 1 and leaflet.language != "sv":
            return runtime.pdf.bilingual(leaflets[(key[0], key[1], "sv")], leaflet)
        if kind == 2:
            return runtime.wallet.render(leaflet)
        return runtime.pdf.render(leaflet)

    # at once first: glyphs meet their fonts for the first time among 16 threads
    with ThreadPoolExecutor(16) as pool:
        together = list(pool.map(draw, jobs))
    alone = {key: draw(key) for key in wanted}
    different = [key for key, data in zip(jobs, together) if data != alone[key]]
    assert not different, f"{len(different)} of {len(jobs)} differ, e.g. {different[:3]}"


def test_a_fault_is_answered_500_and_logged_with_its_traceback_without_the_address(runtime, caplog, monkeypatch):
    def broken(leaflet):
        raise KeyError("a font table the subsetter could not find")

    monkeypatch.setattr(runtime.pdf, "render", broken)
    app = create_app(runtime)
    service_log = logging.getLogger("infogen")  # the service's own handler does not pass records on
    service_log.addHandler(caplog.handler)
    try:
        with TestClient(app, base_url="https://infogen.example") as client:
            answer = client.get("/l/0180/victim/sv.pdf?topics=close", headers={"User-Agent": "ProbeAgent/1.0"})
    finally:
        service_log.removeHandler(caplog.handler)
    assert answer.status_code == 500 and "KeyError" not in answer.text
    records = [r for r in caplog.records if r.name.startswith("infogen") and r.exc_info]
    assert len(records) == 1
    logged = logging.Formatter().format(records[0])
    assert "GET /l/0180/victim/sv.pdf" in logged and "KeyError" in logged and "Traceback" in logged
    assert "testclient" not in logged and "ProbeAgent" not in logged and "topics=close" not in logged
