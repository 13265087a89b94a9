"""Enumerated clauses joined into one sentence: "一是……；二是……。"."""

from __future__ import annotations

from collections.abc import Iterable

from reporter.cnfmt.values import FormatError, shown

_TRAILING_PUNCTUATION = "。；，,; \t\r\n\u3000"


def join_items(items: Iterable[str], last: str = "。", sep: str = "；") -> str:
    """Enumerated clauses joined by ``sep`` and closed by ``last``, own end punctuation removed.

    Items left empty after stripping are skipped; no items at all give "".
    """
    if isinstance(items, str) or not isinstance(items, Iterable):
        raise FormatError(f"“连写”需要一组文字（列表），而不是{shown(items)}")
    if not isinstance(last, str) or not isinstance(sep, str):
        raise FormatError(f"“连写”的结尾和分隔符号应为文字，如 连写('。', '；')，而不是 {shown(last)}、{shown(sep)}")
    cleaned = []
    for item in items:
        if not isinstance(item, str):
            raise FormatError(f"“连写”的每一项都应是文字，而不是{shown(item)}")
        text = item.strip().rstrip(_TRAILING_PUNCTUATION)
        if text:
            cleaned.append(text)
    if not cleaned:
        return ""
    return sep.join(cleaned) + last
