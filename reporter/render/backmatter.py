"""The 版记 of a document in full form (GB/T 9704-2012 7.4): 抄送, 印发机关 and 印发日期
between rules as wide as the type area, at the foot of the document's last page.

``add_back_matter`` puts it at the end of a template's body as a table that floats at the
bottom of the type area of the page it ends up on; ``place_back_matter`` sets it on the
rendered body: the 抄送 broken between recipients, never inside a name, and the table placed
so that its last rule lies on the foot of the type area, 262 mm from the top of the page (the
margin of the grid ends 2.5 mm higher: ``page.LEADING_OFFSET_TWIPS``); ``back_matter_later``
moves it to a page of its own when the PDF shows it on an odd page (the standard wants the
last page even, the back of a leaf); ``has_back_matter`` tells whether a document has one.
"""

from __future__ import annotations

import copy
import io
import zipfile
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from docx.document import Document
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn

from reporter.cnfmt import widths
from reporter.render.docstyle import open_document, save_document
from reporter.render.page import LEADING_OFFSET_TWIPS, MARGINS_TWIPS, PAGE_A4_TWIPS
from reporter.render.styles import PAGE_NUMBER_PT
from reporter.render.wordxml import PPR_ORDER, set_child

if TYPE_CHECKING:
    from lxml import etree

#: Width of the portrait type area, 156 mm.
TYPE_AREA_TWIPS = PAGE_A4_TWIPS[0] - MARGINS_TWIPS["left"] - MARGINS_TWIPS["right"]
#: The paragraph style of the 版记's text (4号 仿宋), by which a document's 版记 is found.
BACK_MATTER_STYLE = "版记"
#: The rules in eighths of a point: first and last 0.35 mm (1 pt), the middle one 0.25 mm (0.75 pt).
RULE_THICK, RULE_THIN = 8, 6
#: 抄送, 印发机关 and 印发日期 stand one 4号 character in from each side of the rules.
INSET_TWIPS = PAGE_NUMBER_PT * 20
#: Least height of a 版记 row (8 mm), its text centred between the rules.
ROW_TWIPS = 454
#: The label before the copy recipients; their later lines are indented by its width.
COPY_LABEL = "抄送："
#: Exact line of the 版记's text (``styles.BACK_MATTER_LINE_TWIPS``, 22 pt).
LINE_TWIPS = 440
#: The foot of the type area, where the last rule lies: 262 mm from the top of the page.
TYPE_AREA_FOOT_TWIPS = PAGE_A4_TWIPS[1] - (MARGINS_TWIPS["bottom"] - LEADING_OFFSET_TWIPS)
#: Characters of 4号 text a 版记 line holds: the type area less one character each side.
LINE_CHARS = (TYPE_AREA_TWIPS - 2 * INSET_TWIPS) // INSET_TWIPS

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def back_matter_xml(copy_to: str, printer: str, printed: str,
                    copy_condition: tuple[str, str] | None = None) -> str:
    """The 版记 as a WordprocessingML table of one column: ``copy_to`` (the text after
    "抄送：", later lines aligned after the colon) in the first row, ``printer`` (印发机关)
    left and ``printed`` (印发日期 and "印发") right in the second, at a right tab stop, in the
    style 版记; its rules are the table's top, middle and bottom borders, as wide as the type
    area, and nothing else is drawn.

    The table floats at the foot of the type area of the page its following paragraph is on
    (w:tblpPr: bottom of the margin, left edge at the left margin), so the 版记 sits at the
    bottom of the last page however long the text above is. LibreOffice keeps a floating
    table as wide as the type area in the text flow unless it is placed relative to the page,
    hence the horizontal anchor "page"; Word and LibreOffice both place a floating table by
    its first cell's text, so the position is the left margin plus the cell's inset.
    ``copy_condition`` is a pair of docxtpl row tags (``{%tr if 抄送 %}``, ``{%tr endif %}``)
    put around the 抄送 row. Every row stays whole (w:cantSplit).
    """
    width = TYPE_AREA_TWIPS
    text_width = width - 2 * INSET_TWIPS
    label = len(COPY_LABEL) * INSET_TWIPS

    def rule(eighths: int) -> str:
        return f'w:val="single" w:sz="{eighths}" w:space="0" w:color="000000"'

    def paragraph(text: str, extra: str = "") -> str:
        runs = "<w:r><w:tab/></w:r>".join(f'<w:r><w:t xml:space="preserve">{escape(part)}</w:t></w:r>'
                                         for part in text.split("\t"))
        return f'<w:p><w:pPr><w:pStyle w:val="{BACK_MATTER_STYLE}"/>{extra}</w:pPr>{runs}</w:p>'

    def row(cells: str) -> str:
        return (f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{ROW_TWIPS}" w:hRule="atLeast"/></w:trPr>'
                f"{cells}</w:tr>")

    def cell(content: str) -> str:
        return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
                f"{content}</w:tc>")

    copy_row = row(cell(paragraph(f"{COPY_LABEL}{copy_to}", f'<w:ind w:left="{label}" w:hanging="{label}"/>')))
    if copy_condition is not None:
        opening, closing = (row(cell(paragraph(tag))) for tag in copy_condition)
        copy_row = opening + copy_row + closing
    right_tab = f'<w:tabs><w:tab w:val="right" w:pos="{text_width}"/></w:tabs>'
    print_row = row(cell(paragraph(f"{printer}\t{printed}", right_tab)))
    return (
        f'<w:tbl xmlns:w="{_W_NS}"><w:tblPr>'
        f'<w:tblpPr w:leftFromText="0" w:rightFromText="0" w:topFromText="0" w:bottomFromText="0" '
        f'w:vertAnchor="margin" w:horzAnchor="page" w:tblpX="{MARGINS_TWIPS["left"] + INSET_TWIPS}" '
        f'w:tblpYSpec="bottom"/>'
        f'<w:tblOverlap w:val="never"/>'
        f'<w:tblW w:w="{width}" w:type="dxa"/>'
        f'<w:tblBorders><w:top {rule(RULE_THICK)}/><w:left w:val="nil"/><w:bottom {rule(RULE_THICK)}/>'
        f'<w:right w:val="nil"/><w:insideH {rule(RULE_THIN)}/><w:insideV w:val="nil"/></w:tblBorders>'
        f'<w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="{INSET_TWIPS}" w:type="dxa"/><w:right w:w="{INSET_TWIPS}" w:type="dxa"/>'
        f'</w:tblCellMar>'
        f'<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
        f'w:noHBand="1" w:noVBand="1"/>'
        f"</w:tblPr>"
        f'<w:tblGrid><w:gridCol w:w="{width}"/></w:tblGrid>'
        f"{copy_row}{print_row}</w:tbl>"
    )


