"""The 版记 set on a rendered body: the 抄送 broken only between recipients, the rows as high
as their lines, the table placed so that its last rule lies on the foot of the type area."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml.ns import qn

from reporter.render import docstyle
from reporter.render.backmatter import (
    LINE_CHARS,
    MARGINS_TWIPS,
    TYPE_AREA_FOOT_TWIPS,
    add_back_matter,
    copy_lines,
    place_back_matter,
)

FOUR = "抄送：区委办公室，区政府办公室，区人大办公室，区政协办公室。"


@pytest.mark.parametrize("text, lines", [
    ("抄送：区委办公室，区政府办公室。", ["抄送：区委办公室，区政府办公室。"]),
    # 30 characters, one more than a line holds: the last recipient goes whole to the next line.
    (FOUR, ["抄送：区委办公室，区政府办公室，区人大办公室，", "区政协办公室。"]),
    # A word joiner (put in by the table rules) takes no room.
    ("抄送：区委办公室，区政府办公\u2060室。", ["抄送：区委办公室，区政府办公\u2060室。"]),
])
def test_copy_lines_break_between_recipients(text, lines):
    assert LINE_CHARS == 29
    assert copy_lines(text) == lines


def test_later_lines_are_measured_after_the_label():
    many = "抄送：" + "，".join(f"区第{n}办公室" for n in "一二三四五六七八九十甲") + "。"
    lines = copy_lines(many)
    assert len(lines) > 2 and "".join(lines) == many
    assert len(lines[0]) <= LINE_CHARS and all(len(line) <= LINE_CHARS - 3 for line in lines[1:])
    assert all(line.endswith(("，", "。")) for line in lines)


def test_the_table_is_placed_by_its_height_on_the_foot_of_the_type_area():
    doc = docstyle.new_document(title="版记")
    add_back_matter(doc, FOUR[3:], "古塔区联创办", "2018年11月26日印发")
    buffer = io.BytesIO()
    doc.save(buffer)
    body = docx.Document(io.BytesIO(buffer.getvalue())).element.body
    place_back_matter(body)
    table = body.find(qn("w:tbl"))
    heights = [int(h.get(qn("w:val"))) for h in table.iter(qn("w:trHeight"))]
    assert heights == [894, 454]  # two lines of 22 pt in the 抄送 row, one in the other
    assert all(h.get(qn("w:hRule")) == "exact" for h in table.iter(qn("w:trHeight")))
    position = table.find(f"{qn('w:tblPr')}/{qn('w:tblpPr')}")
    assert position.get(qn("w:tblpYSpec")) is None and position.get(qn("w:vertAnchor")) == "margin"
    assert int(position.get(qn("w:tblpY"))) + MARGINS_TWIPS["top"] + sum(heights) == TYPE_AREA_FOOT_TWIPS
    assert [br.tag for br in table.iter(qn("w:br"))] == [qn("w:br")]
