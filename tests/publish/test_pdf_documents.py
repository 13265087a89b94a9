"""The 督查通报 (portrait) and the 责任分解表 (landscape) measured on their PDFs, as the report is
in test_pdf.py: margins, characters per line, page numbers and embedded CJK fonts."""

from __future__ import annotations

import re
import statistics
from pathlib import Path

import pdfplumber
import pytest

from tests.publish.pdf_pages import MM, Page, cjk_fonts, embedded_fonts, is_body, text_lines

A4_LONG, A4_SHORT = 297.0, 210.0


@pytest.fixture(scope="module")
def pdfs(pdf_ws: Path) -> dict[str, list[Page]]:
    """The pages of the notice and the breakdown table converted by reporter pdf."""
    docs = [pdf_ws / "outputs" / "督查通报.docx", pdf_ws / "outputs" / "责任分解表.docx"]
    pages = {}
    for doc in docs:
        with pdfplumber.open(doc.with_suffix(".pdf")) as pdf:
            pages[doc.stem] = [Page({"chars": p.chars, "width": p.width, "height": p.height}) for p in pdf.pages]
            pages[doc.stem + ".images"] = [[im["top"] for im in p.images] for p in pdf.pages]
        pages[doc.stem + ".path"] = doc.with_suffix(".pdf")
        assert pages[doc.stem], doc.name
    return pages


def page_number(page: Page) -> tuple[int, float, float]:
    line = [c for c in text_lines(page, min_size=13.9)[-1] if abs(c["size"] - 14) < 0.1]
    text = "".join(c["text"] for c in line)
    assert re.fullmatch(r"—\s*(\d+)\s*—", text), text
    return int(re.search(r"\d+", text).group()), line[0]["x0"] / MM, line[-1]["x1"] / MM


def test_notice_body_sits_in_the_type_area(soffice, pdfs):
    pages = pdfs["督查通报"]
    body = [line for page in pages for line in text_lines(page) if is_body(line)]
    assert min(line[0]["x0"] / MM for line in body) == pytest.approx(28, abs=1)
    assert max(c["x1"] / MM for line in body for c in line) <= 210 - 26 + 6  # hanging punctuation
    tops = []
    for page, images in zip(pages, pdfs["督查通报.images"]):
        lines = text_lines(page)
        topmost = min([c["top"] for c in page.chars if c["text"].strip()] + images)
        if lines and abs(lines[0][0]["size"] - 16) < 0.1 and lines[0][0]["top"] <= topmost + 0.5:
            tops.append(lines[0][0]["top"] / MM)
    assert tops and all(top == pytest.approx(37, abs=1) for top in tops), tops


def test_notice_full_lines_hold_28_characters(soffice, pdfs):
    full = []
    for page in pdfs["督查通报"]:
        for line in text_lines(page):
            text = "".join(c["text"] for c in line)
            if (is_body(line) and abs(line[0]["x0"] / MM - 28) < 0.5 and line[-1]["x1"] / MM > 182
                    and not any(ord(ch) < 0x2000 for ch in text)):
                full.append(len([c for c in line if c["x1"] / MM <= 184.5]))
    assert full and min(full) >= 27 and max(full) <= 28
    # Every body line keeps the pitch of 28 characters to the 156 mm line.
    pitches = [round((b["x0"] - a["x0"]) / MM, 2) for page in pdfs["督查通报"] for line in text_lines(page)
               if is_body(line) for a, b in zip(line, line[1:])
               if ord(a["text"][0]) >= 0x4E00 and ord(b["text"][0]) >= 0x4E00]
    assert statistics.mode(pitches) == pytest.approx(156 / 28, abs=0.05)


@pytest.mark.parametrize("name, width, left, right", [
    ("督查通报", A4_SHORT, 28.0, A4_SHORT - 26.0),
    ("责任分解表", A4_LONG, 37.0, A4_LONG - 35.0),
])
def test_page_numbers_alternate(soffice, pdfs, name, width, left, right):
    pages = pdfs[name]
    assert len(pages) >= 2
    for expected, page in enumerate(pages, start=1):
        assert page.width / MM == pytest.approx(width, abs=0.5)
        number, x0, x1 = page_number(page)
        assert number == expected
        one_char = 14 / MM
        if number % 2:
            assert x1 == pytest.approx(right - one_char, abs=1)
        else:
            assert x0 == pytest.approx(left + one_char, abs=1)


def test_breakdown_table_stays_in_the_landscape_type_area(soffice, pdfs):
    for page in pdfs["责任分解表"]:
        assert page.height / MM == pytest.approx(A4_SHORT, abs=0.5)
        text = [c for c in page.chars if c["text"].strip() and c["size"] < 13.9]
        assert min(c["x0"] / MM for c in text) >= 37 - 1
        assert max(c["x1"] / MM for c in text) <= A4_LONG - 35 + 1
        assert min(c["top"] / MM for c in text) >= 28 - 1
        assert max(c["bottom"] / MM for c in text) <= A4_SHORT - 26 + 1
    first = pdfs["责任分解表"][0]
    title = [c for c in first.chars if c["size"] > 21]
    assert title and "标准与责任分解表" in "".join(c["text"] for c in title)


@pytest.mark.parametrize("name", ["督查通报", "责任分解表"])
def test_fonts_are_embedded_cjk_substitutes(soffice, pdfs, name):
    path = pdfs[name + ".path"]
    fonts = embedded_fonts(path)
    assert fonts and all(fonts.values()), fonts
    assert not [n for n in fonts if "DejaVu" in n or "LiberationSans" in n], fonts
    used = cjk_fonts(path)
    assert used
    for char, names in used.items():
        assert all(n.startswith("Fandol") or re.match(r"Noto\w*CJK", n) for n in names), (char, names)
