"""Tests of reporter.render.printed_paragraphs: the printed text of each paragraph of a
document, labelled as template messages label paragraphs."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx.oxml.ns import qn

from reporter.render import docstyle, page
from reporter.render.paragraphs import template_paragraphs
from reporter.render.printed_paragraphs import PrintedParagraph, UnreadableDocument, printed_paragraphs

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _document(path: Path, build) -> Path:
    doc = docstyle.new_document(title="t", author="a")
    build(doc)
    doc.save(str(path))
    return path


def _with_body(path: Path, body: str) -> Path:
    """``path`` (a .docx) with its body replaced by ``body`` (WordprocessingML)."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["word/document.xml"] = (f'<w:document xmlns:w="{W}" xmlns:mc="{MC}"><w:body>{body}</w:body>'
                                  "</w:document>").encode()
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def test_paragraphs_and_cells_are_labelled_as_in_template_messages(tmp_path: Path):
    def build(doc):
        docstyle.add_paragraph(doc, "标题", "公文正文")
        table = doc.add_table(rows=3, cols=2)
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row.cells):
                cell.text = f"格{r + 1}{c + 1}"
        docstyle.add_paragraph(doc, "正文", "公文正文")
        doc.add_table(rows=1, cols=1).cell(0, 0).text = "二表"

    path = _document(tmp_path / "文.docx", build)
    printed = list(printed_paragraphs(path))
    assert [p for p in printed if p.text] == [
        PrintedParagraph("第1段", "标题"),
        PrintedParagraph("表格1第1行第1列", "格11"), PrintedParagraph("表格1第1行第2列", "格12"),
        PrintedParagraph("表格1第2行第1列", "格21"), PrintedParagraph("表格1第2行第2列", "格22"),
        PrintedParagraph("表格1第3行第1列", "格31"), PrintedParagraph("表格1第3行第2列", "格32"),
        PrintedParagraph("第8段", "正文"),
        PrintedParagraph("表格2第1行第1列", "二表"),
    ]
    body = [(p.label, p.text) for p in template_paragraphs(path) if p.part == "word/document.xml"]
    assert [(p.label, p.text) for p in printed] == body


def test_a_nested_table_is_numbered_in_document_order(tmp_path: Path):
    def build(doc):
        outer = doc.add_table(rows=2, cols=1)
        outer.cell(0, 0).text = "外"
        outer.cell(0, 0).add_table(rows=1, cols=1).cell(0, 0).text = "内"
        outer.cell(1, 0).text = "外二"

    texts = [(p.label, p.text) for p in printed_paragraphs(_document(tmp_path / "文.docx", build)) if p.text]
    assert texts == [("表格1第1行第1列", "外"), ("表格2第1行第1列", "内"), ("表格1第2行第1列", "外二")]


def test_only_printed_text_is_read(tmp_path: Path):
    def build(doc):
        p = docstyle.add_paragraph(doc, "共", "公文正文")
        page.add_field(p._p, " NUMPAGES ", "9")
        p.add_run("页")
        hidden = p.add_run("隐藏")
        hidden._r.get_or_add_rPr().append(hidden._r.get_or_add_rPr().makeelement(qn("w:vanish"), {}))
        shown = p.add_run("显示")
        shown._r.get_or_add_rPr().append(shown._r.get_or_add_rPr().makeelement(qn("w:vanish"), {qn("w:val"): "0"}))

    (paragraph,) = printed_paragraphs(_document(tmp_path / "文.docx", build))
    assert paragraph == PrintedParagraph("第1段", "共页显示")


def test_simple_fields_and_fallback_copies_are_left_out_and_breaks_read_as_space(tmp_path: Path):
    body = ("<w:p><w:r><w:t>甲</w:t></w:r><w:fldSimple w:instr=\"PAGE\"><w:r><w:t>9</w:t></w:r></w:fldSimple>"
            "<w:r><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t></w:r></w:p>"
            "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:p><w:r><w:t>框</w:t></w:r></w:p>"
            "</mc:Choice><mc:Fallback><w:p><w:r><w:t>框</w:t></w:r></w:p></mc:Fallback></mc:AlternateContent>"
            "</w:r><w:r><w:t>丁</w:t></w:r></w:p>")
    path = _with_body(_document(tmp_path / "文.docx", lambda doc: None), body)
    assert list(printed_paragraphs(path)) == [
        PrintedParagraph("第1段", "甲\t乙\n丙"), PrintedParagraph("第3段", "框"), PrintedParagraph("第2段", "丁")]


def test_a_long_table_keeps_its_row_numbers(tmp_path: Path):
    def build(doc):
        table = doc.add_table(rows=300, cols=1)
        for r, row in enumerate(table.rows):
            row.cells[0].text = str(r + 1)

    printed = list(printed_paragraphs(_document(tmp_path / "文.docx", build)))
    assert all(p.label == f"表格1第{p.text}行第1列" for p in printed)
    assert len(printed) == 300


def test_a_file_that_is_no_docx_is_unreadable(tmp_path: Path):
    path = tmp_path / "假.docx"
    path.write_bytes(b"not a zip")
    with pytest.raises(UnreadableDocument):
        list(printed_paragraphs(path))
