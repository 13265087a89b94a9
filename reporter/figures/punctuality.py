"""Whether a unit reported by its period's deadline: a report filed after it is 逾期报送, shown
with the day it came in (the office's board, ``reporter check``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reporter import cnfmt
from reporter.model import Campaign, Unit

LATE = "逾期报送"


@dataclass(frozen=True)
class LateReport:
    """A unit's report of the period that came in after its deadline: when, and how many days late."""

    unit: Unit
    submitted_on: dt.date
    days: int

    @property
    def label(self) -> str:
        """逾期报送（2018年11月22日报送，逾期2天）."""
        return f"{LATE}（{cnfmt.cn_date(self.submitted_on)}报送，逾期{self.days}天）"


def days_late(campaign: Campaign, submitted_on: dt.date) -> int:
    """Days ``submitted_on`` is past the deadline of the campaign's period (0: on time, or no deadline)."""
    deadline = campaign.deadline
    return max((submitted_on - deadline).days, 0) if deadline else 0


def late_report(campaign: Campaign, unit: Unit, submitted_on: dt.date | None) -> LateReport | None:
    """The unit's report as late, when ``submitted_on`` is after the period's deadline; else None."""
    if submitted_on is None:
        return None
    days = days_late(campaign, submitted_on)
    return LateReport(unit, submitted_on, days) if days else None
