"""The Jinja sandbox templates run in, narrowed for documents written by anyone.

Jinja's ``SandboxedEnvironment`` already refuses attributes starting with ``_`` and internals
of functions; this one also refuses, each with a message saying what to write instead:
``str.format``/``format_map`` (they reach attributes through format fields and crash on
missing arguments), powers and repetitions whose result would be huge (``9**99999``,
``'a'*10**9``), attributes the sandbox hides (refused at once rather than printed as an
empty value later), and printing anything that is not a value: methods, macros, ``self``,
types; and ``{% include %}``, ``{% import %}``, ``{% extends %}`` (a template is one file).
Memory and time are bounded by the worker process a render runs in (``bounded``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from types import ModuleType
from typing import Any

from jinja2.runtime import Macro, TemplateReference, Undefined
from jinja2.sandbox import SandboxedEnvironment, SecurityError

MAX_DIGITS = 100  # of an integer a template computes
MAX_REPEAT = 100_000  # characters or items of a text or list a template repeats
# Python's description of an object, as printed or as escaped when Jinja folds a constant.
INTERNAL_REPR = re.compile(r"(<|&lt;)([^<>&]* at 0x[0-9a-f]+|TemplateReference)")


class TemplateRefused(SecurityError):
    """Something a template may not do, with the Chinese message telling its author why."""


class DocumentSandbox(SandboxedEnvironment):
    """The sandboxed environment of every template (see the module's description)."""

    intercepted_binops = frozenset(["*", "**", "//", "%"])

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            _check_power(left, right)
        elif operator == "*":
            _check_repeat(left, right)
        elif operator == "%" and isinstance(left, str):
            raise TemplateRefused("模板中不能用 % 格式化文字，请用过滤器（如 确数、百分比）或直接连写文字")
        result = super().call_binop(context, operator, left, right)
        if isinstance(result, int) and _digits(result) > MAX_DIGITS:
            raise TemplateRefused(f"模板中算出的数超过 {MAX_DIGITS} 位，已拒绝；请检查模板中的乘法或乘方")
        return result

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        if super().wrap_str_format(value) is None:
            return None

        def refused(*_args: Any, **_kwargs: Any) -> str:
            raise TemplateRefused("模板中不能使用 format 或 format_map，请用过滤器（如 确数、百分比）或直接连写文字")
        return refused

    def _load_template(self, name: Any, globals: Any) -> Any:
        raise TemplateRefused(f"模板中不能用 include、import 或 extends 引用其他模板（“{name}”）：每份模板只能是一个 Word 文件，"
                              "请把要引用的内容直接写进模板")

    def unsafe_undefined(self, obj: Any, attribute: str) -> Undefined:
        raise TemplateRefused(f"模板试图访问不允许的内容（内部属性“{attribute}”），已拒绝；请只使用配置和填报表提供的变量")


def _digits(number: int) -> int:
    return 0 if number == 0 else int(abs(number).bit_length() * math.log10(2)) + 1


def _check_power(base: Any, exponent: Any) -> None:
    if isinstance(base, (int, float)) and isinstance(exponent, (int, float)) and base not in (0, 1, -1):
        magnitude = abs(exponent) * math.log10(abs(base)) if base else 0
        if exponent > 0 and magnitude > MAX_DIGITS:
            raise TemplateRefused(f"模板中的乘方 {_short(base)}**{_short(exponent)} 结果过大（超过 {MAX_DIGITS} 位），已拒绝")


def _check_repeat(left: Any, right: Any) -> None:
    for sequence, count in ((left, right), (right, left)):
        if isinstance(sequence, (str, list, tuple)) and isinstance(count, int) \
                and len(sequence) * count > MAX_REPEAT:
            raise TemplateRefused(f"模板中的重复（如 'a'*100）会得到超过 {MAX_REPEAT} 个字或项，已拒绝")


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 12 else f"{text[:12]}…"


def check_printable(value: Any) -> None:
    """Refuses a value that is not one to print: a method, a macro, ``self``, a type, a module,
    or anything whose text is Python's description of an object."""
    if isinstance(value, (int, float, Undefined)):
        return  # StrictUndefined says what is missing when it is printed
    if hasattr(value, "__html__") and not isinstance(value, str):
        return  # made to be printed (a picture): its text is made only once, when printed
    if isinstance(value, (TemplateReference, Macro, type, ModuleType)) or callable(value) \
            or INTERNAL_REPR.search(str(value)):
        raise TemplateRefused("模板要输出的不是一个值，而是程序内部的对象（如函数、宏、self），已拒绝；"
                              "请检查变量名是否写错、是否少了括号或下标")
