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


def to_count(value: object, name: str = "value") -> Decimal:
    """The value as a ``Decimal`` that must not be negative (a count, an amount, a score)."""
    result = to_decimal(value)
    if result < 0:
        raise FormatError(f"{name} cannot be negative here: {value!r}")
    return result


def to_int(value: object, name: str, minimum: int) -> int:
    """The value as an ``int`` of at least ``minimum``; integral Decimals and floats pass."""
    number = to_decimal(value)
    if number != number.to_integral_value():
        raise FormatError(f"{name} must be a whole number, got {value!r}")
    result = int(number)
    if result < minimum:
        raise FormatError(f"{name} must be at least {minimum}, got {value!r}")
    return result


def plain(number: Decimal) -> str:
    """Arabic digits without exponent, trailing zeros or thousands separators."""
    if number == 0:
        return "0"
    return format(number.normalize(CTX), "f")
