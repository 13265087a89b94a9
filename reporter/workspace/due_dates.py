"""The keys of 配置.toml that give each period its 报送截止日期: ``deadline`` (a rule such as
"次月5日", or a date as before) and ``deadlines`` (dates of their own for some periods)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from reporter.model import Period, ReportingDeadline
from reporter.workspace.schema import Field, Invalid, Report, shown

#: How a rule is written: 次月5日, 当月25日, 次月底, 当月底 (本月 and 下月 are read alike).
RULE = re.compile(r"(当月|本月|次月|下月)(?:(\d{1,2})日|底|末)(?:前)?")
MONTHS_AFTER = {"当月": 0, "本月": 0, "次月": 1, "下月": 1}
PERIOD_KEY = re.compile(r"(\d{4})-(\d{1,2})")
ACCEPTED = "“次月5日”“当月25日”“次月底”这样的规则，或一个日期（如 2018-11-20，不加引号）"


class DeadlineField(Field["dt.date | tuple[int, int | None] | None"]):
    """``deadline``: a rule, as (months after the period, day or None for the month's last),
    or a TOML date (the configured period's own deadline)."""

    def __init__(self) -> None:
        super().__init__(None)

    def check(self, value: object, where: str, report: Report) -> dt.date | tuple[int, int | None]:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        text = unicodedata.normalize("NFKC", value).replace(" ", "") if isinstance(value, str) else ""
        match = RULE.fullmatch(text)
        if not match:
            raise Invalid(f"“{shown(value)}” 不是可识别的截止日期，可写 {ACCEPTED}")
        day = int(match.group(2)) if match.group(2) else None
        if day is not None and not 1 <= day <= 31:
            raise Invalid(f"“{shown(value)}” 中的日子应在 1 到 31 之间（月份没有这一天时取该月最后一天）")
        return MONTHS_AFTER[match.group(1)], day


class PeriodDates(Field[tuple[tuple[str, dt.date], ...]]):
    """``deadlines``: periods with a deadline of their own, { "2019-01" = 2019-02-12 }."""

    def __init__(self) -> None:
        super().__init__(())

    def check(self, value: object, where: str, report: Report) -> tuple[tuple[str, dt.date], ...]:
        if not isinstance(value, dict):
            raise Invalid(f"“{shown(value)}” 应写成 {{ \"2019-01\" = 2019-02-12 }}（报送期 = 截止日期）")
        dates: list[tuple[str, dt.date]] = []
        for key, date in value.items():
            match = PERIOD_KEY.fullmatch(key.strip())
            if not match or not 1 <= int(match.group(2)) <= 12:
                report.fail(f"{where}.{key}", f"“{key}” 不是报送期，请写成 \"2019-01\"（年-月）")
            elif not isinstance(date, dt.date) or isinstance(date, dt.datetime):
                report.fail(f"{where}.{key}", f"“{shown(date)}” 不是日期，请写成 2019-02-12（不加引号）")
            else:
                dates.append((Period(int(match.group(1)), int(match.group(2))).key, date))
        return tuple(dates)


def reporting_deadline(deadline: dt.date | tuple[int, int | None] | None, period: Period,
                       dates: tuple[tuple[str, dt.date], ...]) -> ReportingDeadline | None:
    """The rule the keys give (``period``: the configured one, which a lone date belongs to);
    None when neither key is written."""
    if isinstance(deadline, dt.date):
        rule = ReportingDeadline.fixed(deadline, period)
    elif deadline is not None:
        rule = ReportingDeadline(*deadline)
    elif dates:
        rule = ReportingDeadline(None)
    else:
        return None
    return ReportingDeadline(rule.months_after, rule.day, dates)
