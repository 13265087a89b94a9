"""Where each unit stands in the period: 未报, 有误待改 or 已报送, from the versions and upload
attempts on record; 已报送（文件） for a unit with no version whose workbook was put into
inputs/<period>/ by hand (mailed in), found by its file name; and the days left to the deadline."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from reporter.model import Campaign, Unit
from reporter.pipeline import board
from reporter.web.storage import DATABASE_FILE, STATE_FOLDER, Attempt, Store, Version
from reporter.workspace import Workspace, open_workspace

NOT_REPORTED, TO_FIX, REPORTED, FILED = "未报", "有误待改", "已报送", "已报送（文件）"


@dataclass(frozen=True)
class UnitStatus:
    """A unit's state, its newest version and its latest upload attempt."""

    unit: Unit
    version: Version | None
    attempt: Attempt | None
    overdue: bool
    by_hand: bool = False  # a workbook of the unit is in inputs/ without a version on record
    late: str = ""  # 逾期报送（2018年11月22日报送，逾期2天） when its first version came after the deadline

    @property
    def state(self) -> str:
        if self.version is not None:
            return REPORTED
        if self.by_hand:
            return FILED
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


def units_on_file(ws: Workspace, campaign: Campaign) -> set[str]:
    """Codes of the units with a workbook in inputs/<period>/ named by their short or full name
    (as ``reporter links`` and the server save them, and as offices name mailed-in ones)."""
    folder = ws.submissions_dir(campaign)
    names = {p.stem for p in folder.glob("*.xlsx") if not p.name.startswith((".", "~$"))} if folder.is_dir() else set()
    return {u.code for u in campaign.units if u.short in names or u.name in names}


def late_label(store: Store, campaign: Campaign, unit: Unit) -> str:
    """逾期报送 with its date when the unit's first version of the period came after the
    deadline (a later correction does not make an on-time report late); "" otherwise."""
    versions = store.versions_of(campaign.period.key, unit.code)
    return board.late_label(campaign, unit, versions[-1].submitted_at.date()) if versions else ""


def statuses(store: Store, campaign: Campaign, today: dt.date, on_file: set[str] | None = None) -> list[UnitStatus]:
    """Every unit's status, in the configured order; ``on_file``: units with a workbook in inputs/."""
    period = campaign.period.key
    versions, attempts = store.latest_versions(period), store.latest_attempts(period)
    on_file = on_file or set()
    late = (days_left(campaign, today) or 0) < 0
    return [UnitStatus(unit, versions.get(unit.code), attempts.get(unit.code),
                       late and unit.code not in versions and unit.code not in on_file, unit.code in on_file,
                       late_label(store, campaign, unit) if unit.code in versions else "")
            for unit in campaign.units]


def unit_status(store: Store, campaign: Campaign, unit: Unit, today: dt.date, on_file: bool = False) -> UnitStatus:
    period = campaign.period.key
    versions = store.versions_of(period, unit.code)
    attempt = store.latest_attempts(period).get(unit.code)
    late = (days_left(campaign, today) or 0) < 0
    return UnitStatus(unit, versions[0] if versions else None, attempt, late and not versions and not on_file,
                      on_file, late_label(store, campaign, unit))


def refused_uploads(root: Path, today: dt.date) -> dict[str, int]:
    """Units of the workspace at ``root`` whose latest upload to the intake server was refused
    and who have no clean version, with that upload's number of problems; empty when the
    workspace has no intake records (none are created)."""
    if not os.environ.get("DATABASE_URL", "").strip() and not (root / STATE_FOLDER / DATABASE_FILE).is_file():
        return {}
    ws = open_workspace(root)
    store = Store.for_workspace(ws.root, must_exist=not os.environ.get("DATABASE_URL", "").strip())
    try:
        return refused(store, ws.campaign, today)
    finally:
        store.close()


def refused(store: Store, campaign: Campaign, today: dt.date) -> dict[str, int]:
    """Units 有误待改 in ``store`` with the number of problems of their latest upload."""
    return {s.unit.code: s.attempt.problems for s in statuses(store, campaign, today)
            if s.state == TO_FIX and s.attempt is not None}
