"""The one table of WordprocessingML property order (``render.wordxml``): elements put in by
python-docx (``set_child``) and by plain lxml (``insert_at_place``) land where the schema
wants them, whatever is there already."""

from __future__ import annotations

import pytest
from docx.oxml import parse_xml
from lxml import etree

from reporter.render.wordxml import (
    PPR_ORDER,
    RPR_ORDER,
    TBLPR_ORDER,
    TCPR_ORDER,
    TRPR_ORDER,
    ahead_of,
    insert_at_place,
    set_child,
)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"


def names(element: etree._Element) -> list[str]:
    return [etree.QName(child).localname for child in element]


@pytest.mark.parametrize("order", [PPR_ORDER, RPR_ORDER, TRPR_ORDER, TBLPR_ORDER, TCPR_ORDER])
def test_each_order_names_each_element_once(order: tuple[str, ...]):
    assert len(set(order)) == len(order) and all(tag.startswith("w:") for tag in order)


def test_ahead_of_is_the_schema_prefix():
    assert ahead_of(PPR_ORDER, "w:keepLines") == {"pStyle", "keepNext"}
    assert ahead_of(TRPR_ORDER, "w:cantSplit") == {"cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter"}
    assert "tblW" in ahead_of(TBLPR_ORDER, "w:tblInd") and "tblBorders" not in ahead_of(TBLPR_ORDER, "w:tblInd")


@pytest.mark.parametrize(("present", "added", "expected"), [
    ([], "ind", ["ind"]),
    (["pStyle", "jc"], "ind", ["pStyle", "ind", "jc"]),
    (["pStyle", "spacing", "jc", "rPr"], "pageBreakBefore", ["pStyle", "pageBreakBefore", "spacing", "jc", "rPr"]),
    (["keepNext", "spacing", "ind"], "pStyle", ["pStyle", "keepNext", "spacing", "ind"]),
    (["spacing", "rPr"], "outlineLvl", ["spacing", "outlineLvl", "rPr"]),
])
def test_insert_at_place_puts_a_paragraph_property_in_schema_order(present: list[str], added: str,
                                                                   expected: list[str]):
    ppr = etree.Element(f"{W}pPr")
    for name in present:
        etree.SubElement(ppr, f"{W}{name}")
    child = insert_at_place(ppr, etree.Element(f"{W}{added}"), PPR_ORDER)
    assert names(ppr) == expected and child.getparent() is ppr


def test_insert_at_place_in_cell_and_row_properties():
    tc_pr = etree.Element(f"{W}tcPr")
    etree.SubElement(tc_pr, f"{W}vAlign")
    etree.SubElement(tc_pr, f"{W}cnfStyle")  # out of order already: the new one goes after it
    insert_at_place(tc_pr, etree.Element(f"{W}tcW"), TCPR_ORDER)
    assert names(tc_pr) == ["vAlign", "cnfStyle", "tcW"]
    tr_pr = etree.Element(f"{W}trPr")
    etree.SubElement(tr_pr, f"{W}tblHeader")
    etree.SubElement(tr_pr, f"{W}gridBefore")
    insert_at_place(tr_pr, etree.Element(f"{W}cantSplit"), TRPR_ORDER)
    assert names(tr_pr) == ["tblHeader", "gridBefore", "cantSplit"]


def test_set_child_replaces_and_orders_run_properties():
    rpr = parse_xml(f'<w:rPr xmlns:w="{W_NS}"><w:b/><w:sz w:val="20"/><w:lang w:val="en-US"/></w:rPr>')
    set_child(rpr, "w:rFonts", RPR_ORDER, eastAsia="仿宋", ascii=None)
    set_child(rpr, "w:sz", RPR_ORDER, val=32)
    set_child(rpr, "w:color", RPR_ORDER, val="FF0000")
    assert names(rpr) == ["rFonts", "b", "color", "sz", "lang"]
    assert rpr.find(f"{W}sz").get(f"{W}val") == "32" and rpr.find(f"{W}rFonts").get(f"{W}ascii") is None
