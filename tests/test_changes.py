"""How figures changed between periods: 环比/同比 percentages and 比上期 differences."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reporter.cnfmt import FormatError
from reporter.cnfmt.changes import difference, growth


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
