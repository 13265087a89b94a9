"""Templates as lists of blocks: (style, text) paragraphs in the GB/T 9704 styles of ``docstyle``,
tables with a repeated header row, page breaks. Text holds docxtpl/Jinja placeholders; the office
edits the generated .docx in Word or WPS afterwards as it likes, and ``reporter lint`` checks it.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass

from docx.enum.text import WD_BREAK

from reporter.render.docstyle import (
    add_paragraph,
    new_document,
    set_col_widths,
    set_table_header_repeat,
)
from reporter.zipfiles import normalized_zip

STARTER_STAMP = dt.datetime(2018, 1, 1)

TITLE, BYLINE, BODY, H1, H2 = "公文标题", "署名", "公文正文", "一级标题", "二级标题"
DOCNO, TO, SIGN, ANNEX, PICTURE, CC = "发文字号", "主送", "落款", "附件标题", "图片", "抄送"


@dataclass(frozen=True)
class Table:
    """A table block: a header row repeated on every page, one body row per item of ``items``."""

    items: str
    columns: tuple[tuple[str, str, int], ...]


PAGE_BREAK = "page-break"
Block = tuple[str, str] | Table | str


def _add_table(doc, block: Table) -> None:
    table = doc.add_table(rows=4, cols=len(block.columns))
    table.style = doc.styles["Table Grid"]
    rows = table.rows
    for cell, (header, _field, _width) in zip(rows[0].cells, block.columns):
        cell.paragraphs[0].text = header
        cell.paragraphs[0].style = doc.styles["表头文字"]
    rows[1].cells[0].paragraphs[0].text = f"{{%tr for 行 in {block.items} %}}"
    for cell, (_header, field, _width) in zip(rows[2].cells, block.columns):
        cell.paragraphs[0].text = f"{{{{ 行.{field} }}}}"
        cell.paragraphs[0].style = doc.styles["表格文字"]
    rows[3].cells[0].paragraphs[0].text = "{%tr endfor %}"
    set_table_header_repeat(rows[0])
    set_col_widths(table, [width for _h, _f, width in block.columns])


def document_bytes(blocks: Sequence[Block], title: str, landscape: bool = False) -> bytes:
    """A template of paragraphs, tables and page breaks in the standard format, as bytes."""
    doc = new_document(landscape=landscape, title=title, stamp=STARTER_STAMP)
    for block in blocks:
        if isinstance(block, Table):
            _add_table(doc, block)
        elif block == PAGE_BREAK:
            doc.add_paragraph(style="公文正文").add_run().add_break(WD_BREAK.PAGE)
        else:
            add_paragraph(doc, block[1], block[0])
    buffer = io.BytesIO()
    doc.save(buffer)
    return normalized_zip(buffer.getvalue())




def pictures(items: str) -> list[Block]:
    """Paragraphs that place every picture of ``items``, one per paragraph."""
    return [(BODY, f"{{%p for 图 in {items} %}}"), (PICTURE, "{{ 图 }}"), (BODY, "{%p endfor %}")]
