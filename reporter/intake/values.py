"""Turning what people type into Excel cells into clean numbers, dates and text.

Pure functions: each returns the clean value or raises ``CellValueError`` with a Chinese
message that says how to fix the cell.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Context, Decimal, InvalidOperation

CHINESE_DIGITS = set("零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟")
EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
THOUSANDS = re.compile(r"\d{1,3}(,\d{3})+(\.\d+)?")
EXCEL_EPOCH = dt.date(1899, 12, 30)
TEXT_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
APPROXIMATE = ("约", "余", "多", "左右", "近", "超过")
MAX_VALUE = Decimal(10) ** 15
WIDE = Context(prec=60, Emax=999999, Emin=-999999)
PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
# A number followed by a word that is not the indicator's measure ("75户" where 人次 is meant).
NUMBER_WITH_WORD = re.compile(r"([+-]?\d[\d,]*(?:\.\d+)?)([^\d.,+\-eE][^\d]*)")


class CellValueError(ValueError):
    """A cell's content cannot be used; the message says what to type instead."""


def clean_text(value: object) -> str:
    """Text of a cell with Excel's ``_x000B_`` escapes decoded and XML-invalid characters removed.

    Vertical tabs and form feeds (what some Excel versions store for Alt+Enter) become
    line breaks; other control characters are dropped. Surrounding blanks are trimmed.
    """
    if value is None:
        return ""
    text = chinese_date(value) if isinstance(value, (dt.date, dt.time)) else str(value)
    text = EXCEL_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n").replace("\x0c", "\n")
    return XML_INVALID.sub("", text).strip()


def chinese_date(value: dt.date | dt.time) -> str:
    """A date (or time) a cell holds, written as documents write dates: 2018年11月20日,
    with the time of day only when there is one (2018年11月20日 14:30)."""
    if isinstance(value, dt.time):
        return f"{value.hour}:{value.minute:02d}"
    day = f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, dt.datetime) and value.time() != dt.time():
        return f"{day} {value.hour}:{value.minute:02d}"
    return day


@dataclass(frozen=True)
class ReadNumber:
    """A number read from a cell, and what to tell the person who typed it: ``notice`` is
    "已按 75 读取" when the cell held the number with the indicator's own measure ("75人次"),
    otherwise empty."""

    value: Decimal
    notice: str = ""


def parse_number(value: object, measure: str = "", decimals: int = 0, percent_cell: bool = False) -> Decimal:
    """A non-negative number from a cell (see ``read_number``)."""
    return read_number(value, measure, decimals, percent_cell).value


def read_number(value: object, measure: str = "", decimals: int = 0, percent_cell: bool = False) -> ReadNumber:
    """A non-negative number from a cell: real numbers, numbers typed as text,
    full-width digits (２７７０) and thousands separators (2,770) are accepted, and so is a
    number followed by the indicator's own ``measure`` ("75人次", "75 人次"), read as 75 with a
    notice saying so; a number followed by any other word is refused, naming the measure.

    ``percent_cell``: the cell shows its number as a percentage (Excel stores "16%" typed into a
    cell as 0.16 with a percent format): for a measure of ``%`` the number meant, 16, is read.
    """
    notice = ""
    if isinstance(value, bool):
        raise CellValueError(f"“{value}” 不是数字，请填写阿拉伯数字")
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        raise CellValueError("单元格是日期格式，请把单元格格式改为“常规”后重新填写数字")
    if isinstance(value, (int, float)) and percent_cell:
        if measure != "%":
            raise CellValueError(f"单元格是百分比格式（显示为 {Decimal(str(value)).scaleb(2)}%），此项的计量单位是"
                                 f"“{measure or '无'}”，请把单元格格式改为“常规”后重新填写")
        number = _percent_points(Decimal(str(value)))
    elif isinstance(value, (int, float)):
        number = Decimal(str(value))
    else:
        number, with_measure = _number_from_text(clean_text(value), measure)
        if with_measure:
            notice = f"“{clean_text(value)}” 已按 {_plain(number)} 读取（计量单位“{measure}”已在表中，只填数字即可）"
    if not number.is_finite() or abs(number) >= MAX_VALUE:
        raise CellValueError(f"“{value}” 不是有效数字或数值过大，请核对")
    if number < 0:
        raise CellValueError(f"“{value}” 是负数，本表只填本期完成的数量，不能为负")
    exponent = number.normalize(WIDE).as_tuple().exponent  # an int: the number is finite here
    if isinstance(exponent, int) and -exponent > decimals:
        raise CellValueError(
            f"“{value}” 的小数位过多，此项应填整数" if decimals == 0
            else f"“{value}” 的小数位过多，此项最多保留 {decimals} 位小数")
    return ReadNumber(number, notice)


