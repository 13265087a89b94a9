"""Document titles broken into lines by meaning (GB/T 9704-2012 7.3.1).

A title longer than one line is broken "词意完整，排列对称，长短适宜": at natural points
(after a closing quote, before an opening one, after 关于, before 的通报 …), into lines of
nearly equal length, never leaving one or two characters alone on a line. ``title_lines``
chooses the breaks; ``break_title`` joins the lines with newlines, which a template turns
into line breaks inside the title's paragraph (``{{ 标题 | 分行 }}``).

Widths are counted in characters of the title's font (``widths.text_width``): Chinese
characters and full-width punctuation count 1, Latin letters and digits ½ (they are set in
Times New Roman).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import pairwise

from reporter.cnfmt.values import FormatError, shown
from reporter.cnfmt.widths import char_width, text_width

#: 2号 (22 pt) characters in a line of the 156 mm type area (442 pt): 20.
TITLE_LINE_CHARS = 20
#: The fewest characters a line may hold: one or two alone on a line are never left.
MIN_LINE_CHARS = 3

# Punctuation that may not start a line (closing marks, pauses) or end one (opening marks).
_NO_LINE_START = "”’）》」』〕】〉、，。；：！？…·—%％"
_NO_LINE_END = "“‘（《「『〔【〈"
_OPENING_QUOTES = "“《「『"
_CLOSING_QUOTES = "”》」』"

# What a title usually ends with: breaking right before "的" + one of these keeps the
# document type with its 的 ("……督查情况 / 的通报" is never chosen when a line would be short).
_DOCUMENT_TYPES = (
    "通报", "通知", "决定", "意见", "报告", "请示", "批复", "函", "通告", "公告", "纪要", "方案",
    "办法", "规定", "细则", "规划", "计划", "总结", "汇报", "清单", "实施意见", "工作方案", "实施方案",
)
# Words of official titles that must stay whole, and that a line may start with.
_WORDS = (
    "关于", "进一步", "加强", "开展", "做好", "推进", "推动", "印发", "转发", "表彰", "通报", "督查",
    "检查", "情况", "工作", "实施", "有关", "问题", "整改", "活动", "创建", "专项", "整治", "全面",
    "深入", "落实", "责任", "分解", "任务", "清单", "汇报", "领导小组", "办公室", "城市", "管理",
    "文明", "卫生", "环境", "安全", "街道", "部门", "单位", "年度", "季度", "全国", "国家", "示范",
    "城市管理", "环境卫生", "全国文明城市", "国家卫生城市", "食品安全", "领导小组办公室",
)
# Joining words: a line may end with them ("……城市管理和 / 环境卫生……").
_JOINING = "和与及暨并"

# Costs of a break, in the units of the balance cost (squared characters of difference
# from the mean line length): natural points cost nothing, a word boundary a little,
# a break that may split a word more, one inside a listed word or a quotation a lot.
_NATURAL, _JOIN, _BOUNDARY, _UNKNOWN = 0.0, 0.5, 1.0, 3.0
_QUOTED_BOUNDARY, _QUOTED, _IN_WORD = 4.0, 12.0, 30.0
_FORBIDDEN = math.inf
_RELAXED = 100.0  # a forbidden break when nothing else fits (a long run of Latin letters)
_EXTRA_LINE = 20.0  # one line more than needed
_HOURGLASS = 4.0  # a middle line shorter than both its neighbours


@dataclass(frozen=True)
class _Breaks:
    """The cost of breaking before each position of a text (index 1 … len-1)."""

    cost: list[float]

    @classmethod
    def of(cls, text: str) -> _Breaks:
        n = len(text)
        in_quote = [False] * (n + 1)
        depth = 0
        for i, ch in enumerate(text):
            if ch in _CLOSING_QUOTES:
                depth = max(0, depth - 1)
            in_quote[i] = depth > 0 and ch not in _CLOSING_QUOTES
            if ch in _OPENING_QUOTES:
                depth += 1
        inside_word = [False] * (n + 1)
        word_start = [False] * (n + 1)
        for word in _WORDS:
            start = text.find(word)
            while start >= 0:
                word_start[start] = True
                for k in range(start + 1, start + len(word)):
                    inside_word[k] = True
                start = text.find(word, start + 1)
        cost = [_FORBIDDEN] * (n + 1)
        for i in range(1, n):
            cost[i] = _break_cost(text, i, in_quote[i], inside_word[i], word_start[i])
        return cls(cost)


def _break_cost(text: str, i: int, quoted: bool, inside_word: bool, word_start: bool) -> float:
    """The cost of a line ending with ``text[i-1]`` and the next starting with ``text[i]``."""
    before, after = text[i - 1], text[i]
    if after in _NO_LINE_START or before in _NO_LINE_END:
        return _FORBIDDEN
    if before.isascii() and after.isascii() and before.isalnum() and after.isalnum():
        return _FORBIDDEN  # inside a number or a Latin word
    if before in _CLOSING_QUOTES or after in _OPENING_QUOTES:
        return _NATURAL
    if (text.startswith("关于") and i == 2) or text.startswith("关于", i):
        return _NATURAL
    if after == "的" and any(text.startswith(kind, i + 1) and i + 1 + len(kind) == len(text)
                             for kind in _DOCUMENT_TYPES):
        return _NATURAL
    if before in "、，；：":
        return _NATURAL
    if inside_word:
        return _IN_WORD
    if after in _JOINING:
        return _QUOTED  # a line starting with 和 or 与 reads badly
    boundary = before == "的" or word_start or after == "第" or before.isdigit() or before in _JOINING
    if quoted:
        return _QUOTED_BOUNDARY if boundary else _QUOTED
    if before in _JOINING:
        return _JOIN
    return _BOUNDARY if boundary else _UNKNOWN


def title_lines(text: str, per_line: int = TITLE_LINE_CHARS) -> list[str]:
    """``text`` as the lines of a title of at most ``per_line`` characters each.

    A title that fits stays one line. A longer one is broken into as few lines as its
    length needs (one more when that breaks it much better), at the cheapest natural
    points, the lines as even in length as those points allow; no line has fewer than
    ``MIN_LINE_CHARS`` characters or more than ``per_line``, and no line starts with a
    closing mark (”、，。 …) or ends with an opening one (“《（ …). Line breaks already in
    ``text`` are kept, each part broken on its own.
    """
    if not isinstance(text, str):
        raise FormatError(f"标题应为文字，而不是{shown(text)}")
    if not isinstance(per_line, int) or per_line < 2 * MIN_LINE_CHARS:
        raise FormatError(f"每行字数应为不小于 {2 * MIN_LINE_CHARS} 的整数：{per_line!r}")
    lines: list[str] = []
    for part in text.split("\n"):
        part = part.strip()
        if part:
            lines.extend(_break_part(part, per_line))
    return lines


def break_title(text: str, per_line: int = TITLE_LINE_CHARS) -> str:
    """``title_lines`` joined by newlines: the title as a template prints it, one line
    break between lines (template filter 分行)."""
    return "\n".join(title_lines(text, per_line))


def _break_part(text: str, per_line: int) -> list[str]:
    total = text_width(text)
    if total <= per_line:
        return [text]
    breaks = _Breaks.of(text)
    fewest = math.ceil(total / per_line)
    best: tuple[float, list[int]] | None = None
    for relax in (False, True):
        for count in (fewest, fewest + 1):
            found = _best_split(text, breaks, count, per_line, relax)
            if found is not None:
                cost = found[0] + _EXTRA_LINE * (count - fewest)
                if best is None or cost < best[0]:
                    best = (cost, found[1])
        if best is not None:
            break
    if best is None:  # unreachable: every character is at most one wide
        raise FormatError(f"标题无法分行：{text}")
    cuts = [0, *best[1], len(text)]
    return [text[a:b] for a, b in pairwise(cuts)]


def _best_split(text: str, breaks: _Breaks, count: int, per_line: int,
                relax: bool) -> tuple[float, list[int]] | None:
    """The cheapest way to cut ``text`` into ``count`` lines: (cost, cut positions)."""
    n = len(text)
    prefix = [0.0]
    for ch in text:
        prefix.append(prefix[-1] + char_width(ch))
    mean = prefix[n] / count

    def line_ok(a: int, b: int) -> bool:
        width = prefix[b] - prefix[a]
        return MIN_LINE_CHARS <= width <= per_line and b - a >= MIN_LINE_CHARS

    def cut_cost(i: int) -> float:
        cost = breaks.cost[i]
        return _RELAXED if relax and cost == _FORBIDDEN else cost

    # table[j][i]: (cost, cuts) of the first i characters as j lines ending at a cut before i
    table: list[dict[int, tuple[float, list[int]]]] = [{0: (0.0, [])}]
    for j in range(1, count + 1):
        row: dict[int, tuple[float, list[int]]] = {}
        ends = [n] if j == count else range(1, n)
        for end in ends:
            if end < n and cut_cost(end) == _FORBIDDEN:
                continue
            for start, (cost, cuts) in table[j - 1].items():
                if start >= end or not line_ok(start, end):
                    continue
                width = prefix[end] - prefix[start]
                total = cost + (width - mean) ** 2 + (cut_cost(end) if end < n else 0.0)
                if end not in row or total < row[end][0]:
                    row[end] = (total, [*cuts, end] if end < n else cuts)
        table.append(row)
    final = table[count].get(n)
    if final is None:
        return None
    cuts = final[1]
    widths = [prefix[b] - prefix[a] for a, b in pairwise([0, *cuts, n])]
    shape = sum(_HOURGLASS for k in range(1, len(widths) - 1)
                if widths[k] < widths[k - 1] and widths[k] < widths[k + 1])
    return final[0] + shape, cuts
