"""The formatting functions as templates call them, by their Chinese and English names."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable

from reporter.cnfmt.changes import point_change
from reporter.cnfmt.clauses import join_items
from reporter.cnfmt.counts import about, approx, exact, wan, yi
from reporter.cnfmt.dates import cn_date, doc_number
from reporter.cnfmt.numerals import cn_number, cn_round, heading, ordinal
from reporter.cnfmt.percentages import percent, points, versus_target
from reporter.cnfmt.titles import break_title
from reporter.cnfmt.values import FormatError, shown

# How templates call these functions: (Chinese name, English name, function).
TEMPLATE_FILTERS: tuple[tuple[str, str, Callable[..., str]], ...] = (
    ("确数", "exact", exact),
    ("约数", "approx", approx),
    ("约", "about", about),
    ("万", "wan", wan),
    ("亿", "yi", yi),
    ("中文整数", "cn_round", cn_round),
    ("百分比", "percent", percent),
    ("百分点", "point_change", point_change),
    ("分", "points", points),
    ("对照目标", "versus_target", versus_target),
    ("中文数字", "cn_number", cn_number),
    ("序数", "ordinal", ordinal),
    ("标题序号", "heading", heading),
    ("日期", "cn_date", cn_date),
    ("文号", "doc_number", doc_number),
    ("连写", "join_items", join_items),
    ("分行", "break_title", break_title),
)

# Chinese names of the parameters templates may give by name (约数(字='多')), and the
# parameter each stands for in the functions that have it.
KEYWORDS: dict[str, tuple[str, ...]] = {
    "取整": ("step",),
    "万": ("wan",),
    "字": ("word",),
    "写法": ("form",),
    "小数": ("digits", "decimals"),
    "目标": ("target",),
}


def template_call(name: str, function: Callable[..., str], value: object, *args: object,
                  given: tuple[object, ...] = (), **kwargs: object) -> str:
    """``function`` applied as the template wrote it (``name``: the filter's name there, ``args``
    and ``kwargs`` what it wrote, after the arguments ``given`` by reporter itself, such as a
    figure's measure): Chinese parameter names are translated, and arguments ``function`` does
    not take are refused with a ``FormatError`` in Chinese instead of Python's ``TypeError``."""
    signature = inspect.signature(function)
    accepted = signature.parameters
    translated: dict[str, object] = {}
    for key, argument in kwargs.items():
        english = next((e for e in KEYWORDS.get(key, (key,)) if e in accepted), None)
        if english is None:
            known = "、".join(k for k, names in KEYWORDS.items() if any(e in accepted for e in names))
            raise FormatError(f"“{name}”没有名为“{key}”的参数" + (f"（可用：{known}）" if known else ""))
        translated[english] = argument
    try:
        bound = signature.bind(value, *given, *args, **translated)
    except TypeError:
        written = "、".join([shown(a) for a in args] + [f"{k}={shown(v)}" for k, v in kwargs.items()])
        raise FormatError(f"“{name}”的参数个数不对或有重复（写的是：{written or '无'}），"
                          "写法见 docs/模板写法.md") from None
    return function(*bound.args, **bound.kwargs)


# The formats whose second parameter is the measure word. In templates a figure gives its own;
# on a plain number the measure is written in the text, so the template's arguments mean the
# same on both ({{ 2770 | 约数(100) }}处 as {{ 指标.私搭乱建 | 约数(100) }}).
MEASURED: tuple[Callable[..., str], ...] = (exact, approx, about, wan, yi, cn_round)


def template_filter(name: str, function: Callable[..., str]) -> Callable[..., str]:
    """``function`` as the filter ``name`` of templates (see ``template_call``)."""
    return functools.partial(template_call, name, function, given=("",) if function in MEASURED else ())
