"""Titles broken into lines by meaning (cnfmt.titles, GB/T 9704-2012 7.3.1)."""

from __future__ import annotations

import math
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reporter.cnfmt import FormatError, break_title, text_width, title_lines
from reporter.cnfmt.titles import MIN_LINE_CHARS, TITLE_LINE_CHARS
from reporter.render.environment import filter_table
from tests.conftest import examples

CLOSING, OPENING = "”’）》」』〕】、，。；：！？", "“‘（《「『〔【"


@pytest.mark.parametrize("title, expected", [
    ("关于古塔区“三城联创”第二轮督查情况的通报", ["关于古塔区“三城联创”", "第二轮督查情况的通报"]),
    ("关于古塔区“三城联创”第十二轮督查情况的通报", ["关于古塔区“三城联创”", "第十二轮督查情况的通报"]),
    ("关于某某区“垃圾分类”第一轮督查情况的通报", ["关于某某区“垃圾分类”", "第一轮督查情况的通报"]),
    ("关于进一步加强古塔区城市管理和环境卫生整治工作的通知",
     ["关于进一步加强古塔区城市管理和", "环境卫生整治工作的通知"]),
    ("关于对2018年度“三城联创”工作先进单位和先进个人予以表彰的决定",
     ["关于对2018年度“三城联创”工作", "先进单位和先进个人予以表彰的决定"]),
    ("古塔区“三城联创”工作领导小组办公室关于第二轮督查情况的通报",
     ["古塔区“三城联创”工作领导小组办公室", "关于第二轮督查情况的通报"]),
    # fits on one line (20 characters): never broken
    ("古塔区“三城联创”第二轮督查问题清单", ["古塔区“三城联创”第二轮督查问题清单"]),
    ("关于第二轮督查情况的通报", ["关于第二轮督查情况的通报"]),
])
def test_titles_break_at_natural_points(title, expected):
    assert title_lines(title) == expected


def test_the_document_type_never_stands_alone():
    # 21 characters: "……情况的通" + "报" is what plain wrapping gave
    lines = title_lines("关于古塔区“三城联创”第二轮督查情况的通报")
    assert all(len(line) >= MIN_LINE_CHARS for line in lines)
    assert not any(line in ("报", "通报", "的通报") for line in lines)


FRAGMENTS = ["关于", "古塔区", "锦州市", "“三城联创”", "“垃圾分类”", "《实施方案》", "第二轮", "第十二轮", "督查",
             "情况", "2018年度", "城市管理", "和", "环境卫生", "专项整治", "工作", "进一步", "加强", "开展",
             "全国文明城市", "创建", "先进单位", "予以表彰", "领导小组办公室", "百日攻坚行动", "问题清单", "的"]
ENDINGS = ["的通报", "的通知", "的决定", "的意见", "清单", "汇报", ""]


@settings(max_examples=examples(400))
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=22), st.sampled_from(ENDINGS))
def test_any_title_keeps_its_text_width_and_line_rules(parts, ending):
    title = "".join(parts) + ending
    lines = title_lines(title)
    assert "".join(lines) == title
    width = text_width(title)
    if width <= TITLE_LINE_CHARS:
        assert lines == [title]
        return
    assert len(lines) <= math.ceil(width / TITLE_LINE_CHARS) + 1
    for line in lines:
        assert text_width(line) <= TITLE_LINE_CHARS, lines
        assert len(line) >= MIN_LINE_CHARS, lines  # never one or two characters alone
    for before, after in pairwise(lines):
        assert after[0] not in CLOSING and before[-1] not in OPENING, lines


@pytest.mark.parametrize("length", range(1, 81))
def test_titles_of_every_length_up_to_four_lines(length):
    """A plain run of characters (no natural point at all) of every length from 1 to 80."""
    title = ("关于进一步加强城市管理和环境卫生整治工作" * 5)[:length - 3] + "的通报" if length > 3 else "通报通报"[:length]
    lines = title_lines(title)
    assert "".join(lines) == title
    assert all(text_width(line) <= TITLE_LINE_CHARS for line in lines), lines
    if len(lines) > 1:
        assert all(len(line) >= MIN_LINE_CHARS for line in lines), lines
        widths = [text_width(line) for line in lines]
        assert max(widths) - min(widths) <= 6, lines  # balanced, as far as words allow


def test_latin_letters_and_digits_count_half():
    assert text_width("2018年") == 3
    title = "关于" + "ABCDEFGHIJ" * 4 + "的通知"  # 2 + 20 + 3 = 25 characters wide
    lines = title_lines(title)
    assert len(lines) == 2 and all(text_width(line) <= TITLE_LINE_CHARS for line in lines)


def test_line_breaks_in_the_text_are_kept():
    assert title_lines("古塔区联创办\n关于第二轮督查情况的通报") == ["古塔区联创办", "关于第二轮督查情况的通报"]
    assert break_title("关于古塔区“三城联创”第二轮督查情况的通报") == "关于古塔区“三城联创”\n第二轮督查情况的通报"


def test_a_narrower_line():
    lines = title_lines("古塔区“三城联创”工作领导小组办公室", 12)
    assert lines == ["古塔区“三城联创”", "工作领导小组办公室"]


def test_templates_call_it_分行():
    table = filter_table()
    assert table["分行"]("古塔区“三城联创”工作领导小组办公室", 12) == break_title("古塔区“三城联创”工作领导小组办公室", 12)
    assert table["break_title"].func is table["分行"].func


@pytest.mark.parametrize("value, per_line", [(None, 20), (12, 20), ("标题", 5), ("标题", "20")])
def test_refusals(value, per_line):
    with pytest.raises(FormatError):
        title_lines(value, per_line)
