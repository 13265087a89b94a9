"""Aggregation: totals of the example inputs against every figure of the reference report,
and each total traceable to the cells it came from."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reporter import pipeline
from reporter.figures.aggregate import aggregate, notes_by_section
from reporter.model import (Aggregation, Campaign, CellRef, Indicator, IndicatorValue, Period,
                            Submission, Unit)
from tests.conftest import FIXTURES, ROOT

# (indicator, the figure as the reference report writes it, lowest and highest total it allows)
REFERENCE_FIGURES = [
    ("调度督查", "80余次", 81, 89), ("市民公开信", "1000份", 1000, 1000), ("公益宣传板", "3000块", 3000, 3000),
    ("禁售警示牌", "21块", 21, 21), ("道旗", "550个", 550, 550), ("景观小品", "7组", 7, 7),
    ("私搭乱建", "2770处", 2770, 2770), ("流动商贩", "两万人次", 20000, 20000),
    ("店外经营", "6700余处", 6701, 6799), ("三乱", "9300余处", 9301, 9399),
    ("保洁人员", "2300余人次", 2301, 2399), ("保洁车辆", "1480台次", 1480, 1480),
    ("清运垃圾", "约2800吨", 2750, 2849), ("干道小广告", "3000余张", 3001, 3099),
    ("边沟护坡", "5700延长米", 5700, 5700), ("路面硬化", "22700平方米", 22700, 22700),
    ("楼体粉饰", "624445平方米", 624445, 624445), ("垃圾箱", "3765个", 3765, 3765),
    ("社区出动人员", "41329人次", 41329, 41329), ("社区出动车辆", "5700余辆次", 5701, 5799),
    ("社区运送垃圾", "40296吨", 40296, 40296), ("社区小广告", "80余万张", 800001, 899999),
    ("小田园杂草", "70.5万平方米", 705000, 705000), ("拆除围栏", "6570处", 6570, 6570),
    ("毒饵盒", "6000个", 6000, 6000), ("鼠药", "21.5吨", Decimal("21.5"), Decimal("21.5")),
    ("医疗机构", "200家", 200, 200), ("专栏投放率", "100%", 100, 100), ("电厂改造", "2家", 2, 2),
    ("加油站治理", "10个", 10, 10), ("油库治理", "1个", 1, 1), ("淘汰锅炉", "9台", 9, 9),
    ("剩余锅炉", "14台", 14, 14), ("烟囱资金", "120余万元", 1200001, 1299999), ("废弃烟囱", "28根", 28, 28),
    ("餐饮单位", "1480余户", 1481, 1489), ("流通单位", "1680户", 1680, 1680), ("生产企业", "23户", 23, 23),
    ("小作坊", "7户", 7, 7), ("农贸市场", "5家", 5, 5), ("摊贩区域", "14个", 14, 14),
    ("食品摊贩", "1400余个", 1401, 1499), ("公示板", "3300余张", 3301, 3399),
    ("三小许可", "450余户", 451, 459), ("三小关停", "23户", 23, 23), ("志愿服务队", "100余支", 101, 199),
    ("志愿者占比", "15.58%", Decimal("15.58"), Decimal("15.58")),
]


@pytest.fixture(scope="module")
def example_figures():
    result = pipeline.collect(ROOT)
    return result.campaign, aggregate(result.campaign, result.submissions)


def squeeze(text: str) -> str:
    return "".join(text.split())


def test_reference_figures_are_in_the_reference():
    reference = squeeze((FIXTURES / "reference_report.txt").read_text(encoding="utf-8"))
    for _code, shown, _low, _high in REFERENCE_FIGURES:
        assert shown in reference, shown


@pytest.mark.parametrize("code, shown, low, high", REFERENCE_FIGURES, ids=[f[0] for f in REFERENCE_FIGURES])
def test_example_totals_match_the_reference(example_figures, code, shown, low, high):
    _campaign, figures = example_figures
    assert low <= figures[code].total <= high, (shown, figures[code].total)


def test_every_reported_indicator_is_covered(example_figures):
    campaign, _ = example_figures
    covered = {f[0] for f in REFERENCE_FIGURES} | {"健康教育专栏", "注册志愿者", "常住人口"}
    assert {i.code for i in campaign.indicators if i.office_value is None} == covered  # 成员单位: the office gives it


def test_each_total_is_the_sum_of_its_cells(example_figures):
    from openpyxl import load_workbook

    _campaign, figures = example_figures
    figure = figures["私搭乱建"]
    assert len(figure.contributions) == 10 and not figure.missing
    total = Decimal(0)
    for contribution in figure.contributions:
        ref = contribution.source
        cell = load_workbook(ROOT / ref.path)[ref.sheet][ref.cell].value
        assert Decimal(str(cell)) == contribution.value
        total += contribution.value
    assert total == figure.total == 2770


def test_ratio_keeps_its_parts(example_figures):
    _campaign, figures = example_figures
    ratio = figures["志愿者占比"]
    assert [p.indicator.code for p in ratio.parts] == ["注册志愿者", "常住人口"]
    assert ratio.parts[0].total == 31160 and ratio.parts[1].total == 200000
    assert ratio.indicator.target == 13


def test_notes_are_grouped_and_ordered(example_figures):
    result = pipeline.collect(ROOT)
    notes = notes_by_section(result.campaign, result.submissions)
    assert [n.title for n in notes["文明城"]] == ["高度重视，狠抓工作落实", "条块结合，督导指导并行"]
    assert notes["卫生城"] == []
    assert all(n.source.sheet == "工作举措" for group in notes.values() for n in group)


def make_campaign(aggregation: Aggregation) -> Campaign:
    units = (Unit("A", "甲单位", "甲", "部门"), Unit("B", "乙单位", "乙", "部门"), Unit("C", "丙单位", "丙", "街道"))
    indicator = Indicator("x", "某指标", "处", aggregation, reporters=("A", "B", "C"))
    return Campaign("c", "活动", "区", "办", Period(2018, 11), units, (indicator,), ())


def submission(unit: str, value: str) -> Submission:
    ref = CellRef(f"{unit}.xlsx", "工作指标", "D3")
    return Submission(unit, ref.path, "人", "1", None, (IndicatorValue(unit, "x", Decimal(value), ref),))


@pytest.mark.parametrize("aggregation, expected", [
    (Aggregation.SUM, Decimal("7")), (Aggregation.MAX, Decimal("5")), (Aggregation.AVERAGE, Decimal("3.5")),
])
def test_aggregations_and_missing_units(aggregation, expected):
    figure = aggregate(make_campaign(aggregation), [submission("B", "5"), submission("A", "2")])["x"]
    assert figure.total == expected
    assert figure.missing == ("C",)
    assert [c.unit_code for c in figure.contributions] == ["A", "B"]


def test_nothing_reported_gives_no_total():
    assert aggregate(make_campaign(Aggregation.SUM), [])["x"].total is None


