"""Reading 完成时限 as offices write them: 2018年12月底前, 2018年12月31日前, 长期坚持, 每月 …"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata

from reporter.model import Deadline, DeadlineKind

ONGOING_WORDS = ("长期坚持", "持续推进", "长期", "常态化")
RECURRING = {"每月": DeadlineKind.MONTHLY, "每季度": DeadlineKind.QUARTERLY}
MONTH_END = re.compile(r"(\d{4})年(\d{1,2})月(?:底|末)(?:前)?")
DAY = re.compile(r"(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?\s*(?:前|之前)?")
ACCEPTED = "2018年12月底前、2018年12月31日前、2018-12-31、长期坚持、持续推进、每月、每季度"


class DeadlineError(ValueError):
    """A 完成时限 that is none of the accepted forms."""


def parse_deadline(value: object) -> Deadline:
    """The deadline written in a cell (a real date or one of the accepted texts)."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return Deadline(DeadlineKind.DATE, f"{value.year}年{value.month}月{value.day}日前", value)
    text = unicodedata.normalize("NFKC", str(value or "")).strip()
    if not text:
        raise DeadlineError(f"未填写完成时限，可填写：{ACCEPTED}")
    if text in RECURRING:
        return Deadline(RECURRING[text], text)
    if text in ONGOING_WORDS:
        return Deadline(DeadlineKind.ONGOING, text)
    for pattern, build in ((MONTH_END, _month_end), (DAY, _day)):
        match = pattern.fullmatch(text)
        if match:
            try:
                return Deadline(DeadlineKind.DATE, text, build(*(int(g) for g in match.groups())))
            except ValueError:
                raise DeadlineError(f"“{text}” 不是有效日期，请核对年月日") from None
    raise DeadlineError(f"“{text}” 不是可识别的完成时限，可填写：{ACCEPTED}")


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _day(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, day)
