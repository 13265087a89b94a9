"""New documents in the Chinese government document format (GB/T 9704-2012), and helpers to
fill their body.

`new_document()` returns a python-docx `Document` with A4 paper, the standard margins,
odd/even footers carrying the page number "— 1 —" (see `page`) and the styles named in
`STYLE_SPECS` (公文标题, 公文正文, 一级标题 …; see `styles`). The body stays empty: callers add
styled paragraphs (for example docxtpl placeholders) with `add_paragraph()`.

All lengths are in twips (1/20 pt, 1/1440 inch, 1 mm ≈ 56.7 twips).
Only python-docx and lxml are used.
"""

from __future__ import annotations

import io
from datetime import datetime, timezone

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Pt, Twips
from docx.table import Table, _Row
from docx.text.paragraph import Paragraph

from reporter.render.page import set_up_page
from reporter.render.styles import apply_styles, set_run_fonts
from reporter.render.wordxml import RPR_ORDER, TRPR_ORDER, set_child
from reporter.zipfiles import normalized_zip


def _set_core_properties(doc: Document, title: str, author: str,
                         stamp: datetime | None) -> None:
    """Set title/author and fix the dates to `stamp`, or remove them when it is None."""
    props = doc.core_properties
    props.title = title
    props.author = author
    props.last_modified_by = author
    props.comments = ""
    props.revision = 1
    if stamp is not None:
        if stamp.tzinfo is not None:  # python-docx writes the clock time with a "Z"
            stamp = stamp.astimezone(timezone.utc)
        props.created = stamp
        props.modified = stamp
        props.last_printed = stamp
        return
    element = props._element
    for tag in ("dcterms:created", "dcterms:modified", "cp:lastPrinted"):
        prefix, local = tag.split(":")
        namespace = {
            "dcterms": "http://purl.org/dc/terms/",
            "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
        }[prefix]
        for old in element.findall(f"{{{namespace}}}{local}"):
            element.remove(old)


def new_document(landscape: bool = False, title: str = "", author: str = "",
                 stamp: datetime | None = None) -> Document:
    """A new python-docx Document in the GB/T 9704-2012 format, with an empty body.

    A4 paper (landscape: swapped size, orient="landscape", margins of
    `MARGINS_LANDSCAPE_TWIPS`), the styles of `STYLE_SPECS`, w:evenAndOddHeaders and
    odd/even footers with the page number "— N —". Core properties: `title`, `author`
    (also last modified by), and created/modified/last printed all set to `stamp` (an aware
    datetime is converted to UTC, a naive one is taken as UTC), or left out when `stamp` is
    None, so that the output does not depend on the clock.
    """
    doc = docx.Document()
    apply_styles(doc)
    set_up_page(doc, landscape)
    _set_core_properties(doc, title, author, stamp)
    return doc


def open_document(data: bytes) -> Document:
    """A python-docx Document read from .docx bytes (to add what blocks cannot express)."""
    return docx.Document(io.BytesIO(data))


def save_document(doc: Document) -> bytes:
    """``doc`` as reproducible .docx bytes (fixed zip timestamps and order)."""
    buffer = io.BytesIO()
    doc.save(buffer)
    return normalized_zip(buffer.getvalue())


def add_paragraph(doc: Document, text: str, style: str) -> Paragraph:
    """Append a paragraph with `text` in the named style (e.g. "公文正文") to the body."""
    return doc.add_paragraph(text, style=style)


def set_table_header_repeat(row: _Row) -> None:
    """Mark a table row as a header row repeated at the top of every page (w:tblHeader)."""
    tr_pr = row._tr.get_or_add_trPr()
    set_child(tr_pr, "w:tblHeader", TRPR_ORDER)


def set_col_widths(table: Table, widths_twips: list[int] | tuple[int, ...]) -> None:
    """Give a table fixed column widths in twips: w:gridCol, every cell's w:tcW, fixed layout."""
    if len(widths_twips) != len(table.columns):
        raise ValueError(f"{len(widths_twips)} widths for {len(table.columns)} columns")
    table.autofit = False
    for grid_col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_twips):
        grid_col.set(qn("w:w"), str(int(width)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_twips):
            cell.width = Twips(int(width))


def line_paragraph(doc: Document, text: str, font: str, size_pt: float, before_pt: float = 0,
          line_pt: float | None = None, align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
          spacing_twentieths: int | None = None) -> Paragraph:
    """A paragraph of one run of ``text`` set in ``font`` at ``size_pt``, ``before_pt`` below
    the previous one, on an exact line of ``line_pt`` (default 1.5 times the size)."""
    paragraph = doc.add_paragraph()
    layout = paragraph.paragraph_format
    layout.alignment = align
    layout.first_line_indent = Twips(0)
    layout.space_before = Pt(before_pt)
    layout.space_after = Pt(0)
    layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    layout.line_spacing = Pt(line_pt if line_pt is not None else size_pt * 1.5)
    if text:
        run = paragraph.add_run(text)
        rpr = set_run_fonts(run, font, size_pt, bold=False)
        if spacing_twentieths is not None:
            set_child(rpr, "w:spacing", RPR_ORDER, val=spacing_twentieths)
    return paragraph
