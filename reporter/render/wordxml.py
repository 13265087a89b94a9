"""WordprocessingML properties written in schema order: the child order of w:rPr, w:pPr, w:trPr,
w:tblPr and w:tcPr (the one table of it in reporter), ``set_child()``, which puts a new python-docx
element at its place among its siblings, and ``insert_at_place()``, the same for any lxml element."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

if TYPE_CHECKING:
    from docx.oxml.xmlchemy import BaseOxmlElement

# Child order of w:rPr, w:pPr, w:trPr, w:tblPr and w:tcPr in the OOXML schema (ECMA-376 Part 1,
# CT_RPr, CT_PPr, CT_TrPr, CT_TblPr, CT_TcPr), used to insert elements validly.
RPR_ORDER = (
    "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps",
    "w:strike", "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof",
    "w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern",
    "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd",
    "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
    "w:specVanish", "w:oMath",
)
PPR_ORDER = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
    "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
    "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
    "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap",
    "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
    "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)
TRPR_ORDER = (
    "w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore", "w:wAfter",
    "w:cantSplit", "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden",
    "w:ins", "w:del", "w:trPrChange",
)
TBLPR_ORDER = (
    "w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders",
    "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange",
)
TCPR_ORDER = (
    "w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd",
    "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
    "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange",
)


def set_child(parent: BaseOxmlElement, tag: str, order: tuple[str, ...],
              **attrs: str | int | None) -> BaseOxmlElement:
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


def ahead_of(order: tuple[str, ...], tag: str) -> frozenset[str]:
    """The local names of the elements that ``order`` puts before ``tag`` ("w:ind")."""
    return frozenset(name.partition(":")[2] for name in order[:order.index(tag)])


def insert_in_order(parent: etree._Element, child: etree._Element, before: Collection[str]) -> None:
    """Insert ``child`` into ``parent`` (any lxml element) after the last of its children whose
    local name is in ``before`` (those the schema puts ahead of it), or first."""
    position = 0
    for index, existing in enumerate(parent):
        if etree.QName(existing).localname in before:
            position = index + 1
    parent.insert(position, child)


def insert_at_place(parent: etree._Element, child: etree._Element, order: tuple[str, ...]) -> etree._Element:
    """Insert ``child`` (a w: element, any lxml element) into ``parent`` at its place in ``order``
    (one of the tables above); returns ``child``."""
    insert_in_order(parent, child, ahead_of(order, f"w:{etree.QName(child).localname}"))
    return child
