"""Contexts of the 责任分解表 and of each unit's 任务清单.

Every row carries its 类别. Merging the category cells over a block of rows would print the
category once, on the page where the block starts: Word and LibreOffice leave a merged cell
empty on the pages it continues onto, and where pages break is known only when the document
is laid out, so a "（续）" cannot be placed from here. A category on every row is on every page.
"""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

from reporter import cnfmt
from reporter.documents.report import CampaignFacts, campaign_facts
from reporter.documents.spec import DocumentSpec, Rendering, fixed
from reporter.figures.progress import LEGEND, TaskState
from reporter.model import Campaign, Task, Unit

STREET, DEPARTMENT = "街道", "部门"


class BreakdownContext(TypedDict):
    """What the 责任分解表 template can use."""

    活动: CampaignFacts
    标题: str
    表格: list[dict[str, str]]


class TaskListContext(TypedDict):
    """What a unit's 任务清单 template can use."""

    活动: CampaignFacts
    单位: dict[str, str]
    表格: list[dict[str, str]]
    牵头数: int
    配合数: int
    评定日期: str
    评定说明: str


BREAKDOWN = DocumentSpec("责任分解表", "责任分解表.docx", fixed(*BreakdownContext.__annotations__))
TASK_LIST = DocumentSpec("任务清单", "任务清单.docx", fixed(*TaskListContext.__annotations__),
                         per_unit=True, booklet_group="各单位任务清单")


def unit_names(campaign: Campaign, codes: tuple[str, ...], others: tuple[str, ...] = ()) -> str:
    """The units of ``codes`` by short name, joined with 、. Every street named (leaving out
    those among ``others``, the task's units in the other column) is written as the
    configured "各街道", every department as "各部门", each where its first unit would be."""
    groups = {STREET: campaign.all_streets, DEPARTMENT: campaign.all_departments}
    named = set(codes)
    whole: dict[str, str] = {}
    for kind, wording in groups.items():
        members = {u.code for u in campaign.units if u.kind == kind} - set(others)
        if wording and len(members) > 1 and members <= named:
            whole[kind] = wording
    names: list[str] = []
    for code in codes:
        unit = campaign.unit(code)
        if unit.kind in whole and code not in others:
            if whole[unit.kind] not in names:
                names.append(whole[unit.kind])
        else:
            names.append(unit.short)
    return "、".join(names)


def task_row(campaign: Campaign, task: Task) -> dict[str, str]:
    """One task as a table row of the 责任分解表."""
    return {
        "类别": task.category, "序号": str(task.seq), "任务": task.title, "措施": task.measures,
        "牵头单位": unit_names(campaign, task.leads, task.partners),
        "责任单位": unit_names(campaign, task.partners, task.leads),
        "责任领导": task.leader, "完成时限": task.deadline.text, "分值": "" if task.points is None else str(task.points),
        "备注": task.remark,
    }


def breakdown_context(campaign: Campaign, tasks: list[Task]) -> BreakdownContext:
    """The 责任分解表 context: one row per task, each with its category."""
    title = campaign.task_title or f"{campaign.region}“{campaign.name}”标准与责任分解表"
    return {"活动": campaign_facts(campaign), "标题": title, "表格": [task_row(campaign, t) for t in tasks]}


def unit_list_context(campaign: Campaign, unit: Unit, states: list[TaskState],
                      on: str = "") -> TaskListContext:
    """One unit's 任务清单: its lead tasks first, then those it shares, each with the unit's own
    progress and the rating of the unit's part (``figures.progress.RATING``); ``on`` is the
    day of rating as documents write it."""
    own = [s for s in states if unit.code in s.task.leads] + [s for s in states if unit.code in s.task.partners]
    rows = []
    for number, state in enumerate(own, start=1):
        report = state.report_of(unit.code)
        row = task_row(campaign, state.task)
        row.update({
            "编号": str(number), "角色": state.task.role_of(unit.code) or "",
            "本单位进展": state.progress_of(unit.code), "进展说明": report.note if report else "",
            "评定": state.rating_of(unit.code).text,
        })
        rows.append(row)
    leads = sum(1 for s in own if unit.code in s.task.leads)
    return {
        "活动": campaign_facts(campaign),
        "单位": {"全称": unit.name, "简称": unit.short},
        "表格": rows,
        "牵头数": leads,
        "配合数": len(own) - leads,
        "评定日期": on,
        "评定说明": LEGEND,
    }


def units_with_tasks(campaign: Campaign, tasks: list[Task]) -> list[Unit]:
    """Units that lead or share at least one task, in the order of the unit list."""
    involved = {code for t in tasks for code in t.leads + t.partners}
    return [u for u in campaign.units if u.code in involved]


def breakdown_rendering(campaign: Campaign, tasks: list[Task]) -> Rendering:
    """The 责任分解表 to render."""
    context = breakdown_context(campaign, tasks)
    return Rendering(context, context["标题"], BREAKDOWN.name)


def task_list_renderings(campaign: Campaign, tasks: list[Task], states: list[TaskState],
                         on: dt.date) -> list[Rendering]:
    """One 任务清单 per unit that leads or shares a task, rated on the day ``on``."""
    day = cnfmt.cn_date(on)
    return [Rendering(unit_list_context(campaign, unit, states, day), f"{unit.name}任务清单", unit.short)
            for unit in units_with_tasks(campaign, tasks)]
