"""Long tables handed to LibreOffice one page at a time: which tables, the cut (one table per
page, the header rows repeated, a page break before each, a hidden paragraph between), and
the probe (the page the table starts on, then one row of each kind)."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from reporter.render import page_cut
from tests.render.long_table_docx import HEADER, long_table_docx, row_texts

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(autouse=True)
def small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(page_cut, "CUT_CELLS", 200)
    monkeypatch.setattr(page_cut, "CUT_ROWS", 30)


def _body(docx: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return etree.fromstring(archive.read("word/document.xml")).find(f"{W}body")


def _texts(table: etree._Element) -> list[list[str]]:
    return [["".join(t.text or "" for t in cell.iter(f"{W}t")) for cell in row.findall(f"{W}tc")]
            for row in table.findall(f"{W}tr")]


def _edit(docx: bytes, change) -> bytes:
    """``docx`` with its main part changed by ``change(body)``."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
        change(root.find(f"{W}body"))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for info in archive.infolist():
                target.writestr(info, etree.tostring(root) if info.filename == "word/document.xml"
                                else archive.read(info))
    return out.getvalue()


def test_a_long_table_is_pageable_with_its_header_rows_and_foot():
    (table,) = page_cut.pageable_tables(long_table_docx(60))
    assert (table.index, table.header_rows, table.rows) == (0, 1, 60)
    assert table.foot_pt == 72  # python-docx's default bottom margin, one inch


def test_short_tables_and_documents_without_tables_are_left_alone(monkeypatch):
    assert page_cut.pageable_tables(long_table_docx(20)) == []
    assert page_cut.pageable_tables(b"not a docx") == []


@pytest.mark.parametrize("spoil", ["split", "merge", "float", "joined"])
def test_tables_that_cannot_be_cut_are_left_alone(spoil: str):
    def change(body):
        table = body.find(f"{W}tbl")
        rows = table.findall(f"{W}tr")
        if spoil == "split":  # a row that may break across pages
            rows[5].find(f"{W}trPr").remove(rows[5].find(f"{W}trPr/{W}cantSplit"))
        elif spoil == "merge":
            etree.SubElement(rows[5].find(f"{W}tc/{W}tcPr"), f"{W}vMerge")
        elif spoil == "float":
            etree.SubElement(table.find(f"{W}tblPr"), f"{W}tblpPr")
        else:  # another table right after it: LibreOffice would join them
            table.addnext(etree.fromstring(etree.tostring(table)))

    assert page_cut.pageable_tables(_edit(long_table_docx(60), change)) == []


def test_the_cut_makes_one_table_per_page_with_the_header_repeated():
    docx = long_table_docx(60)
    cut = page_cut.cut(docx, {0: [7, 25, 28]})
    body = _body(cut)
    tables = body.findall(f"{W}tbl")
    assert len(tables) == 3
    rows = row_texts(60)
    expected = [rows[:7], rows[7:32], rows[32:]]
    for table, part in zip(tables, expected):
        texts = _texts(table)
        assert texts[0] == list(HEADER)
        assert texts[1:] == [list(row) for row in part]
        assert table.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None  # still repeats, were it to flow on
    first_paragraphs = [table.find(f"{W}tr/{W}tc/{W}p/{W}pPr") for table in tables]
    assert first_paragraphs[0] is None or first_paragraphs[0].find(f"{W}pageBreakBefore") is None
    assert all(ppr.find(f"{W}pageBreakBefore") is not None for ppr in first_paragraphs[1:])
    for table in tables[:-1]:  # a hidden, empty paragraph keeps each from joining the next
        between = table.getnext()
        assert between.tag == f"{W}p" and between.find(f"{W}pPr/{W}rPr/{W}vanish") is not None
        assert not "".join(between.itertext())
    # Everything else is as it was.
    original = _body(docx)
    assert [p.findtext(f".//{W}t") for p in original.findall(f"{W}p")] == \
        [p.findtext(f".//{W}t") for p in body.findall(f"{W}p") if p.find(f"{W}pPr/{W}rPr/{W}vanish") is None]


