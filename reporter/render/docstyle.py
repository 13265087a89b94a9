"""Page setup and styles of the Chinese government document format (GB/T 9704-2012).

`new_document()` returns a python-docx `Document` with A4 paper, the standard margins,
odd/even footers carrying the page number "— 1 —" and the styles named in `STYLE_SPECS`
(公文标题, 公文正文, 一级标题 …). The body stays empty: callers add styled paragraphs
(for example docxtpl placeholders) with `add_paragraph()`.

All lengths are in twips (1/20 pt, 1/1440 inch, 1 mm ≈ 56.7 twips); font sizes in points.
Only python-docx and lxml are used.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Twips
from docx.table import Table, _Row
from docx.text.paragraph import Paragraph

# --- GB/T 9704-2012 figures ---------------------------------------------------------------

#: A4 portrait, (width, height): 210 × 297 mm.
PAGE_A4_TWIPS = (11906, 16838)
#: Portrait margins: type area at top 37, bottom 35, left 28, right 26 mm (156 × 225 mm).
#: Exact 28.95 pt lines put their 12.95 pt of leading above the characters: with a top
#: margin of 37 mm the first line's characters would start at 39.5 mm (measured on the PDF).
#: The page margins are therefore moved up by that offset (2.5 mm, 142 twips): characters
#: start 37 mm from the top edge, and the 22-line grid keeps its 225 mm height.
LEADING_OFFSET_TWIPS = 142
MARGINS_TWIPS = {"top": 2098 - LEADING_OFFSET_TWIPS, "bottom": 1984 + LEADING_OFFSET_TWIPS,
                 "left": 1587, "right": 1474}
#: Landscape margins. The portrait figures are rotated so that the binding edge stays:
#: a landscape page is bound along its top edge, which therefore takes the portrait left
#: (binding) margin 28 mm; the portrait right margin 26 mm goes to the bottom, and the
#: portrait top/bottom margins 37/35 mm go to left/right. Type area 225 × 156 mm.
MARGINS_LANDSCAPE_TWIPS = {"top": 1587, "bottom": 1474, "left": 2098, "right": 1984}
#: Header distance from the top page edge: 15 mm (headers stay empty).
HEADER_TWIPS = 851
#: Footer distance is the bottom margin minus this: the page number line's top edge sits
#: 7 mm below the type area and a 14 pt line is about 6 mm high, 13 mm in all. With the
#: portrait bottom margin this gives w:footer="1247" (22 mm), in landscape 737 (13 mm).
FOOTER_OFFSET_TWIPS = 737
#: Exact line spacing giving 22 lines per page (28.95 pt).
LINE_PITCH_TWIPS = 579
#: Character spacing −0.25 pt in twentieths of a point, giving 28 characters per line.
CHAR_SPACING = -5
BODY_PT = 16  # 3号
TITLE_PT = 22  # 2号
PAGE_NUMBER_PT = 14  # 4号
TABLE_PT = 12  # 小四
TABLE_LINE_TWIPS = 360  # exact 18 pt line in table cells

LATIN_FONT = "Times New Roman"
FANGSONG = "仿宋_GB2312"
KAITI = "楷体_GB2312"
HEITI = "黑体"
SONGTI = "宋体"
XIAOBIAOSONG = "方正小标宋简体"

#: Em dash (一字线) on each side of the page number.
EM_DASH = "\u2014"

# Child order of w:rPr and w:pPr in the OOXML schema, used to insert elements validly.
_RPR_ORDER = (
    "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps",
    "w:strike", "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof",
    "w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern",
    "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd",
    "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
    "w:specVanish", "w:oMath",
)
_PPR_ORDER = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
    "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
    "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
    "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap",
    "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
    "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)
_TRPR_ORDER = (
    "w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore", "w:wAfter",
    "w:cantSplit", "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden",
    "w:ins", "w:del", "w:trPrChange",
)


@dataclass(frozen=True)
class StyleSpec:
    """One style of the document format: fonts, size and paragraph layout.

    Indents are in hundredths of a character (200 = two characters), written as w:…Chars
    with a twips fallback computed from the style's own font size. `line` is the exact line
    spacing in twips, or None to inherit (Normal's 579) — 页码 uses 0 for single spacing.
    `char_spacing` is w:spacing in the run properties (twentieths of a point), None to inherit.
    """

    name: str
    east_asia: str | None  # None: no fonts or size, only weight (character style 强调)
    size_pt: float
    base: str | None = "Normal"
    align: str | None = None  # w:jc value: "both", "center", "left", "right"
    first_line_chars: int | None = None
    left_chars: int | None = None
    right_chars: int | None = None
    bold: bool = False
    outline_level: int | None = None
    line: int | None = None
    char_spacing: int | None = None
    latin: str = LATIN_FONT
    kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH


#: The styles set up by `new_document()`, in the order they are written to styles.xml.
STYLE_SPECS: tuple[StyleSpec, ...] = (
    StyleSpec("Normal", FANGSONG, BODY_PT, base=None, align="both",
              line=LINE_PITCH_TWIPS, char_spacing=CHAR_SPACING),
    StyleSpec("公文标题", XIAOBIAOSONG, TITLE_PT, align="center", first_line_chars=0),
    StyleSpec("公文正文", FANGSONG, BODY_PT, first_line_chars=200),
    StyleSpec("一级标题", HEITI, BODY_PT, first_line_chars=200, outline_level=0),
    StyleSpec("二级标题", KAITI, BODY_PT, first_line_chars=200, outline_level=1),
    StyleSpec("三级标题", FANGSONG, BODY_PT, first_line_chars=200, bold=True, outline_level=2),
    StyleSpec("署名", KAITI, BODY_PT, align="center", first_line_chars=0),
    StyleSpec("发文字号", FANGSONG, BODY_PT, align="center", first_line_chars=0),
    StyleSpec("主送", FANGSONG, BODY_PT, first_line_chars=0),
    StyleSpec("落款", FANGSONG, BODY_PT, align="right", first_line_chars=0, right_chars=400),
    StyleSpec("附件标题", HEITI, BODY_PT, align="left", first_line_chars=0),
    StyleSpec("图片", FANGSONG, BODY_PT, align="center", first_line_chars=0, line=0),
    StyleSpec("附注", FANGSONG, PAGE_NUMBER_PT, first_line_chars=0, left_chars=100),
    StyleSpec("抄送", FANGSONG, PAGE_NUMBER_PT, first_line_chars=0, left_chars=100),
    StyleSpec("表格文字", FANGSONG, TABLE_PT, align="left", first_line_chars=0, line=TABLE_LINE_TWIPS,
              char_spacing=0),
    StyleSpec("表头文字", HEITI, TABLE_PT, base="表格文字", align="center"),
    StyleSpec("页码", SONGTI, PAGE_NUMBER_PT, first_line_chars=0, line=0, char_spacing=0,
              latin=SONGTI),
    StyleSpec("强调", None, BODY_PT, base=None, bold=True, kind=WD_STYLE_TYPE.CHARACTER),
)


# --- low-level XML helpers -----------------------------------------------------------------


def _set_child(parent, tag: str, order: tuple[str, ...], **attrs):
    """Replace `parent`'s child `tag` with a new one carrying `attrs` (w: attributes).

    The new element is inserted at its schema position given by `order`. An attribute
    value of None is left out. Returns the new element.
    """
    for old in parent.findall(qn(tag)):
        parent.remove(old)
    child = OxmlElement(tag)
    for key, value in attrs.items():
        if value is not None:
            child.set(qn(f"w:{key}"), str(value))
    successors = order[order.index(tag) + 1:]
    return parent.insert_element_before(child, *successors)


def _rpr_of(rpr_or_run):
    """The w:rPr element of a python-docx run, or the argument itself if it is a w:rPr."""
    if hasattr(rpr_or_run, "_r"):
        return rpr_or_run._r.get_or_add_rPr()
    if getattr(rpr_or_run, "tag", None) == qn("w:rPr"):
        return rpr_or_run
    raise TypeError(f"expected a Run or a w:rPr element, got {type(rpr_or_run).__name__}")


def set_run_fonts(rpr_or_run, east_asia: str, size_pt: float, bold: bool | None = False,
                  latin: str = LATIN_FONT):
    """Set fonts, size and weight on a run or on a w:rPr element (of a run or a style).

    Writes w:rFonts with w:ascii/w:hAnsi/w:cs = `latin` (digits and Latin letters) and
    w:eastAsia = `east_asia` (Chinese), replacing any theme fonts; w:sz/w:szCs in half-points;
    w:b/w:bCs on for bold=True, explicitly off for False, absent (inherited) for None.
    Returns the w:rPr element.
    """
    rpr = _rpr_of(rpr_or_run)
    _set_child(rpr, "w:rFonts", _RPR_ORDER, ascii=latin, hAnsi=latin, eastAsia=east_asia,
               cs=latin)
    for tag in ("w:b", "w:bCs"):
        if bold is None:
            for old in rpr.findall(qn(tag)):
                rpr.remove(old)
        else:
            _set_child(rpr, tag, _RPR_ORDER, val=None if bold else "0")
    half_points = round(size_pt * 2)
    _set_child(rpr, "w:sz", _RPR_ORDER, val=half_points)
    _set_child(rpr, "w:szCs", _RPR_ORDER, val=half_points)
    return rpr


def _chars_to_twips(chars: int, size_pt: float) -> int:
    """Twips of `chars` hundredths of a character at `size_pt` (a character is 1 em wide)."""
    return round(chars * size_pt * 20 / 100)


# --- styles --------------------------------------------------------------------------------


def _apply_style_spec(doc: Document, spec: StyleSpec) -> None:
    """Create or override the style described by `spec`, rewriting its pPr and rPr."""
    styles = doc.styles
    try:
        style = styles[spec.name]
    except KeyError:
        style = styles.add_style(spec.name, spec.kind)
    style.base_style = styles[spec.base] if spec.base else None
    style.quick_style = True
    element = style.element

    for tag in ("w:pPr", "w:rPr"):
        for old in element.findall(qn(tag)):
            element.remove(old)

    if spec.kind == WD_STYLE_TYPE.PARAGRAPH:
        ppr = element.get_or_add_pPr()
        if spec.line is None:
            line, rule = None, None
        elif spec.line == 0:
            line, rule = 240, "auto"
        else:
            line, rule = spec.line, "exact"
        _set_child(ppr, "w:spacing", _PPR_ORDER, before=0, beforeLines=0, after=0,
                   afterLines=0, line=line, lineRule=rule)
        if any(v is not None for v in (spec.first_line_chars, spec.left_chars, spec.right_chars)):
            first, left, right = spec.first_line_chars, spec.left_chars, spec.right_chars
            _set_child(
                ppr, "w:ind", _PPR_ORDER,
                leftChars=left,
                left=None if left is None else _chars_to_twips(left, spec.size_pt),
                rightChars=right,
                right=None if right is None else _chars_to_twips(right, spec.size_pt),
                firstLineChars=first,
                firstLine=None if first is None else _chars_to_twips(first, spec.size_pt),
            )
        if spec.align:
            _set_child(ppr, "w:jc", _PPR_ORDER, val=spec.align)
        if spec.outline_level is not None:
            # A heading stays on the page of the paragraph that follows it.
            _set_child(ppr, "w:keepNext", _PPR_ORDER)
            _set_child(ppr, "w:outlineLvl", _PPR_ORDER, val=spec.outline_level)

    rpr = element.get_or_add_rPr()
    if spec.east_asia is None:
        for tag in ("w:b", "w:bCs"):
            _set_child(rpr, tag, _RPR_ORDER, val=None if spec.bold else "0")
    else:
        set_run_fonts(rpr, spec.east_asia, spec.size_pt, bold=spec.bold, latin=spec.latin)
    if spec.char_spacing is not None:
        _set_child(rpr, "w:spacing", _RPR_ORDER, val=spec.char_spacing)


def _set_doc_defaults(doc: Document) -> None:
    """Point the document defaults at Times New Roman / 仿宋_GB2312 16 pt, zh-CN, no spacing.

    Replaces the template's theme fonts (Calibri/MS Mincho) and 10 pt after-spacing, so that
    text outside the named styles (e.g. in a table style) does not fall back to them.
    """
    styles_el = doc.styles.element
    defaults = styles_el.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_run_fonts(rpr, FANGSONG, BODY_PT, bold=None)
    _set_child(rpr, "w:lang", _RPR_ORDER, val="en-US", eastAsia="zh-CN", bidi="ar-SA")
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    # Punctuation may overflow the line (Word's and WPS's 允许标点溢出边界, their usual
    # setting). Written explicitly for LibreOffice: its DOCX import reads w:overflowPunct
    # the other way round (on -> no hanging punctuation; off or absent -> hanging). With
    # hanging punctuation a mark after a justified line of exactly 28 characters is laid
    # out in the margin but never drawn in the PDF (LibreOffice 7.4); without it the mark
    # and the character before it go to the next line, as line-start rules require.
    _set_child(ppr, "w:overflowPunct", _PPR_ORDER)
    _set_child(ppr, "w:spacing", _PPR_ORDER, after=0, line=240, lineRule="auto")


# --- page setup and footers ----------------------------------------------------------------


def _add_text_run(paragraph_el, text: str) -> None:
    """Append a run with `text` (spaces preserved) to a w:p element."""
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = text
    run.append(t)
    paragraph_el.append(run)


def _add_field(paragraph_el, instruction: str, placeholder: str) -> None:
    """Append a complex field (fldChar begin, instrText, separate, result, end) to a w:p."""
    def fld_char(kind: str):
        run = OxmlElement("w:r")
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run.append(char)
        paragraph_el.append(run)

    fld_char("begin")
    run = OxmlElement("w:r")
    instr = OxmlElement("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = instruction
    run.append(instr)
    paragraph_el.append(run)
    fld_char("separate")
    _add_text_run(paragraph_el, placeholder)
    fld_char("end")


def _fill_page_number_footer(doc: Document, footer, odd: bool) -> None:
    """Make `footer` hold one 页码 paragraph "— PAGE —", placed for odd or even pages.

    Odd pages: right-aligned, one character (14 pt) in from the right margin.
    Even pages: left-aligned, one character in from the left margin.
    """
    body = footer._element
    for p in body.findall(qn("w:p")):
        body.remove(p)
    p = body.add_p()
    ppr = p.get_or_add_pPr()
    _set_child(ppr, "w:pStyle", _PPR_ORDER, val=doc.styles["页码"].style_id)
    one_char = PAGE_NUMBER_PT * 20
    if odd:
        _set_child(ppr, "w:ind", _PPR_ORDER, right=one_char)
        _set_child(ppr, "w:jc", _PPR_ORDER, val="right")
    else:
        _set_child(ppr, "w:ind", _PPR_ORDER, left=one_char)
        _set_child(ppr, "w:jc", _PPR_ORDER, val="left")
    _add_text_run(p, EM_DASH + " ")
    _add_field(p, " PAGE ", "1")
    _add_text_run(p, " " + EM_DASH)


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
    _set_doc_defaults(doc)
    for spec in STYLE_SPECS:
        _apply_style_spec(doc, spec)

    section = doc.sections[0]
    width, height = PAGE_A4_TWIPS
    margins = MARGINS_TWIPS
    if landscape:
        width, height = height, width
        margins = MARGINS_LANDSCAPE_TWIPS
        section.orientation = WD_ORIENT.LANDSCAPE
    else:
        section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Twips(width)
    section.page_height = Twips(height)
    section.top_margin = Twips(margins["top"])
    section.bottom_margin = Twips(margins["bottom"])
    section.left_margin = Twips(margins["left"])
    section.right_margin = Twips(margins["right"])
    section.gutter = Twips(0)
    section.header_distance = Twips(HEADER_TWIPS)
    # The page number sits below the type area's edge of GB/T 9704, not below the shifted margin.
    shift = 0 if landscape else LEADING_OFFSET_TWIPS
    section.footer_distance = Twips(margins["bottom"] - shift - FOOTER_OFFSET_TWIPS)
    doc_grid = section._sectPr.find(qn("w:docGrid"))
    if doc_grid is not None:  # informative only: no w:type, so no grid is enforced
        doc_grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))

    doc.settings.odd_and_even_pages_header_footer = True
    section.footer.is_linked_to_previous = False
    section.even_page_footer.is_linked_to_previous = False
    _fill_page_number_footer(doc, section.footer, odd=True)
    _fill_page_number_footer(doc, section.even_page_footer, odd=False)

    _set_core_properties(doc, title, author, stamp)
    return doc


# --- body and table helpers ----------------------------------------------------------------


def add_paragraph(doc: Document, text: str, style: str) -> Paragraph:
    """Append a paragraph with `text` in the named style (e.g. "公文正文") to the body."""
    return doc.add_paragraph(text, style=style)


def set_table_header_repeat(row: _Row) -> None:
    """Mark a table row as a header row repeated at the top of every page (w:tblHeader)."""
    tr_pr = row._tr.get_or_add_trPr()
    _set_child(tr_pr, "w:tblHeader", _TRPR_ORDER)


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
