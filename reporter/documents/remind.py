"""The 催报通知: which units have not reported for the period, or must correct what they sent,
as a short notice in GB/T 9704 form and as plain text for a work chat group."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TypedDict

from reporter import cnfmt
from reporter.documents.report import CampaignFacts, campaign_facts
from reporter.documents.spec import DocumentSpec, fixed
from reporter.model import Campaign, Unit


@dataclass(frozen=True)
class ReportingStatus:
    """Where the units stand for a period on a given day: who has not reported, and who sent a
    workbook with problems (with how many), in the order of the unit list."""

    campaign: Campaign
    as_of: dt.date
    missing: tuple[Unit, ...]
    faulty: tuple[tuple[Unit, int], ...]

    @property
    def chased(self) -> bool:
        """Whether any unit has to be chased."""
        return bool(self.missing or self.faulty)

    @property
    def days_overdue(self) -> int:
        """Days past the deadline on ``as_of`` (0 before or on it, or without a deadline)."""
        deadline = self.campaign.deadline
        return max((self.as_of - deadline).days, 0) if deadline else 0


class ReminderContext(TypedDict):
    """What the 催报通知 template can use."""

    活动: CampaignFacts
    标题: str
    主送: str
    报送期: str
    截止日期: str
    截至日期: str
    概况: str
    未报标题: str
    未报单位: str
    有误标题: str
    有误单位: str
    要求: str
    联系方式: str
    落款: str
    成文日期: str


REMINDER = DocumentSpec("催报通知", "催报通知.docx", fixed(*ReminderContext.__annotations__))


def _names(units: tuple[Unit, ...]) -> str:
    """东城街道（赵丽 0416-2110001）、团区委: each unit with its contact, where it has one."""
    return "、".join(f"{u.short}（{u.reached_by}）" if u.reached_by else u.short for u in units)


def _faulty_names(status: ReportingStatus) -> str:
    """区卫健局（2处问题，孙静 0416-2110003）: each unit with its count of problems and its contact."""
    return "、".join(f"{unit.short}（{count}处问题" + (f"，{unit.reached_by}" if unit.reached_by else "") + "）"
                    for unit, count in status.faulty)


def _deadline_text(status: ReportingStatus) -> str:
    """报送截止时间为2018年11月20日（已逾期7天）, or an empty string without a deadline."""
    deadline = status.campaign.deadline
    if deadline is None:
        return ""
    late = f"，已逾期{status.days_overdue}天" if status.days_overdue else ""
    return f"报送截止时间为{cnfmt.cn_date(deadline)}{late}"


def _request(status: ReportingStatus) -> str:
    """What the chased units are asked to do, and by when."""
    deadline = status.campaign.deadline
    when = f"于{cnfmt.cn_date(deadline)}前" if deadline and deadline >= status.as_of else "立即"
    asks = []
    if status.missing:
        asks.append("未报送的单位" + when + "报送")
    if status.faulty:
        asks.append("报送有误的单位按填报表检查结果逐项修改后" + when + "重新报送")
    return "，".join(asks)


def _contact(campaign: Campaign) -> str:
    rules = campaign.inspection
    contact, phone = (rules.contact, rules.phone) if rules else ("", "")
    parts = [f"联系人：{contact}"] if contact else []
    if phone:
        parts.append(f"联系电话：{phone}")
    return "，".join(parts) + "。" if parts else ""


def _overview(status: ReportingStatus) -> str:
    """截至…，应报单位19个，已报送17个，未报送2个，报送有误待修改1个。 — a count of none is left out."""
    total = len(status.campaign.units)
    counts = [f"应报单位{total}个", f"已报送{total - len(status.missing)}个"]
    if status.missing:
        counts.append(f"未报送{len(status.missing)}个")
    if status.faulty:
        counts.append(f"报送有误待修改{len(status.faulty)}个")
    deadline = _deadline_text(status)
    return (f"{deadline}。" if deadline else "") + f"截至{cnfmt.cn_date(status.as_of)}，" + "，".join(counts) + "。"


def _sections(status: ReportingStatus) -> tuple[str, str, str, str]:
    """Title and text of the sections present (未报送, 有误), empty for one that is not: with
    both, headed 一、 and 二、; a section alone has no heading (a lone 一、 reads as if its 二、
    had been lost) and names its units in one paragraph: 未报送的单位（1个）：团区委。"""
    missing = (f"未报送的单位（{len(status.missing)}个）", _names(status.missing) + "。") if status.missing else None
    faulty = (f"报送有误、待修改的单位（{len(status.faulty)}个）", _faulty_names(status) + "。") \
        if status.faulty else None
    if missing and faulty:
        return (cnfmt.heading(1, 1) + missing[0], missing[1], cnfmt.heading(2, 1) + faulty[0], faulty[1])
    missing_text = f"{missing[0]}：{missing[1]}" if missing else ""
    faulty_text = f"{faulty[0]}：{faulty[1]}" if faulty else ""
    return "", missing_text, "", faulty_text


def reminder_context(status: ReportingStatus) -> ReminderContext:
    """Everything the 催报通知 template can use; sections follow what is present."""
    campaign = status.campaign
    missing_title, missing_text, faulty_title, faulty_text = _sections(status)
    return {
        "活动": campaign_facts(campaign),
        "标题": f"关于催报{campaign.period.label}“{campaign.name}”工作情况的通知",
        "主送": "各有关单位",
        "报送期": campaign.period.label,
        "截止日期": cnfmt.cn_date(campaign.deadline) if campaign.deadline else "",
        "截至日期": cnfmt.cn_date(status.as_of),
        "概况": _overview(status),
        "未报标题": missing_title,
        "未报单位": missing_text,
        "有误标题": faulty_title,
        "有误单位": faulty_text,
        "要求": _request(status) + "。" if status.chased else "",
        "联系方式": _contact(campaign),
        "落款": campaign.office,
        "成文日期": cnfmt.cn_date(status.as_of),
    }


def reminder_text(status: ReportingStatus) -> str:
    """The reminder as plain text to paste into a work chat group."""
    campaign = status.campaign
    lines = [f"【催报】{campaign.period.label}“{campaign.name}”工作情况"]
    deadline = _deadline_text(status)
    lines.append((f"{deadline}。" if deadline else "") + f"截至{cnfmt.cn_date(status.as_of)}：")
    if status.missing:
        lines.append(f"未报送（{len(status.missing)}个）：{_names(status.missing)}")
    if status.faulty:
        lines.append(f"报送有误、待修改（{len(status.faulty)}个）：{_faulty_names(status)}")
    lines.append(f"请{_request(status)}。{_contact(campaign)}")
    lines.append(campaign.office)
    return "\n".join(lines)
