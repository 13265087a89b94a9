"""A document with one long table, as reporter's problem lists are: a page break, a heading,
then a bordered table whose header row repeats on every page and whose rows never split, with
cells of one to four lines at an exact line spacing (or, on request, Word's automatic one)."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.enum.text import WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

HEADER = ("编号", "单位", "点位", "问题描述")


def row_texts(rows: int) -> list[tuple[str, ...]]:
    """The cells of each row: a number, a unit, a place and a description of varied lengths."""
    out = []
    for i in range(rows):
        unit = f"测试{i % 37 + 1}号单位"
        out.append((f"3-{i + 1:04d}", unit, f"{unit}辖区第{i % 9 + 1}处点位", "未按要求整改" * (1 + i % 4)))
    return out


def long_table_docx(rows: int, path: Path | None = None, exact: bool = True) -> bytes:
    """The document's bytes (also written to ``path`` when given); its cells' lines are 18 pt
    apart exactly, or as the font sets them when not ``exact``."""
    document = Document()
    document.add_paragraph("正文第一页")
    breaker = document.add_paragraph()
    breaker.add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("附件")
    document.add_paragraph("问题清单")
    table = document.add_table(rows=1, cols=len(HEADER))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, HEADER):
        _write(cell, text, exact)
    _mark(table.rows[0], header=True)
    for texts in row_texts(rows):
        row = table.add_row()
        for cell, text in zip(row.cells, texts):
            _write(cell, text, exact)
        _mark(row, header=False)
    document.add_paragraph("以上")
    out = io.BytesIO()
    document.save(out)
    data = out.getvalue()
    if path is not None:
        path.write_bytes(data)
    return data


def _write(cell, text: str, exact: bool) -> None:
    cell.text = text
    if exact:
        layout = cell.paragraphs[0].paragraph_format
        layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        layout.line_spacing = Pt(18)
        layout.space_after = Pt(0)


def _mark(row, header: bool) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def body_tables(docx: bytes) -> list:
    """The body-level tables of ``docx`` as python-docx reads them."""
    return Document(io.BytesIO(docx)).tables


def on(element, tag: str) -> bool:
    return element.find(qn(tag)) is not None
