"""How a figure changed since an earlier period: "增长12.3%" / "下降4.0%" / "持平" (环比, 同比),
"增加5处" / "减少3处" / "持平" (比上期, 比同期), and a change of a percentage in percentage
points: "提高0.9个百分点" / "降低0.9个百分点" / "持平" (百分点; 比上期 of a percentage)."""

from __future__ import annotations

from decimal import Decimal

from reporter.cnfmt.counts import exact
from reporter.cnfmt.percentages import _quantized
from reporter.cnfmt.values import FormatError, plain, to_decimal, to_int, to_places

HUNDRED = Decimal(100)


def growth(value: object, earlier: object, decimals: object = 1) -> str:
    """The change from ``earlier`` to ``value`` in percent of ``earlier``, rounded half up to
    ``decimals`` places: "增长12.3%", "下降4.0%", or "持平" when it rounds to zero."""
    now, before = to_decimal(value), to_decimal(earlier)
    if before == 0:
        raise FormatError("比较期的数为 0，无法计算增长百分比，请改用 比上期 或 比同期 写增减数")
    places = to_int(decimals, "decimals", 0)
    change = _quantized(abs(now - before) / abs(before) * HUNDRED, places)
    if Decimal(change) == 0:
        return "持平"
    return f"{'增长' if now > before else '下降'}{change}%"


def difference(value: object, earlier: object, measure: str = "") -> str:
    """The difference between ``value`` and ``earlier`` with the measure: "增加5处", "减少3处", "持平"."""
    now, before = to_decimal(value), to_decimal(earlier)
    if now == before:
        return "持平"
    return f"{'增加' if now > before else '减少'}{exact(abs(now - before), measure)}"


def point_change(change: object, decimals: object = 1) -> str:
    """A change of a percentage in percentage points, rounded half up to ``decimals`` places
    (``None``: as given): "提高0.9个百分点" for a rise, "降低0.9个百分点" for a fall, or "持平"
    when it rounds to zero. ``change`` is the later percentage minus the earlier one."""
    number = to_decimal(change)
    shown = plain(abs(number)) if decimals is None else _quantized(abs(number), to_places(decimals))
    if Decimal(shown) == 0:
        return "持平"
    return f"{'提高' if number > 0 else '降低'}{shown}个百分点"
