"""Percentages (15.58%), how a figure compares with its target, and scores (83.00分)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from reporter.cnfmt.values import CTX, plain, to_count, to_decimal, to_places


def _quantized(number: Decimal, places: int) -> str:
    """The number rounded half up to ``places`` decimals, keeping them; never "-0"."""
    result = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=CTX)
    if result == 0:
        result = abs(result)
    return format(result, "f")


def percent(value: object, decimals: object = 2) -> str:
    """A percentage with ``decimals`` places (half up), or as given with ``None``: "15.58%"."""
    number = to_decimal(value)
    if decimals is None:
        return plain(number) + "%"
    return _quantized(number, to_places(decimals)) + "%"


def versus_target(value: object, target: object, measure: str = "%") -> str:
    """How a figure compares with its target, as written after the figure:
    "超额完成13%的指标任务", "完成13%的指标任务" or "距13%的指标任务还差1.6个百分点".

    Percentages differ by 个百分点; other measures by the measure itself.
    """
    number, goal = to_decimal(value), to_decimal(target)
    shown = (percent(goal, None) if measure == "%" else plain(goal) + measure) + "的指标任务"
    if number > goal:
        return f"超额完成{shown}"
    if number == goal:
        return f"完成{shown}"
    gap = plain(goal - number)
    return f"距{shown}还差{gap}个百分点" if measure == "%" else f"距{shown}还差{gap}{measure}"


def points(value: object) -> str:
    """A score with two decimals: ``points(83) == "83.00分"``."""
    return _quantized(to_count(value), 2) + "分"
