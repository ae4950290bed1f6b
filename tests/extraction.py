"""Reading a PDF's text back as readers' tools do, and comparing it word by word with the
source: poppler's pdftotext (its default layout analysis and ``-raw``, content-stream
order), MuPDF (PyMuPDF), pypdf and PDFium (pypdfium2)."""

from __future__ import annotations

import io
import subprocess
import tempfile
import unicodedata
from functools import lru_cache
from pathlib import Path

import icu
import pymupdf
import pypdfium2
from pypdf import PdfReader


def _pdftotext(data: bytes, *options: str) -> str:
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "document.pdf"
        pdf.write_bytes(data)
        return subprocess.run(["pdftotext", *options, "-enc", "UTF-8", str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout


def _pymupdf(data: bytes) -> str:
    with pymupdf.open(stream=data, filetype="pdf") as document:
        return "\n".join(page.get_text() for page in document)


def _pypdf(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _pdfium(data: bytes) -> str:
    document = pypdfium2.PdfDocument(data)
    try:
        texts = []
        for page in document:
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return "\n".join(texts)
    finally:
        document.close()


TOOLS = {
    "pdftotext": lambda data: _pdftotext(data),
    "pdftotext -raw": lambda data: _pdftotext(data, "-raw"),
    "pymupdf": _pymupdf,
    "pypdf": _pypdf,
    "pdfium": _pdfium,
}


@lru_cache(maxsize=64)
def _word_breaker(lang: str) -> icu.BreakIterator:
    return icu.BreakIterator.createWordInstance(icu.Locale(lang))


def words(text: str, lang: str) -> list[str]:
    """The words of ``text`` after NFKC, as ICU's word breaker finds them (so Thai, written
    without spaces, splits into words the same way whatever the line breaks); punctuation
    and spaces are not words."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c for c in text if unicodedata.category(c) != "Cf" or c in "\u200c\u200d")
    breaker = _word_breaker(lang)
    breaker.setText(text)
    found, start = [], 0
    units = icu.UnicodeString(text)
    for end in breaker:
        word = str(units[start:end])
        start = end
        if any(unicodedata.category(c)[0] in "LN" for c in word):
            found.append(word)
    return found


def common_in_order(reference: list[str], found: list[str]) -> int:
    """The length of the longest common subsequence of two word lists (bit-parallel, Hyyrö)."""
    masks: dict[str, int] = {}
    for i, word in enumerate(reference):
        masks[word] = masks.get(word, 0) | (1 << i)
    full = (1 << len(reference)) - 1
    v = full
    for word in found:
        u = v & masks.get(word, 0)
        v = ((v + u) | (v - u)) & full
    return len(reference) - bin(v).count("1")


def strays(text: str) -> list[str]:
    """What must never come out of a PDF's text: zero-width spaces and private-use code points."""
    return sorted({f"U+{ord(c):04X}" for c in text if c == "\u200b" or unicodedata.category(c) == "Co"})



def recovered(references: list[list[str]], text: str, lang: str) -> float:
    """The share of the reference words that ``text`` gives back in order: each reference
    (a word list that must read in order, such as one language of a bilingual leaflet)
    against the whole text, by the longest common subsequence."""
    found = words(text, lang)
    total = sum(len(r) for r in references)
    return sum(common_in_order(r, found) for r in references) / total if total else 1.0
