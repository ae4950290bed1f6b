"""The two columns of a leaflet as text extractors see them: blocks in the column read second
are moved a few points where they would line up with the first column as rows of a table
(see service/render/columns.py), and never so far that the leaflet needs a page more."""

from __future__ import annotations

import io
from functools import partial

import pytest
from pypdf import PdfReader

from service.render.columns import Block, Columns, _merged, table_rows
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
    swedish_leaflets = {a: runtime.leaflet("0180", a, "sv", today=TODAY) for a in AUDIENCES}
    for audience in AUDIENCES:
        other = runtime.leaflet("0180", audience, code, today=TODAY)
        as_it_comes, _ = _bilingual(runtime.pdf, swedish_leaflets[audience], other, partial(Columns, furthest=0.0))
        assert pages(runtime.pdf.bilingual(swedish_leaflets[audience], other)) <= pages(as_it_comes), audience


def test_moving_blocks_leaves_fewer_rows_read_across(runtime):
    leaflet = runtime.leaflet("0180", "victim", "sv", today=TODAY)
    _, moved = runtime.pdf._render(leaflet)
    _, as_it_comes = runtime.pdf._render(leaflet, partial(Columns, furthest=0.0))
    assert sum(moved.dropped.values()) > 0
    assert moved.rows() < as_it_comes.rows()


def block(top: float, lines: int = 1, size: float = 9.2) -> Block:
    """A block of ``lines`` body lines whose first line's box starts at ``top``."""
    first = top - 9.8
    last = first - 12.2 * (lines - 1)
    return Block(top, last - 2.7, size, first, last)


# beside a two-line and a three-line block, a one-line and a two-line block lined up by
# their tops, their bottoms or their middles (the first-line tops of each pair)
BESIDE = {"top": (700.5, 667.5), "bottom": (687.8, 655.8), "middle": (693.9, 661.9)}


@pytest.mark.parametrize("edge", BESIDE)
def test_two_rows_side_by_side_read_as_a_table_and_apart_when_one_is_lower(edge):
    left = [block(700, 2), block(668, 3)]
    upper, lower = BESIDE[edge]
    assert len(table_rows(left, [block(upper, 1), block(lower, 2)])) == 1
    assert table_rows(left, [block(upper, 1), block(lower - 6, 2)]) == []


def test_lines_close_enough_are_one_block_for_poppler():
    lines = [block(700), block(700 - 12.2), block(700 - 2 * 12.2 - 8)]  # a paragraph, then a gap
    joined = _merged(lines)
    assert len(joined) == 2 and joined[0].top == 700 and joined[0].bottom == lines[1].bottom
