"""Dates (2018年11月26日), months (2018年11月) and document numbers (古创办发〔2018〕12号)."""

from __future__ import annotations

import datetime

from reporter.cnfmt.values import FormatError, shown, to_int


def cn_date(d: datetime.date) -> str:
    """A date as "2018年11月26日", without zero padding."""
    if not isinstance(d, datetime.date):
        raise FormatError(f"“日期”只能用于日期（如 活动.成文日期），而不是{shown(d)}")
    return f"{d.year}年{d.month}月{d.day}日"


def cn_month(year: object, month: object) -> str:
    """A month as "2018年11月"."""
    year_number = to_int(year, "年份", 1)
    month_number = to_int(month, "月份", 1)
    if month_number > 12:
        raise FormatError(f"月份应为 1 到 12，而不是 {shown(month)}")
    return f"{year_number}年{month_number}月"


def doc_number(prefix: str, year: object, seq: object) -> str:
    """A 发文字号: ``doc_number("古创办发", 2018, 12) == "古创办发〔2018〕12号"``."""
    if not isinstance(prefix, str) or not prefix.strip():
        raise FormatError(f"发文机关代字应为不空的文字，而不是{shown(prefix)}")
    year_number = to_int(year, "年份", 1)
    seq_number = to_int(seq, "文号序号", 1)
    return f"{prefix.strip()}〔{year_number}〕{seq_number}号"