def test_a_cut_must_place_every_row():
    with pytest.raises(ValueError):
        page_cut.cut(long_table_docx(60), {0: [30, 29]})


def test_the_probe_holds_the_page_start_and_one_row_of_each_kind(monkeypatch):
    monkeypatch.setattr(page_cut, "PROBE_LEAST", 10)
    docx = long_table_docx(200)
    made = page_cut.probe(docx, 0, {})
    body, places = _body(made.docx), made.places
    paragraphs = body.findall(f"{W}p")
    # An empty page for the page break to leave, the paragraph with the break, then the table's page.
    assert "".join(paragraphs[0].itertext()) == ""
    assert paragraphs[1].find(f".//{W}br").get(qn("w:type")) == "page"
    assert [p.findtext(f".//{W}t") for p in paragraphs[2:4]] == ["附件", "问题清单"]
    assert "正文第一页" not in "".join(body.itertext())
    assert "以上" not in "".join(body.itertext())  # nothing after the table
    rows = [row for table in body.findall(f"{W}tbl") for row in _texts(table)]
    assert rows[0] == list(HEADER)
    assert body.find(f".//{W}tblHeader") is None  # the header is not repeated in a probe
    assert len(places) == 201 and places[0] == 0
    texts = row_texts(200)
    for i, place in enumerate(places[1:]):  # each row is as high as a row of its kind
        stand_in = rows[place]
        assert [len(cell) for cell in stand_in] == [len(cell) for cell in texts[i]]
        assert stand_in[3] == texts[i][3]
    assert len(rows) < 200 // 2  # far fewer rows than the table
    assert body[-1].tag == f"{W}sectPr"
    assert made.twins and all(rows[a] == rows[b] and a < b for a, b in made.twins)  # some rows twice
    assert max(b for _, b in made.twins) == len(rows) - 1


def test_rows_are_of_one_kind_when_only_their_chinese_characters_and_digits_differ():
    def row(texts: list[str], bold: bool = False) -> etree._Element:
        run_props = "<w:rPr><w:b/></w:rPr>" if bold else ""
        cells = "".join(f"<w:tc><w:p><w:r>{run_props}<w:t>{t}</w:t></w:r></w:p></w:tc>" for t in texts)
        return etree.fromstring(f'<w:tr xmlns:w="{W[1:-1]}">{cells}</w:tr>')

    kind = page_cut._kind
    assert kind(row(["测试12号单位", "3-0001"])) == kind(row(["北山88号街道", "7-9999"]))
    assert kind(row(["测试12号单位"])) != kind(row(["测试123号单位"]))  # another length
    assert kind(row(["测试12号单位"])) != kind(row(["测试ab号单位"]))  # letters are not all as wide
    assert kind(row(["甲，乙"])) != kind(row(["甲乙，"]))  # punctuation stays where it is
    assert kind(row(["甲"])) != kind(row(["甲"], bold=True))


def test_later_tables_are_probed_with_the_earlier_ones_cut():
    docx = long_table_docx(60)
    doc = Document(io.BytesIO(docx))
    doc.add_paragraph("二、以往问题")
    second = doc.add_table(rows=0, cols=2)
    second.style = "Table Grid"
    for i in range(110):
        cells = second.add_row().cells
        cells[0].text, cells[1].text = f"{i}", "复查"
        cells[0]._tc.getparent().get_or_add_trPr().append(etree.Element(qn("w:cantSplit")))
    out = io.BytesIO()
    doc.save(out)
    both = out.getvalue()
    tables = page_cut.pageable_tables(both)
    assert [t.index for t in tables] == [0, 1]
    made = page_cut.probe(both, 1, {0: [20, 20, 20]})
    body, places = _body(made.docx), made.places
    # The page of the second table starts with the first table's last page (a page break before it).
    first = body.findall(f"{W}tbl")[0]
    assert _texts(first)[0] == list(HEADER) and len(_texts(first)) == 21
    assert first.find(f"{W}tr/{W}tc/{W}p/{W}pPr/{W}pageBreakBefore") is not None
    assert len(places) == 110
