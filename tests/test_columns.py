"""The two columns of a leaflet as text extractors see them: blocks in the column read second
are moved a few points where they would line up with the first column as rows of a table
(see service/render/columns.py), and never so far that the leaflet needs a page more."""

from __future__ import annotations

import io
from functools import partial

import pytest
from pypdf import PdfReader

from service.render.columns import Block, Columns, table_rows
from service.render.pdf import _bilingual
from tests.conftest import TODAY
from tests.test_scripts import OFFERED

AUDIENCES = ("victim", "child", "youth", "perpetrator")


def pages(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


@pytest.mark.parametrize("code", OFFERED)
def test_moving_text_for_extractors_never_costs_a_page(runtime, code):
    for audience in AUDIENCES:
        leaflet = runtime.leaflet("0180", audience, code, today=TODAY)
        as_it_comes, _ = runtime.pdf._render(leaflet, partial(Columns, furthest=0.0))
        assert pages(runtime.pdf.render(leaflet)) <= pages(as_it_comes), (code, audience)


@pytest.mark.parametrize("code", [c for c in OFFERED if c != "sv"])
def test_nor_does_it_cost_a_bilingual_leaflet_a_page(runtime, code):
    swedish = runtime.leaflet("0180", "victim", "sv", today=TODAY)
    other = runtime.leaflet("0180", "victim", code, today=TODAY)
    as_it_comes, _ = _bilingual(runtime.pdf, swedish, other, partial(Columns, furthest=0.0))
    assert pages(runtime.pdf.bilingual(swedish, other)) <= pages(as_it_comes)


def block(top: float, lines: int = 1, size: float = 9.2) -> Block:
    bottom = top - 12.2 * lines
    return Block(top, bottom, size, top - 9.8, bottom + 2.7)


def test_two_rows_side_by_side_read_as_a_table_and_apart_when_one_is_lower():
    left = [block(700), block(680, 2)]
    right = [block(700.5), block(679, 2)]
    assert len(table_rows(left, right)) == 1
    lower = [block(700.5), block(679 - 6, 2)]
    assert table_rows(left, lower) == []
