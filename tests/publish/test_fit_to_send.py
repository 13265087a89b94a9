"""Every output of the example, judged as it would be handed over: after ``forms``, ``report``,
``tasks``, ``notice``, ``pdf`` and ``booklet``, every document's PDF holds every character of its
body and tables, nothing is drawn within 10 mm of the paper's edge, table rows never split
across pages, the 督查通报 carries its red 版头, the booklet opens with a cover and a 目录 and
starts every document on an odd page, and every visible sheet of every workbook prints one
page wide."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from reporter.publish.pdftext import missing_characters, page_texts
from reporter.render.docxtext import docx_text
from tests.conftest import copy_example, require_soffice, run

MM = 72 / 25.4
MARGIN = 10 * MM
pytestmark = pytest.mark.libreoffice


@pytest.fixture(scope="module")
def sent(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example workspace with every command run, PDFs of every document and the booklet."""
    require_soffice()
    ws = copy_example(tmp_path_factory.mktemp("sent"))
    for command in ("forms", "report", "tasks", "notice", "pdf", "booklet"):
        result = run(command, "-w", ws)
        assert result.exit_code == 0, (command, result.output)
    return ws


def documents(ws: Path) -> list[Path]:
    found = sorted((ws / "outputs").rglob("*.docx"))
    assert len(found) == 3 + 19 + 8
    return found


def test_every_character_of_every_document_is_in_its_pdf(sent: Path):
    for doc in documents(sent):
        pdf = doc.with_suffix(".pdf")
        assert pdf.is_file(), doc
        missing = missing_characters(docx_text(doc), page_texts(pdf))
        assert not missing, (doc.name, missing.describe())


def test_nothing_is_drawn_within_10_mm_of_the_paper_edge(sent: Path):
    pages = 0
    for doc in documents(sent):
        with pdfplumber.open(doc.with_suffix(".pdf")) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                inside = (MARGIN, MARGIN, page.width - MARGIN, page.height - MARGIN)
                marks = [(c["x0"], c["top"], c["x1"], c["bottom"], c["text"]) for c in page.chars if c["text"].strip()]
                marks += [(o["x0"], o["top"], o["x1"], o["bottom"], kind)
                          for kind in ("lines", "rects", "curves") for o in getattr(page, kind)]
                pages += bool(marks)
                for x0, top, x1, bottom, what in marks:
                    assert x0 >= inside[0] - 0.5 and top >= inside[1] - 0.5, (doc.name, number, what, x0, top)
                    assert x1 <= inside[2] + 0.5 and bottom <= inside[3] + 0.5, (doc.name, number, what, x1, bottom)
    assert pages >= len(documents(sent))  # each document has at least a page with marks


def test_every_table_row_stays_whole(sent: Path):
    tabled = 0
    for doc in documents(sent):
        xml = zipfile.ZipFile(doc).read("word/document.xml").decode("utf-8")
        rows = re.findall(r"<w:tr[ >].*?</w:tr>", xml, re.S)
        tabled += bool(rows)
        for row in rows:
            properties = re.search(r"<w:trPr>.*?</w:trPr>", row, re.S)
            assert properties and "<w:cantSplit" in properties.group(0), (doc.name, row[:200])
    assert tabled >= 19 + 8  # every task list and rectification notice has a table


def _is_red(colour) -> bool:
    return isinstance(colour, (tuple, list)) and len(colour) == 3 and colour[0] > 0.9 and max(colour[1:]) < 0.2


def test_notice_opens_with_red_issuing_office_and_red_rule(sent: Path):
    with pdfplumber.open(sent / "outputs" / "督查通报.pdf") as pdf:
        first = pdf.pages[0]
        red_text = "".join(c["text"] for c in first.chars if _is_red(c.get("non_stroking_color")))
        assert "古塔区" in red_text and "办公室" in red_text, red_text
        type_area = first.width - (28 + 26) * MM
        rules = [r for r in list(first.lines) + list(first.rects)
                 if (_is_red(r.get("stroking_color")) or _is_red(r.get("non_stroking_color")))
                 and r["x1"] - r["x0"] >= type_area - 2 * MM]
        assert rules, "no red rule as wide as the type area on page 1"


def test_booklet_has_cover_contents_and_odd_page_starts(sent: Path):
    reader = PdfReader(sent / "outputs" / "汇编.pdf")
    flat = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                flat.append((item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline)
    assert flat[0] == ("封面", 1) and flat[1][0] == "目录"
    assert "材料汇编" in re.sub(r"\s", "", reader.pages[0].extract_text())
    assert "目" in reader.pages[flat[1][1] - 1].extract_text()
    groups = {"各单位任务清单", "整改通知书"}
    starts = [page for title, page in flat if title not in groups]
    assert all(page % 2 == 1 for page in starts), flat


def test_every_visible_sheet_of_every_workbook_prints_one_page_wide(sent: Path):
    books = sorted((sent / "outputs").rglob("*.xlsx"))
    assert len(books) >= 19 + 1 + 3
    for book in books:
        wb = load_workbook(book)
        visible = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
        assert visible, book.name
        for ws in visible:
            assert ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage, \
                (book.name, ws.title)
            assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0, (book.name, ws.title)
            assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4), (book.name, ws.title)
