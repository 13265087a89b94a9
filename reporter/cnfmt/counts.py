"""Counts in Arabic digits: exact (2770处), approximate (6700余处, 约2800吨), in 万 and in 亿."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from reporter.cnfmt.values import CTX, FormatError, plain, to_count, to_decimal, to_int

_WAN_THRESHOLD = 100000


def exact(value: object, measure: str = "") -> str:
    """An exact count with its measure word: ``exact(2770, "处") == "2770处"``."""
    return plain(to_count(value)) + measure


def _rounding_unit(number: Decimal, step: object) -> Decimal:
    """The step to round to: the given one, or the one keeping two significant digits."""
    if step is None:
        return Decimal(1).scaleb(number.adjusted() - 1, CTX)
    unit = to_decimal(step)
    if unit <= 0:
        raise FormatError(f"step must be positive, got {step!r}")
    return unit


def _floor_to(number: Decimal, unit: Decimal) -> Decimal:
    """The largest multiple of ``unit`` not above ``number`` (both non-negative)."""
    return CTX.multiply(CTX.divide_int(number, unit), unit)


def _round_to(number: Decimal, unit: Decimal) -> Decimal:
    """The multiple of ``unit`` nearest to ``number``, halves rounded up."""
    quotient, remainder = CTX.divmod(number, unit)
    if CTX.multiply(2, remainder) >= unit:
        quotient = CTX.add(quotient, 1)
    return CTX.multiply(quotient, unit)


def _use_wan(value: Decimal, rounded: Decimal, wan: bool | None) -> bool:
    """Whether to write in 万: as asked, or when the value or the written number reaches 10万."""
    if wan is None:
        return max(value, rounded) >= _WAN_THRESHOLD
    return bool(wan)


def _compose(rounded: Decimal, in_wan: bool, measure: str, more: bool) -> str:
    """The rounded number with 万 and measure word, and 余 where usage puts it.

    余 follows a number ending in zero and precedes the unit ("80余万", "450余处"); after
    any other number it follows the unit ("11万余", "45吨余").
    """
    unit = "万" if in_wan else ""
    number = plain(rounded.scaleb(-4, CTX) if in_wan else rounded)
    if not more:
        return number + unit + measure
    if "." not in number and number.endswith("0"):
        return number + "余" + unit + measure
    if unit:
        return number + unit + "余" + measure
    return number + measure + "余"


def approx(value: object, measure: str = "", step: object = None, wan: bool | None = None) -> str:
    """An approximate count floored to ``step`` with 余: ``approx(6743, "处") == "6700余处"``.

    By default two significant digits are kept. No 余 when nothing was cut off, nor for
    values below 10 (written exactly). ``wan=None`` writes in 万 from 10万 up, ``True``
    always, ``False`` never.
    """
    number = to_count(value)
    if number < 10:
        return exact(number, measure)
    floored = _floor_to(number, _rounding_unit(number, step))
    if floored == 0:
        raise FormatError(f"step {step!r} is larger than the value {value!r}")
    return _compose(floored, _use_wan(number, floored, wan), measure, more=floored != number)


def about(value: object, measure: str = "", step: object = None, wan: bool | None = None) -> str:
    """A count rounded half up to ``step`` with 约: ``about(2796, "吨") == "约2800吨"``.

    Same default precision and 万 rule as ``approx``; no 约 when the rounding changed nothing.
    """
    number = to_count(value)
    if number == 0:
        return exact(number, measure)
    rounded = _round_to(number, _rounding_unit(number, step))
    if rounded == 0:
        raise FormatError(f"step {step!r} is too large for the value {value!r}")
    text = _compose(rounded, _use_wan(number, rounded, wan), measure, more=False)
    return text if rounded == number else "约" + text


def _scaled(value: object, power: int, unit: str, measure: str, digits: object) -> str:
    """The value divided by 10**power, rounded half up to ``digits`` decimals, with ``unit``."""
    number = to_count(value)
    places = to_int(digits, "digits", 0)
    scaled = number.scaleb(-power, CTX).quantize(
        Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=CTX
    )
    if scaled == 0 and number != 0:
        raise FormatError(f"{value!r} is too small to write in {unit} with {places} decimals")
    return plain(scaled) + unit + measure


def wan(value: object, measure: str = "", digits: object = 1) -> str:
    """The value in 万 with Arabic digits: ``wan(705000, "平方米") == "70.5万平方米"``."""
    return _scaled(value, 4, "万", measure, digits)


def yi(value: object, measure: str = "", digits: object = 2) -> str:
    """The value in 亿 with Arabic digits: ``yi(345000000) == "3.45亿"``."""
    return _scaled(value, 8, "亿", measure, digits)
