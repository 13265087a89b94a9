"""Chinese numerals (一百零一, 两万), enumerating ordinals (一是, 二是) and heading numbers of
GB/T 9704-2012 (一、（一）1.（1））."""

from __future__ import annotations

from reporter.cnfmt.values import FormatError, shown, to_count, to_int

_CN_ROUND_MAX = 99999999999
_CN_NUMBER_LIMIT = 10**16

_CN_DIGITS = "零一二三四五六七八九"
_SMALL_UNITS = ("", "十", "百", "千")  # index = position inside a four-digit section
_SECTION_UNITS = ("", "万", "亿", "万亿")  # index = four-digit section, lowest first


def _digit_char(digit: int, position: int, section: int, section_unit: str, liang: bool) -> str:
    """The Chinese digit; with ``liang`` a 2 right before 千, 万 or 亿 is 两."""
    if liang and digit == 2:
        if position == 3 or (position == 0 and section == 2 and section_unit):
            return "两"
    return _CN_DIGITS[digit]


def _section_text(section: int, section_unit: str, liang: bool) -> str:
    """Chinese numeral of a four-digit section 1..9999, one 零 per inner gap."""
    parts: list[str] = []
    gap = False
    for position in (3, 2, 1, 0):
        digit = section // 10**position % 10
        if digit == 0:
            gap = bool(parts)
            continue
        if gap:
            parts.append("零")
            gap = False
        parts.append(_digit_char(digit, position, section, section_unit, liang))
        parts.append(_SMALL_UNITS[position])
    return "".join(parts)


def _chinese(n: int, liang: bool) -> str:
    """Chinese numeral of 0 <= n < 10**16; leading 一十 is shortened to 十."""
    if n == 0:
        return "零"
    sections = []
    while n:
        n, section = divmod(n, 10000)
        sections.append(section)
    parts: list[str] = []
    gap = False
    for index in reversed(range(len(sections))):
        section = sections[index]
        if section == 0:
            gap = bool(parts)
            continue
        if parts and (gap or section < 1000):
            parts.append("零")
        gap = False
        unit = _SECTION_UNITS[index]
        parts.append(_section_text(section, unit, liang) + unit)
    text = "".join(parts)
    return text[1:] if text.startswith("一十") else text


def cn_number(n: object) -> str:
    """General Chinese numeral of a non-negative integer (二, never 两): ``cn_number(101) == "一百零一"``."""
    number = to_int(n, "中文数字的数值", 0)
    if number >= _CN_NUMBER_LIMIT:
        raise FormatError(f"中文数字只能写到一亿亿以下，{shown(n)} 太大")
    return _chinese(number, liang=False)


def cn_round(value: object, measure: str = "") -> str:
    """Chinese numeral of a round count, 两 before 千/万/亿: ``cn_round(20000, "人次") == "两万人次"``.

    A count of 2 is 两 before its measure word (GB/T 15835: 两台), whether the measure is
    passed or follows in the text; 2 inside a number stays 二 (十二台, 二十台, 二百台).
    """
    number = to_count(value)
    if number != number.to_integral_value():
        raise FormatError(f"“中文整数”只能用于整数，{shown(value)} 有小数，请改用 确数")
    if number > _CN_ROUND_MAX:
        raise FormatError(f"“中文整数”最大只能写到 {_CN_ROUND_MAX}，{shown(value)} 太大，请改用 确数 或 万")
    if number == 2:
        return "两" + measure
    return _chinese(int(number), liang=True) + measure


def ordinal(n: object, suffix: str = "是") -> str:
    """Enumerating ordinal 一是, 二是 … (or another suffix: ``ordinal(2, "要") == "二要"``)."""
    return cn_number(to_int(n, "序数", 1)) + suffix


def heading(n: object, level: object) -> str:
    """Heading numeral of levels 1–4: "一、", "（一）", "1.", "（1）"."""
    number = to_int(n, "标题序号", 1)
    depth = to_int(level, "标题层级", 1)
    if depth == 1:
        return cn_number(number) + "、"
    if depth == 2:
        return f"（{cn_number(number)}）"
    if depth == 3:
        return f"{number}."
    if depth == 4:
        return f"（{number}）"
    raise FormatError(f"标题层级应为 1 到 4（一、（一）1.（1）），而不是 {shown(level)}")
