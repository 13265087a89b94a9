"""When each period's reports are due: the rule of the configuration (``deadline``,
``deadlines``) as a record that gives any period its 报送截止日期."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Protocol


class Period(Protocol):
    """A reporting month (``campaign.Period``, which holds the rule and so cannot be imported here)."""

    @property
    def year(self) -> int: ...

    @property
    def month(self) -> int: ...

    @property
    def key(self) -> str: ...


@dataclass(frozen=True)
class ReportingDeadline:
    """The rule giving each reporting period its deadline: day ``day`` (None: the last day) of
    the month ``months_after`` months after the period's own month (0: the same month, 1: the
    next), except the periods that ``dates`` gives a date of their own ("2019-01" -> 2019-02-12,
    for holidays). ``months_after`` None: only the periods in ``dates`` have a deadline."""

    months_after: int | None = 1
    day: int | None = None
    dates: tuple[tuple[str, dt.date], ...] = ()

    def of(self, period: Period) -> dt.date | None:
        """The deadline of ``period``, or None when the rule gives it none."""
        for key, date in self.dates:
            if key == period.key:
                return date
        if self.months_after is None:
            return None
        index = period.year * 12 + period.month - 1 + self.months_after
        year, month = index // 12, index % 12 + 1
        last = calendar.monthrange(year, month)[1]
        return dt.date(year, month, min(self.day or last, last))

    @staticmethod
    def fixed(date: dt.date, period: Period) -> ReportingDeadline:
        """The rule a single date stands for (the older form ``deadline = 2018-11-20``): that
        date is ``period``'s deadline, and every other period's is the same day, as many months
        after it (2018-12 is due 2018-12-20)."""
        months = (date.year * 12 + date.month) - (period.year * 12 + period.month)
        return ReportingDeadline(months, date.day)
