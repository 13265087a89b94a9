"""Dates (2018年11月26日), months (2018年11月) and document numbers (古创办发〔2018〕12号)."""

from __future__ import annotations

import datetime

from reporter.cnfmt.values import FormatError, to_int


def cn_date(d: datetime.date) -> str:
    """A date as "2018年11月26日", without zero padding."""
    if not isinstance(d, datetime.date):
        raise FormatError(f"expected a date, got {type(d).__name__}: {d!r}")
    return f"{d.year}年{d.month}月{d.day}日"


def cn_month(year: object, month: object) -> str:
    """A month as "2018年11月"."""
    year_number = to_int(year, "year", 1)
    month_number = to_int(month, "month", 1)
    if month_number > 12:
        raise FormatError(f"month must be 1 to 12, got {month!r}")
    return f"{year_number}年{month_number}月"


def doc_number(prefix: str, year: object, seq: object) -> str:
    """A 发文字号: ``doc_number("古创办发", 2018, 12) == "古创办发〔2018〕12号"``."""
    if not isinstance(prefix, str) or not prefix.strip():
        raise FormatError(f"the issuing organ's prefix must be a non-empty string, got {prefix!r}")
    year_number = to_int(year, "year", 1)
    seq_number = to_int(seq, "seq", 1)
    return f"{prefix.strip()}〔{year_number}〕{seq_number}号"