def add_back_matter(doc: Document, copy_to: str, printer: str, printed: str,
                    copy_condition: tuple[str, str] | None = None) -> None:
    """Append the 版记 of ``back_matter_xml`` to the end of ``doc``'s body, after an empty
    paragraph that keeps it apart from a table before it, and followed by the empty paragraph
    it is anchored to."""
    body = doc.element.body
    style = doc.styles[BACK_MATTER_STYLE].style_id
    elements = []
    for part in ("paragraph", "table", "paragraph"):
        if part == "table":
            elements.append(parse_xml(back_matter_xml(copy_to, printer, printed, copy_condition)))
            continue
        paragraph = OxmlElement("w:p")
        set_child(paragraph.get_or_add_pPr(), "w:pStyle", PPR_ORDER, val=style)
        elements.append(paragraph)
    sect_pr = body.find(qn("w:sectPr"))
    for element in elements:
        if sect_pr is not None:
            sect_pr.addprevious(element)
        else:
            body.append(element)


def _back_matter_table(doc: Document) -> etree._Element | None:
    """The 版记 of ``doc``: a floating table of paragraphs in the style 版记, or None."""
    try:
        style = doc.styles[BACK_MATTER_STYLE].style_id
    except KeyError:
        return None
    for table in doc.element.body.iterchildren(qn("w:tbl")):
        if table.find(f"{qn('w:tblPr')}/{qn('w:tblpPr')}") is None:
            continue
        if any(s.get(qn("w:val")) == style for s in table.iter(qn("w:pStyle"))):
            return table
    return None


