"""Each measurer of the render layer is the one model of ``cnfmt.widths`` with its parameters:
table cells proportional and autospaced, signatures autospaced by the measured 0.22 em plus the
character spacing, the cover and the 版记 as titles are counted."""

from __future__ import annotations

import pytest

from reporter.cnfmt.widths import AUTOSPACE_EM, text_width
from reporter.render.backmatter import copy_lines
from reporter.render.measure import text_em
from reporter.render.signature import AUTOSPACE_CHARS, printed_width
from reporter.render.templates.booklet import _lines_needed

TEXTS = ["2018年11月20日", "区委宣传部", "XX市A区城管局", "Mall 招商 100%", "城管局(2)", "“门前三包”责任制"]


@pytest.mark.parametrize("text", TEXTS)
def test_table_cells_measure_proportionally_with_autospace(text: str):
    assert text_em(text) == text_width(text, proportional=True, autospace=AUTOSPACE_EM)


def test_known_cell_widths():
    assert text_em("2018年12月") == 5.75  # 5 em, and ¼ em at each of the three CJK-digit boundaries
    assert text_em("MW 2") == 0.75 + 0.75 + 0.25 + 0.5


@pytest.mark.parametrize("text", TEXTS)
def test_signatures_add_the_character_spacing_and_the_measured_autospace(text: str):
    assert printed_width(text, 16, -0.25) == pytest.approx(
        text_width(text, autospace=AUTOSPACE_CHARS) * 16 - 0.25 * len(text))
    assert printed_width("2018年11月20日", 16, 0) == pytest.approx((8 * 0.5 + 3 + 5 * 0.22) * 16)


def test_the_cover_and_the_copy_line_count_as_titles_do():
    line_pt = 156 / 25.4 * 72  # the type area's width
    chars = int(line_pt // 22)
    assert _lines_needed("中" * chars, 22) == 1 and _lines_needed("中" * (chars + 1), 22) == 2
    assert _lines_needed("1" * (2 * chars), 22) == 1
    names = ["区委宣传部", "区城市管理委员会", "区卫生健康局", "区市场监督管理局", "团区委", "区商务局"]
    plain = copy_lines("抄送：" + "，".join(names) + "。")
    joined = copy_lines("抄送：" + "，".join("\u2060".join(name) for name in names) + "。")
    assert len(plain) > 1 and [line.replace("\u2060", "") for line in joined] == plain  # a word joiner takes no room
