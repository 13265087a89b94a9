"""The values cnfmt accepts, and the error it raises for the others.

``to_decimal`` reads an ``int``, ``Decimal`` or ``float`` (through ``str``, so ``0.1`` stays
``0.1``) as a finite ``Decimal``; the other helpers here are shared by the formatting
modules of the package: a non-negative count, a whole number with a minimum, plain digits.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal

# Enough precision that no supported value is ever rounded by the context itself.
CTX = Context(prec=100, rounding=ROUND_HALF_UP)
_MAX_DIGITS = 40
_TOO_LARGE = Decimal(10) ** 30


def shown(value: object) -> str:
    """A value as a message shows it to a template's author: numbers in plain digits, texts
    in quotes, anything else by what kind of thing it is."""
    if isinstance(value, bool):
        return "真假值"
    if isinstance(value, (int, float, Decimal)):
        number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
        return plain(number) if number.is_finite() else "无穷大或非数字"
    if isinstance(value, str):
        return f"文字“{value}”"
    if value is None:
        return "空值"
    if isinstance(value, (list, tuple, set, frozenset)):
        return "一组值"
    if isinstance(value, dict):
        return "一组名称和值"
    return "其他类型的值"


class FormatError(ValueError, TypeError):
    """A value that cannot be written as asked: a text where a number is due, a negative
    count, a step larger than the value (document contexts raise it too for what a template
    asks for that does not exist, such as an unknown section code).

    Raised on purpose. While a template renders it is the template's fault (a filter applied
    to the wrong value) and is reported at its place; anywhere else it is a bug. Both a
    ``ValueError`` and a ``TypeError``, as the refusals it stands for were.
    """


def to_decimal(value: object) -> Decimal:
    """The value as a finite ``Decimal``; floats go through ``str`` to keep their digits."""
    if isinstance(value, bool):
        raise FormatError(f"这里需要数字，而不是{shown(value)}")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        result = Decimal(str(value))
    else:
        raise FormatError(f"这里需要数字，而不是{shown(value)}（数字格式只能用于指标或数字）")
    if not result.is_finite():
        raise FormatError(f"这里需要有限的数字，而不是{shown(value)}")
    if abs(result) >= _TOO_LARGE or len(result.as_tuple().digits) > _MAX_DIGITS:
        raise FormatError(f"数字 {value} 太大或小数位太多，无法书写")
    return result


def to_count(value: object, name: str = "数值") -> Decimal:
    """The value as a ``Decimal`` that must not be negative (a count, an amount, a score)."""
    result = to_decimal(value)
    if result < 0:
        raise FormatError(f"{name}不能为负数：{shown(value)}")
    return result


def to_int(value: object, name: str, minimum: int) -> int:
    """The value as an ``int`` of at least ``minimum``; integral Decimals and floats pass."""
    number = to_decimal(value)
    if number != number.to_integral_value():
        raise FormatError(f"{name}应为整数，而不是 {shown(value)}")
    result = int(number)
    if result < minimum:
        raise FormatError(f"{name}应不小于 {minimum}，而不是 {shown(value)}")
    return result


MAX_PLACES = 10


def to_places(value: object) -> int:
    """A number of decimal places to keep: a whole number from 0 to ``MAX_PLACES``."""
    places = to_int(value, "小数位数", 0)
    if places > MAX_PLACES:
        raise FormatError(f"小数位数最多 {MAX_PLACES} 位，而不是 {shown(value)}")
    return places


def plain(number: Decimal) -> str:
    """Arabic digits without exponent, trailing zeros or thousands separators."""
    if number == 0:
        return "0"
    return format(number.normalize(CTX), "f")
