"""Templates as lists of blocks: (style, text) paragraphs in the GB/T 9704 styles of ``docstyle``,
tables with a repeated header row, page breaks. Text holds docxtpl/Jinja placeholders; the office
edits the generated .docx in Word or WPS afterwards as it likes, and ``reporter lint`` checks it.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from reporter.render.docstyle import (
    add_paragraph,
    new_document,
    set_col_widths,
    set_table_header_repeat,
)
from reporter.render.wordxml import (
    PPR_ORDER,
    TBLPR_ORDER,
    TCPR_ORDER,
    TRPR_ORDER,
    set_child,
)
from reporter.zipfiles import normalized_zip

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table as DocxTable
    from docx.table import _Row

STARTER_STAMP = dt.datetime(2018, 1, 1)

TITLE, BYLINE, BODY, H1, H2 = "公文标题", "署名", "公文正文", "一级标题", "二级标题"
DOCNO, TO, SIGN, ANNEX, PICTURE, CC = "发文字号", "主送", "落款", "附件标题", "图片", "抄送"
NOTE, TABLE_TEXT = "附注", "表格文字"

#: Left and right cell margin of the builder's tables: 1 mm, as dense Chinese tables have it
#: (the 0.19 cm of Word's "Table Grid" costs a nine-column table eight characters a row).
CELL_MARGIN = 57


@dataclass(frozen=True)
class Column:
    """A column of a table block: its header, the field of a row it shows, how its body cells
    are aligned ("left", "center" for 序号 and short codes, "right" for amounts) and its width
    in twips in the template (0: an equal share). A fitted table's widths are computed again
    from the content of each rendered document (``render.table_fit``)."""

    header: str
    field: str
    align: str = "left"
    width: int = 0


ColumnSpec = Column | tuple[str, str, int]


@dataclass(frozen=True)
class Table:
    """A table block: a header row repeated on every page, one body row per item of ``items``,
    every row kept whole on its page. ``columns`` are ``Column``s or (header, field, width)
    tuples. With ``fit`` (the default) the table is marked to take the full text width, its
    columns sized from what each rendered document holds; without it, the widths given.
    ``name`` is what a body row calls its item (``{{ 行.名称 }}``)."""

    items: str
    columns: tuple[ColumnSpec, ...]
    fit: bool = True
    name: str = "行"

    def specs(self) -> tuple[Column, ...]:
        return tuple(c if isinstance(c, Column) else Column(c[0], c[1], width=c[2]) for c in self.columns)


@dataclass(frozen=True)
class Grid:
    """A table block of fixed rows: a header row repeated on every page, then ``rows``, each
    a cell per column, each cell its paragraphs (one run each, so a tag copied from it stays
    whole), every row kept whole on its page. ``widths`` are the columns' widths in twips
    (0 or none given: an equal share of the text width)."""

    headers: tuple[str, ...]
    rows: tuple[tuple[tuple[str, ...], ...], ...]
    widths: tuple[int, ...] = ()


@dataclass(frozen=True)
class Para:
    """A paragraph block with layout beyond its style: ``keep_with_next`` keeps it on the page
    of the paragraph that follows (a closing block and its signature stay together)."""

    style: str
    text: str
    keep_with_next: bool = False


PAGE_BREAK = "page-break"
Block = tuple[str, str] | Table | Grid | Para | str

#: Text width of the portrait and landscape type areas (156 and 225 mm), in twips.
TEXT_WIDTH = {False: 8845, True: 12756}
FULL_WIDTH_PCT = "5000"  # w:tblW in fiftieths of a percent: the whole text width


def kept_together(*blocks: tuple[str, str]) -> list[Block]:
    """Paragraphs that stay on one page: each but the last kept with the next."""
    return [Para(style, text, keep_with_next=index < len(blocks) - 1)
            for index, (style, text) in enumerate(blocks)]


def _mark_row(row: _Row, header: bool) -> None:
    """A row kept whole on its page (w:cantSplit); a header row also repeated on every page."""
    tr_pr = row._tr.get_or_add_trPr()
    set_child(tr_pr, "w:cantSplit", TRPR_ORDER)
    if header:
        set_table_header_repeat(row)


def _add_table(doc: Document, block: Table, landscape: bool) -> None:
    columns = block.specs()
    table = doc.add_table(rows=4, cols=len(columns))
    table.style = doc.styles["Table Grid"]
    rows = table.rows
    for cell, column in zip(rows[0].cells, columns):
        cell.paragraphs[0].text = column.header
        cell.paragraphs[0].style = doc.styles["表头文字"]
    rows[1].cells[0].paragraphs[0].text = f"{{%tr for {block.name} in {block.items} %}}"
    for cell, column in zip(rows[2].cells, columns):
        paragraph = cell.paragraphs[0]
        paragraph.text = f"{{{{ {block.name}.{column.field} }}}}"
        paragraph.style = doc.styles["表格文字"]
        if column.align != "left":
            set_child(paragraph._p.get_or_add_pPr(), "w:jc", PPR_ORDER, val=column.align)
    rows[3].cells[0].paragraphs[0].text = "{%tr endfor %}"
    for index, row in enumerate(rows):
        _mark_row(row, header=index == 0)
        for cell in row.cells:
            set_child(cell._tc.get_or_add_tcPr(), "w:vAlign", TCPR_ORDER, val="center")
    given = [column.width for column in columns]
    free = TEXT_WIDTH[landscape] - sum(given)
    unset = given.count(0)
    widths = [w or max(free // unset, 300) for w in given] if unset else given
    set_col_widths(table, widths)
    if block.fit:
        tbl_pr = table._tbl.tblPr
        set_child(tbl_pr, "w:tblW", TBLPR_ORDER, w=FULL_WIDTH_PCT, type="pct")
        # Before Word 2013 (the builder's compatibility mode) a table's indent is measured to
        # its first cell's text: indenting by the cell margin puts the border on the margin.
        set_child(tbl_pr, "w:tblInd", TBLPR_ORDER, w=CELL_MARGIN, type="dxa")
    _narrow_margins(table)


def _narrow_margins(table: DocxTable) -> None:
    """Left and right cell margins of ``CELL_MARGIN``."""
    margins = set_child(table._tbl.tblPr, "w:tblCellMar", TBLPR_ORDER)
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(CELL_MARGIN))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)


def _add_grid(doc: Document, block: Grid, landscape: bool) -> None:
    table = doc.add_table(rows=1 + len(block.rows), cols=len(block.headers))
    table.style = doc.styles["Table Grid"]
    # Style ids set directly: python-docx looks a style object up among all styles every time.
    header_style, body_style = (doc.styles[name].style_id for name in ("表头文字", "表格文字"))
    for index, row in enumerate(table.rows):
        texts = [(header,) for header in block.headers] if index == 0 else block.rows[index - 1]
        for cell, paragraphs in zip(row.cells, texts):
            first, *more = paragraphs or ("",)
            cell.paragraphs[0].text = first
            for paragraph in [cell.paragraphs[0], *(cell.add_paragraph(text) for text in more)]:
                paragraph._p.get_or_add_pPr().style = header_style if index == 0 else body_style
            set_child(cell._tc.get_or_add_tcPr(), "w:vAlign", TCPR_ORDER, val="center")
        _mark_row(row, header=index == 0)
    given = block.widths or (0,) * len(block.headers)
    unset = given.count(0)
    share = max((TEXT_WIDTH[landscape] - sum(given)) // unset, 300) if unset else 0
    set_col_widths(table, [w or share for w in given])
    _narrow_margins(table)


def document_bytes(blocks: Sequence[Block], title: str, landscape: bool = False) -> bytes:
    """A template of paragraphs, tables and page breaks in the standard format, as bytes."""
    doc = new_document(landscape=landscape, title=title, stamp=STARTER_STAMP)
    for block in blocks:
        if isinstance(block, Table):
            _add_table(doc, block, landscape)
        elif isinstance(block, Grid):
            _add_grid(doc, block, landscape)
        elif isinstance(block, Para):
            paragraph = add_paragraph(doc, block.text, block.style)
            if block.keep_with_next:
                set_child(paragraph._p.get_or_add_pPr(), "w:keepNext", PPR_ORDER)
        elif block == PAGE_BREAK:
            doc.add_paragraph(style="公文正文").add_run().add_break(WD_BREAK.PAGE)
        else:
            add_paragraph(doc, block[1], block[0])
    buffer = io.BytesIO()
    doc.save(buffer)
    return normalized_zip(buffer.getvalue())


CAPTION = "图题"


def captioned_pictures(items: str) -> list[Block]:
    """Paragraphs that place every photo of ``items`` (each ``{"图": picture, "说明": caption}``),
    one per paragraph, each kept on the page of its caption below it."""
    return [
        (BODY, f"{{%p for 照 in {items} %}}"),
        Para(PICTURE, "{{ 照.图 }}", keep_with_next=True),
        (CAPTION, "{{ 照.说明 }}"),
        (BODY, "{%p endfor %}"),
    ]
