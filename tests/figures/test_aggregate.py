"""Aggregation: totals of the example inputs against every figure of the reference report,
and each total traceable to the cells it came from."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reporter import pipeline
from reporter.figures.aggregate import aggregate, notes_by_section
from reporter.model import (Aggregation, Campaign, CellRef, IndicatorValue, Period,
                            Submission, Unit)
from reporter.workspace.defaults import campaign_with_defaults, indicator_with_defaults
from tests.conftest import FIXTURES, ROOT
from tests.figures.reference import REFERENCE_FIGURES

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
    indicator = indicator_with_defaults("x", "某指标", "处", aggregation, reporters=("A", "B", "C"))
    return campaign_with_defaults("c", "活动", "区", "办", Period(2018, 11), units, (indicator,))


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