def has_back_matter(data: bytes) -> bool:
    """Whether the .docx ``data`` has a 版记 (as ``add_back_matter`` writes it). Documents
    without a floating table are told apart without parsing them."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if b"tblpPr" not in archive.read("word/document.xml"):
                return False
    except (zipfile.BadZipFile, KeyError):
        pass
    return _back_matter_table(open_document(data)) is not None


def back_matter_later(data: bytes, blank_pages: int = 0) -> bytes:
    """The .docx ``data`` with its 版记 on a page of its own after the text, ``blank_pages``
    empty pages before it. Without blank pages the paragraph the 版记 is anchored to starts a
    new page. With them, the text's section ends before the 版记 and a new section without
    page numbers holds the blank pages and the 版记's page, as GB/T 9704-2012 7.5 wants
    (空白页和版记页均不编排页码). Raises ValueError when it has no 版记."""
    doc = open_document(data)
    table = _back_matter_table(doc)
    if table is None:
        raise ValueError("the document has no 版记")
    anchor = table.getnext()
    if anchor is None or anchor.tag != qn("w:p"):
        anchor = OxmlElement("w:p")
        table.addnext(anchor)
    set_child(anchor.get_or_add_pPr(), "w:pageBreakBefore", PPR_ORDER)
    if blank_pages:
        _end_section_before(doc, table)
        # The new section starts the first blank page; each further one starts with a break.
        table.addprevious(OxmlElement("w:p"))
        for _ in range(blank_pages - 1):
            blank = OxmlElement("w:p")
            set_child(blank.get_or_add_pPr(), "w:pageBreakBefore", PPR_ORDER)
            table.addprevious(blank)
    return save_document(doc)


def _end_section_before(doc: Document, table: etree._Element) -> None:
    """End the text's section at the paragraph before ``table`` (keeping its page numbers) and
    give the section that follows, up to the end of the document, empty footers."""
    before = table.getprevious()
    if before is None or before.tag != qn("w:p"):
        before = OxmlElement("w:p")
        table.addprevious(before)
    body_section = doc.element.body.find(qn("w:sectPr"))
    text_section = copy.deepcopy(body_section)
    set_child(before.get_or_add_pPr(), "w:sectPr", PPR_ORDER)
    before.pPr.replace(before.pPr.find(qn("w:sectPr")), text_section)
    for reference in body_section.findall(qn("w:footerReference")):
        body_section.remove(reference)
    last = doc.sections[-1]
    for footer in (last.footer, last.even_page_footer):
        footer.is_linked_to_previous = False  # a new, empty footer part


def copy_lines(text: str, first: int = LINE_CHARS, later: int = LINE_CHARS - len(COPY_LABEL)) -> list[str]:
    """The 抄送 ``text`` ("抄送：甲，乙，丙。") in lines of at most ``first`` characters, then
    ``later`` (they stand after the label), broken only after a recipient's "，" or "、"; a
    single recipient longer than a line is left for the line to break."""
    pieces, piece = [], ""
    for ch in text:
        piece += ch
        if ch in "，、":
            pieces.append(piece)
            piece = ""
    if piece:
        pieces.append(piece)
    lines = [""]
    for piece in pieces:
        room = first if len(lines) == 1 else later
        if lines[-1] and widths.text_width(lines[-1] + piece) > room:  # a word joiner takes no room
            lines.append("")
        lines[-1] += piece
    return lines


def _paragraph_text(paragraph: etree._Element) -> str:
    return "".join(t.text or "" for t in paragraph.iter(qn("w:t")))


def place_back_matter(body: etree._Element, style_ids: frozenset[str] | set[str] = frozenset({BACK_MATTER_STYLE})) -> None:
    """Set the 版记 of a rendered body (a w:body; none: nothing to do): its 抄送 in lines
    broken between recipients (``copy_lines``), each row exactly as high as its lines, and
    the table placed on the page so that its bottom rule lies on the foot of the type area."""
    table = _rendered_back_matter(body, style_ids)
    if table is None:
        return
    height = 0
    for row in table.iter(qn("w:tr")):
        lines = 1
        for paragraph in row.iter(qn("w:p")):
            text = _paragraph_text(paragraph)
            if text.startswith(COPY_LABEL):
                broken = copy_lines(text)
                _set_lines(paragraph, broken)
                lines = max(lines, len(broken))
        row_height = max(ROW_TWIPS, lines * LINE_TWIPS + ROW_TWIPS - LINE_TWIPS)
        tr_pr = row.find(qn("w:trPr"))
        size = tr_pr.find(qn("w:trHeight")) if tr_pr is not None else None
        if size is not None:
            size.set(qn("w:val"), str(row_height))
            size.set(qn("w:hRule"), "exact")
        height += row_height
    position = table.find(f"{qn('w:tblPr')}/{qn('w:tblpPr')}")
    position.attrib.pop(qn("w:tblpYSpec"), None)
    position.set(qn("w:tblpY"), str(TYPE_AREA_FOOT_TWIPS - height - MARGINS_TWIPS["top"]))


def _set_lines(paragraph: etree._Element, lines: list[str]) -> None:
    """Replace the runs of ``paragraph`` by one run of ``lines`` with line breaks between."""
    runs = paragraph.findall(qn("w:r"))
    r_pr = runs[0].find(qn("w:rPr")) if runs else None
    for run in runs:
        paragraph.remove(run)
    run = OxmlElement("w:r")
    if r_pr is not None:
        run.append(copy.deepcopy(r_pr))
    for index, line in enumerate(lines):
        if index:
            run.append(OxmlElement("w:br"))
        text = OxmlElement("w:t")
        text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        text.text = line
        run.append(text)
    paragraph.append(run)


def _rendered_back_matter(body: etree._Element,
                          style_ids: frozenset[str] | set[str]) -> etree._Element | None:
    """The 版记 table of a rendered body: floating, its paragraphs in the style 版记 (one of
    ``style_ids``: the ids the template gives that style)."""
    for table in body.iterchildren(qn("w:tbl")):
        if table.find(f"{qn('w:tblPr')}/{qn('w:tblpPr')}") is None:
            continue
        if any(s.get(qn("w:val")) in style_ids for s in table.iter(qn("w:pStyle"))):
            return table
    return None
