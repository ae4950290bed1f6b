"""The text-layout engine on its own: bidi, line breaking, shaping and font fallback."""

from __future__ import annotations

import unicodedata

import pytest

from service.settings import ROOT
from service.text import FontLibrary, TextStyle, layout_paragraph, missing_characters
from service.text.unicode import LRI, PDI

fonts = FontLibrary(ROOT / "fonts")
LATIN = fonts.chain("NotoSans-Regular")
ARABIC = fonts.chain("NotoSansArabic-Regular", "NotoSans-Regular")
THAI = fonts.chain("NotoSansThai-Regular", "NotoSans-Regular")
ETHIOPIC = fonts.chain("NotoSansEthiopic-Regular", "NotoSans-Regular")


def visual_text(line) -> str:
    """What a line shows, left to right, as the characters each glyph stands for."""
    out = []
    for run in line.runs:
        glyph_to_char = {}
        for char, gid in run.face.ttfont.face.charToGlyph.items():
            glyph_to_char.setdefault(gid, char)
        for char in run.glyphs:
            gid = run.face.ttfont.face.charToGlyph.get(ord(char))
            out.append(chr(glyph_to_char.get(gid, ord(char))))
    return unicodedata.normalize("NFKC", "".join(out))


def test_lines_never_exceed_the_width_and_keep_every_word():
    text = "Ring Kvinnofridslinjen om du vill prata med någon. Samtalet är gratis och syns inte på räkningen. " * 4
    style = TextStyle(LATIN, 10)
    lines = layout_paragraph(text, style, 200)
    assert len(lines) > 5
    assert all(line.width <= 200.01 for line in lines)
    shown = " ".join(visual_text(line) for line in lines)
    assert shown.split() == text.split()


def test_phone_number_stays_left_to_right_in_arabic():
    text = f"اتصلي بخط Kvinnofridslinjen على الرقم {LRI}020-50 50 50{PDI} في أي وقت."
    lines = layout_paragraph(text, TextStyle(ARABIC, 12, rtl=True, lang="ar"), 1000)
    assert len(lines) == 1
    shown = visual_text(lines[0])
    assert "020-50 50 50" in shown  # read left to right, as written
    assert "Kvinnofridslinjen" in shown


AR = TextStyle(ARABIC, 12, rtl=True, lang="ar")


def shown_alone(word: str) -> str:
    return visual_text(layout_paragraph(word, AR, 1000)[0])


def test_the_first_arabic_word_stands_at_the_right_of_the_line():
    words = ["الأول", "الثاني", "الثالث"]
    line = visual_text(layout_paragraph(" ".join(words), AR, 1000)[0])
    assert line.endswith(shown_alone(words[0]))
    assert line.startswith(shown_alone(words[-1]))


def test_brackets_are_mirrored_in_right_to_left_text():
    shown = visual_text(layout_paragraph("مجانًا (دائمًا)", AR, 1000)[0])
    # on the page, left to right: "(" then the word then ")" — the pair still encloses it
    assert shown.index("(") < shown.index(")")
    assert shown.endswith(shown_alone("مجانًا"))


def test_multi_line_arabic_reads_top_to_bottom():
    first, last = "البداية", "النهاية"
    text = first + " " + " ".join(["كلمة"] * 40) + " " + last
    lines = layout_paragraph(text, AR, 150)
    assert len(lines) > 3
    assert visual_text(lines[0]).endswith(shown_alone(first))
    assert visual_text(lines[-1]).startswith(shown_alone(last))


def test_thai_breaks_between_words_not_inside_them():
    # "Thai has no spaces between words", as ICU's dictionary segments it
    words = ["ภาษา", "ไทย", "ไม่มี", "ช่อง", "ว่าง", "ระหว่าง", "คำ"]
    text = "".join(words) * 3
    boundaries = set()
    position = 0
    for word in words * 3:
        position += len(unicodedata.normalize("NFKC", word))  # as visual_text counts
        boundaries.add(position)
    lines = layout_paragraph(text, TextStyle(THAI, 12, lang="th"), 90)
    assert len(lines) > 2
    consumed = 0
    for line in lines[:-1]:
        consumed += len(visual_text(line))
        assert consumed in boundaries, f"line ends inside a word at {consumed}"


def test_a_phone_number_is_never_split_across_lines():
    text = f"Ring {LRI}020-50 50 50{PDI} " * 10
    for width in range(60, 200, 7):
        for line in layout_paragraph(text, TextStyle(LATIN, 10), width):
            shown = visual_text(line)
            assert shown.count("020") == shown.count("020-50 50 50")


def test_ethiopic_takes_digits_and_latin_from_the_fallback_font():
    text = "አስቸኳይ አደጋ ላይ ከሆኑ፣ 112 ይደውሉ። Kvinnofridslinjen"
    assert missing_characters(text, ETHIOPIC) == set()
    lines = layout_paragraph(text, TextStyle(ETHIOPIC, 12, lang="am"), 1000)
    faces = {run.face.name for run in lines[0].runs}
    assert faces == {"NotoSansEthiopic-Regular", "NotoSans-Regular"}
    assert "112" in visual_text(lines[0]) and "።" in visual_text(lines[0])


def test_characters_no_font_covers_are_reported():
    assert missing_characters("Hej 你好", LATIN) == {"你", "好"}
    assert missing_characters("Hej då", LATIN) == set()


def test_a_word_wider_than_the_line_is_cut_instead_of_overflowing():
    url = "https://www.example.se/" + "a" * 120
    lines = layout_paragraph(url, TextStyle(LATIN, 10), 150)
    assert len(lines) > 1
    assert all(line.width <= 150.01 for line in lines)
    assert "".join(visual_text(line) for line in lines) == url


@pytest.mark.parametrize("text", ["", " ", "\n"])
def test_empty_text_gives_no_visible_glyphs(text):
    lines = layout_paragraph(text, TextStyle(LATIN, 10), 100)
    assert all(visual_text(line).strip() == "" for line in lines)


def test_a_paragraph_one_line_taller_than_the_frame_still_splits():
    from service.text import TextBlock

    style = TextStyle(LATIN, 10, 12)
    text = " ".join(["ord"] * 2000)
    block = TextBlock(text, style)
    _, height = block.wrap(100, 10_000)
    lines = int(height / 12)
    parts = block.split(100, (lines - 1) * 12)
    assert len(parts) == 2
    assert parts[0].wrap(100, 10_000)[1] / 12 == lines - 2
    assert parts[1].wrap(100, 10_000)[1] / 12 == 2


ADDRESS = "start.stockholm/om-stockholms-stad/stockholmarnas-fokus/trygghet/vald-i-nara-relationer"


@pytest.mark.parametrize("width", [90, 130, 170, 210])
def test_an_address_breaks_where_a_browser_breaks_it(width):
    text = f"Webb: {LRI}{ADDRESS}{PDI}"
    lines = layout_paragraph(text, TextStyle(LATIN, 10), width)
    shown = [visual_text(line) for line in lines]
    assert all(line.width <= width + 0.01 for line in lines)
    assert "".join(shown).replace("Webb: ", "", 1) == ADDRESS
    for line in shown[:-1]:
        assert line[-1] in "/-.?& ", f"cut inside a word: {shown}"

