"""Proofreading of printed Chinese text: slips that a reader of a government document would
notice, found in one paragraph at a time.

``proofread(text)`` gives a ``Finding`` for each: paired punctuation that does not balance,
Latin punctuation between Chinese characters, 截止 where 截至 is meant, doubled characters
that are almost always slips, and number forms against GB/T 15835-2011. Each rule is one
small function from a paragraph's text to its findings (``RULES``); every rule is written so
that it never fires on correct text of real reports, at the price of missing some slips.
A finding only points: nothing here changes text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Characters shown either side of a finding, so that it can be found in the document.
CONTEXT = 8


@dataclass(frozen=True)
class Finding:
    """One suspicious place in a paragraph: its span and what to tell the writer (in Chinese:
    what is suspicious and the usual fix, then the passage as printed)."""

    start: int
    end: int
    message: str


def proofread(text: str) -> list[Finding]:
    """The findings of every rule in one paragraph's ``text``, in the order they occur."""
    found = [finding for rule in RULES for finding in rule(text)]
    return sorted(found, key=lambda f: (f.start, f.end))


def _finding(text: str, start: int, end: int, problem: str) -> Finding:
    """A finding over ``text[start:end]``, its message ending with the passage around it."""
    before = max(0, start - CONTEXT)
    after = min(len(text), end + CONTEXT)
    passage = ("……" if before else "") + text[before:after] + ("……" if after < len(text) else "")
    return Finding(start, end, f"{problem}。原文：{passage}")


# --- paired punctuation --------------------------------------------------------------------------

# Marks that must close within the paragraph they open in, how each is named, and a pattern
# finding the two.
QUOTES = tuple((o, c, name, re.compile(f"[{o}{c}]")) for o, c, name in (("“", "”", "引号"), ("‘", "’", "单引号")))
BRACKETS = tuple((o, c, name, re.compile(f"[{o}{c}]"))
                 for o, c, name in (("（", "）", "括号"), ("《", "》", "书名号"), ("〔", "〕", "六角括号")))
_APOSTROPHE = re.compile(r"(?<=[A-Za-z])’(?=[A-Za-z])")


def unbalanced_quotes(text: str) -> Iterator[Finding]:
    """Quotation marks that do not pair: a closing mark never opened, an opening mark never
    closed, or opened again before it was closed (“以“同心圆·连心桥”). A quote inside a quote
    takes the other kind of mark, so an opened mark of the same kind is a slip; the closing
    mark that follows it is not counted twice."""
    for opening, closing, name, marks in QUOTES:
        if opening not in text and closing not in text:
            continue
        apostrophes = {m.start() for m in _APOSTROPHE.finditer(text)} if closing == "’" else set()
        open_at: int | None = None
        excused = 0  # closing marks owed to a reopening already reported
        for mark in marks.finditer(text):
            i, ch = mark.start(), mark.group()
            if ch == opening:
                if open_at is not None:
                    inner = "（引号里再用引号时用单引号‘’）" if opening == "“" else ""
                    start = open_at if i - open_at <= CONTEXT else i
                    yield _finding(text, start, i + 1, f"{name}不成对：前{name}{opening}之后又出现前{name}{opening}，"
                                   f"中间没有后{name}{closing}；请删去多余的一个，或补上后{name}{inner}")
                    excused += 1
                open_at = i
            elif ch == closing and i not in apostrophes:
                if open_at is not None:
                    open_at = None
                elif excused:
                    excused -= 1
                else:
                    yield _finding(text, i, i + 1, f"{name}不成对：后{name}{closing}前面没有对应的前{name}{opening}；"
                                   f"请补上前{name}，或删去多余的后{name}")
        if open_at is not None:
            yield _finding(text, open_at, open_at + 1, f"{name}不成对：前{name}{opening}没有对应的后{name}{closing}；"
                           f"请补上后{name}，或删去多余的前{name}")


def unbalanced_brackets(text: str) -> Iterator[Finding]:
    """Brackets （） 《》 〔〕 that do not pair within the paragraph: a closing one never opened,
    an opening one never closed (brackets may nest)."""
    for opening, closing, name, marks in BRACKETS:
        if opening not in text and closing not in text:
            continue
        open_at: list[int] = []
        for mark in marks.finditer(text):
            i, ch = mark.start(), mark.group()
            if ch == opening:
                open_at.append(i)
            elif ch == closing:
                if open_at:
                    open_at.pop()
                else:
                    yield _finding(text, i, i + 1, f"{name}不成对：后{name}{closing}前面没有对应的前{name}{opening}；"
                                   f"请补上前{name}，或删去多余的后{name}")
        for i in open_at:
            yield _finding(text, i, i + 1, f"{name}不成对：前{name}{opening}没有对应的后{name}{closing}；"
                           f"请补上后{name}，或删去多余的前{name}")


# --- Latin punctuation ---------------------------------------------------------------------------

# Latin marks and the Chinese marks that replace them between Chinese characters.
LATIN_MARKS = {",": ("逗号", "，"), ";": ("分号", "；"), ":": ("冒号", "："), "?": ("问号", "？"),
               "!": ("叹号", "！"), ".": ("句点", "。"), "(": ("括号", "（）")}
# Chinese text on both sides (closing marks before, opening marks after): never a decimal
# point, a time (7:30) or a Latin word. Of a pair of brackets the opening one is enough.
_LATIN_BETWEEN = re.compile(f"(?<=[{HAN}”’）》〕])[ \t]*([,;:?!.(])[ \t]*(?=[{HAN}“‘（《〔])")


