"""WordprocessingML properties written in schema order: the child order of w:rPr, w:pPr and
w:trPr, and ``set_child()``, which puts an element at its place among its siblings."""

from __future__ import annotations

from collections.abc import Collection

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

# Child order of w:rPr, w:pPr and w:trPr in the OOXML schema, used to insert elements validly.
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


def set_child(parent, tag: str, order: tuple[str, ...], **attrs):
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


def insert_in_order(parent: etree._Element, child: etree._Element, before: Collection[str]) -> None:
    """Insert ``child`` into ``parent`` (any lxml element) after the last of its children whose
    local name is in ``before`` (those the schema puts ahead of it), or first."""
    position = 0
    for index, existing in enumerate(parent):
        if etree.QName(existing).localname in before:
            position = index + 1
    parent.insert(position, child)
