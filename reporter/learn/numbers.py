"""Chinese numerals read back into numbers (两万 → 20000), the inverse of ``cnfmt.numerals``."""

from __future__ import annotations

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10**4, "亿": 10**8}
NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)


def chinese_number(text: str) -> int | None:
    """The whole number a Chinese numeral writes (一百零一 → 101, 两万 → 20000, 十二 → 12);
    None when ``text`` is not a well-formed numeral."""
    if not text or any(ch not in NUMERAL_CHARS for ch in text):
        return None
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in "零〇":
            continue  # 零 only marks a gap (一百零一)
        if ch in DIGITS:
            if digit is not None and DIGITS[ch] != 0:
                return None  # two digits in a row (二三) are not one number
            digit = DIGITS[ch]
        elif ch in SMALL_UNITS:
            section += (1 if digit is None else digit) * SMALL_UNITS[ch]
            digit = None
        else:
            section += digit or 0
            if section == 0:
                return None
            total = (total + section) * BIG_UNITS[ch] if BIG_UNITS[ch] > 10**4 else total + section * BIG_UNITS[ch]
            section, digit = 0, None
    return total + section + (digit or 0)
