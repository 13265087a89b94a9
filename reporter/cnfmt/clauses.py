"""Enumerated clauses joined into one sentence: "一是……；二是……。"."""

from __future__ import annotations

from collections.abc import Iterable

from reporter.cnfmt.values import FormatError

_TRAILING_PUNCTUATION = "。；，,; \t\r\n\u3000"


def join_items(items: Iterable[str], last: str = "。", sep: str = "；") -> str:
    """Enumerated clauses joined by ``sep`` and closed by ``last``, own end punctuation removed.

    Items left empty after stripping are skipped; no items at all give "".
    """
    if not isinstance(last, str) or not isinstance(sep, str):
        raise FormatError("连写的参数应为文字，如 连写('。', '；')")
    if not isinstance(items, Iterable):
        raise FormatError("连写只能用于一组文字（列表），不能用于单个数字或值")
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
