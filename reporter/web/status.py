"""Where each unit stands in the period: 未报, 有误待改 or 已报送, from the versions and upload
attempts on record; and the days left to the deadline."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from reporter.model import Campaign, Unit
from reporter.web.storage import DATABASE_FILE, STATE_FOLDER, Attempt, Store, Version
from reporter.workspace import open_workspace

NOT_REPORTED, TO_FIX, REPORTED = "未报", "有误待改", "已报送"


@dataclass(frozen=True)
class UnitStatus:
    """A unit's state, its newest version and its latest upload attempt."""

    unit: Unit
    version: Version | None
    attempt: Attempt | None
    overdue: bool

    @property
    def state(self) -> str:
        if self.version is not None:
            return REPORTED
        return TO_FIX if self.attempt is not None else NOT_REPORTED

    @property
    def last_upload_rejected(self) -> bool:
        """Whether the latest upload had problems (an earlier clean version may still stand)."""
        return self.attempt is not None and not self.attempt.accepted


def days_left(campaign: Campaign, today: dt.date) -> int | None:
    """Days from ``today`` to the deadline (negative once past), or None without one."""
    return None if campaign.deadline is None else (campaign.deadline - today).days


def deadline_text(campaign: Campaign, today: dt.date) -> str:
    """还剩3天 / 今天截止 / 已逾期7天 / 未设定截止日期."""
    left = days_left(campaign, today)
    if left is None:
        return "未设定截止日期"
    if left > 0:
        return f"还剩{left}天"
    return "今天截止" if left == 0 else f"已逾期{-left}天"


def statuses(store: Store, campaign: Campaign, today: dt.date) -> list[UnitStatus]:
    """Every unit's status, in the configured order."""
    period = campaign.period.key
    versions, attempts = store.latest_versions(period), store.latest_attempts(period)
    late = (days_left(campaign, today) or 0) < 0
    return [UnitStatus(unit, versions.get(unit.code), attempts.get(unit.code),
                       late and unit.code not in versions) for unit in campaign.units]


def unit_status(store: Store, campaign: Campaign, unit: Unit, today: dt.date) -> UnitStatus:
    period = campaign.period.key
    versions = store.versions_of(period, unit.code)
    attempt = store.latest_attempts(period).get(unit.code)
    late = (days_left(campaign, today) or 0) < 0
    return UnitStatus(unit, versions[0] if versions else None, attempt, late and not versions)


def refused_uploads(root: Path, today: dt.date) -> dict[str, int]:
    """Units of the workspace at ``root`` whose latest upload to the intake server was refused
    and who have no clean version, with that upload's number of problems; empty when the
    workspace has no intake records (none are created)."""
    if not os.environ.get("DATABASE_URL", "").strip() and not (root / STATE_FOLDER / DATABASE_FILE).is_file():
        return {}
    ws = open_workspace(root)
    store = Store.for_workspace(ws.root)
    try:
        return refused(store, ws.campaign, today)
    finally:
        store.close()


def refused(store: Store, campaign: Campaign, today: dt.date) -> dict[str, int]:
    """Units 有误待改 in ``store`` with the number of problems of their latest upload."""
    return {s.unit.code: s.attempt.problems for s in statuses(store, campaign, today)
            if s.state == TO_FIX and s.attempt is not None}
