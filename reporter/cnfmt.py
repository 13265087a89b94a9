"""Chinese number, date and ordinal formatting for government documents.

Follows GB/T 15835-2011 (use of numbers in publications) and common practice in
official documents (GB/T 9704-2012 heading numerals, 发文字号). Every function is
total: it either returns correct text or raises a clear ``FormatError`` (a ``ValueError``
and ``TypeError``); none guesses. Values may be ``int``, ``decimal.Decimal`` or ``float`` (a float is read
through ``str`` so ``0.1`` stays ``0.1``).

Standard library only, so it can be used as a set of Jinja filters anywhere;
``TEMPLATE_FILTERS`` names them as templates call them.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from decimal import ROUND_HALF_UP, Context, Decimal

__all__ = [
    "TEMPLATE_FILTERS",
    "FormatError",
    "about",
    "approx",
    "cn_date",
    "cn_month",
    "cn_number",
    "cn_round",
    "doc_number",
    "exact",
    "heading",
    "join_items",
    "ordinal",
    "percent",
    "points",
    "to_decimal",
    "versus_target",
    "wan",
    "yi",
]

# Enough precision that no supported value is ever rounded by the context itself.
_CTX = Context(prec=100, rounding=ROUND_HALF_UP)
_MAX_DIGITS = 40
_TOO_LARGE = Decimal(10) ** 30

_WAN_THRESHOLD = 100000
_CN_ROUND_MAX = 99999999999
_CN_NUMBER_LIMIT = 10**16

_CN_DIGITS = "零一二三四五六七八九"
_SMALL_UNITS = ("", "十", "百", "千")  # index = position inside a four-digit section
_SECTION_UNITS = ("", "万", "亿", "万亿")  # index = four-digit section, lowest first

_TRAILING_PUNCTUATION = "。；，,; \t\r\n\u3000"


class FormatError(ValueError, TypeError):
    """A value that cannot be written as asked: a text where a number is due, a negative
    count, a step larger than the value (document contexts raise it too for what a template
    asks for that does not exist, such as an unknown section code).

    Raised on purpose. While a template renders it is the template's fault (a filter applied
    to the wrong value) and is reported at its place; anywhere else it is a bug. Both a
    ``ValueError`` and a ``TypeError``, as the refusals it stands for were.
    """


# --- input handling ---------------------------------------------------------------


def to_decimal(value: object) -> Decimal:
    """The value as a finite ``Decimal``; floats go through ``str`` to keep their digits."""
    if isinstance(value, bool):
        raise FormatError(f"expected a number, got a boolean: {value!r}")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        result = Decimal(str(value))
    else:
        raise FormatError(f"expected an int, Decimal or float, got {type(value).__name__}: {value!r}")
    if not result.is_finite():
        raise FormatError(f"expected a finite number, got {value!r}")
    if abs(result) >= _TOO_LARGE or len(result.as_tuple().digits) > _MAX_DIGITS:
        raise FormatError(f"number too large or too precise to format: {value!r}")
    return result


def _count(value: object, name: str = "value") -> Decimal:
    """The value as a ``Decimal`` that must not be negative (a count, an amount, a score)."""
    result = to_decimal(value)
    if result < 0:
        raise FormatError(f"{name} cannot be negative here: {value!r}")
    return result


def _to_int(value: object, name: str, minimum: int) -> int:
    """The value as an ``int`` of at least ``minimum``; integral Decimals and floats pass."""
    number = to_decimal(value)
    if number != number.to_integral_value():
        raise FormatError(f"{name} must be a whole number, got {value!r}")
    result = int(number)
    if result < minimum:
        raise FormatError(f"{name} must be at least {minimum}, got {value!r}")
    return result


def _plain(number: Decimal) -> str:
    """Arabic digits without exponent, trailing zeros or thousands separators."""
    if number == 0:
        return "0"
    return format(number.normalize(_CTX), "f")


# --- exact and approximate counts -------------------------------------------------


def exact(value: object, measure: str = "") -> str:
    """An exact count with its measure word: ``exact(2770, "处") == "2770处"``."""
    return _plain(_count(value)) + measure


def _rounding_unit(number: Decimal, step: object) -> Decimal:
    """The step to round to: the given one, or the one keeping two significant digits."""
    if step is None:
        return Decimal(1).scaleb(number.adjusted() - 1, _CTX)
    unit = to_decimal(step)
    if unit <= 0:
        raise FormatError(f"step must be positive, got {step!r}")
    return unit


def _floor_to(number: Decimal, unit: Decimal) -> Decimal:
    """The largest multiple of ``unit`` not above ``number`` (both non-negative)."""
    return _CTX.multiply(_CTX.divide_int(number, unit), unit)


def _round_to(number: Decimal, unit: Decimal) -> Decimal:
    """The multiple of ``unit`` nearest to ``number``, halves rounded up."""
    quotient, remainder = _CTX.divmod(number, unit)
    if _CTX.multiply(2, remainder) >= unit:
        quotient = _CTX.add(quotient, 1)
    return _CTX.multiply(quotient, unit)


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
    number = _plain(rounded.scaleb(-4, _CTX) if in_wan else rounded)
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
    number = _count(value)
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
    number = _count(value)
    if number == 0:
        return exact(number, measure)
    rounded = _round_to(number, _rounding_unit(number, step))
    if rounded == 0:
        raise FormatError(f"step {step!r} is too large for the value {value!r}")
    text = _compose(rounded, _use_wan(number, rounded, wan), measure, more=False)
    return text if rounded == number else "约" + text


def _scaled(value: object, power: int, unit: str, measure: str, digits: object) -> str:
    """The value divided by 10**power, rounded half up to ``digits`` decimals, with ``unit``."""
    number = _count(value)
    places = _to_int(digits, "digits", 0)
    scaled = number.scaleb(-power, _CTX).quantize(
        Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=_CTX
    )
    if scaled == 0 and number != 0:
        raise FormatError(f"{value!r} is too small to write in {unit} with {places} decimals")
    return _plain(scaled) + unit + measure


def wan(value: object, measure: str = "", digits: object = 1) -> str:
    """The value in 万 with Arabic digits: ``wan(705000, "平方米") == "70.5万平方米"``."""
    return _scaled(value, 4, "万", measure, digits)


def yi(value: object, measure: str = "", digits: object = 2) -> str:
    """The value in 亿 with Arabic digits: ``yi(345000000) == "3.45亿"``."""
    return _scaled(value, 8, "亿", measure, digits)


# --- Chinese numerals --------------------------------------------------------------


def _digit_char(digit: int, position: int, section: int, section_unit: str, liang: bool) -> str:
    """The Chinese digit; with ``liang`` a 2 right before 千, 万 or 亿 is 两."""
    if liang and digit == 2:
        if position == 3 or (position == 0 and section == 2 and section_unit):
            return "两"
    return _CN_DIGITS[digit]


def _section_text(section: int, section_unit: str, liang: bool) -> str:
    """Chinese numeral of a four-digit section 1..9999, one 零 per inner gap."""
    parts: list[str] = []
    gap = False
    for position in (3, 2, 1, 0):
        digit = section // 10**position % 10
        if digit == 0:
            gap = bool(parts)
            continue
        if gap:
            parts.append("零")
            gap = False
        parts.append(_digit_char(digit, position, section, section_unit, liang))
        parts.append(_SMALL_UNITS[position])
    return "".join(parts)


def _chinese(n: int, liang: bool) -> str:
    """Chinese numeral of 0 <= n < 10**16; leading 一十 is shortened to 十."""
    if n == 0:
        return "零"
    sections = []
    while n:
        n, section = divmod(n, 10000)
        sections.append(section)
    parts: list[str] = []
    gap = False
    for index in reversed(range(len(sections))):
        section = sections[index]
        if section == 0:
            gap = bool(parts)
            continue
        if parts and (gap or section < 1000):
            parts.append("零")
        gap = False
        unit = _SECTION_UNITS[index]
        parts.append(_section_text(section, unit, liang) + unit)
    text = "".join(parts)
    return text[1:] if text.startswith("一十") else text


def cn_number(n: object) -> str:
    """General Chinese numeral of a non-negative integer (二, never 两): ``cn_number(101) == "一百零一"``."""
    number = _to_int(n, "n", 0)
    if number >= _CN_NUMBER_LIMIT:
        raise FormatError(f"n must be below 10**16, got {n!r}")
    return _chinese(number, liang=False)


def cn_round(value: object, measure: str = "") -> str:
    """Chinese numeral of a round count, 两 before 千/万/亿: ``cn_round(20000, "人次") == "两万人次"``."""
    number = _count(value)
    if number != number.to_integral_value():
        raise FormatError(f"cn_round needs a whole number, got {value!r}")
    if number > _CN_ROUND_MAX:
        raise FormatError(f"cn_round supports at most {_CN_ROUND_MAX}, got {value!r}")
    return _chinese(int(number), liang=True) + measure


# --- percentages and scores --------------------------------------------------------


def _quantized(number: Decimal, places: int) -> str:
    """The number rounded half up to ``places`` decimals, keeping them; never "-0"."""
    result = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=_CTX)
    if result == 0:
        result = abs(result)
    return format(result, "f")


def percent(value: object, decimals: object = 2) -> str:
    """A percentage with ``decimals`` places (half up), or as given with ``None``: "15.58%"."""
    number = to_decimal(value)
    if decimals is None:
        return _plain(number) + "%"
    return _quantized(number, _to_int(decimals, "decimals", 0)) + "%"


def versus_target(value: object, target: object, measure: str = "%") -> str:
    """How a figure compares with its target, as written after the figure:
    "超额完成13%的指标任务", "完成13%的指标任务" or "距13%的指标任务还差1.6个百分点".

    Percentages differ by 个百分点; other measures by the measure itself.
    """
    number, goal = to_decimal(value), to_decimal(target)
    shown = (percent(goal, None) if measure == "%" else _plain(goal) + measure) + "的指标任务"
    if number > goal:
        return f"超额完成{shown}"
    if number == goal:
        return f"完成{shown}"
    gap = _plain(goal - number)
    return f"距{shown}还差{gap}个百分点" if measure == "%" else f"距{shown}还差{gap}{measure}"


def points(value: object) -> str:
    """A score with two decimals: ``points(83) == "83.00分"``."""
    return _quantized(_count(value), 2) + "分"


# --- ordinals and headings ---------------------------------------------------------


def ordinal(n: object, suffix: str = "是") -> str:
    """Enumerating ordinal 一是, 二是 … (or another suffix: ``ordinal(2, "要") == "二要"``)."""
    return cn_number(_to_int(n, "n", 1)) + suffix


def heading(n: object, level: object) -> str:
    """Heading numeral of levels 1–4: "一、", "（一）", "1.", "（1）"."""
    number = _to_int(n, "n", 1)
    depth = _to_int(level, "level", 1)
    if depth == 1:
        return cn_number(number) + "、"
    if depth == 2:
        return f"（{cn_number(number)}）"
    if depth == 3:
        return f"{number}."
    if depth == 4:
        return f"（{number}）"
    raise FormatError(f"heading level must be 1 to 4, got {level!r}")


# --- dates and document numbers ----------------------------------------------------


def cn_date(d: datetime.date) -> str:
    """A date as "2018年11月26日", without zero padding."""
    if not isinstance(d, datetime.date):
        raise FormatError(f"expected a date, got {type(d).__name__}: {d!r}")
    return f"{d.year}年{d.month}月{d.day}日"


def cn_month(year: object, month: object) -> str:
    """A month as "2018年11月"."""
    year_number = _to_int(year, "year", 1)
    month_number = _to_int(month, "month", 1)
    if month_number > 12:
        raise FormatError(f"month must be 1 to 12, got {month!r}")
    return f"{year_number}年{month_number}月"


def doc_number(prefix: str, year: object, seq: object) -> str:
    """A 发文字号: ``doc_number("古创办发", 2018, 12) == "古创办发〔2018〕12号"``."""
    if not isinstance(prefix, str) or not prefix.strip():
        raise FormatError(f"the issuing organ's prefix must be a non-empty string, got {prefix!r}")
    year_number = _to_int(year, "year", 1)
    seq_number = _to_int(seq, "seq", 1)
    return f"{prefix.strip()}〔{year_number}〕{seq_number}号"


# --- enumerations -------------------------------------------------------------------


def join_items(items: Iterable[str], last: str = "。", sep: str = "；") -> str:
    """Enumerated clauses joined by ``sep`` and closed by ``last``, own end punctuation removed.

    Items left empty after stripping are skipped; no items at all give "".
    """
    if isinstance(items, str):
        raise FormatError("join_items expects a list of strings, not a single string")
    cleaned = []
    for item in items:
        if not isinstance(item, str):
            raise FormatError(f"join_items expects strings, got {type(item).__name__}: {item!r}")
        text = item.strip().rstrip(_TRAILING_PUNCTUATION)
        if text:
            cleaned.append(text)
    if not cleaned:
        return ""
    return sep.join(cleaned) + last


# How templates call these functions: (Chinese name, English name, function).
TEMPLATE_FILTERS: tuple[tuple[str, str, Callable[..., str]], ...] = (
    ("确数", "exact", exact),
    ("约数", "approx", approx),
    ("约", "about", about),
    ("万", "wan", wan),
    ("亿", "yi", yi),
    ("中文整数", "cn_round", cn_round),
    ("百分比", "percent", percent),
    ("分", "points", points),
    ("对照目标", "versus_target", versus_target),
    ("中文数字", "cn_number", cn_number),
    ("序数", "ordinal", ordinal),
    ("标题序号", "heading", heading),
    ("日期", "cn_date", cn_date),
    ("文号", "doc_number", doc_number),
    ("连写", "join_items", join_items),
)
