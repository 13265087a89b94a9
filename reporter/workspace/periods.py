"""Choosing the period a command works on (``--period 2018-10``) instead of the configured one."""

from __future__ import annotations

import re
from dataclasses import replace

from reporter.errors import UsageError
from reporter.model import Campaign, Period


def campaign_for(campaign: Campaign, period: str | None) -> Campaign:
    """The campaign as of ``period`` ("2018-10"); the configured period when ``None``."""
    if period is None:
        return campaign
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", period.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise UsageError(f"--period “{period}” 不是有效的报送期，请写成年-月，如 --period 2018-11")
    chosen = Period(int(match.group(1)), int(match.group(2)))
    if campaign.start is not None and chosen.key < campaign.start.key:
        raise UsageError(f"--period {chosen.key} 早于活动起始期 {campaign.start.key}（配置文件 [campaign] start），"
                         "请选不早于它的月份")
    return replace(campaign, period=chosen)
