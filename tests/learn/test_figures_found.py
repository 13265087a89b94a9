"""Figures found in a report's text: every written form, and what is not a figure."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reporter.learn.figures_found import find_figures

FORMS = [
    # text, figure as found, value, measure, form, filter
    ("依法拆除各种私搭乱建2770处；", "2770处", Decimal(2770), "处", "确数", "确数"),
    ("店外经营、店外加工 6700 余处，", "6700 余处", Decimal(6750), "处", "余", "约数"),
    ("斥资73.15万元", "73.15万元", Decimal(731500), "元", "万", "万(2)"),
    ("清理小田园和杂草70.5万平方米", "70.5万平方米", Decimal(705000), "平方米", "万", "万"),
    ("淘汰两台锅炉", "两台", Decimal(2), "台", "中文数字", "中文整数"),
    ("清理流动商贩两万人次", "两万人次", Decimal(20000), "人次", "中文数字", "中文整数"),
    ("比例已达15.58%，", "15.58%", Decimal("15.58"), "%", "百分比", "百分比"),
    ("专栏投放率100%", "100%", Decimal(100), "%", "百分比", "百分比(0)"),
    ("铺设管道1.5公里", "1.5公里", Decimal("1.5"), "公里", "确数", "确数"),
    ("清运垃圾约2800吨", "约2800吨", Decimal(2810), "吨", "约", "约"),
    ("受理投诉100多件", "100多件", Decimal(150), "件", "多", "约数(100, 字='多')"),
    ("全区共有餐饮单位1480余户", "1480余户", Decimal(1485), "户", "余", "约数(10)"),
    ("清理小广告80余万张", "80余万张", Decimal(850000), "张", "余", "约数(100000)"),
    ("提高1.6个百分点", "1.6个百分点", Decimal("1.6"), "个百分点", "确数", "确数"),
]


@pytest.mark.parametrize("text, shown, value, measure, form, filter_", FORMS, ids=[f[1] for f in FORMS])
def test_each_written_form_is_found_with_the_filter_that_writes_it(text, shown, value, measure, form, filter_):
    found = find_figures(text)
    assert len(found) == 1
    figure = found[0]
    assert figure.text == shown
    assert text[figure.start:figure.end] == shown
    assert (figure.value, figure.measure, figure.form, figure.filter) == (value, measure, form, filter_)
    assert figure.estimated == (form in ("余", "多", "约"))


NOT_FIGURES = [
    "2018年11月26日召开会议",
    "古创办发〔2018〕12号",
    "联系电话：0416-2110001",
    "先后7-8次到督导点位",
    "排名第3名",
    "发放《致古塔区市民一封信》",
    "制定“大干50天”工作方案",
    "一是加强领导；（一）以文明城创建为引领",
    "组织千人文明劝导员",
    "达到国家标准C级要求",
]


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_dates_numbers_names_and_enumerations_are_not_figures(text):
    assert find_figures(text) == []


def test_several_figures_of_a_sentence_in_order():
    text = "已完成 2 家燃煤电厂锅炉脱硫、脱硝改造，10 个加油站及 1 个油库的挥发性有机物综合治理"
    found = find_figures(text)
    assert [f.text for f in found] == ["2 家", "10 个", "1 个"]
    assert [f.value for f in found] == [2, 10, 1]
