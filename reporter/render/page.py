"""Page setup of the Chinese government document format (GB/T 9704-2012): A4 paper, margins,
header and footer distances, and odd/even footers carrying the page number "— 1 —".

All lengths are in twips (1/20 pt, 1/1440 inch, 1 mm ≈ 56.7 twips).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Twips

from reporter.render.styles import LINE_PITCH_TWIPS, PAGE_NUMBER_PT
from reporter.render.wordxml import PPR_ORDER, set_child

if TYPE_CHECKING:
    from docx.section import _Footer
    from lxml import etree

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

#: Em dash (一字线) on each side of the page number.
EM_DASH = "\u2014"


def _add_text_run(paragraph_el: etree._Element, text: str) -> None:
    """Append a run with `text` (spaces preserved) to a w:p element."""
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = text
    run.append(t)
    paragraph_el.append(run)


def add_field(paragraph_el: etree._Element, instruction: str, placeholder: str) -> None:
    """Append a complex field (fldChar begin, instrText, separate, result, end) to a w:p."""
    def fld_char(kind: str) -> None:
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


def _fill_page_number_footer(doc: Document, footer: _Footer, odd: bool) -> None:
    """Make `footer` hold one 页码 paragraph "— PAGE —", placed for odd or even pages.

    Odd pages: right-aligned, one character (14 pt) in from the right margin.
    Even pages: left-aligned, one character in from the left margin.
    """
    body = footer._element
    for p in body.findall(qn("w:p")):
        body.remove(p)
    p = body.add_p()
    ppr = p.get_or_add_pPr()
    set_child(ppr, "w:pStyle", PPR_ORDER, val=doc.styles["页码"].style_id)
    one_char = PAGE_NUMBER_PT * 20
    if odd:
        set_child(ppr, "w:ind", PPR_ORDER, right=one_char)
        set_child(ppr, "w:jc", PPR_ORDER, val="right")
    else:
        set_child(ppr, "w:ind", PPR_ORDER, left=one_char)
        set_child(ppr, "w:jc", PPR_ORDER, val="left")
    _add_text_run(p, EM_DASH + " ")
    add_field(p, " PAGE ", "1")
    _add_text_run(p, " " + EM_DASH)


def set_up_page(doc: Document, landscape: bool = False) -> None:
    """Lay out the document's section in the format: A4 paper (landscape: swapped size,
    orient="landscape", margins of `MARGINS_LANDSCAPE_TWIPS`), header and footer distances,
    w:evenAndOddHeaders and odd/even footers with the page number "— N —" in the style 页码,
    which must exist already.
    """
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
