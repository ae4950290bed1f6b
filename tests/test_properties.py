"""Properties over many generated inputs (hypothesis): a broken data file always gives
``file:line: message`` problems and never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.data.loader import DataError, load_directory
from service.settings import ROOT

SHIPPED = ROOT / "municipalities"
VICTIM = "0127-botkyrka.yaml"

# what a hurried edit does to a line: cut it, double it, swap in odd characters, break the indentation
edits = st.lists(st.tuples(
    st.integers(min_value=0, max_value=200),
    st.sampled_from(["cut", "double", "indent", "dedent", "insert", "delete"]),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12),
), min_size=1, max_size=4)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=edits)
def test_a_broken_data_file_is_reported_by_file_and_line(tmp_path_factory, edits):
    folder = tmp_path_factory.mktemp("data")
    shutil.copy(SHIPPED / "_actors.yaml", folder)
    shutil.copy(SHIPPED / VICTIM, folder)
    lines = (SHIPPED / VICTIM).read_text().splitlines()
    for position, edit, text in edits:
        i = position % max(len(lines), 1)
        if edit == "cut" and lines:
            lines[i] = lines[i][: len(lines[i]) // 2]
        elif edit == "double" and lines:
            lines.insert(i, lines[i])
        elif edit == "indent" and lines:
            lines[i] = "   " + lines[i]
        elif edit == "dedent" and lines:
            lines[i] = lines[i].lstrip()
        elif edit == "insert":
            lines.insert(i, text)
        elif edit == "delete" and lines:
            del lines[i]
    (folder / VICTIM).write_text("\n".join(lines) + "\n")
    try:
        load_directory(folder)
    except DataError as error:
        assert error.problems
        for problem in error.problems:
            assert Path(problem.file).name in (VICTIM, "_actors.yaml")
            assert problem.line >= 1 and problem.message
            assert str(problem).startswith(f"{problem.file}:{problem.line}: ")


# --- the text-layout engine ---------------------------------------------------------------

import io  # noqa: E402
from collections import Counter  # noqa: E402

from pypdf import PdfReader  # noqa: E402
from reportlab.platypus import SimpleDocTemplate  # noqa: E402

from service.text import FontLibrary, TextStyle, layout_paragraph  # noqa: E402
from service.text.flowable import TextBlock  # noqa: E402
from service.text.test_layout import visual_text  # noqa: E402

FONTS = FontLibrary(ROOT / "fonts")
CHAIN = FONTS.chain("NotoSansArabic-Regular", "NotoSansEthiopic-Regular", "NotoSansThai-Regular",
                    "NotoSansHebrew-Regular", "NotoSans-Regular")
SCRIPTS = "abcxyzåäöÅÄÖ абвгдЖЩ ሀለሐመሠ กขคงจ שלום عربيةفارسی 0123456789 ()[]-+.,:;!? "
WORDS = st.text(alphabet=SCRIPTS, min_size=0, max_size=120)


@settings(max_examples=120, deadline=None)
@given(text=WORDS, width=st.integers(min_value=40, max_value=400), rtl=st.booleans())
def test_any_mixed_script_text_lays_out_within_the_width(text, width, rtl):
    style = TextStyle(CHAIN, 10, rtl=rtl, lang="ar" if rtl else "sv")
    lines = layout_paragraph(text, style, width)
    for line in lines:
        assert line.width <= width + 0.01 or len(visual_text(line).split()) <= 1  # only a lone long word is cut


LATIN_WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäöАБВгдеж0123456789-.,", min_size=1, max_size=14)


@settings(max_examples=120, deadline=None)
@given(words=st.lists(LATIN_WORDS, min_size=1, max_size=30), width=st.integers(min_value=120, max_value=400))
def test_words_are_neither_dropped_nor_doubled(words, width):
    text = " ".join(words)
    lines = layout_paragraph(text, TextStyle(FONTS.chain("NotoSans-Regular"), 10), width)
    shown = "".join(visual_text(line).replace(" ", "") for line in lines)
    assert shown == text.replace(" ", "")


def _drawn_and_extracted(text: str, style: TextStyle, width: float) -> str:
    """``text`` drawn by the engine into a real PDF in a frame ``width`` wide, and read back with pypdf."""
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=(width + 72, 842), leftMargin=36, rightMargin=36).build([TextBlock(text, style)])
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(out.getvalue())).pages)


def _characters(text: str) -> Counter:
    # a glyph that carries no text of its own (the second half of a Thai SARA AM) reads as U+200B
    return Counter(c for c in text if not c.isspace() and c != "\u200b")


@settings(max_examples=60, deadline=None)
@given(text=WORDS, width=st.integers(min_value=60, max_value=400), rtl=st.booleans())
def test_extraction_gives_back_every_character_of_any_mixed_script_text(text, width, rtl):
    style = TextStyle(CHAIN, 10, rtl=rtl, lang="ar" if rtl else "sv")
    assert _characters(_drawn_and_extracted(text, style, width)) == _characters(text)


@settings(max_examples=40, deadline=None)
@given(words=st.lists(LATIN_WORDS, min_size=1, max_size=30), width=st.integers(min_value=120, max_value=400))
def test_left_to_right_text_is_extracted_in_its_own_order(words, width):
    text = " ".join(words)
    extracted = _drawn_and_extracted(text, TextStyle(FONTS.chain("NotoSans-Regular"), 10), width)
    assert "".join(extracted.split()) == "".join(text.split())  # a word cut at a line's end joins up again
