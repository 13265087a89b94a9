"""Counts in Arabic digits: exact (2770处), approximate (6700余处, 约2800吨), in 万 and in 亿."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from reporter.cnfmt.values import (
    CTX,
    FormatError,
    plain,
    shown,
    to_count,
    to_decimal,
    to_places,
)

_WAN_THRESHOLD = 100000
_WAN = Decimal(10000)
MORE_WORDS = ("余", "多")
WAN_FORMS = ("余万", "万余")


def exact(value: object, measure: str = "") -> str:
    """An exact count with its measure word: ``exact(2770, "处") == "2770处"``."""
    return plain(to_count(value)) + measure


def _rounding_unit(number: Decimal, step: object, cut: bool = False) -> Decimal:
    """The step to round to: the given one, or the one keeping two significant digits (with
    ``cut``, a whole number below 100 is rounded to tens, so that 余 follows a round number: 84 → 80)."""
    if step is None:
        whole_below_100 = number.adjusted() == 1 and number == number.to_integral_value()
        return Decimal(1).scaleb(1 if cut and whole_below_100 else number.adjusted() - 1, CTX)
    unit = to_decimal(step)
    if unit <= 0:
        raise FormatError(f"取整单位应为正数，而不是 {shown(step)}")
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


def _compose(rounded: Decimal, in_wan: bool, measure: str, more: str = "") -> str:
    """The rounded number with 万 and measure word, and 余 (or 多) where usage puts it.

    余 follows a number ending in zero and precedes the unit ("80余万", "450余处"); after
    any other number it follows the unit ("11万余", "45吨余").
    """
    unit = "万" if in_wan else ""
    number = plain(rounded.scaleb(-4, CTX) if in_wan else rounded)
    if not more:
        return number + unit + measure
    if "." not in number and number.endswith("0"):
        return number + more + unit + measure
    if unit:
        return number + unit + more + measure
    return number + measure + more


def _more_word(word: object) -> str:
    if word not in MORE_WORDS:
        raise FormatError(f"约数的“字”应为“余”或“多”（如 约数(字='多')），而不是{shown(word)}")
    return str(word)


def approx(value: object, measure: str = "", step: object = None, wan: bool | None = None,
           word: object = "余", form: object = None) -> str:
    """An approximate count floored to ``step`` with 余: ``approx(6743, "处") == "6700余处"``.

    By default two significant digits are kept and at least the last digit is cut, so that
    余 follows a round number (84 → 80余, 6743 → 6700余). No 余 when nothing was cut off,
    nor for values below 10 (written exactly). ``wan=None`` writes in 万 from 10万 up,
    ``True`` always, ``False`` never. ``word`` is 余 or 多 (80多). ``form`` chooses how
    amounts of 1万 and more are written: ``"余万"`` rounds the number of 万 (731500 → 70余万),
    ``"万余"`` keeps the whole 万 (731500 → 73万余); below 1万 it changes nothing.
    """
    number = to_count(value)
    more = _more_word(word)
    if step is not None:
        _rounding_unit(number, step)  # a wrong step is refused whichever form is chosen
    if form is not None:
        if form not in WAN_FORMS:
            raise FormatError(f"约数的“写法”应为“余万”（70余万）或“万余”（73万余），而不是{shown(form)}")
        if number >= _WAN:
            return _in_wan(number, measure, more, str(form))
    if number < 10:
        return exact(number, measure)
    floored = _floor_to(number, _rounding_unit(number, step, cut=True))
    if floored == 0:
        raise FormatError(f"{shown(value)} 不到一个取整单位 {shown(step)}，写不成约数；"
                          f"请用更小的取整单位（如 约数({shown(_rounding_unit(number, None, cut=True))})），或改用 确数")
    return _compose(floored, _use_wan(number, floored, wan), measure, more if floored != number else "")


def _in_wan(number: Decimal, measure: str, more: str, form: str) -> str:
    """An amount of 1万 or more as 70余万 (``form`` 余万: the number of 万 rounded like a
    count; below 10万 the whole 万 are kept) or as 73万余 (万余: the whole 万 kept)."""
    whole = CTX.divide_int(number, _WAN)
    if form == "余万" and whole >= 10:
        whole = _floor_to(whole, _rounding_unit(whole, None, cut=True))
    rounded = CTX.multiply(whole, _WAN)
    if rounded == number:
        return plain(whole) + "万" + measure
    if form == "余万" and plain(whole).endswith("0"):
        return plain(whole) + more + "万" + measure
    return plain(whole) + "万" + more + measure


def about(value: object, measure: str = "", step: object = None, wan: bool | None = None) -> str:
    """A count rounded half up to ``step`` with 约: ``about(2796, "吨") == "约2800吨"``.

    Same default precision (two significant digits) and 万 rule as ``approx``; no 约 when
    the rounding changed nothing.
    """
    number = to_count(value)
    if number == 0:
        return exact(number, measure)
    rounded = _round_to(number, _rounding_unit(number, step))
    if rounded == 0:
        raise FormatError(f"{shown(value)} 不到取整单位 {shown(step)} 的一半，写不成“约”数；"
                          "请用更小的取整单位，或改用 确数")
    text = _compose(rounded, _use_wan(number, rounded, wan), measure)
    return text if rounded == number else "约" + text


def _scaled(value: object, power: int, unit: str, measure: str, digits: object) -> str:
    """The value divided by 10**power, rounded half up to ``digits`` decimals, with ``unit``."""
    number = to_count(value)
    places = to_places(digits)
    scaled = number.scaleb(-power, CTX).quantize(
        Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=CTX
    )
    if scaled == 0 and number != 0:
        raise FormatError(f"{shown(value)} 太小，以“{unit}”为单位保留 {places} 位小数会写成 0；"
                          f"请多保留几位小数（如 {unit}({places + 2})），或改用 确数")
    return plain(scaled) + unit + measure


def wan(value: object, measure: str = "", digits: object = 1) -> str:
    """The value in 万 with Arabic digits: ``wan(705000, "平方米") == "70.5万平方米"``."""
    return _scaled(value, 4, "万", measure, digits)


def yi(value: object, measure: str = "", digits: object = 2) -> str:
    """The value in 亿 with Arabic digits: ``yi(345000000) == "3.45亿"``."""
    return _scaled(value, 8, "亿", measure, digits)