def latin_punctuation(text: str) -> Iterator[Finding]:
    """Half-width (Latin) punctuation between Chinese characters (创建,推进 → 创建，推进)."""
    for match in _LATIN_BETWEEN.finditer(text):
        mark = match.group(1)
        name, chinese = LATIN_MARKS[mark]
        latin = "( )" if mark == "(" else mark
        yield _finding(text, match.start(1), match.end(1),
                       f"汉字之间用了半角（英文）{name}“{latin}”，应改为全角（中文）{name}“{chinese}”")


# --- 截止 and 截至 -----------------------------------------------------------------------------

# 截止 before a point in time: 截至 is meant (截止 alone means "to end": 报名截止, 截止日期).
_JIEZHI = re.compile(r"截止(目前|当前|现在|今天|今日|今年|本月|本周|本年|本季度|上月|上周|去年|年底|年末|月底"
                     r"|[0-9０-９]+[年月日]?|[〇零一二三四五六七八九十]{1,4}[年月])")


def jiezhi(text: str) -> Iterator[Finding]:
    """截止 followed by a time (截止目前, 截止2018年): “截至” is meant."""
    if "截止" not in text:
        return
    for match in _JIEZHI.finditer(text):
        when = match.group(1)
        yield _finding(text, match.start(), match.end(),
                       f"“截止{when}”应为“截至{when}”：表示到某一时间为止用“截至”，“截止”指到期停止（如“报名截止”）")


# --- doubled characters --------------------------------------------------------------------------

# Doubled characters that are slips, each with the correct texts that contain the pair
# (reduplications such as 人人、常常、层层 are never listed: they are not slips).
DOUBLED_SLIPS: dict[str, tuple[str, ...]] = {
    "的的": ("目的的", "的的确", "的的士", "的的哥"),
    "了了": ("不了了之", "小时了了", "了了分明", "了了解", "了了结", "了了却", "了了断", "了了然", "了了如",
             "了了不", "了了无"),
    "在在": ("实实在在", "现在在", "正在在", "存在在", "所在在", "自在在", "内在在", "外在在", "潜在在", "好在在",
             "旨在在", "意在在", "重在在", "贵在在", "难在在", "志在在", "在在皆是", "在在处处"),
    "们们": (),
    "，，": (), "。。": (), "、、": (), "；；": (), "：：": (),
}
_DOUBLED = re.compile("|".join(map(re.escape, DOUBLED_SLIPS)))


def _excused(text: str, at: int, pair: str) -> bool:
    """Whether the ``pair`` at ``at`` is part of one of its correct texts."""
    for correct in DOUBLED_SLIPS[pair]:
        offset = correct.find(pair)
        while offset >= 0:
            if at >= offset and text.startswith(correct, at - offset):
                return True
            offset = correct.find(pair, offset + 1)
    return False


def doubled_characters(text: str) -> Iterator[Finding]:
    """A character or mark typed twice where once is meant (的的, ，，)."""
    for match in _DOUBLED.finditer(text):
        pair = match.group(0)
        if not _excused(text, match.start(), pair):
            yield _finding(text, match.start(), match.end(), f"“{pair}”疑为重复输入，请删去一个“{pair[0]}”")


# --- numbers (GB/T 15835-2011) -------------------------------------------------------------------

_SMALL_UNITS = {"千": 1000, "百": 100, "十": 10}
# Arabic digits with 千/百/十 as a unit (3千); 千米、千克、千瓦 … are units of measure, and
# 百分点、百分之 a different slip (1.6个百分点) with no sure fix; 第1百货 is a name.
_DIGITS_WITH_SMALL_UNIT = re.compile(r"(?<![0-9.])([0-9]+(?:\.[0-9]+)?)(千(?![米克瓦伏帕卡赫焦兆])|百(?![分货])|十)")
_FULL_WIDTH_DIGITS = re.compile("[０-９]+(?:[．.][０-９]+)?")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")
# An Arabic-numeral list item with 、 (1、): leading the paragraph or following ：。；.
_ENUMERATION = re.compile(r"(?:^|(?<=[：。；:;]))[ \t]*([0-9]{1,2})、(?![0-9０-９])")


def digits_with_small_units(text: str) -> Iterator[Finding]:
    """Arabic digits with 千, 百 or 十 as a unit (3千人): GB/T 15835 allows only 万 and 亿."""
    for match in _DIGITS_WITH_SMALL_UNIT.finditer(text):
        number, unit = match.groups()
        value = format((Decimal(number) * _SMALL_UNITS[unit]).normalize(), "f")
        yield _finding(text, match.start(), match.end(),
                       f"“{number}{unit}”：阿拉伯数字后不用“千”“百”“十”作单位，应写作“{value}”")


def full_width_digits(text: str) -> Iterator[Finding]:
    """Full-width digits (２７７０): numbers are written with half-width digits."""
    for match in _FULL_WIDTH_DIGITS.finditer(text):
        digits = match.group(0)
        yield _finding(text, match.start(), match.end(),
                       f"“{digits}”是全角数字，应改为半角数字“{digits.translate(_FULL_WIDTH)}”")


def enumeration_marks(text: str) -> Iterator[Finding]:
    """Arabic-numeral list items written “1、”: they take a full stop, “1.”."""
    if "、" not in text:
        return
    for match in _ENUMERATION.finditer(text):
        number = match.group(1)
        yield _finding(text, match.start(1), match.end(), f"序号“{number}、”应写作“{number}.”：阿拉伯数字序号后用下脚点，"
                       "“一、”“二、”这样的汉字序号后才用顿号")


RULES: tuple[Callable[[str], Iterator[Finding]], ...] = (
    unbalanced_quotes,
    unbalanced_brackets,
    latin_punctuation,
    jiezhi,
    doubled_characters,
    digits_with_small_units,
    full_width_digits,
    enumeration_marks,
)
