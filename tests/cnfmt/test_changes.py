"""How figures changed between periods: 环比/同比 percentages, 比上期 differences and 百分点."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reporter.cnfmt import FormatError
from reporter.cnfmt.changes import difference, growth, point_change
from reporter.documents.periods import change_text
from reporter.model import Aggregation, Indicator
from reporter.workspace.defaults import indicator_with_defaults


@pytest.mark.parametrize(("now", "before", "digits", "expected"), [
    (1123, 1000, 1, "增长12.3%"), (96, 100, 1, "下降4.0%"), (100, 100, 1, "持平"),
    (1000001, 1000000, 1, "持平"), (150, 100, 0, "增长50%"), (Decimal("2.5"), 2, 2, "增长25.00%"),
])
def test_growth(now, before, digits, expected):
    assert growth(now, before, digits) == expected


def test_growth_from_zero_is_refused_in_chinese():
    with pytest.raises(FormatError, match="比较期的数为 0"):
        growth(5, 0)


@pytest.mark.parametrize(("now", "before", "measure", "expected"), [
    (12, 7, "处", "增加5处"), (3, 7, "处", "减少4处"), (7, 7, "处", "持平"), (Decimal("1.5"), Decimal("1.25"), "吨", "增加0.25吨"),
])
def test_difference(now, before, measure, expected):
    assert difference(now, before, measure) == expected


@pytest.mark.parametrize(("change", "digits", "expected"), [
    (Decimal("0.9"), 1, "提高0.9个百分点"), (Decimal("-0.9"), 1, "降低0.9个百分点"),
    (Decimal("0.04"), 1, "持平"), (Decimal("-0.04"), 1, "持平"), (0, 2, "持平"),
    (Decimal("1.4000000000000000001"), 2, "提高1.40个百分点"),
    (Decimal("-0.94026548672566371681415929"), 2, "降低0.94个百分点"),
    (Decimal("2.5"), None, "提高2.5个百分点"), (3, 0, "提高3个百分点"), (Decimal("0.05"), 1, "提高0.1个百分点"),
])
def test_point_change(change, digits, expected):
    assert point_change(change, digits) == expected


def test_point_change_needs_a_number():
    with pytest.raises(FormatError, match="这里需要数字"):
        point_change("0.9")


def indicator(aggregation: Aggregation, measure: str, decimals: int) -> Indicator:
    return indicator_with_defaults("X", "某指标", measure, aggregation, decimals=decimals)


@pytest.mark.parametrize(("aggregation", "measure", "decimals", "now", "before", "expected"), [
    # A ratio in percent: the two percentages as written (two decimals), their difference in points.
    (Aggregation.RATIO, "%", 2, Decimal("15.5832"), Decimal("14.1767"), "提高1.40个百分点"),
    (Aggregation.RATIO, "%", 1, Decimal("12.61"), Decimal("12.64"), "持平"),  # 12.6% and 12.6%
    (Aggregation.RATIO, "%", 2, Decimal("9.0"), Decimal("9.94026548672566"), "降低0.94个百分点"),
    # A reported percentage is written as it is: so is its change.
    (Aggregation.MAX, "%", 1, Decimal("95.5"), Decimal("93"), "提高2.5个百分点"),
    # An average as 确数 writes it (no decimals: 10件, 11件): its difference agrees.
    (Aggregation.AVERAGE, "件", 0, Decimal("10.4"), Decimal("11.45"), "减少1件"),
    (Aggregation.AVERAGE, "件", 1, Decimal("10.44"), Decimal("11.95"), "减少1.6件"),
    (Aggregation.RATIO, "人/万人", 2, Decimal("3.14159"), Decimal("3.14"), "持平"),
    # A reported sum keeps its exact difference.
    (Aggregation.SUM, "处", 0, Decimal(2770), Decimal(2521), "增加249处"),
    (Aggregation.SUM, "吨", 1, Decimal("21.5"), Decimal("20"), "增加1.5吨"),
])
def test_change_between_periods_as_the_document_writes_the_figures(aggregation, measure, decimals, now, before,
                                                                   expected):
    assert change_text(indicator(aggregation, measure, decimals), now, before) == expected
