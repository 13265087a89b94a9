"""The formatting functions as templates call them, by their Chinese and English names."""

from __future__ import annotations

from collections.abc import Callable

from reporter.cnfmt.clauses import join_items
from reporter.cnfmt.counts import about, approx, exact, wan, yi
from reporter.cnfmt.dates import cn_date, doc_number
from reporter.cnfmt.numerals import cn_number, cn_round, heading, ordinal
from reporter.cnfmt.percentages import percent, points, versus_target
from reporter.cnfmt.titles import break_title

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
    ("分行", "break_title", break_title),
)
