"""How a figure changed since an earlier period: "增长12.3%" / "下降4.0%" / "持平" (环比, 同比),
and "增加5处" / "减少3处" / "持平" (比上期, 比同期)."""

from __future__ import annotations

from decimal import Decimal

from reporter.cnfmt.counts import exact
from reporter.cnfmt.percentages import _quantized
from reporter.cnfmt.values import FormatError, to_decimal, to_int

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
