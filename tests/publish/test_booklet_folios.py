"""The booklet's page numbers and landscape pages on PDFs made here (Helvetica, no LibreOffice):
a page's own number found and taken out of its content stream, the booklet's printed in its
place, landscape pages turned upright with their type area where a portrait page has it."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from reporter.publish.booklet import BookletEntry, make_booklet
from reporter.publish.folios import ContentError, PT_PER_MM, foot_margin, shown_texts, without_folio
from reporter.publish.turn import SHIFT_DOWN_PT

A4 = (595.3, 841.9)
BODY = b"BT /F1 16 Tf 80 700 Td (Body text) Tj ET\n"


def folio(number: int, x: float = 470, y: float = 66.3) -> bytes:
    """A page number drawn the way LibreOffice draws the documents' footers."""
    return b"q 0 0 0 rg\nBT\n%.1f %.3f Td /F1 14 Tf(- %d -)Tj\nET\nQ\n" % (x, y, number)


def pdf(path: Path, pages: list[tuple[bytes, tuple[float, float]]]) -> Path:
    """A PDF of pages of these content streams and sizes, text in Helvetica as /F1."""
    writer = PdfWriter()
    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica")}))
    for data, (width, height) in pages:
        page = writer.add_blank_page(width=width, height=height)
        page[NameObject("/Resources")] = DictionaryObject({
            NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})
        stream = DecodedStreamObject()
        stream.set_data(data)
        page.replace_contents(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def numbers_on(page) -> list[str]:
    return re.findall(r"- (\d+) -", page.extract_text())


# --- the content stream -------------------------------------------------------------------------


def test_text_positions_follow_matrices_and_the_graphics_state():
    data = (b"q 1 0 0 1 10 20 cm BT 5 6 Td (a) Tj 0 -10 TD (b) Tj T* [(c) -20 (d)] TJ ET Q "
            b"BT 2 0 0 2 100 200 Tm (e\\) \\( (nested) f) Tj 1 1 Td (g) ' ET "
            b"BI /W 1 /H 1 /BPC 8 /CS /G ID \x00ET\x01 EI "
            b"q 0 1 -1 0 595 0 cm BT 30 40 Td <0102> Tj ET Q")
    shown = shown_texts(data)
    assert [(round(s.x, 3), round(s.y, 3)) for s in shown] == [
        (15, 26), (15, 16), (15, 6), (100, 200), (102, 182), (555, 30)]
    assert data[shown[2].start:shown[2].end] == b"[(c) -20 (d)] TJ"
    assert data[shown[3].start:shown[3].end] == b"(e\\) \\( (nested) f) Tj"


def test_unreadable_streams_say_so():
    with pytest.raises(ContentError):
        shown_texts(b"BT (open Tj ET")
    with pytest.raises(ContentError):
        shown_texts(b"BI /W 1 ID \x00\x00")


def test_the_foot_margin_of_each_orientation():
    assert foot_margin(*A4) == pytest.approx(35 * PT_PER_MM)
    assert foot_margin(A4[1], A4[0]) == pytest.approx(26 * PT_PER_MM)


def test_only_the_text_in_the_foot_margin_is_taken_out():
    low_body = b"BT /F1 16 Tf 80 113 Td (last line) Tj ET\n"
    data = b"0.1 w\n" + BODY + low_body + folio(7) + b"0 0 m 500 20 l S\n"
    kept, taken = without_folio(data, *A4)
    assert taken == 1
    assert kept == b"0.1 w\n" + BODY + low_body + b"q 0 0 0 rg\nBT\n470.0 66.300 Td /F1 14 Tf\nET\nQ\n" \
        + b"0 0 m 500 20 l S\n"
    assert without_folio(BODY, *A4) == (BODY, 0)
    # a landscape page's foot margin is lower: its last table row stays
    row = b"BT /F1 12 Tf 100 92 Td (row) Tj ET\n"
    assert without_folio(row + folio(3, 120, 40.8), A4[1], A4[0])[1] == 1
    assert b"(row) Tj" in without_folio(row + folio(3, 120, 40.8), A4[1], A4[0])[0]


# --- the booklet --------------------------------------------------------------------------------


@pytest.fixture
def stamps(tmp_path: Path) -> Path:
    """The page-number PDF: page k prints "- k -" on the right when odd, on the left when even."""
    return pdf(tmp_path / "页码.pdf", [(folio(k, 470 if k % 2 else 93), A4) for k in range(1, 13)])


def test_pages_print_the_booklet_numbers(tmp_path: Path, stamps: Path):
    report = pdf(tmp_path / "a.pdf", [(BODY + folio(1), A4), (BODY + folio(2, 93), A4), (BODY + folio(3), A4)])
    # a document's last page without a number (as after a 版记) stays without one
    notice = pdf(tmp_path / "b.pdf", [(BODY + folio(1), A4), (BODY, A4)])
    out = make_booklet([BookletEntry("汇报", report), BookletEntry("通报", notice)], tmp_path / "汇编.pdf",
                       "t", "a", folios=stamps)
    reader = PdfReader(out)
    assert [numbers_on(page) for page in reader.pages] == [["1"], ["2"], ["3"], [], ["5"], []]
    assert [t.strip() for t in reader.pages[4].extract_text().splitlines()][0] == "Body text"
    for number in (1, 3, 5):  # odd numbers on the right, even ones on the left, as stamped
        assert b"470.0 66.300 Td" in reader.pages[number - 1].get_contents().get_data()
    assert b"93.0 66.300 Td" in reader.pages[1].get_contents().get_data()


def test_pages_numbered_per_part(tmp_path: Path, stamps: Path):
    one = pdf(tmp_path / "a.pdf", [(BODY + folio(1), A4)])
    two = pdf(tmp_path / "b.pdf", [(BODY + folio(1), A4), (BODY + folio(2, 93), A4)])
    entries = [BookletEntry("东城街道", one, "任务清单"), BookletEntry("西城街道", two, "任务清单"),
               BookletEntry("通报", one)]
    reader = PdfReader(make_booklet(entries, tmp_path / "汇编.pdf", "t", "a", folios=stamps, per_part=True))
    assert [numbers_on(page) for page in reader.pages] == [["1"], [], ["3"], ["4"], ["1"], []]


def test_landscape_pages_are_turned_upright(tmp_path: Path, stamps: Path):
    width, height = A4[1], A4[0]
    mm = PT_PER_MM
    # text at the landscape type area's top left corner (37 mm from the left, 28 mm from the
    # top) and at its bottom right corner (35 mm from the right, 26 mm from the bottom)
    corners = b"BT /F1 12 Tf %.3f %.3f Td (head) Tj ET\nBT /F1 12 Tf %.3f %.3f Td (foot) Tj ET\n" % (
        37 * mm, height - 28 * mm, width - 35 * mm, 26 * mm)
    table = pdf(tmp_path / "t.pdf", [(corners + folio(1, 690, 40.8), (width, height)),
                                     (corners + folio(2, 119, 40.8), (width, height))])
    reader = PdfReader(make_booklet([BookletEntry("责任分解表", table)], tmp_path / "汇编.pdf", "t", "a",
                                    folios=stamps))
    assert [(round(float(p.mediabox.width), 1), round(float(p.mediabox.height), 1)) for p in reader.pages] == [
        (595.3, 841.9), (595.3, 841.9)]
    assert [numbers_on(page) for page in reader.pages] == [["1"], ["2"]]
    assert "head" in reader.pages[0].extract_text() and "foot" in reader.pages[1].extract_text()
    # the head of the table goes to the left (the binding side of odd pages), and the type
    # area to where a portrait page has it: 28 mm from the left, 26 from the right, 37 from
    # the top and 35 from the bottom
    data = reader.pages[0].get_contents().get_data()
    assert b"q 0 1 -1 0 595.3 -%s cm" % f"{SHIFT_DOWN_PT:.4f}".rstrip("0").encode() in data
    shown = shown_texts(data)
    assert len(shown) == 3  # head, foot and the booklet's number
    (head_x, head_y), (foot_x, foot_y) = [(s.x, s.y) for s in shown[:2]]
    assert (head_x / mm, head_y / mm) == (pytest.approx(28, abs=0.05), pytest.approx(35, abs=0.05))
    assert ((A4[0] - foot_x) / mm, (A4[1] - foot_y) / mm) == (pytest.approx(26, abs=0.05),
                                                               pytest.approx(37, abs=0.05))
