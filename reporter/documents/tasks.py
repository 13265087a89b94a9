"""Contexts of the 责任分解表 and of each unit's 任务清单, with the table merges they need.

Merges of the category column are computed here (a ``CellMerge`` per category) and applied
after rendering, instead of nested ``{% vm %}`` tags.
"""

from __future__ import annotations

from typing import TypedDict

from reporter.documents.report import CampaignFacts, campaign_facts
from reporter.documents.spec import DocumentSpec, Rendering, fixed
from reporter.figures.progress import TaskState
from reporter.model import Campaign, CellMerge, Task, Unit

HEADER_ROWS = 1



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


BREAKDOWN = DocumentSpec("责任分解表", "责任分解表.docx", fixed(*BreakdownContext.__annotations__))
TASK_LIST = DocumentSpec("任务清单", "任务清单.docx", fixed(*TaskListContext.__annotations__),
                         per_unit=True, booklet_group="各单位任务清单")


def _names(campaign: Campaign, codes: tuple[str, ...]) -> str:
    return "、".join(campaign.unit(code).short for code in codes)


def task_row(campaign: Campaign, task: Task) -> dict[str, str]:
    """One task as a table row of the 责任分解表."""
    return {
        "类别": task.category, "序号": str(task.seq), "任务": task.title, "措施": task.measures,
        "牵头单位": _names(campaign, task.leads), "责任单位": _names(campaign, task.partners),
        "责任领导": task.leader, "完成时限": task.deadline.text, "分值": "" if task.points is None else str(task.points),
        "备注": task.remark,
    }


def breakdown_context(campaign: Campaign, tasks: list[Task]) -> tuple[BreakdownContext, list[CellMerge]]:
    """The 责任分解表 context (rows with the category shown once per block) and its merges."""
    rows, merges = [], []
    start = 0
    for index, task in enumerate(tasks):
        row = task_row(campaign, task)
        first_of_block = index == 0 or tasks[index - 1].category != task.category
        if first_of_block:
            start = index
        else:
            row["类别"] = ""
        rows.append(row)
        last_of_block = index == len(tasks) - 1 or tasks[index + 1].category != task.category
        if last_of_block and index > start:
            merges.append(CellMerge(0, 0, HEADER_ROWS + start, HEADER_ROWS + index))
    title = campaign.task_title or f"{campaign.region}“{campaign.name}”标准与责任分解表"
    return {"活动": campaign_facts(campaign), "标题": title, "表格": rows}, merges


def unit_list_context(campaign: Campaign, unit: Unit, states: list[TaskState]) -> TaskListContext:
    """One unit's 任务清单: its lead tasks first, then those it shares, with their progress."""
    own = [s for s in states if unit.code in s.task.leads] + [s for s in states if unit.code in s.task.partners]
    rows = []
    for number, state in enumerate(own, start=1):
        report = state.report_of(unit.code)
        row = task_row(campaign, state.task)
        row.update({
            "编号": str(number), "角色": state.task.role_of(unit.code) or "",
            "本单位进展": report.state if report else "未报送", "进展说明": report.note if report else "",
            "评定": state.verdict + (f"（逾期{state.days_late}天）" if state.days_late else ""),
        })
        rows.append(row)
    leads = sum(1 for s in own if unit.code in s.task.leads)
    return {
        "活动": campaign_facts(campaign),
        "单位": {"全称": unit.name, "简称": unit.short},
        "表格": rows,
        "牵头数": leads,
        "配合数": len(own) - leads,
    }


def units_with_tasks(campaign: Campaign, tasks: list[Task]) -> list[Unit]:
    """Units that lead or share at least one task, in the order of the unit list."""
    involved = {code for t in tasks for code in t.leads + t.partners}
    return [u for u in campaign.units if u.code in involved]


def breakdown_rendering(campaign: Campaign, tasks: list[Task]) -> Rendering:
    """The 责任分解表 to render."""
    context, merges = breakdown_context(campaign, tasks)
    return Rendering(context, context["标题"], BREAKDOWN.name, tuple(merges))


def task_list_renderings(campaign: Campaign, tasks: list[Task], states: list[TaskState]) -> list[Rendering]:
    """One 任务清单 per unit that leads or shares a task."""
    return [Rendering(unit_list_context(campaign, unit, states), f"{unit.name}任务清单", unit.short)
            for unit in units_with_tasks(campaign, tasks)]
