"""Figures across periods: the previous period (上期), the same period a year earlier (同期) and
running totals (累计) from the campaign's first period through the current one.

What 累计 means follows the indicator's aggregation:

- 合计: the sum of every period's total (each period's contribution is kept, for 数据来源);
- an indicator configured ``running = "最新"`` (a stock such as 常住人口): the latest period's figure;
- 最大值: the largest of the periods' figures;
- 平均值: the average of the periods' figures (each period counts once);
- 比率: the running total of the numerator over the running total of the denominator;
- a figure the office gives (``value``) is the same in every period: its 累计 is that value.

A period without inputs is not a zero: its figures have no total and name it in
``missing_periods``, so a document shows the gap (or refuses) instead of a wrong sum.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from reporter.figures.aggregate import combine, with_ratios
from reporter.model import Campaign, Figure, Indicator, Period


@dataclass(frozen=True)
class History:
    """The figures of every period read (the campaign's period among them), by period."""

    campaign: Campaign
    figures: Mapping[Period, dict[str, Figure]]

    def of(self, period: Period) -> dict[str, Figure]:
        """The figures of ``period``; without its inputs, empty figures naming it as missing."""
        if period in self.figures:
            return self.figures[period]
        return {i.code: Figure(i, None, period=period, missing_periods=(period,)) for i in self.campaign.indicators}

    @property
    def current(self) -> dict[str, Figure]:
        return self.of(self.campaign.period)

    @property
    def previous(self) -> dict[str, Figure]:
        """上期: the month before."""
        return self.of(self.campaign.period.shifted(-1))

    @property
    def year_before(self) -> dict[str, Figure]:
        """同期: the same month a year earlier."""
        return self.of(self.campaign.period.shifted(-12))

    def running(self) -> dict[str, Figure]:
        """累计: every indicator from the campaign's first period through the current one."""
        periods = self.campaign.first_period.through(self.campaign.period)
        by_period = [self.of(p) for p in periods]
        reported = {i.code: running_figure(i, [figures[i.code] for figures in by_period])
                    for i in self.campaign.base_indicators}
        return with_ratios(self.campaign, reported)


def periods_needed(campaign: Campaign) -> list[Period]:
    """The periods besides the current one that 累计, 上期 and 同期 may draw on, in order."""
    period = campaign.period
    wanted = set(campaign.first_period.through(period.shifted(-1))) | {period.shifted(-1), period.shifted(-12)}
    return sorted(wanted, key=lambda p: p.key)


def running_figure(indicator: Indicator, figures: list[Figure]) -> Figure:
    """The running total of one reported indicator over the periods' ``figures``, in order."""
    last = figures[-1].period
    if indicator.office_value is not None:
        return Figure(indicator, indicator.office_value, period=last, office=True)
    present = tuple(f for f in figures if not f.missing_periods)
    if indicator.running_latest:
        present = present[-1:]
    total = combine(indicator, [f.total for f in present if f.total is not None])
    contributions = tuple(c for f in present for c in f.contributions)
    missing = tuple(dict.fromkeys(code for f in present for code in f.missing))
    missing_periods = tuple(p for f in figures for p in f.missing_periods)
    return Figure(indicator, total, contributions, missing=missing, period=last, by_period=present,
                  missing_periods=missing_periods)