def _plain(number: Decimal) -> str:
    """``number`` written as typed, without an exponent (75, 12.5)."""
    return format(number, "f")


def _percent_points(fraction: Decimal) -> Decimal:
    """The percentage a fraction stands for (0.16 -> 16), written without an exponent."""
    points = fraction.scaleb(2)
    exponent = points.as_tuple().exponent
    return points.quantize(Decimal(1)) if isinstance(exponent, int) and exponent > 0 else points


def _number_from_text(text: str, measure: str) -> tuple[Decimal, bool]:
    """The number ``text`` holds, and whether it was written with ``measure`` after it."""
    original = text
    text = "".join(unicodedata.normalize("NFKC", text).split())
    unit = "".join(unicodedata.normalize("NFKC", measure).split())
    with_measure = bool(unit) and text.endswith(unit) and text != unit
    if with_measure:
        text = text[: -len(unit)]
    if THOUSANDS.fullmatch(text):
        text = text.replace(",", "")
    if not text:
        raise CellValueError("未填写：请填写数字，本期没有的请填 0")
    if any(word in text for word in APPROXIMATE):
        raise CellValueError(f"“{original}” 是约数，请填写确切数字（如 2770），约数由汇报自动生成")
    if any(ch in CHINESE_DIGITS for ch in text):
        raise CellValueError(f"“{original}” 不是数字，请填写阿拉伯数字（如 2000）")
    if text.startswith("="):
        raise CellValueError(f"“{original}” 是公式文本，请直接填写计算结果")
    worded = NUMBER_WITH_WORD.fullmatch(text)
    if worded:
        expected = f"此项的计量单位是“{measure}”" if unit else "此项没有计量单位"
        raise CellValueError(f"“{original}” 中的“{worded.group(2)}”不是此项的计量单位，{expected}，请只填写数字")
    if not PLAIN_NUMBER.fullmatch(text):
        raise CellValueError(f"“{original}” 不是数字，请只填写阿拉伯数字（不用科学计数法），说明写在“说明”列")
    try:
        return Decimal(text), with_measure
    except InvalidOperation:
        raise CellValueError(f"“{original}” 不是数字，请只填写阿拉伯数字，说明写在“说明”列") from None


def parse_date(value: object) -> dt.date:
    """A date from a cell: a real date, an Excel serial number, or text such as
    2018-11-20, 2018/11/20, 2018.11.20, 2018年11月20日 or 20181120."""
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        if not 1 <= value < 2958466:
            raise CellValueError(f"“{value}” 不是日期，请填写如 2018-11-20")
        day = EXCEL_EPOCH + dt.timedelta(days=int(value))
    else:
        day = _date_from_text(clean_text(value))
    if not 2000 <= day.year <= 2100:
        raise CellValueError(f"“{day.isoformat()}” 年份不合理，请核对")
    return day


def _date_from_text(text: str) -> dt.date:
    normal = unicodedata.normalize("NFKC", text).strip()
    if not normal:
        raise CellValueError("未填写日期，请填写如 2018-11-20")
    match = TEXT_DATE.fullmatch(normal) or COMPACT_DATE.fullmatch(normal)
    try:
        if match:
            return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        pass
    raise CellValueError(f"“{text}” 不是有效日期，请填写如 2018-11-20")
