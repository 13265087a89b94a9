"""Running totals, previous and year-earlier figures: what 累计 means for each aggregation."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reporter.figures.aggregate import aggregate
from reporter.figures.history import History, periods_needed, running_figure
from reporter.model import (
    Aggregation,
    Campaign,
    CellRef,
    Figure,
    IndicatorValue,
    Period,
    Submission,
    Unit,
)
from reporter.workspace.defaults import campaign_with_defaults, indicator_with_defaults

UNITS = (Unit("A", "甲街道", "甲", "街道"), Unit("B", "乙街道", "乙", "街道"))
INDICATORS = (
    indicator_with_defaults("拆违", "拆违", "处", reporters=("A", "B")),
    indicator_with_defaults("最多", "单日最多", "人", Aggregation.MAX, reporters=("A", "B")),
    indicator_with_defaults("平均", "平均", "分", Aggregation.AVERAGE, reporters=("A", "B"), decimals=2),
    indicator_with_defaults("人口", "人口", "人", reporters=("A", "B")),
    indicator_with_defaults("占比", "占比", "%", Aggregation.RATIO, numerator="拆违", denominator="人口"),
    indicator_with_defaults("整洁村", "整洁村", "个", office_value=Decimal(21)),
)
START, NOV = Period(2018, 9), Period(2018, 11)


def campaign(period: Period = NOV, start: Period | None = START) -> Campaign:
    return campaign_with_defaults("c", "联创", "古塔区", "联创办", period, UNITS, INDICATORS, start=start)


def month(period: Period, values: dict[str, tuple[int, int]]) -> dict[str, Figure]:
    """A period's figures from each indicator's (A's value, B's value)."""
    submissions = [Submission(unit, f"{period.key}/{unit}.xlsx", "", "", None, tuple(
        IndicatorValue(unit, code, Decimal(pair[i]), CellRef(f"inputs/{period.key}/{unit}.xlsx", "工作指标", "D3"))
        for code, pair in values.items())) for i, unit in enumerate(("A", "B"))]
    return aggregate(campaign(period), submissions)


def months() -> dict[Period, dict[str, Figure]]:
    return {
        Period(2018, 9): month(Period(2018, 9), {"拆违": (1, 2), "最多": (5, 9), "平均": (80, 90), "人口": (10, 10)}),
        Period(2018, 10): month(Period(2018, 10), {"拆违": (3, 4), "最多": (7, 2), "平均": (70, 70), "人口": (10, 10)}),
        NOV: month(NOV, {"拆违": (5, 6), "最多": (1, 1), "平均": (91, 92), "人口": (10, 10)}),
    }


def test_running_totals_follow_each_aggregation():
    running = History(campaign(), months()).running()
    assert running["拆违"].total == 1 + 2 + 3 + 4 + 5 + 6
    assert running["最多"].total == 9
    assert running["平均"].total == (Decimal(85) + 70 + Decimal("91.5")) / 3
    assert running["人口"].total == 60
    assert running["占比"].total == Decimal(21) / 60 * 100
    assert running["整洁村"].total == 21 and running["整洁村"].office


def test_running_total_lists_each_period_and_every_cell():
    figure = History(campaign(), months()).running()["拆违"]
    assert [(f.period, f.total) for f in figure.by_period] == [
        (Period(2018, 9), 3), (Period(2018, 10), 7), (NOV, 11)]
    assert [c.source.path for c in figure.contributions][:2] == ["inputs/2018-09/A.xlsx", "inputs/2018-09/B.xlsx"]


def test_a_missing_month_is_named_not_counted_as_zero():
    history = months()
    del history[Period(2018, 10)]
    figure = History(campaign(), history).running()["拆违"]
    assert figure.total == 3 + 11 and figure.missing_periods == (Period(2018, 10),)
    ratio = History(campaign(), history).running()["占比"]
    assert ratio.missing_periods == (Period(2018, 10),)


def test_previous_and_year_before():
    history = History(campaign(), months())
    assert history.previous["拆违"].total == 7
    assert history.year_before["拆违"].total is None
    assert history.year_before["拆违"].missing_periods == (Period(2017, 11),)


def test_without_start_the_running_total_is_the_period():
    assert History(campaign(start=None), months()).running()["拆违"].total == 11


@pytest.mark.parametrize(("period", "start", "expected"), [
    (NOV, START, ["2017-11", "2018-09", "2018-10"]),
    (Period(2019, 1), Period(2018, 12), ["2018-01", "2018-12"]),
    (NOV, None, ["2017-11", "2018-10"]),
])
def test_periods_needed(period: Period, start: Period | None, expected: list[str]):
    assert [p.key for p in periods_needed(campaign(period, start))] == expected


def test_period_arithmetic():
    assert Period(2018, 1).shifted(-1) == Period(2017, 12) and Period(2018, 12).shifted(1) == Period(2019, 1)
    assert [p.key for p in Period(2018, 11).through(Period(2019, 2))] == ["2018-11", "2018-12", "2019-01", "2019-02"]
    assert Period(2018, 11).through(Period(2018, 10)) == []


def test_running_figure_of_office_value_is_the_value():
    indicator = INDICATORS[-1]
    assert running_figure(indicator, [Figure(indicator, Decimal(21), period=NOV, office=True)]).total == 21


def test_a_stock_takes_the_latest_figure():
    stock = indicator_with_defaults("人口", "人口", "人", reporters=("A", "B"), running_latest=True)
    figures = [Figure(stock, Decimal(n), period=Period(2018, m)) for n, m in ((100, 9), (105, 10), (110, 11))]
    figure = running_figure(stock, figures)
    assert figure.total == 110 and [f.period for f in figure.by_period] == [NOV]
