"""Wording filters as offices write: 余 or 多, the 余万/万余 forms of 约数, 两 before a measure
word, Chinese parameter names, and refusals in Chinese."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from reporter.cnfmt import FormatError, approx, cn_round, template_call
from reporter.render.environment import filter_table
from tests.conftest import ROOT

GUIDE = ROOT / "docs" / "模板写法.md"
OPTIONS = {"`约数`": {}, "`约数(字='多')`": {"word": "多"}, "`约数(写法='余万')`": {"form": "余万"},
           "`约数(写法='万余')`": {"form": "万余"}}


def guide_table() -> list[tuple[int, dict, str]]:
    """The guide's table of 约数 examples: (value, options, text) for every cell."""
    text = GUIDE.read_text(encoding="utf-8")
    block = re.search(r"^\| 精确数 \|.*?\n\n", text, re.DOTALL | re.MULTILINE)
    assert block
    header, _rule, *rows = [[c.strip() for c in line.strip("|").split("|")] for line in block.group(0).split("\n")
                            if line]
    return [(int(row[0]), OPTIONS[name], cell) for row in rows for name, cell in zip(header[1:], row[1:])]


@pytest.mark.parametrize(("value", "options", "text"), guide_table())
def test_the_guides_table_of_approximations_is_what_约数_writes(value, options, text):
    assert approx(value, **options) == text


@pytest.mark.parametrize(("value", "measure", "options", "text"), [
    (84, "次", {}, "80余次"),
    (84, "次", {"word": "多"}, "80多次"),
    (731500, "元", {"form": "余万"}, "70余万元"),
    (731500, "元", {"form": "万余"}, "73万余元"),
    (730000, "元", {"form": "万余"}, "73万元"),
    (700000, "元", {"form": "余万"}, "70万元"),
    (8260, "份", {"form": "余万"}, "8200余份"),
    (Decimal("45.3"), "吨", {}, "45吨余"),
])
def test_约数_options(value, measure, options, text):
    assert approx(value, measure, **options) == text


def test_two_is_两_before_a_measure_word_and_二_inside_a_number():
    assert [cn_round(n, "台") for n in (2, 12, 20, 22, 200, 2000)] == ["两台", "十二台", "二十台", "二十二台",
                                                                       "二百台", "两千台"]


def test_templates_give_parameters_chinese_names():
    table = filter_table()
    assert table["约数"](731500, 写法="余万", 字="多") == "70多万"
    assert table["约数"](6743, 取整=1000) == table["约数"](6743, 1000) == "6000余"
    assert table["万"](624445, 小数=2) == "62.44万"
    assert table["百分比"](Decimal("15.5833"), 小数=1) == "15.6%"


@pytest.mark.parametrize(("call", "message"), [
    (lambda: filter_table()["约数"](8260, 10000), "8260 不到一个取整单位 10000，写不成约数"),
    (lambda: template_call("约数", approx, 8260, 位数=2), "“约数”没有名为“位数”的参数（可用：取整、万、字、写法）"),
    (lambda: template_call("约数", approx, 8260, "处", 1, 2, 3, 4, 5), "“约数”的参数个数不对或有重复"),
    (lambda: template_call("约数", approx, 8260, 字="少"), "约数的“字”应为“余”或“多”"),
    (lambda: template_call("约数", approx, 8260, 写法="万"), "约数的“写法”应为“余万”（70余万）或“万余”（73万余）"),
    (lambda: template_call("中文整数", cn_round, Decimal("21.5")), "“中文整数”只能用于整数，21.5 有小数"),
    (lambda: template_call("确数", approx, "三城联创"), "这里需要数字，而不是文字“三城联创”"),
])
def test_refusals_say_why_in_chinese(call, message):
    with pytest.raises(FormatError) as caught:
        call()
    assert message in str(caught.value)


BAD_VALUES = ("文字", None, True, -3, Decimal("Infinity"), Decimal("21.5"), 10**40, [1], 0)


def test_no_filter_refuses_in_english():
    """Every refusal of every filter, for values of every wrong kind, is written in Chinese."""
    messages = set()
    for name, function in filter_table().items():
        if not re.fullmatch(r"[^\x00-\x7f]+", name):
            continue  # the English alias of the same function
        for value in BAD_VALUES:
            for args in ((), (10**6,), ("余",), (-1,)):
                try:
                    function(value, *args)
                except FormatError as e:
                    messages.add(str(e))
    assert messages
    english = [m for m in messages if re.search(r"[A-Za-z]{3,}", m.replace("docs/模板写法.md", ""))]
    assert english == []
